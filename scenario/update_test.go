package scenario

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

// TestUpdateActionChangesAPod: an update changes a running pod's labels
// and image; the store manager restarts the container with the new image,
// as the kubelet restarts a container whose definition changed. An update
// of any other spec field is refused in the API server's words.
// sh ignores SIGTERM, so the old container goes after its 30 seconds of
// grace.
// Reference: pkg/apis/core/validation/validation.go (ValidatePodUpdate);
// pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions:
// "Container %s definition changed").
func TestUpdateActionChangesAPod(t *testing.T) {
	yaml := header + `  actions:
  - at: 10s
    update:
      apiVersion: v1
      kind: Pod
      metadata: {name: web, labels: {tier: front}}
      spec:
        containers:
        - name: app
          image: busybox:1.37
          command: ["sh", "-c", "sleep 3600"]
  - at: 20s
    update:
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: app
          image: busybox:1.37
          command: ["sh", "-c", "sleep 60"]
  expect:
  - at: 9s
    pod: web
    restarts: {atMost: 0}
  - at: 39s
    pod: web
    restarts: {atMost: 0}
  - at: 41s
    pod: web
    restarts: {atLeast: 1, atMost: 1}
    phase: Running
` + webPod
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	var lines []string
	r, err := s.Run(sim.ObserverFunc(func(rec sim.Record) { lines = append(lines, rec.String()) }))
	require.NoError(t, err)
	var out bytes.Buffer
	r.Report(&out)
	require.Len(t, r.Errors, 1, out.String())
	assert.Contains(t, r.Errors[0].Error(), "spec.actions[1].update: Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`")
	all := strings.Join(lines, "\n")
	assert.Contains(t, all, "Container app definition changed, will be restarted")
	assert.Contains(t, all, `Pulling image "busybox:1.37"`)
	p, err := r.Cluster.Pod("default", "web")
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"tier": "front"}, p.Labels)
	assert.Equal(t, "busybox:1.37", p.Spec.Containers[0].Image)
	assert.Equal(t, "sh -c sleep 3600", strings.Join(p.Spec.Containers[0].Command, " "), "the refused update changed nothing")
	assert.Equal(t, int32(1), p.Status.ContainerStatuses[0].RestartCount)
}
