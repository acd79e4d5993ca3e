package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

func TestPowerOffLeavesExitedContainersAndNotReadySandboxes(t *testing.T) {
	loop := sim.New(1)
	e, err := New(loop, Config{Store: "store-1", PodCIDR: "10.244.1.0/24"})
	require.NoError(t, err)
	sb, err := e.RunPodSandbox(SandboxConfig{Name: "web", Namespace: "default", UID: "u1"})
	require.NoError(t, err)
	e.PullImage("busybox:1.36", func(string, int64, error) {})
	loop.RunFor(5 * time.Second)
	id, err := e.CreateContainer(sb, ContainerConfig{Name: "web", Image: "busybox:1.36", Command: []string{"sh", "-c", "sleep 3600"}})
	require.NoError(t, err)
	require.NoError(t, e.StartContainer(id))
	stopped := false
	require.NoError(t, e.StopContainer(id, time.Hour, func() { stopped = true }))
	loop.RunFor(time.Second)

	e.PowerOff()
	st, err := e.ContainerStatus(id)
	require.NoError(t, err)
	assert.Equal(t, ContainerExited, st.State)
	assert.Equal(t, int32(255), st.ExitCode)
	assert.Equal(t, "Unknown", st.Reason)
	sbs, err := e.PodSandboxStatus(sb)
	require.NoError(t, err)
	assert.Equal(t, SandboxNotReady, sbs.State)
	info, err := e.ImageStatus("busybox:1.36")
	require.NoError(t, err)
	assert.NotNil(t, info, "images survive a power cut")
	loop.RunFor(time.Hour)
	assert.False(t, stopped, "a stop in progress is lost with the power")
}

// NewestSandbox finds the pod's sandbox with the highest attempt, as a
// kubelet starting afresh adopts it.
func TestNewestSandbox(t *testing.T) {
	s := newStore(t) // uid-1, attempt 0
	again, err := s.e.RunPodSandbox(SandboxConfig{Name: "web", Namespace: "default", UID: "uid-1", Attempt: 1})
	require.NoError(t, err)
	_, err = s.e.RunPodSandbox(SandboxConfig{Name: "db", Namespace: "default", UID: "uid-2", Attempt: 5})
	require.NoError(t, err)
	sb, ok := s.e.NewestSandbox("uid-1")
	require.True(t, ok)
	assert.Equal(t, again, sb.ID)
	_, ok = s.e.NewestSandbox("uid-3")
	assert.False(t, ok, "a pod without a sandbox")
}
