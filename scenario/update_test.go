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

// TestResizeActionResizesInPlace: a resize action changes a running pod's
// cpu through its resize subresource; the store manager gives the running
// container its new limit without a restart. A resize that would change
// the QoS class is refused in the API server's words, and a resize of
// another kind than a Pod is an error.
// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/
// (Example 1); pkg/apis/core/validation/validation.go (ValidatePodResize).
func TestResizeActionResizesInPlace(t *testing.T) {
	pod := func(cpuLimit string) string {
		return `      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: app
          image: busybox:1.36
          resources:
            requests: {cpu: 800m, memory: 64Mi}
            limits: {cpu: ` + cpuLimit + `, memory: 64Mi}
`
	}
	yaml := header + `  actions:
  - at: 10s
    resize:
` + pod("800m") + `  - at: 20s
    resize:
` + pod("900m") + `  - at: 30s
    resize:
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      spec:
        ports: [{port: 80}]
` + webPod + `    resources:
      requests: {cpu: 500m, memory: 64Mi}
      limits: {cpu: 500m, memory: 64Mi}
`
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	var out bytes.Buffer
	r.Report(&out)
	require.Len(t, r.Errors, 2, out.String())
	assert.Contains(t, r.Errors[0].Error(), `spec.actions[1].resize: Pod "web" is invalid: spec: Invalid value: "Burstable": Pod QOS Class may not change as a result of resizing`)
	assert.Contains(t, r.Errors[1].Error(), "only a Pod has a resize subresource, not a Service")
	p, err := r.Cluster.Pod("default", "web")
	require.NoError(t, err)
	assert.Equal(t, "800m", p.Spec.Containers[0].Resources.Limits.Cpu().String())
	cs := p.Status.ContainerStatuses[0]
	require.NotNil(t, cs.Resources)
	assert.Equal(t, "800m", cs.Resources.Limits.Cpu().String(), "the running container's limit")
	assert.Equal(t, int32(0), cs.RestartCount)
}
