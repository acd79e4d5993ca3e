package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// attempts returns the attempts of the instances of container name the
// store's runtime still holds, oldest first.
func attempts(t *testing.T, c *cluster.Cluster, name string) []uint32 {
	t.Helper()
	s, ok := c.Store("store-1")
	require.True(t, ok)
	var out []uint32
	for _, st := range s.Runtime.ListContainers("") {
		if st.Name == name {
			out = append(out, st.Attempt)
		}
	}
	return out
}

// The container garbage collector runs every minute and keeps, of each
// container, the newest dead instance only. A container that crashes at
// once dies at 0s, 1s, 11s and 31s (back-off 10s, 20s after the first
// restart): until the first pass at 1m the runtime still holds all four
// instances; the pass keeps the fourth, which lastState and `kubectl logs
// --previous` read. The fifth dies at 71s and the pass at 2m removes the
// fourth.
// Reference: pkg/kubelet/kubelet.go (ContainerGCPeriod = time.Minute);
// pkg/kubelet/kuberuntime/kuberuntime_gc.go (evictContainers,
// enforceMaxContainersPerEvictUnit); cmd/kubelet/app/options/options.go
// (MinimumGCAge 0, MaxPerPodContainerCount 1).
func TestContainerGCKeepsTheNewestDeadInstanceEveryMinute(t *testing.T) {
	crasher := podOf("crasher", 1, corev1.Container{Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", "echo crash; exit 1"}})
	r := newRun(t, cluster.Config{Seed: 1}, crasher)
	r.c.RunFor(59 * time.Second)
	assert.Equal(t, []uint32{0, 1, 2, 3}, attempts(t, r.c, "app"), "before the first pass: every dead instance")
	r.c.RunFor(2 * time.Second)
	assert.Equal(t, []uint32{3}, attempts(t, r.c, "app"), "after the pass at 1m: the newest dead instance")
	p, err := r.c.Pod("default", "crasher")
	require.NoError(t, err)
	require.Len(t, p.Status.ContainerStatuses, 1)
	cs := p.Status.ContainerStatuses[0]
	assert.Equal(t, int32(3), cs.RestartCount)
	require.NotNil(t, cs.LastTerminationState.Terminated, "lastState comes from the instance kept")
	assert.Equal(t, int32(1), cs.LastTerminationState.Terminated.ExitCode)

	r.c.RunFor(59 * time.Second) // 2m0s
	assert.Equal(t, []uint32{4}, attempts(t, r.c, "app"), "after the pass at 2m")
}
