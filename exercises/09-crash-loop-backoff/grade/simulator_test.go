package grade_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/answer-key/09-crash-loop-backoff"
	"github.com/nodenucleus/nucleus/scenario"
)

// TestSimulatorAgrees runs a crash-looping pod in nucleus and checks that
// its RESTARTS column matches what the solution's Delay predicts, so the
// exercise teaches the rule the simulated kubelet follows.
//
// Reference: kubelet.md §3.4 (doBackOff: first restart at once, then
// waits of 10s, 20s, 40s, ... 300s measured from the previous exit).
func TestSimulatorAgrees(t *testing.T) {
	const runs = 5 * time.Second // the container sleeps 5s, then exits 1
	doc := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: agree
spec:
  duration: 10m
  expect:
`
	instants := []time.Duration{time.Minute, 3 * time.Minute, 10 * time.Minute}
	for _, at := range instants {
		n := predicted(runs, at)
		doc += fmt.Sprintf("  - {at: %s, pod: crash, restarts: {atLeast: %d, atMost: %d}}\n", at, n, n)
	}
	doc += `---
apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5; exit 1"]
`
	s, err := scenario.Load("agree.yaml", []byte(doc))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	for _, o := range r.Expectations {
		require.True(t, o.Passed, "simulated kubelet at %s: %s (saw %s)", o.At, o.Description, o.Saw)
	}
}

// predicted returns how many restarts solution.Delay gives by at, for a
// container that exits runs after each start.
func predicted(runs, at time.Duration) int {
	restarts, started := 0, time.Duration(0)
	for {
		next := started + runs + solution.Delay(restarts)
		if next > at {
			return restarts
		}
		restarts, started = restarts+1, next
	}
}
