package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiffGolden(t *testing.T) {
	// Two scenarios that differ in one line: the job's exit code. Under
	// restartPolicy OnFailure exit 1 restarts the container with a
	// back-off; exit 0 completes the pod. Reference: kubelet.md §1.1 (phase
	// Succeeded), §3 (restart and back-off), §7.1 (STATUS column).
	r := nucleus(t, "", "diff", "testdata/diff-a.yaml", "testdata/diff-b.yaml")
	require.Equal(t, exitOK, r.code, "diff exit code; stderr: %s", r.errOut)
	assert.Empty(t, r.errOut, "diff stderr")
	assert.True(t, strings.HasPrefix(r.out, "--- testdata/diff-a.yaml\n+++ testdata/diff-b.yaml\n@@ the narrations part at 00:00:06, "),
		"diff headers: %q", r.out)
	assert.Contains(t, r.out, "\n-00:00:06 store-1 # kubelet ContainerExited pod/job Container work exited with code 1 (Error)\n", "diff A side")
	assert.Contains(t, r.out, "\n+00:00:06 store-1 # kubelet ContainerExited pod/job Container work exited with code 0 (Completed)\n", "diff B side")
	assert.Regexp(t, `\njob +Running +\d+ \(\d+s ago\) +CrashLoopBackOff +Succeeded +0 +Completed\n`, r.out, "diff pod table")
	golden(t, "diff-job.golden", r.out)
}

func TestDiffSameScenario(t *testing.T) {
	r := nucleus(t, "", "diff", "testdata/diff-a.yaml", "testdata/diff-a.yaml")
	require.Equal(t, exitOK, r.code, "diff of a file with itself exit code; stderr: %s", r.errOut)
	assert.Regexp(t, `^The narrations of testdata/diff-a.yaml and testdata/diff-a.yaml are the same \(\d+ lines\)\.\n`, r.out,
		"diff of a file with itself")
}

func TestDiffSeed(t *testing.T) {
	// Both run with A's seed (7 in seeded.yaml), or with --seed: the same
	// file with itself under any seed never parts.
	for _, args := range [][]string{
		{"diff", "testdata/seeded.yaml", busybox},
		{"diff", "--seed", "3", "--for", "20s", "testdata/seeded.yaml", "testdata/seeded.yaml"},
	} {
		r := nucleus(t, "", args...)
		require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", args, r.errOut)
		if args[1] == "--seed" {
			assert.Contains(t, r.out, "are the same", "%v", args)
			assert.Contains(t, r.out, "\nAt 00:00:20:\n", "%v", args)
		} else {
			// busybox runs with seed 7: its pod's IP is not seed 1's.
			assert.Contains(t, r.out, "+++ "+busybox, "%v", args)
		}
	}
}
