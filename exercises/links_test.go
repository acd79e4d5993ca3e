package exercises_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// markdownLink matches the target of a relative Markdown link, without
// any #anchor.
var markdownLink = regexp.MustCompile(`\]\(([^)#:]+)(#[^)]*)?\)`)

// checkLinks requires every relative link in text to name a file or
// folder that exists, relative to dir.
func checkLinks(t *testing.T, name, dir, text string) {
	t.Helper()
	found := 0
	for _, m := range markdownLink.FindAllStringSubmatch(text, -1) {
		found++
		target := filepath.Join(dir, m[1])
		_, err := os.Stat(target)
		assert.NoError(t, err, "%s links to %s, which does not exist", name, m[1])
	}
	assert.Positive(t, found, "%s has no links", name)
}

// TestExerciseLinks checks the links of every exercise README and of the
// teachers' page, so that each concept guide an exercise names exists.
func TestExerciseLinks(t *testing.T) {
	files, err := filepath.Glob("*/README.md")
	require.NoError(t, err)
	files = append(files, "README.md", "../docs/teachers.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		checkLinks(t, f, filepath.Dir(f), string(data))
	}
}

// TestLearningPathLinks checks the README's learning path: every story,
// guide and exercise it links exists, and every exercise is on it.
func TestLearningPathLinks(t *testing.T) {
	data, err := os.ReadFile("../README.md")
	require.NoError(t, err)
	text := string(data)
	start := strings.Index(text, "\n## Learning path\n")
	require.GreaterOrEqual(t, start, 0, "README.md has no \"## Learning path\" section")
	section := text[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	checkLinks(t, "README.md#learning-path", "..", section)
	dirs, err := filepath.Glob("[0-9][0-9]-*")
	require.NoError(t, err)
	for _, d := range dirs {
		assert.Contains(t, section, "(exercises/"+d+"/README.md)", "the learning path leaves out exercise %s", d)
	}
}
