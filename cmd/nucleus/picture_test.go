package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// nucleus picture writes the store picture the picture package draws,
// to a file or to standard output, and refuses anything but SVG.
func TestPictureCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "desk.svg")
	r := nucleus(t, "", "picture", "--at", "70s", "-o", file, exampleScenarios+"/readiness-desk.yaml")
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	got, err := os.ReadFile(file)
	require.NoError(t, err)
	want, err := os.ReadFile("../../picture/testdata/readiness-desk.svg")
	require.NoError(t, err)
	assert.Equal(t, string(want), string(got), "the command draws what the picture package's golden shows")

	r = nucleus(t, "", "picture", "--at", "70s", "-o", "-", exampleScenarios+"/readiness-desk.yaml")
	require.Equal(t, exitOK, r.code)
	assert.Equal(t, string(want), r.out)

	for _, args := range [][]string{
		{"picture", exampleScenarios + "/readiness-desk.yaml"},
		{"picture", "-o", "desk.png", exampleScenarios + "/readiness-desk.yaml"},
	} {
		r := nucleus(t, "", args...)
		assert.Equal(t, exitUsage, r.code, "%v", args)
		assert.True(t, strings.HasPrefix(r.errOut, "error: -o"), "%v: %s", args, r.errOut)
	}
}

// TestDocsStorePicturesAreUpToDate re-draws every picture under
// docs/img/store, named SCENARIO-at-DURATION.svg, byte for byte, so that
// the README and the guides show what nucleus picture draws today.
// Regenerate with -update.
func TestDocsStorePicturesAreUpToDate(t *testing.T) {
	docsPicturesUpToDate(t, "../../docs/img/store/*.svg", func(base, fresh string) []string {
		name, at, ok := strings.Cut(base, "-at-")
		require.True(t, ok, "%s.svg is not named SCENARIO-at-DURATION.svg", base)
		return []string{"picture", "--at", at, "-o", fresh, filepath.Join(exampleScenarios, name+".yaml")}
	})
}

// For a projector: --width wraps the narration with the times in a column
// of their own; --uids keeps the UIDs that are left out by default.
func TestRunForAProjector(t *testing.T) {
	crash := filepath.Join(exampleScenarios, "crash-loop.yaml")
	r := nucleus(t, "", "run", "--voice", "kubernetes", "--width", "64", "--for", "30s", crash)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	narration, _, _ := strings.Cut(r.out, "\nAt ")
	for _, line := range strings.Split(narration, "\n") {
		assert.LessOrEqual(t, len(line), 64, "%q", line)
	}
	assert.Contains(t, r.out, "in pod web_default\n", "the UID is left out")
	golden(t, "run-width.golden", r.out)

	r = nucleus(t, "", "run", "--voice", "kubernetes", "--uids", "--for", "30s", crash)
	assert.Regexp(t, `in pod web_default\([0-9a-f-]{36}\)\n`, r.out, "--uids keeps it")

	r = nucleus(t, "", "run", "--width", "20", crash)
	assert.Equal(t, exitUsage, r.code)
}
