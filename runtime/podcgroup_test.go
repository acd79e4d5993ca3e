package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/
// ("both containers together won't be able to use more resources than
// specified in the pod-level limits"): two containers without limits of
// their own share the pod's 200 MiB; when their total passes it, the
// kernel's OOM killer kills the one using the most.
func TestPodMemoryCgroupKillsTheBiggest(t *testing.T) {
	s := newStore(t)
	sb, err := s.e.RunPodSandbox(SandboxConfig{Name: "team", Namespace: "default", UID: "u1", MemoryLimit: 200 * miB})
	require.NoError(t, err)
	s.sb = sb
	require.NoError(t, s.e.Catalog().Register("example.com/steady", mB, Behaviour{Memory: []MemoryStep{{Bytes: 80 * miB}}}))
	require.NoError(t, s.e.Catalog().Register("example.com/leak", mB, Behaviour{Memory: []MemoryStep{{Bytes: 100 * miB, PerSecond: miB}}}))
	steady := s.run(ContainerConfig{Name: "steady", Image: "example.com/steady:1", MemoryLimit: 200 * miB})
	leak := s.run(ContainerConfig{Name: "leak", Image: "example.com/leak:1", MemoryLimit: 200 * miB})
	start := s.loop.Now()
	s.runFor(time.Minute)
	st := s.status(leak)
	assert.Equal(t, "OOMKilled", st.Reason, "the biggest container is killed")
	assert.Equal(t, int32(137), st.ExitCode)
	// 80 + 100 MiB grows past 200 MiB just after 20 s.
	assert.InDelta(t, float64(20*time.Second), float64(st.FinishedAt.Sub(start)), float64(time.Millisecond), "killed when the total passes the pod's limit")
	assert.Equal(t, ContainerRunning, s.status(steady).State, "the other container keeps running")
}

// Reference: kernel Documentation/scheduler/sched-bwc.rst (hierarchical
// bandwidth: a group whose parent's quota is spent is throttled too) and
// https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/
// ("both containers together won't be able to use more resources than
// specified in the pod-level limits"). Two busy containers, each with
// the pod's limit of one CPU as its own (as the kubelet gives a container
// without a limit), get one CPU between them: half each.
func TestPodCPUQuotaIsShared(t *testing.T) {
	s := newStore(t)
	sb, err := s.e.RunPodSandbox(SandboxConfig{Name: "team", Namespace: "default", UID: "u1", CPUQuota: CFSQuota(1000)})
	require.NoError(t, err)
	s.sb = sb
	cfg := ContainerConfig{Image: "vish/stress", Args: []string{"-cpus", "1"}, CPUQuota: CFSQuota(1000)}
	cfg.Name = "one"
	one := s.run(cfg)
	cfg.Name = "two"
	two := s.run(cfg)
	s.runFor(time.Second)
	before := [2]uint64{s.usage(one), s.usage(two)}
	s.runFor(10 * time.Second)
	a, b := s.usage(one)-before[0], s.usage(two)-before[1]
	assert.InDelta(t, float64(10*time.Second), float64(a+b), float64(10*time.Millisecond), "one CPU between them: the pod's limit")
	assert.InDelta(t, float64(5*time.Second), float64(a), float64(100*time.Millisecond), "half each")

	// The same two containers in a pod without a pod-level limit each
	// use their own CPU.
	free := newStore(t)
	cfg.Name = "one"
	one = free.run(cfg)
	cfg.Name = "two"
	two = free.run(cfg)
	free.runFor(time.Second)
	before = [2]uint64{free.usage(one), free.usage(two)}
	free.runFor(10 * time.Second)
	a, b = free.usage(one)-before[0], free.usage(two)-before[1]
	assert.InDelta(t, float64(20*time.Second), float64(a+b), float64(10*time.Millisecond), "a CPU each")
}

// A shell's work under a shared pod limit takes as long as its share
// allows: busyScript's 300 ms of CPU, run in two containers at once under
// a pod limit of one CPU, gets 50 ms of each 100 ms period (the two run
// side by side until the pod's 100 ms is spent, each taking it 5 ms at a
// time): six periods give each 300 ms, and the last 8 µs (with the exit)
// wait for the seventh, at 600 ms: twice as long as on a CPU of its own.
func TestPodCPUQuotaSlowsBothShells(t *testing.T) {
	s := newStore(t)
	s.pull("busybox:1.36")
	// The pod's periods start with its sandbox, here with the shells.
	sb, err := s.e.RunPodSandbox(SandboxConfig{Name: "team", Namespace: "default", UID: "u1", CPUQuota: CFSQuota(1000)})
	require.NoError(t, err)
	s.sb = sb
	var ids []string
	for _, name := range []string{"one", "two"} {
		id, err := s.e.CreateContainer(sb, ContainerConfig{Name: name, Image: "busybox:1.36", Command: []string{"sh", "-c", busyScript}, CPUQuota: CFSQuota(1000)})
		require.NoError(t, err)
		ids = append(ids, id)
	}
	for _, id := range ids {
		require.NoError(t, s.e.StartContainer(id))
	}
	s.runFor(2 * time.Second)
	for _, id := range ids {
		st := s.status(id)
		require.Equal(t, ContainerExited, st.State)
		assert.Equal(t, 600*time.Millisecond, st.FinishedAt.Sub(st.StartedAt), "%s: 50 ms of each period", st.Name)
	}
}
