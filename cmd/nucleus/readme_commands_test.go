package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// readmeExamples returns every nucleus command line in README's sh code
// blocks, each with the folder it runs in (relative to the repository,
// following the `cd` lines), as a newcomer would type them.
func readmeExamples(t *testing.T) (dirs []string, commands [][]string) {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	require.NoError(t, err)
	inBlock, dir := false, "."
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(line, "```sh"):
			inBlock, dir = true, "."
			continue
		case strings.HasPrefix(line, "```"):
			inBlock = false
			continue
		case !inBlock:
			continue
		}
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 2 && fields[0] == "cd":
			dir = filepath.Join(dir, fields[1])
		case len(fields) >= 3 && fields[0] == "go" && fields[1] == "run" && (fields[2] == "./cmd/nucleus" || fields[2] == "../"):
			dirs = append(dirs, dir)
			commands = append(commands, fields[3:])
		}
	}
	return dirs, commands
}

// TestReadmeExamplesWork runs every `go run ./cmd/nucleus ...` line of the
// README from the folder it names, so that every command a newcomer copies
// works as written. A command that writes a file writes it to a temporary
// folder instead, and --pace (which sleeps in real time, and has tests of
// its own with a fake clock) is left out.
func TestReadmeExamplesWork(t *testing.T) {
	dirs, commands := readmeExamples(t)
	require.NotEmpty(t, commands, "README shows no nucleus commands")
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	here, err := os.Getwd()
	require.NoError(t, err)
	defer func() { require.NoError(t, os.Chdir(here)) }()
	for i, args := range commands {
		args = withoutPace(args)
		for j := 0; j+1 < len(args); j++ {
			if args[j] == "-o" && strings.Contains(args[j+1], ".") {
				args[j+1] = filepath.Join(t.TempDir(), filepath.Base(args[j+1]))
			}
		}
		require.NoError(t, os.Chdir(filepath.Join(root, dirs[i])))
		r := nucleus(t, "", args...)
		require.Equal(t, exitOK, r.code, "README: (in %s) nucleus %s\nstderr: %s", dirs[i], strings.Join(args, " "), r.errOut)
	}
}

// withoutPace returns a copy of args without a --pace flag and its value.
func withoutPace(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		if args[i] == "--pace" {
			i++
			continue
		}
		if strings.HasPrefix(args[i], "--pace=") {
			continue
		}
		out = append(out, args[i])
	}
	return out
}
