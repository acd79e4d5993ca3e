package cluster_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
)

// The Namespace comes last in the file but is applied first, so its pod,
// Deployment and Service are admitted.
const shopYAML = `apiVersion: v1
kind: Pod
metadata:
  name: clerk
  namespace: shop
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: tills
  namespace: shop
spec:
  replicas: 2
  selector:
    matchLabels: {app: till}
  template:
    metadata:
      labels: {app: till}
    spec:
      containers:
      - name: app
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: till
  namespace: shop
spec:
  selector: {app: till}
  ports:
  - port: 80
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
`

// Reference: plugin/pkg/admission/namespace/lifecycle/admission.go (a
// create in a missing namespace is NotFound, in a Terminating one
// Forbidden) and pkg/controller/namespace/deletion (a deleted namespace
// stays Terminating until everything in it is gone).
func TestNamespaceLifecycle(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	pod := &corev1.Pod{}
	pod.Name, pod.Namespace = "stray", "nowhere"
	pod.Spec.Containers = []corev1.Container{{Name: "app", Image: "nginx:1.27"}}
	err = c.Apply(pod)
	assert.True(t, apierrors.IsNotFound(err), "%v", err)
	assert.EqualError(t, err, `namespaces "nowhere" not found`)

	docs, _, err := manifest.NewDecoder().Decode("shop.yaml", []byte(shopYAML))
	require.NoError(t, err)
	objs := make([]any, len(docs))
	for i, d := range docs {
		objs[i] = d
	}
	require.NoError(t, c.Apply(objs...))
	c.RunFor(10 * time.Second)
	assert.Len(t, podsIn(c, "shop"), 3, "clerk and two tills")

	require.NoError(t, c.DeleteNamespace("shop"))
	ns, err := c.API().Namespaces.Get("", "shop")
	require.NoError(t, err)
	assert.Equal(t, corev1.NamespaceTerminating, ns.Status.Phase)
	pod.Name, pod.Namespace = "late", "shop"
	err = c.Apply(pod)
	assert.EqualError(t, err, `pods "late" is forbidden: unable to create new content in namespace shop because it is being terminated`)

	c.RunFor(2 * time.Second)
	_, err = c.API().Namespaces.Get("", "shop")
	assert.NoError(t, err, "still Terminating while clerk has its 5s grace period")
	c.RunFor(30 * time.Second)
	_, err = c.API().Namespaces.Get("", "shop")
	assert.True(t, apierrors.IsNotFound(err), "the empty namespace goes: %v", err)
	assert.Empty(t, podsIn(c, "shop"))
	assert.Empty(t, c.Deployments())
	for _, s := range c.Services() {
		assert.NotEqual(t, "shop", s.Namespace, "service %s", s.Name)
	}
}

func podsIn(c *cluster.Cluster, ns string) []string {
	var out []string
	for _, p := range c.Pods() {
		if p.Namespace == ns {
			out = append(out, p.Name)
		}
	}
	return out
}

// Reference: plugin/pkg/admission/namespace/lifecycle/admission.go
// (immortalNamespaces).
func TestSystemNamespacesCannotBeDeleted(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	var names []string
	for _, ns := range c.Namespaces() {
		names = append(names, ns.Name)
	}
	assert.Equal(t, []string{"default", "kube-node-lease", "kube-public", "kube-system"}, names)
	assert.EqualError(t, c.DeleteNamespace("default"), `namespaces "default" is forbidden: this namespace may not be deleted`)
}

const doorYAML = `apiVersion: v1
kind: Namespace
metadata: {name: door}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: greeter, namespace: door}
spec:
  selector: {matchLabels: {app: greeter}}
  template:
    metadata: {labels: {app: greeter}}
    spec:
      containers:
      - {name: app, image: nginx:1.27}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: greeters, namespace: door}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: greeter}}
`

// Reference: pkg/controller/namespace/deletion/namespaced_resources_deleter.go
// (every namespaced resource is deleted): a DaemonSet would otherwise
// hire its greeter again, and the namespace would never empty.
func TestNamespaceDeletionTakesDaemonSetsAndBudgets(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode("door.yaml", []byte(doorYAML))
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, c.Apply(d))
	}
	c.RunFor(10 * time.Second)
	require.Len(t, podsIn(c, "door"), 1, "one greeter for the one store")

	require.NoError(t, c.DeleteNamespace("door"))
	c.RunFor(time.Minute)
	_, err = c.API().Namespaces.Get("", "door")
	assert.True(t, apierrors.IsNotFound(err), "the empty namespace goes: %v", err)
	assert.Empty(t, podsIn(c, "door"))
	assert.Empty(t, c.API().DaemonSets.List())
	assert.Empty(t, c.API().PodDisruptionBudgets.List())
}
