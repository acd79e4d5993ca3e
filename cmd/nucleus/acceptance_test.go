package main

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// printedList is the shape of `get pods -o json`, decoded back into Kubernetes'
// own types.
type printedList struct {
	APIVersion string       `json:"apiVersion"`
	Kind       string       `json:"kind"`
	Items      []corev1.Pod `json:"items"`
	Metadata   struct {
		ResourceVersion *string `json:"resourceVersion"`
	} `json:"metadata"`
}

// getBusybox returns the busybox pod as `get pods -o json --at at` shows it.
func getBusybox(t *testing.T, at string) corev1.Pod {
	t.Helper()
	r := nucleus(t, "", "get", "pods", "-o", "json", "--at", at, busybox)
	require.Equal(t, exitOK, r.code, "get pods -o json --at %s exit code; stderr: %s", at, r.errOut)
	var list printedList
	require.NoError(t, json.Unmarshal([]byte(r.out), &list), "get pods -o json output is not a List")
	assert.Equal(t, "v1", list.APIVersion, "list apiVersion")
	assert.Equal(t, "List", list.Kind, "list kind")
	require.NotNil(t, list.Metadata.ResourceVersion, "list metadata.resourceVersion is missing")
	assert.Empty(t, *list.Metadata.ResourceVersion, "list metadata.resourceVersion")
	require.Len(t, list.Items, 1, "items")
	p := list.Items[0]
	assert.Equal(t, "v1", p.APIVersion, "items[0].apiVersion")
	assert.Equal(t, "Pod", p.Kind, "items[0].kind")
	require.Len(t, p.Status.ContainerStatuses, 1, "items[0].status.containerStatuses")
	return p
}

func TestBusyboxSucceedsByOneMinute(t *testing.T) {
	// Reference: kubelet.md §1.1 (restartPolicy Never, every container
	// exited 0 → Succeeded) and §8.2 (exit code 0 → reason Completed).
	p := getBusybox(t, "1m")
	assert.Equal(t, corev1.PodSucceeded, p.Status.Phase, "at 1m status.phase")
	term := p.Status.ContainerStatuses[0].State.Terminated
	require.NotNil(t, term, "at 1m containerStatuses[0].state.terminated is missing")
	assert.Equal(t, int32(0), term.ExitCode, "at 1m state.terminated.exitCode")
	assert.Equal(t, "Completed", term.Reason, "at 1m state.terminated.reason")
}

func TestBusyboxRunsAtTenSeconds(t *testing.T) {
	// Reference: kubelet.md §1.1 (a running container → Running).
	p := getBusybox(t, "10s")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase, "at 10s status.phase")
	running := p.Status.ContainerStatuses[0].State.Running
	require.NotNil(t, running, "at 10s containerStatuses[0].state.running is missing")
	assert.False(t, running.StartedAt.IsZero(), "at 10s state.running.startedAt is not set")
}
