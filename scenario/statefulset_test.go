package scenario

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A scenario scales a StatefulSet and deletes one of its claims; the claim
// waits while its pod uses it, and goes once the scale down lets the pod
// go.
// Reference: pkg/controller/volume/pvcprotection (a claim in use waits).
func TestScenarioScalesAStatefulSetAndDeletesAClaim(t *testing.T) {
	src := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: sts}
spec:
  duration: 2m
  actions:
  - at: 30s
    delete: {kind: PersistentVolumeClaim, name: data-db-1}
  - at: 40s
    scale: {statefulSet: db, replicas: 1}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - {name: db, image: busybox:1.36, command: [sleep, "3600"]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
`
	s, err := Load("sts.yaml", []byte(src))
	require.NoError(t, err)
	res, err := s.Run()
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	claims := res.Cluster.Claims()
	require.Len(t, claims, 1)
	assert.Equal(t, "data-db-0", claims[0].Name)
	assert.Equal(t, 2*time.Minute, time.Duration(res.Cluster.Now()))
	_, err = Load("bad.yaml", []byte(strings.Replace(src, "{statefulSet: db, replicas: 1}", "{statefulSet: db, deployment: web, replicas: 1}", 1)))
	assert.ErrorContains(t, err, "spec.actions[1].scale.statefulSet: Forbidden: may not be set with deployment")
}
