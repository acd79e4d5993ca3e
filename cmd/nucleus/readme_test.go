package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readmeCommandRow matches a row of README's command table and captures the
// command line in its first cell.
var readmeCommandRow = regexp.MustCompile("^\\| `(nucleus [^`]*)` \\|")

// readmeCommands returns the command lines of the table in README's "The
// command line" section.
func readmeCommands(t *testing.T) []string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err, "reading README.md")
	text := string(data)
	start := strings.Index(text, "\n## The command line\n")
	require.GreaterOrEqual(t, start, 0, "README.md has no \"## The command line\" section")
	section := text[start+1:]
	if end := strings.Index(section, "\n## "); end >= 0 {
		section = section[:end]
	}
	var lines []string
	for _, line := range strings.Split(section, "\n") {
		if m := readmeCommandRow.FindStringSubmatch(line); m != nil {
			lines = append(lines, strings.ReplaceAll(m[1], `\|`, "|"))
		}
	}
	return lines
}

// commandPaths returns the command paths a README command line names: the
// words after "nucleus" up to the first flag, bracket or upper-case
// placeholder, with "a|b" standing for each alternative.
func commandPaths(line string) [][]string {
	paths := [][]string{{}}
	for _, word := range strings.Fields(line)[1:] {
		if strings.ContainsAny(word[:1], "[-") || strings.ToUpper(word) == word {
			break
		}
		var next [][]string
		for _, p := range paths {
			for _, alt := range strings.Split(word, "|") {
				next = append(next, append(append([]string(nil), p...), alt))
			}
		}
		paths = next
	}
	return paths
}

func TestReadmeCommandsExist(t *testing.T) {
	// Every command README's table names is a command of the cobra tree,
	// so the docs cannot drift from the command line.
	lines := readmeCommands(t)
	require.GreaterOrEqual(t, len(lines), 7, "README command table rows: %q", lines)
	root := newRootCommand(streams{in: strings.NewReader(""), out: &bytes.Buffer{}, errOut: &bytes.Buffer{}})
	for _, line := range lines {
		for _, path := range commandPaths(line) {
			require.NotEmpty(t, path, "README row %q names no command", line)
			cmd, rest, err := root.Find(path)
			if assert.NoError(t, err, "README row %q: nucleus %v", line, path) {
				assert.Empty(t, rest, "README row %q: nucleus %v is not a command (left %v)", line, path, rest)
				assert.NotEqual(t, root, cmd, "README row %q: nucleus %v", line, path)
			}
		}
	}
}

func TestCommandPaths(t *testing.T) {
	tests := []struct {
		line string
		want [][]string
	}{
		{"nucleus version", [][]string{{"version"}}},
		{"nucleus run [--seed N] FILE...", [][]string{{"run"}}},
		{"nucleus get pods|svc [-o wide|json] FILE...", [][]string{{"get", "pods"}, {"get", "svc"}}},
		{"nucleus logs POD [-c CONTAINER] FILE...", [][]string{{"logs"}}},
		{"nucleus proxy rules --store NAME FILE...", [][]string{{"proxy", "rules"}}},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, commandPaths(tt.line), "commandPaths(%q)", tt.line)
	}
}
