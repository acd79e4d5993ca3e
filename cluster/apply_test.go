package cluster

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
)

// runningImages returns, for the pods that are Running and not being
// deleted, how many run each image.
func runningImages(c *Cluster) map[string]int {
	out := map[string]int{}
	for _, p := range c.Pods() {
		if p.DeletionTimestamp == nil && p.Status.Phase == corev1.PodRunning {
			out[p.Spec.Containers[0].Image]++
		}
	}
	return out
}

// TestApplyExistingDeploymentRollsOut: applying a Deployment again with a
// new image updates it, as `kubectl apply` does; the staffing plan opens
// a second ReplicaSet and replaces every employee with one trained on the
// new manual.
// Reference: kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config
// ("kubectl apply" updates a live object) and
// kubernetes.io/docs/concepts/workloads/controllers/deployment ("Updating
// a Deployment": a rollout is triggered when .spec.template changes).
func TestApplyExistingDeploymentRollsOut(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, c.Apply(webDeployment(3)))
	c.RunFor(time.Minute)
	require.Equal(t, map[string]int{"nginx:1.27": 3}, runningImages(c), "before the second apply")
	first, err := c.api.Deployments.Get("default", "web")
	require.NoError(t, err)

	next := webDeployment(3)
	next.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
	require.NoError(t, c.Apply(next), "Apply of an existing Deployment")
	c.RunFor(5 * time.Minute)

	d, err := c.api.Deployments.Get("default", "web")
	require.NoError(t, err)
	assert.Equal(t, first.UID, d.UID, "Apply made a new Deployment instead of updating it")
	assert.Equal(t, first.Generation+1, d.Generation, "metadata.generation after a changed spec")
	assert.Equal(t, "2", d.Annotations["deployment.kubernetes.io/revision"], "the Deployment's revision after the rollout")
	rss := c.ReplicaSets()
	require.Len(t, rss, 2, "ReplicaSets after the rollout")
	images := map[string]int32{}
	for _, rs := range rss {
		images[rs.Spec.Template.Spec.Containers[0].Image] = *rs.Spec.Replicas
	}
	assert.Equal(t, map[string]int32{"nginx:1.27": 0, "nginx:1.28": 3}, images, "replicas of each ReplicaSet by image")
	assert.Equal(t, map[string]int{"nginx:1.28": 3}, runningImages(c), "running pods by image after the rollout")
	assert.Equal(t, int32(3), d.Status.UpdatedReplicas, "status.updatedReplicas")
}

// TestApplySameDeploymentIsUnchanged: applying the same manifest again
// writes nothing (kubectl prints "deployment.apps/web unchanged"): no new
// resourceVersion, no generation bump, no rollout.
// Reference: kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config
// (apply sends only the difference; an empty patch changes nothing).
func TestApplySameDeploymentIsUnchanged(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, c.Apply(webDeployment(2)))
	c.RunFor(time.Minute)
	before, err := c.api.Deployments.Get("default", "web")
	require.NoError(t, err)
	require.NoError(t, c.Apply(webDeployment(2)))
	after, err := c.api.Deployments.Get("default", "web")
	require.NoError(t, err)
	assert.Equal(t, before.ResourceVersion, after.ResourceVersion, "resourceVersion after an unchanged apply")
	assert.Equal(t, before.Generation, after.Generation, "generation after an unchanged apply")
	c.RunFor(time.Minute)
	assert.Len(t, c.ReplicaSets(), 1, "ReplicaSets after an unchanged apply")
}

// TestApplyExistingDeploymentKeepsControllerAnnotations: the manifest's
// labels and annotations are set over the live object's, so the ones
// head office's controller wrote stay.
func TestApplyExistingDeploymentKeepsControllerAnnotations(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, c.Apply(webDeployment(1)))
	c.RunFor(time.Minute)
	next := webDeployment(2)
	next.Annotations = map[string]string{"team": "checkout"}
	require.NoError(t, c.Apply(next))
	d, err := c.api.Deployments.Get("default", "web")
	require.NoError(t, err)
	assert.Equal(t, "checkout", d.Annotations["team"], "the manifest's annotation")
	assert.Equal(t, "1", d.Annotations["deployment.kubernetes.io/revision"], "the controller's annotation after a scale by apply")
	assert.Equal(t, int32(2), *d.Spec.Replicas, "spec.replicas after apply")
}

// TestApplyRefusesOtherKindsThatExist: a Pod or Service that exists is
// refused with AlreadyExists, as before; an invalid Deployment update is
// refused with the field that is wrong.
func TestApplyRefusesOtherKindsThatExist(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	p := busybox("sleeper", corev1.RestartPolicyNever, "sleep 30")
	require.NoError(t, c.Apply(p))
	err = c.Apply(p)
	assert.True(t, apierrors.IsAlreadyExists(err), "Apply(existing pod) = %v, want AlreadyExists", err)

	require.NoError(t, c.Apply(webDeployment(1)))
	bad := webDeployment(1)
	bad.Spec.Template.Spec.Containers[0].Image = ""
	err = c.Apply(bad)
	require.Error(t, err, "Apply(deployment without an image)")
	assert.Contains(t, err.Error(), "spec.template.spec.containers[0].image", "Apply(deployment without an image) = %v", err)
}
