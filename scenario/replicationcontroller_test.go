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
