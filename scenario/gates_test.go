package scenario

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

// TestUpdateReleasesAGatedPod: a pod created with schedulingGates shows
// STATUS SchedulingGated and stays Pending; an update action that removes
// the gates lets the staffing desk place it, and it runs. A store whose
// capacity names an extended resource takes a pod that requests it.
// Reference: pkg/registry/core/pod/strategy.go (SchedulingGated);
// pkg/scheduler/framework/plugins/schedulinggates; pkg/scheduler/framework/
// plugins/noderesources/fit.go (extended resources).
func TestUpdateReleasesAGatedPod(t *testing.T) {
	yaml := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: t
spec:
  duration: 1m
  stores:
  - name: store-1
    capacity: {cpu: "4", memory: 8Gi, pods: "110", example.com/dongle: "1"}
  actions:
  - at: 20s
    update:
      apiVersion: v1
      kind: Pod
      metadata: {name: web}
      spec:
        containers:
        - name: app
          image: busybox:1.36
          command: ["sh", "-c", "sleep 3600"]
          resources:
            requests: {example.com/dongle: "1"}
            limits: {example.com/dongle: "1"}
  expect:
  - at: 19s
    pod: web
    status: SchedulingGated
    phase: Pending
  - at: 30s
    pod: web
    status: Running
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  schedulingGates:
  - name: example.com/approval
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
    resources:
      requests: {example.com/dongle: "1"}
      limits: {example.com/dongle: "1"}
`
	s, err := Load("scenario.yaml", []byte(yaml))
	require.NoError(t, err)
	r, err := s.Run(sim.ObserverFunc(func(sim.Record) {}))
	require.NoError(t, err)
	var out bytes.Buffer
	r.Report(&out)
	require.Empty(t, r.Errors, out.String())
	require.True(t, r.Passed(), out.String())
	require.Len(t, r.Expectations, 3, "three fields checked")
}
