package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/simtest"
)

// TestPanicInSimulationIsOneLine injects a panic into the simulation, as a
// bug in nucleus would raise one, and checks what the learner sees: one
// line, "error: internal: ...", naming the seed and a file that holds the
// details (args, seed, the panic and its stack), and exitInternal, which is
// neither a failure nor a usage error.
func TestPanicInSimulationIsOneLine(t *testing.T) {
	injectPanic = func() { panic("index out of range [3] with length 3") }
	t.Cleanup(func() { injectPanic = nil })
	for _, args := range [][]string{
		{"run", "--seed", "42", busybox},
		{"get", "pods", "--seed", "42", busybox},
		{"check", "--seed", "42", busybox},
	} {
		dir := t.TempDir()
		var out, errOut bytes.Buffer
		code := execute(args, streams{in: strings.NewReader(""), out: &out, errOut: &errOut, clock: systemClock{}, crashDir: dir})
		require.Equal(t, exitInternal, code, "nucleus %v exit code; stderr: %s", args, errOut.String())
		assert.NotEqual(t, exitUsage, exitInternal)
		assert.NotEqual(t, exitFailure, exitInternal)
		lines := strings.Split(strings.TrimSuffix(errOut.String(), "\n"), "\n")
		require.Len(t, lines, 1, "nucleus %v stderr: %q", args, errOut.String())
		assert.Regexp(t, `^error: internal: index out of range \[3\] with length 3 \(seed 42\); this is a bug in nucleus, not in your input: details in .*nucleus-crash-[0-9]+\.txt; please report it at https://`, lines[0])
		path := regexp.MustCompile(`details in (\S+);`).FindStringSubmatch(lines[0])[1]
		assert.Equal(t, dir, filepath.Dir(path), "the details go to the crash folder")
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		details := string(data)
		assert.Contains(t, details, "seed: 42\n")
		assert.Contains(t, details, `args: ["`+strings.Join(args, `" "`)+`"]`)
		assert.Contains(t, details, "panic: index out of range [3] with length 3\n")
		assert.Contains(t, details, "goroutine ", "the details hold the stack")
		assert.Contains(t, details, "crash_test.go", "the stack reaches the code that panicked")
	}
}

// TestPanicDetailsUnwritable: when the details cannot be written, the one
// line says so, and still names the seed and where to report.
func TestPanicDetailsUnwritable(t *testing.T) {
	injectPanic = func() { panic("boom") }
	t.Cleanup(func() { injectPanic = nil })
	var out, errOut bytes.Buffer
	missing := filepath.Join(t.TempDir(), "no-such-folder")
	code := execute([]string{"run", busybox}, streams{in: strings.NewReader(""), out: &out, errOut: &errOut, clock: systemClock{}, crashDir: missing})
	require.Equal(t, exitInternal, code)
	assert.Regexp(t, `^error: internal: boom \(seed 1\); this is a bug in nucleus, not in your input: details could not be written: .*no-such-folder.*; please report it at https://\S+\n$`, errOut.String())
}

// A day of a soak that panics is a failing seed, not the end of the soak:
// the seed is named, its stack goes to a crash file, and the day is
// written as generated, to run again.
func TestSoakSeedThatPanics(t *testing.T) {
	dir := t.TempDir()
	boom := simtest.Invariant{Name: "boom", Check: func(simtest.Step) string { panic("boom") }}
	o := &soakOptions{seeds: 2, from: 1, maxStores: 1, invariants: []simtest.Invariant{boom}}
	var stdout, stderr bytes.Buffer
	s := streams{in: strings.NewReader(""), out: &stdout, errOut: &stderr, clock: &fakeClock{step: time.Second}, crashDir: dir}
	err := o.run(s)
	require.Error(t, err)
	assert.Equal(t, "2 of 2 seeds failed", err.Error())
	out := stdout.String()
	assert.Contains(t, out, "seed 1: the day could not be run: panic: boom\n  this is a bug in nucleus: details in "+dir)
	assert.Contains(t, out, "seed 2: the day could not be run: panic: boom\n")
	assert.Contains(t, out, "--- seed 2 (as generated): run it with nucleus run FILE\n")
	files, _ := filepath.Glob(filepath.Join(dir, "nucleus-crash-*.txt"))
	assert.Len(t, files, 2, "one crash file a seed")
}
