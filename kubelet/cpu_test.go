package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

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

// Reference: pkg/kubelet/kuberuntime/helpers_linux.go milliCPUToQuota and
// the kubelet's cpuCFSQuota (on by default): limits.cpu becomes a CFS quota
// of limit × 100 ms per 100 ms period (cpu.cfs_period_us). The same three
// seconds of work end ten times later under a 100m limit.
func TestCPULimitSlowsTheWorkTenfold(t *testing.T) {
	work := func(name, limit string) *corev1.Pod {
		c := corev1.Container{Name: "work", Image: "busybox:1.36", Command: []string{"sh", "-c",
			"i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done"}}
		if limit != "" {
			c.Resources.Limits = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(limit)}
		}
		p := podOf(name, 30, c)
		p.Spec.RestartPolicy = corev1.RestartPolicyNever
		return p
	}
	r := newRun(t, cluster.Config{}, work("free", ""), work("limited", "100m"))
	r.c.RunFor(time.Minute)
	started := map[string]time.Duration{}
	for _, rec := range r.find("Started", "") {
		started[rec.Object.Name] = rec.Time.Duration()
	}
	free, limited := r.exitTimes("free")["work"].Duration()-started["free"], r.exitTimes("limited")["work"].Duration()-started["limited"]
	// 3,000,002 steps of 1 µs: 3 s of CPU; the kubelet sees the exit at
	// its next relist, within a second.
	assert.InDelta(t, 3.0, free.Seconds(), 1.0, "free: about 3 s")
	assert.InDelta(t, 30.0, limited.Seconds(), 1.0, "limited to 100m: about 30 s")
}

// Reference: pkg/kubelet/cm/helpers_linux.go ResourceConfigForPod (with
// pod-level resources the pod cgroup's CPU quota comes from
// spec.resources.limits.cpu), kernel Documentation/scheduler/sched-bwc.rst
// (a group is throttled when its parent's quota is spent) and
// https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/
// ("both containers together won't be able to use more resources than
// specified in the pod-level limits"). Two containers without limits of
// their own each get the pod's limit of one CPU as their quota, but the
// pod's cgroup holds them to one CPU together: the same three seconds of
// work each take about six, and the pod's CPU usage grows by one CPU.
func TestPodLevelCPULimitIsShared(t *testing.T) {
	work := func(name string) corev1.Container {
		return corev1.Container{Name: name, Image: "busybox:1.36", Command: []string{"sh", "-c",
			"i=0; while [ $i -lt 1000000 ]; do i=$((i+1)); done"}}
	}
	p := podOf("team", 30, work("one"), work("two"))
	p.Spec.RestartPolicy = corev1.RestartPolicyNever
	p.Spec.Resources = &corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("1")}}
	r := newRun(t, cluster.Config{}, p)
	r.c.RunFor(2 * time.Second)
	store, one := r.container(t, "team", "one")
	_, two := r.container(t, "team", "two")
	usage := func() time.Duration {
		var sum time.Duration
		for _, id := range []string{one, two} {
			st, err := store.Runtime.ContainerStats(id)
			require.NoError(t, err)
			sum += time.Duration(st.UsageCoreNanoSeconds)
		}
		return sum
	}
	before := usage()
	r.c.RunFor(2 * time.Second)
	assert.InDelta(t, float64(2*time.Second), float64(usage()-before), float64(10*time.Millisecond), "one CPU between the two")
	r.c.RunFor(time.Minute)
	var started time.Duration
	for _, rec := range r.find("Started", "team") {
		started = max(started, rec.Time.Duration())
	}
	for name, at := range r.exitTimes("team") {
		assert.InDelta(t, 6.0, (at.Duration() - started).Seconds(), 1.0, "%s: about twice the 3 s alone", name)
	}
	assert.Len(t, r.exitTimes("team"), 2)
}
