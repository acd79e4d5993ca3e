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
