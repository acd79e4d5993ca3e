package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A scale action resizes a ReplicationController, as `kubectl scale rc`
// does, and a delete action takes it and its pods (kubectl delete's
// default cascade).
// Reference: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/
// ("Scaling", "Deleting a ReplicationController and its Pods").
func TestScenarioScalesAndDeletesAReplicationController(t *testing.T) {
	src := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: rc}
spec:
  duration: 3m
  actions:
  - at: 30s
    scale: {replicationController: nginx, replicas: 1}
  - at: 90s
    delete: {kind: ReplicationController, name: nginx}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: nginx}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - {name: nginx, image: nginx}
`
	s, err := Load("rc.yaml", []byte(src))
	require.NoError(t, err)
	s.Spec.Duration = Duration(60e9)
	res, err := s.Run()
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	live := 0
	for _, p := range res.Cluster.Pods() {
		if ref := metav1.GetControllerOf(p); ref != nil && ref.Kind == "ReplicationController" && p.DeletionTimestamp == nil {
			live++
		}
	}
	assert.Equal(t, 1, live, "scaled from 3 to 1")

	s, err = Load("rc.yaml", []byte(src))
	require.NoError(t, err)
	res, err = s.Run()
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	assert.Empty(t, res.Cluster.ReplicationControllers())
	assert.Empty(t, res.Cluster.Pods(), "the delete took the pods")
}

// Scale names one kind.
func TestScaleActionNamesOneKind(t *testing.T) {
	a := ScaleAction{Deployment: "web", ReplicationController: "web"}
	assert.Equal(t, 2, a.names())
	kind, name := (&ScaleAction{ReplicationController: "nginx"}).target()
	assert.Equal(t, "ReplicationController", kind)
	assert.Equal(t, "nginx", name)
}

// A replicationController expectation reads the two sides of `kubectl
// get rc`'s DESIRED and READY: what it asks for after a scale, and how
// many of its pods are ready; one about an RC that is not there fails
// with "no such replicationcontroller".
// Reference: pkg/printers/internalversion/printers.go
// (printReplicationController: DESIRED is spec.replicas, READY
// status.readyReplicas).
func TestReplicationControllerExpectation(t *testing.T) {
	got := outcomes(t, `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: rc}
spec:
  duration: 2m
  actions:
  - at: 60s
    scale: {replicationController: nginx, replicas: 1}
  expect:
  - at: 50s
    replicationController: {name: nginx, replicas: {atLeast: 3, atMost: 3}, ready: {atLeast: 3}}
  - at: 100s
    replicationController: {name: nginx, replicas: {atLeast: 2}, ready: {atMost: 1}}
  - at: 100s
    replicationController: {name: clerks, ready: {atLeast: 1}}
---
apiVersion: v1
kind: ReplicationController
metadata: {name: nginx}
spec:
  replicas: 3
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers:
      - {name: nginx, image: nginx}
`)
	assert.True(t, got["replicationcontroller nginx replicas exactly 3"].Passed)
	assert.True(t, got["replicationcontroller nginx ready at least 3"].Passed)
	after := got["replicationcontroller nginx replicas at least 2"]
	assert.False(t, after.Passed, "scaled to 1")
	assert.Equal(t, "1", after.Saw)
	assert.True(t, got["replicationcontroller nginx ready at most 1"].Passed)
	missing := got["replicationcontroller clerks ready at least 1"]
	assert.False(t, missing.Passed)
	assert.Equal(t, "no such replicationcontroller", missing.Saw)
}
