package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// badDir holds the catalogue of bad input: each case is NAME.yaml (a
// manifest or scenario) or NAME.args (a command line, one argument a
// line), and NAME.golden holds what the command line made of it.
const badDir = "testdata/bad"

// badCase is one entry of the catalogue: the command lines to run.
type badCase struct {
	name string
	// file is the case's YAML, empty for an .args case.
	file     string
	commands [][]string
	// runs says the input is accepted, as the API server accepts it, and
	// must run bounded: a YAML case says so with a "# outcome: runs" line
	// among its leading comments.
	runs bool
}

// loadBadCases returns the catalogue, sorted by name. A YAML case runs
// `nucleus run FILE` unless its first lines say otherwise, one command a
// line: "# nucleus logs sh --at 10s FILE".
func loadBadCases(t *testing.T) []badCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(badDir, "*"))
	require.NoError(t, err)
	var cases []badCase
	for _, path := range paths {
		name, ext := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)), filepath.Ext(path)
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		switch ext {
		case ".args":
			args := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
			cases = append(cases, badCase{name: name, commands: [][]string{args}})
		case ".yaml":
			runs := strings.Contains(string(data), "\n"+outcomeRuns+"\n") || strings.HasPrefix(string(data), outcomeRuns+"\n")
			cases = append(cases, badCase{name: name, file: path, commands: yamlCommands(path, string(data)), runs: runs})
		case ".golden":
		default:
			t.Fatalf("%s: a case is NAME.yaml or NAME.args", path)
		}
	}
	sort.Slice(cases, func(i, j int) bool { return cases[i].name < cases[j].name })
	return cases
}

// outcomeRuns marks a YAML case whose input is accepted and must run to
// its end: a huge but legal number, clamped instead of overflowing.
const outcomeRuns = "# outcome: runs"

// yamlCommands returns the command lines a YAML case names in its
// leading "# nucleus ..." comments, with FILE standing for path; `run
// path` when it names none.
func yamlCommands(path, text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(text, "\n") {
		if line == outcomeRuns {
			continue
		}
		rest, ok := strings.CutPrefix(line, "# nucleus ")
		if !ok {
			break
		}
		args := strings.Fields(rest)
		for i, a := range args {
			if a == "FILE" {
				args[i] = path
			}
		}
		out = append(out, args)
	}
	if len(out) == 0 {
		out = [][]string{{"run", path}}
	}
	return out
}

// TestBadInput runs every case of the catalogue through the command line
// and compares what it wrote with NAME.golden (rewrite with -update). None
// panics. A refused case prints one error line (plus the --help hint for
// a bad command line) that names the file or the flag; only warnings
// about fields nucleus does not simulate may come before it. A case marked
// "# outcome: runs" (a huge but legal number) must run to its end. A shell script
// that does not parse is not refused: the container runs, its log shows
// the shell's error, and it exits with 2, as busybox's sh does. With
// -short (CI's race detector run), the cases that run a program to a
// bound (cpu-, mem-, log-, depth-: simulation alone, minutes under the
// race detector) are left to the run without it.
func TestBadInput(t *testing.T) {
	cases := loadBadCases(t)
	require.GreaterOrEqual(t, len(cases), 50, "the catalogue of bad input has %d cases", len(cases))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if testing.Short() && (isOutcomeCase(c.name) || strings.HasPrefix(c.name, "cpu-")) {
				t.Skip("runs a program to its bound: not with -short")
			}
			var b strings.Builder
			for _, args := range c.commands {
				r := nucleus(t, "", args...)
				b.WriteString("$ nucleus " + strings.Join(args, " ") + "\nexit: " + strconv.Itoa(r.code) + "\n")
				if r.out != "" {
					b.WriteString("--- stdout\n" + r.out)
				}
				b.WriteString("--- stderr\n" + r.errOut)
				switch {
				case strings.HasPrefix(c.name, "shell-"):
					checkShellCase(t, c, args, r)
				case c.runs || strings.HasPrefix(c.name, "cpu-") || isOutcomeCase(c.name):
					checkRuns(t, args, r)
				default:
					checkRefused(t, c, args, r)
				}
			}
			if strings.HasPrefix(c.name, "cpu-") {
				checkWants(t, c, b.String())
			}
			if isOutcomeCase(c.name) {
				checkOutcome(t, c)
			}
			golden(t, filepath.Join("bad", c.name+".golden"), b.String())
		})
	}
}

// checkRefused asserts that the command refused the case: exit 1 with one
// error line naming the file, or exit 2 with the error and the hint.
func checkRefused(t *testing.T, c badCase, args []string, r result) {
	t.Helper()
	require.NotEqual(t, exitOK, r.code, "nucleus %v accepted bad input; stdout: %s", args, r.out)
	assert.Empty(t, r.out, "nucleus %v stdout", args)
	lines := strings.Split(strings.TrimSuffix(r.errOut, "\n"), "\n")
	for len(lines) > 1 && strings.HasPrefix(lines[0], "warning: ") {
		lines = lines[1:] // a field nucleus does not simulate, named before the error
	}
	assert.True(t, strings.HasPrefix(lines[0], "error: "), "nucleus %v: first stderr line %q lacks error:", args, lines[0])
	want := 1
	if r.code == exitUsage {
		want = 2
		assert.Regexp(t, `^See 'nucleus( [a-z]+)* --help' for usage\.$`, lines[len(lines)-1], "nucleus %v hint line", args)
	}
	assert.Len(t, lines, want, "nucleus %v stderr lines: %q", args, r.errOut)
	if c.file != "" {
		assert.Contains(t, lines[0], c.file, "nucleus %v: the error does not name the file", args)
	}
}

// checkRuns asserts that an accepted case ran to its end: exit 0, and
// nothing on standard error but warnings and kubectl's "No resources
// found".
func checkRuns(t *testing.T, args []string, r result) {
	t.Helper()
	require.Equal(t, exitOK, r.code, "nucleus %v exit code; stderr: %s", args, r.errOut)
	for _, line := range strings.Split(strings.TrimSuffix(r.errOut, "\n"), "\n") {
		if line != "" {
			assert.True(t, strings.HasPrefix(line, "warning: ") || strings.HasPrefix(line, "No resources found"), "nucleus %v stderr line %q", args, line)
		}
	}
}

// checkShellCase asserts that `logs` shows busybox's syntax error, and
// that the container exited with 2.
func checkShellCase(t *testing.T, c badCase, args []string, r result) {
	t.Helper()
	require.Equal(t, exitOK, r.code, "nucleus %v exit code; stderr: %s", args, r.errOut)
	if args[0] != "logs" {
		return
	}
	assert.Regexp(t, `^sh: (arithmetic )?syntax error`, r.out, "nucleus %v: the log lacks the shell's error", args)
	st := onlyContainer(t, c.file, "10s")
	term := st.State.Terminated
	if term == nil {
		term = st.LastTerminationState.Terminated
	}
	require.NotNil(t, term, "%s: the container has not exited by 10s: %+v", c.file, st.State)
	assert.Equal(t, int32(2), term.ExitCode, "%s: the container's exit code", c.file)
}

// checkWants asserts that what the commands of a case printed holds each
// of the case's "# want: TEXT" lines: a program that spins or works hard
// must still end where Kubernetes would, in virtual time (a pod Running,
// Completed, a probe timed out), and the run must end at all.
func checkWants(t *testing.T, c badCase, out string) {
	t.Helper()
	data, err := os.ReadFile(c.file)
	require.NoError(t, err)
	var wants int
	spaced := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	for _, line := range strings.Split(string(data), "\n") {
		if want, ok := strings.CutPrefix(line, "# want: "); ok {
			wants++
			assert.Contains(t, spaced(out), spaced(want), "%s: the output lacks what the case wants (spaces aside)", c.file)
		}
	}
	assert.NotZero(t, wants, "%s: a cpu- case says what it wants (# want: TEXT)", c.file)
}

// isOutcomeCase reports the cases of a program that hits a bound a node
// puts on it (memory, logs, nesting): the command line runs them, and the
// container ends as its "# outcome:" line says.
func isOutcomeCase(name string) bool {
	for _, prefix := range []string{"mem-", "log-", "depth-"} {
		if strings.HasPrefix(name, prefix) {
			return true
		}
	}
	return false
}

// checkOutcome asserts the container's state at the time of the case's
// first command: "# outcome: Running", or "# outcome: REASON CODE" for its
// (last) termination, e.g. "OOMKilled 137".
func checkOutcome(t *testing.T, c badCase) {
	t.Helper()
	data, err := os.ReadFile(c.file)
	require.NoError(t, err)
	var want string
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "# outcome: "); ok {
			want = rest
		}
	}
	require.NotEmpty(t, want, "%s: no # outcome: line", c.file)
	at := "1m"
	for i, a := range c.commands[0] {
		if a == "--at" {
			at = c.commands[0][i+1]
		}
	}
	st := onlyContainer(t, c.file, at)
	if want == "Running" {
		assert.NotNil(t, st.State.Running, "%s: the container at %s: %+v", c.file, at, st.State)
		return
	}
	term := st.State.Terminated
	if term == nil {
		term = st.LastTerminationState.Terminated
	}
	require.NotNil(t, term, "%s: the container has not exited by %s: %+v", c.file, at, st.State)
	assert.Equal(t, want, term.Reason+" "+strconv.Itoa(int(term.ExitCode)), "%s: how the container ended", c.file)
}

// onlyContainer returns the status, at time at, of the one container of
// the one pod that file makes.
func onlyContainer(t *testing.T, file, at string) corev1.ContainerStatus {
	t.Helper()
	j := nucleus(t, "", "get", "pods", "-o", "json", "--at", at, file)
	require.Equal(t, exitOK, j.code, "get pods -o json %s: %s", file, j.errOut)
	var list struct{ Items []corev1.Pod }
	require.NoError(t, json.Unmarshal([]byte(j.out), &list))
	require.Len(t, list.Items, 1, "pods of %s", file)
	st := list.Items[0].Status.ContainerStatuses
	require.Len(t, st, 1, "container statuses of %s", file)
	return st[0]
}
