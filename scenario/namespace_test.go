package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// The pod comes before its Namespace in the file and is still admitted;
// the delete action takes the namespace and its pod away.
// Reference: pkg/controller/namespace/deletion (a namespace goes once
// what is in it is gone).
const namespaceScenario = `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: closing
spec:
  duration: 1m
  actions:
  - at: 10s
    delete: {kind: Namespace, name: shop}
---
apiVersion: v1
kind: Pod
metadata:
  name: clerk
  namespace: shop
spec:
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
`

func TestDeleteNamespaceAction(t *testing.T) {
	s, err := Load("closing.yaml", []byte(namespaceScenario))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	_, err = r.Cluster.API().Namespaces.Get("", "shop")
	assert.True(t, apierrors.IsNotFound(err), "namespace shop after the run: %v", err)
	_, err = r.Cluster.Pod("shop", "clerk")
	assert.True(t, apierrors.IsNotFound(err), "pod clerk after the run: %v", err)
}
