package cluster

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

func busybox(name string, policy corev1.RestartPolicy, script string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: corev1.PodSpec{
			RestartPolicy: policy,
			Containers: []corev1.Container{{
				Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", script},
			}},
		},
	}
}

func record(c *Cluster) *[]string {
	var lines []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) { lines = append(lines, r.String()) }))
	return &lines
}

func TestSleepThenSucceed(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	lines := record(c)
	require.NoError(t, c.Apply(busybox("sleeper", corev1.RestartPolicyNever, "sleep 30")))
	c.RunFor(10 * time.Second)
	p, err := c.Pod("default", "sleeper")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
	require.NotNil(t, p.Status.ContainerStatuses[0].State.Running)
	c.RunUntil(sim.Time(time.Minute))
	p, err = c.Pod("default", "sleeper")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodSucceeded, p.Status.Phase)
	term := p.Status.ContainerStatuses[0].State.Terminated
	require.NotNil(t, term)
	assert.Equal(t, int32(0), term.ExitCode)
	assert.Equal(t, "Completed", term.Reason)
	assert.Contains(t, strings.Join(*lines, "\n"), "00:00:31 store-1 kubelet PhaseChanged pod/sleeper Pod phase Running -> Succeeded")
}

// TestSameSeedSameRecord runs the same chain twice and compares every
// record, byte for byte.
func TestSameSeedSameRecord(t *testing.T) {
	runOnce := func(seed uint64) string {
		c, err := New(Config{Seed: seed, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}, {Name: "store-3"}}})
		require.NoError(t, err)
		var buf bytes.Buffer
		c.Subscribe(sim.JSONLinesObserver(&buf))
		for i := 0; i < 6; i++ {
			require.NoError(t, c.Apply(busybox(fmt.Sprintf("p%d", i), corev1.RestartPolicyAlways, "sleep 3; exit 1")))
		}
		c.RunFor(2 * time.Minute)
		require.NoError(t, c.DeletePod("default", "p0", nil))
		c.RunFor(time.Minute)
		return buf.String()
	}
	a, b := runOnce(7), runOnce(7)
	require.NotEmpty(t, a)
	assert.Equal(t, a, b, "two runs with seed 7 differ")
	assert.NotEqual(t, a, runOnce(8), "seeds 7 and 8 gave the same run: the seed reaches nothing")
}

// Reference: kubelet.md §3.4: the first restart is at once, then the
// container waits 10s, 20s, 40s ... after it last finished.
func TestCrashLoopRestartIntervals(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	var started []sim.Time
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "Started" {
			started = append(started, r.Time)
		}
	}))
	require.NoError(t, c.Apply(busybox("web", corev1.RestartPolicyAlways, "sleep 5; exit 1")))
	c.RunFor(4 * time.Minute)
	require.GreaterOrEqual(t, len(started), 6)
	// Each instance runs 5s, so the gap between starts is 5s plus the wait
	// before the restart (plus up to 1s for the relist to notice the first
	// exit, when there is no back-off to wait for).
	var waits []time.Duration
	for i := 1; i < len(started); i++ {
		waits = append(waits, started[i].Sub(started[i-1])-5*time.Second)
	}
	assert.Less(t, waits[0], time.Second, "first restart should be at once")
	for i, want := range []time.Duration{10, 20, 40, 80} {
		assert.Equal(t, want*time.Second, waits[i+1], "wait before restart %d", i+2)
	}
	p, err := c.Pod("default", "web")
	require.NoError(t, err)
	cs := p.Status.ContainerStatuses[0]
	require.NotNil(t, cs.State.Waiting, "between restarts the container waits")
	assert.Equal(t, "CrashLoopBackOff", cs.State.Waiting.Reason)
	assert.Regexp(t, `^back-off (2m40s|1m20s) restarting failed container=app pod=web_default\(`, cs.State.Waiting.Message)
	assert.Equal(t, "Error", cs.LastTerminationState.Terminated.Reason)
}
