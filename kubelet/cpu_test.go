package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// Reference: pkg/kubelet/cri/remote/remote_runtime.go ExecSync (a
// DeadlineExceeded from the runtime becomes `command "..." timed out`) and
// pkg/probe/exec/exec.go (a TimeoutError is a probe Failure whose output is
// that message); pkg/kubelet/prober/prober.go records it as the Unhealthy
// event "Liveness probe failed: ...". A probe command that spins never
// answers: it fails at timeoutSeconds, and after failureThreshold (3)
// failures the container is killed and restarted.
func TestExecProbeThatNeverFinishesTimesOut(t *testing.T) {
	busy := []string{"sh", "-c", "while true; do :; done"}
	c := sleeper("app")
	c.LivenessProbe = &corev1.Probe{
		ProbeHandler:   corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: busy}},
		TimeoutSeconds: 2, PeriodSeconds: 10, FailureThreshold: 3, SuccessThreshold: 1,
	}
	r := newRun(t, cluster.Config{}, podOf("spin-probe", 30, c))
	r.c.RunFor(time.Minute)

	unhealthy := r.find("Unhealthy", "spin-probe")
	require.GreaterOrEqual(t, len(unhealthy), 3, "three probe failures in a minute")
	for _, rec := range unhealthy {
		assert.Equal(t, `Liveness probe failed: command "sh -c while true; do :; done" timed out`, rec.Message)
	}
	assert.Equal(t, 10*time.Second, unhealthy[1].Time.Sub(unhealthy[0].Time), "one failure a period")
	killing := r.find("Killing", "spin-probe")
	require.NotEmpty(t, killing, "the container is killed after three failures")
	assert.Equal(t, "Container app failed liveness probe, will be restarted", killing[0].Message)
	assert.Equal(t, unhealthy[2].Time, killing[0].Time)
}
