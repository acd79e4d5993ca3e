package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// A store that loses power loses its running processes, not the runtime's
// records: after the reboot containerd reports each container that was
// running as exited with code 255 and reason Unknown (it never saw it
// end), the kubelet shows that as the last state and restarts the
// container in a new sandbox, counting one restart. A container that
// already succeeded under OnFailure is not run again.
// Reference: containerd internal/cri/server/restart.go (loadContainer:
// a running container whose task is gone gets unknownExitCode 255 and
// unknownExitReason "Unknown"); pkg/kubelet/kubelet_pods.go
// convertToAPIContainerStatuses (an exited instance is Terminated, the one
// before it lastState); kubelet.md §2.2 (computePodActions on a new
// sandbox: "exclude the ones that succeeded if RestartPolicy is OnFailure").
func TestLostRuntimeReportsUnknownAndRestarts(t *testing.T) {
	web := podOf("web", 30, sleeper("app"))
	batch := podOf("batch", 30, sleeper("serve"),
		corev1.Container{Name: "setup", Image: "busybox:1.36", Command: []string{"sh", "-c", "echo done"}})
	batch.Spec.RestartPolicy = corev1.RestartPolicyOnFailure
	r := newRun(t, cluster.Config{Seed: 1}, web, batch)
	r.c.RunFor(30 * time.Second)
	require.NoError(t, r.c.PowerOff("store-1"))
	r.c.RunFor(30 * time.Second)
	require.NoError(t, r.c.PowerOn("store-1"))
	r.c.RunFor(5 * time.Second)

	p, err := r.c.Pod("default", "web")
	require.NoError(t, err)
	app := containerStatus(t, p, "app")
	require.NotNil(t, app.LastTerminationState.Terminated, "lastState of app: %+v", app.LastTerminationState)
	assert.Equal(t, int32(255), app.LastTerminationState.Terminated.ExitCode)
	assert.Equal(t, "Unknown", app.LastTerminationState.Terminated.Reason)
	assert.Equal(t, int32(1), app.RestartCount)
	assert.NotNil(t, app.State.Running, "restarted after the reboot")

	p, err = r.c.Pod("default", "batch")
	require.NoError(t, err)
	setup := containerStatus(t, p, "setup")
	require.NotNil(t, setup.State.Terminated, "setup: %+v", setup.State)
	assert.Equal(t, "Completed", setup.State.Terminated.Reason, "setup succeeded before the power cut and is not run again")
	assert.Equal(t, int32(0), setup.RestartCount)
	serve := containerStatus(t, p, "serve")
	assert.NotNil(t, serve.State.Running)
	assert.Equal(t, int32(1), serve.RestartCount)
	assert.Len(t, r.find("Started", "batch"), 3, "serve twice, setup once")
}
