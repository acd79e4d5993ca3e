package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// observed checks that a pod's status, and every condition in it, was
// worked out from generation gen of the pod.
func observed(t *testing.T, p *corev1.Pod, gen int64, when string) {
	t.Helper()
	assert.Equal(t, gen, p.Generation, "%s: metadata.generation", when)
	assert.Equal(t, gen, p.Status.ObservedGeneration, "%s: status.observedGeneration", when)
	require.NotEmpty(t, p.Status.Conditions, when)
	for _, c := range p.Status.Conditions {
		assert.Equal(t, gen, c.ObservedGeneration, "%s: condition %s observedGeneration", when, c.Type)
	}
}

// The API server counts a pod's generations (1 on create, one more for
// each change of spec, one more when the delete marks it), and the store
// manager writes the generation it acted on into status.observedGeneration
// and into each condition it sets. PodObservedGenerationTracking is GA in
// v1.35, always on.
// Reference: pkg/features/kube_features.go (PodObservedGenerationTracking:
// alpha 1.33, beta 1.34, GA 1.35); pkg/kubelet/kubelet_pods.go
// (generateAPIPodStatus); pkg/api/v1/pod/util.go
// (CalculatePodStatusObservedGeneration,
// CalculatePodConditionObservedGeneration); pkg/registry/core/pod/strategy.go
// (PrepareForCreate, updatePodGeneration); KEP-5067 (pod generation).
func TestObservedGeneration(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1}, podOf("web", 30, guaranteed("app", "500m", "128Mi")))
	r.c.RunFor(10 * time.Second)
	p := r.pod(t, "default", "web")
	require.Equal(t, corev1.PodRunning, p.Status.Phase)
	observed(t, p, 1, "running")

	require.NoError(t, r.resize(t, "default", "web", "app", "cpu", "700m"))
	p = r.pod(t, "default", "web")
	assert.Equal(t, int64(2), p.Generation, "a resize is a new generation")
	assert.Equal(t, int64(1), p.Status.ObservedGeneration, "the store manager has not seen it yet")
	r.c.RunFor(5 * time.Second)
	observed(t, r.pod(t, "default", "web"), 2, "after the resize")

	require.NoError(t, r.c.DeletePod("default", "web", nil))
	r.c.RunFor(time.Second)
	p = r.pod(t, "default", "web")
	require.NotNil(t, p.DeletionTimestamp)
	observed(t, p, 3, "terminating")
}
