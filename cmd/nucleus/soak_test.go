package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/simtest"
)

// soakGolden returns what a command wrote, as one text for a golden file.
func soakGolden(r result) string {
	return "exit: " + strconv.Itoa(r.code) + "\n--- stdout\n" + r.out + "--- stderr\n" + r.errOut
}

func TestSoakGolden(t *testing.T) {
	// A fake wall clock that moves a second at every reading: the progress
	// line (every 2s), the wall time and the throughput are the same on
	// every machine.
	clock := &fakeClock{step: time.Second}
	r := nucleusWithClock(t, clock, "soak", "--seeds", "2", "--from", "7", "--max-stores", "1")
	require.Equal(t, exitOK, r.code, "soak exit code; stderr: %s", r.errOut)
	assert.Contains(t, r.out, "2 seeds run (7 to 8): 2 passed, 0 failed", "soak summary")
	assert.Contains(t, r.errOut, "seeds/min", "soak progress line")
	golden(t, "soak-2-seeds.golden", soakGolden(r))
}

// TestSoakIsByteIdentical: the same soak twice prints the same bytes (not
// with -short: one seed's day twice, simulation alone).
func TestSoakIsByteIdentical(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	a := nucleusWithClock(t, &fakeClock{step: time.Second}, "soak", "--seeds", "1", "--from", "11", "--max-stores", "1")
	b := nucleusWithClock(t, &fakeClock{step: time.Second}, "soak", "--seeds", "1", "--from", "11", "--max-stores", "1")
	assert.Equal(t, a, b, "soak --seeds 1 --from 11 run twice gave different output")
}

// nothingRuns is a planted failure: an invariant that no real day keeps,
// since it says that no pod may ever be Running.
var nothingRuns = simtest.Invariant{
	Name: "planted-nothing-runs",
	Check: func(st simtest.Step) string {
		for _, p := range st.Cluster.Pods() {
			if p.Status.Phase == corev1.PodRunning {
				return "pod " + p.Name + " is Running"
			}
		}
		return ""
	},
}

// plantedSeed is a short day (3 objects, 7 actions) for the planted
// failure, so that shrinking it is quick.
const plantedSeed = 1

// soakPlanted runs `nucleus soak` for plantedSeed with the planted
// failure, writing to out (--out) or to standard output, and returns what
// it wrote.
func soakPlanted(t *testing.T, out string) result {
	t.Helper()
	o := &soakOptions{seeds: 1, from: plantedSeed, maxStores: 2, out: out, invariants: []simtest.Invariant{nothingRuns}}
	var stdout, stderr bytes.Buffer
	s := streams{in: strings.NewReader(""), out: &stdout, errOut: &stderr, clock: &fakeClock{step: time.Second}}
	code := exitOK
	if err := o.run(s); err != nil {
		code = report(&stderr, nil, err)
	}
	return result{out: stdout.String(), errOut: stderr.String(), code: code}
}

// plantedHeader is the line before the shrunk scenario on stdout.
const plantedHeader = "--- seed 1 (shrunk): run it with nucleus run FILE\n"

func TestSoakReportsAndShrinksAFailure(t *testing.T) {
	r := soakPlanted(t, "")
	assert.Equal(t, exitFailure, r.code, "soak with a planted failure exit code; stderr: %s", r.errOut)
	assert.Contains(t, r.out, "1 seed run (1 to 1): 0 passed, 1 failed", "summary")
	assert.Contains(t, r.out, "\nseed 1: planted-nothing-runs broken at ", "the violation line")
	assert.Contains(t, r.out, plantedHeader, "the header before the YAML")
	assert.Contains(t, r.errOut, "shrinking seed 1 (", "stderr says that shrinking began")
	assert.True(t, strings.HasSuffix(r.errOut, "error: 1 of 1 seed failed\n"), "last stderr line: %q", r.errOut)
	golden(t, "soak-planted.golden", soakGolden(r))

	// The YAML after the header is a scenario that still breaks the same
	// invariant, and is smaller than the day it came from.
	_, yml, ok := strings.Cut(r.out, plantedHeader)
	require.True(t, ok, "no YAML after the header")
	shrunk, err := scenario.Load("seed-1.yaml", []byte(yml))
	require.NoError(t, err, "the shrunk scenario does not load")
	rep := simtest.RunScenario(shrunk, nothingRuns)
	require.NotNil(t, rep.Violation, "the shrunk scenario breaks nothing")
	assert.Equal(t, nothingRuns.Name, rep.Violation.Invariant, "the shrunk scenario's violation")
	day := simtest.Generate(plantedSeed, simtest.Options{MaxStores: 2})
	assert.Less(t, len(shrunk.Objects)+len(shrunk.Spec.Actions), len(day.Objects)+len(day.Spec.Actions),
		"shrunk scenario is not smaller than the day")
	assert.Less(t, shrunk.Spec.Duration, day.Spec.Duration, "shrunk scenario is not shorter than the day")
}

func TestSoakOutWritesAFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "failures")
	r := soakPlanted(t, dir)
	assert.Equal(t, exitFailure, r.code, "soak --out exit code; stderr: %s", r.errOut)
	path := filepath.Join(dir, "seed-1.yaml")
	assert.Contains(t, r.out, "--- seed 1 (shrunk): wrote "+path+"; run it with nucleus run "+path+"\n", "soak --out stdout")
	assert.NotContains(t, r.out, "kind: Scenario", "soak --out still writes the YAML to stdout")
	data, err := os.ReadFile(path)
	require.NoError(t, err, "soak --out wrote no file")
	assert.True(t, strings.HasPrefix(string(data), "# nucleus soak --from 1 --seeds 1: planted-nothing-runs broken at "),
		"first line of %s: %q", path, strings.SplitN(string(data), "\n", 2)[0])
	// What --out writes is what stdout shows without it (the golden file).
	want, err := os.ReadFile(filepath.Join("testdata", "soak-planted.golden"))
	require.NoError(t, err)
	_, yml, _ := strings.Cut(string(want), plantedHeader)
	yml, _, _ = strings.Cut(yml, "--- stderr\n")
	assert.Equal(t, yml, string(data), "%s differs from the YAML on stdout in testdata/soak-planted.golden", path)
}

func TestSoakOutNotAFolder(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	r := nucleus(t, "", "soak", "--seeds", "1", "--out", file)
	assert.Equal(t, exitFailure, r.code, "soak --out FILE exit code")
	assert.True(t, strings.HasPrefix(r.errOut, "error: --out "+file+": cannot make the folder: "), "stderr: %q", r.errOut)
	assert.Empty(t, r.out, "soak --out FILE ran seeds anyway")
}

func TestSoakFlags(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"soak", "--seeds", "0"}, "error: --seeds: must be at least 1, got 0"},
		{[]string{"soak", "--seeds", "-3"}, `error: invalid argument "-3" for "--seeds" flag`},
		{[]string{"soak", "--from", "x"}, `error: invalid argument "x" for "--from" flag`},
		{[]string{"soak", "--max-stores", "0"}, "error: --max-stores: must be between 1 and 5000 (the most stores a chain can have), got 0"},
		{[]string{"soak", "--max-stores", "5001"}, "error: --max-stores: must be between 1 and 5000 (the most stores a chain can have), got 5001"},
		{[]string{"soak", "--shard", "2/2"}, `error: invalid argument "2/2" for "--shard" flag: the index I must be below N`},
		{[]string{"soak", "--from", "18446744073709551615", "--seeds", "2"},
			"error: --from: 2 seeds from 18446744073709551615 run past the largest seed"},
		{[]string{"soak", "extra"}, `error: unknown command "extra" for "nucleus soak"`},
	}
	for _, tt := range tests {
		r := nucleus(t, "", tt.args...)
		assert.Equal(t, exitUsage, r.code, "nucleus %v exit code", tt.args)
		assert.True(t, strings.HasPrefix(r.errOut, tt.want), "nucleus %v stderr = %q, want it to start with %q", tt.args, r.errOut, tt.want)
		assert.True(t, strings.HasSuffix(r.errOut, "\nSee 'nucleus soak --help' for usage.\n"), "nucleus %v hint: %q", tt.args, r.errOut)
		assert.Empty(t, r.out, "nucleus %v stdout", tt.args)
	}
}

func TestShrinkProgressEveryTwoSeconds(t *testing.T) {
	// A clock a second further on at every reading: a line every second run.
	var w bytes.Buffer
	clock := &fakeClock{step: time.Second}
	day := simtest.Generate(3, simtest.Options{MaxStores: 2})
	runs := 0 // a predicate that runs nothing: keep any day with an action
	fails := func(s *scenario.Scenario) bool { runs++; return len(s.Spec.Actions) > 0 }
	out := shrinkDay(&w, clock, 3, day, fails)
	lines := strings.Split(strings.TrimSuffix(w.String(), "\n"), "\n")
	require.GreaterOrEqual(t, len(lines), 3, "shrink progress: %q", w.String())
	assert.Equal(t, "shrinking seed 3 ("+daySize(day)+"); this can take a while", lines[0], "first line")
	assert.Equal(t, "shrunk seed 3 in "+plural(runs, "run")+": "+daySize(out), lines[len(lines)-1], "last line")
	assert.Len(t, lines, 2+runs/2, "progress lines for %d runs: %q", runs, lines)
	assert.Len(t, out.Spec.Actions, 1, "shrunk to the one action the predicate needs")
}
