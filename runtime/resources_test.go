package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: CRI UpdateContainerResources; sched-bwc.rst (the quota is
// cpu.max's runtime per 100 ms period). A spinning container limited to
// 250m uses a quarter of a CPU; raised in place to 500m it uses half, and
// without a limit all of one, once the stretch of CPU under way when the
// limit changed (at most a second) is over.
func TestUpdateContainerResourcesChangesThrottling(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "spin", Image: "busybox:1.36", Command: []string{"sh", "-c", "while true; do :; done"},
		CPUQuota: CFSQuota(250), CPURequest: 250})
	s.runFor(10 * time.Second)
	before, _ := s.e.ContainerStats(id)
	assert.Equal(t, uint64(2500*time.Millisecond), before.UsageCoreNanoSeconds)

	require.NoError(t, s.e.UpdateContainerResources(id, ContainerResources{CPUQuota: CFSQuota(500), CPURequest: 500}))
	assert.Equal(t, ContainerResources{CPUQuota: 50 * time.Millisecond, CPURequest: 500}, s.status(id).Resources)
	assert.Equal(t, int64(500), s.status(id).Resources.MilliCPULimit())
	s.runFor(2 * time.Second)
	before, _ = s.e.ContainerStats(id)
	s.runFor(10 * time.Second)
	after, _ := s.e.ContainerStats(id)
	assert.InDelta(t, float64(5*time.Second), float64(after.UsageCoreNanoSeconds-before.UsageCoreNanoSeconds), float64(50*time.Millisecond),
		"500m: half a CPU")

	require.NoError(t, s.e.UpdateContainerResources(id, ContainerResources{}))
	s.runFor(2 * time.Second)
	after, _ = s.e.ContainerStats(id)
	s.runFor(10 * time.Second)
	free, _ := s.e.ContainerStats(id)
	assert.InDelta(t, float64(10*time.Second), float64(free.UsageCoreNanoSeconds-after.UsageCoreNanoSeconds), float64(50*time.Millisecond),
		"no limit: one CPU")
}

// Reference: proxy-and-runtime.md B4 (over its memory limit a container is
// OOM-killed, 137). A limit lowered below what the container uses kills
// it at once; a stopped container cannot be updated.
func TestUpdateContainerResourcesMovesTheOOMKill(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", "sleep 3600"}, MemoryLimit: 100 << 20})
	require.NoError(t, s.e.UseMemory(id, 80<<20))
	require.NoError(t, s.e.UpdateContainerResources(id, ContainerResources{MemoryLimit: 200 << 20}))
	require.NoError(t, s.e.UseMemory(id, 150<<20))
	s.runFor(time.Second)
	assert.Equal(t, ContainerRunning, s.status(id).State, "150Mi fits the raised limit")

	require.NoError(t, s.e.UpdateContainerResources(id, ContainerResources{MemoryLimit: 120 << 20}))
	s.runFor(time.Second)
	st := s.status(id)
	assert.Equal(t, ContainerExited, st.State)
	assert.Equal(t, "OOMKilled", st.Reason)
	assert.Error(t, s.e.UpdateContainerResources(id, ContainerResources{MemoryLimit: 200 << 20}), "not running")
}
