package controller

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Reference: pkg/controller/deployment/util/deployment_util.go
// ResolveFenceposts and NewRSNewReplicas add spec.replicas and maxSurge in
// int32. The API server accepts any replicas up to MaxInt32 and any
// percentage, so the sums are clamped: a count near MaxInt32 stays
// MaxInt32, never a negative count that would scale everything to nothing.
func TestReplicaArithmeticNearMaxInt32DoesNotWrap(t *testing.T) {
	surge, unavailable, err := ResolveFenceposts(ptr(intstr.FromString("1000%")), ptr(intstr.FromInt32(0)), math.MaxInt32)
	require.NoError(t, err)
	assert.Equal(t, int32(math.MaxInt32), surge, "maxSurge 1000%% of MaxInt32")
	assert.Equal(t, int32(0), unavailable)

	d := newDeployment(math.MaxInt32, "nginx")
	d.Spec.Strategy = rollingUpdate(intstr.FromString("25%"), intstr.FromString("25%"))
	newRS := newReplicaSet("web-new", 0)
	oldRS := newReplicaSet("web-old", math.MaxInt32-1)
	got := newRSNewReplicas(d, []*appsv1.ReplicaSet{oldRS, newRS}, newRS)
	assert.Equal(t, int32(1), got, "replicas+surge is MaxInt32, the old ReplicaSet holds MaxInt32-1: one more may start")
	assert.Equal(t, int32(math.MaxInt32), specReplicas([]*appsv1.ReplicaSet{oldRS, oldRS}), "the sum of two huge ReplicaSets")
	assert.Equal(t, int32(math.MaxInt32), addReplicas(math.MaxInt32, 1))
	assert.Equal(t, int32(math.MinInt32), addReplicas(math.MinInt32, -1))

	d.Status.Replicas = 2
	big := newReplicaSet("web-big", math.MaxInt32)
	big.Annotations = map[string]string{MaxReplicasAnnotation: "2"}
	assert.Equal(t, int32(math.MaxInt32), replicaSetFraction(big, d), "MaxInt32 * MaxInt32 / 2, less MaxInt32, clamped: not wrapped")
}

// Reference: pkg/controller/replicaset/replica_set.go manageReplicas and
// slowStartBatch (BurstReplicas 500): a ReplicaSet of MaxInt32 replicas
// creates at most 500 pods in one sync, in batches of 1, 2, 4, ..., and
// the rest in later syncs, never all at once.
func TestHugeReplicaSetCreatesInBursts(t *testing.T) {
	h := newHarness(t)
	calls := 0
	real := h.rsc.create
	h.rsc.create = func(p *corev1.Pod) (*corev1.Pod, error) {
		calls++
		return real(p)
	}
	_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", math.MaxInt32))
	require.NoError(t, err)
	for calls == 0 && h.loop.Step() { // up to and including the first sync
	}
	assert.Equal(t, burstReplicas, calls, "pods created by the first sync")
	assert.Len(t, h.pods("web-rs-"), burstReplicas)
	assert.Len(t, h.events(ReplicaSetComponent), burstReplicas, "one SuccessfulCreate a pod")
}
