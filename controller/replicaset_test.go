package controller

import (
	"errors"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

// Reference: pkg/controller/replicaset/replica_set.go manageReplicas and
// controller_utils.go CreatePods ("Created pod: <name>"), generateName.
func TestReplicaSetCreatesPodsAndReportsStatus(t *testing.T) {
	h := newHarness(t)
	_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", 3))
	require.NoError(t, err)
	h.loop.RunFor(10 * time.Second)

	pods := h.pods("web-rs-")
	require.Len(t, pods, 3)
	name := regexp.MustCompile(`^web-rs-[bcdfghjklmnpqrstvwxz2456789]{5}$`)
	for _, p := range pods {
		assert.Regexp(t, name, p.Name)
		assert.Equal(t, "web", p.Labels["app"])
		require.NotNil(t, controllerOf(p), "pod %s has no controller reference", p.Name)
		assert.Equal(t, "web-rs", controllerOf(p).Name)
		assert.Equal(t, corev1.RestartPolicyAlways, p.Spec.RestartPolicy, "the template was defaulted")
	}
	events := h.events(ReplicaSetComponent)
	require.Len(t, events, 3)
	for _, p := range pods {
		assert.Contains(t, events, "SuccessfulCreate Created pod: "+p.Name)
	}

	rs, err := h.api.ReplicaSets.Get("default", "web-rs")
	require.NoError(t, err)
	st := rs.Status
	assert.Equal(t, []int32{3, 3, 3, 3, 1}, []int32{st.Replicas, st.FullyLabeledReplicas, st.ReadyReplicas, st.AvailableReplicas, int32(st.ObservedGeneration)})
	assert.Equal(t, int32(0), *st.TerminatingReplicas)

	var changes []string
	for _, r := range h.records {
		if r.Reason == ReasonReplicasChanged {
			changes = append(changes, r.Message)
		}
	}
	assert.Equal(t, []string{"ReplicaSet web-rs has 3 of 3 replicas ready"}, changes)
}

// Reference: replica_set.go syncReplicaSet with controller_utils.go
// FilterActivePods: a deleted pod and a Failed (Evicted) pod no longer
// count, so the ReplicaSet hires a replacement with a new name.
func TestReplicaSetReplacesDeletedAndFailedPods(t *testing.T) {
	h := newHarness(t)
	_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", 2))
	require.NoError(t, err)
	h.loop.RunFor(10 * time.Second)
	pods := h.pods("web-rs-")
	require.Len(t, pods, 2)

	// kubectl delete pod: graceful; the replacement comes at once, while
	// the old pod is still terminating.
	require.NoError(t, h.api.DeletePod("default", pods[0].Name, nil))
	h.loop.RunFor(time.Second)
	now := h.pods("web-rs-")
	require.Len(t, now, 3, "the terminating pod and its replacement")
	rs, _ := h.api.ReplicaSets.Get("default", "web-rs")
	assert.Equal(t, int32(1), *rs.Status.TerminatingReplicas)
	h.loop.RunFor(10 * time.Second)
	assert.Equal(t, 2, len(h.pods("web-rs-")), "the deleted pod is gone once its store manager confirms")

	// Evicted: the kubelet marks the pod Failed; it stays, but is replaced.
	victim := h.pods("web-rs-")[1]
	st := victim.Status
	st.Phase, st.Reason = corev1.PodFailed, "Evicted"
	_, err = h.api.UpdatePodStatus("default", victim.Name, victim.UID, st)
	require.NoError(t, err)
	h.loop.RunFor(10 * time.Second)
	all := h.pods("web-rs-")
	assert.Equal(t, 3, len(all), "the evicted pod stays as a record")
	assert.Equal(t, 2, countPods(all, isActiveAndReady))
	assert.Len(t, h.events(ReplicaSetComponent), 4, "two hires, then one replacement each")
}

// Reference: replica_set.go slowStartBatch: creations go in batches of 1,
// 2, 4, ...; a batch with a failure stops the rest, and the sync is retried.
func TestSlowStartBatches(t *testing.T) {
	tests := []struct {
		failOn      int // the n-th create call fails (0: none)
		wantCalls   int
		wantCreated int
	}{
		{failOn: 0, wantCalls: 10, wantCreated: 10},
		{failOn: 1, wantCalls: 1, wantCreated: 0},
		{failOn: 2, wantCalls: 3, wantCreated: 2}, // batch 1 ok; batch 2 runs whole, one fails
		{failOn: 4, wantCalls: 7, wantCreated: 6}, // batches 1, 2, then 4 with one failure
		{failOn: 8, wantCalls: 10, wantCreated: 9},
	}
	for _, tt := range tests {
		h := newHarness(t)
		calls := 0
		real := h.rsc.create
		h.rsc.create = func(p *corev1.Pod) (*corev1.Pod, error) {
			calls++
			if calls == tt.failOn {
				return nil, errors.New("exceeded quota")
			}
			return real(p)
		}
		_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", 10))
		require.NoError(t, err)
		for calls == 0 && h.loop.Step() { // up to and including the first sync
		}
		assert.Equal(t, tt.wantCalls, calls, "failOn %d: create calls", tt.failOn)
		assert.Equal(t, tt.wantCreated, len(h.pods("web-rs-")), "failOn %d: pods after the first sync", tt.failOn)
		h.loop.RunFor(5 * time.Second)
		assert.Equal(t, 10, len(h.pods("web-rs-")), "failOn %d: later syncs fill the gap", tt.failOn)
		if tt.failOn > 0 {
			assert.Contains(t, h.events(ReplicaSetComponent), "FailedCreate Error creating: exceeded quota")
		}
	}
}

// Reference: replica_set.go manageReplicas and getPodsToDelete: scaling
// down deletes surplus pods gracefully, not-ready ones first.
func TestReplicaSetScalesDownNotReadyFirst(t *testing.T) {
	h := newHarness(t)
	_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", 3))
	require.NoError(t, err)
	h.loop.RunFor(10 * time.Second)
	pods := h.pods("web-rs-")
	require.Len(t, pods, 3)
	// the middle pod fails its readiness probe
	st := pods[1].Status
	st.Conditions[len(st.Conditions)-1].Status = corev1.ConditionFalse
	_, err = h.api.UpdatePodStatus("default", pods[1].Name, pods[1].UID, st)
	require.NoError(t, err)
	h.loop.RunFor(time.Second)

	rs, _ := h.api.ReplicaSets.Get("default", "web-rs")
	rs.Spec.Replicas = ptr(int32(2))
	_, err = UpdateReplicaSet(h.api, rs)
	require.NoError(t, err)
	h.loop.RunFor(time.Second)
	events := h.events(ReplicaSetComponent)
	assert.Equal(t, "SuccessfulDelete Deleted pod: "+pods[1].Name, events[len(events)-1])
	got, _ := h.api.Pods.Get("default", pods[1].Name)
	require.NotNil(t, got.DeletionTimestamp, "deletion is graceful")
}

// Reference: replica_set.go updatePod / calculateStatus with
// podutil.IsPodAvailable: a pod is available once it has been ready for
// minReadySeconds; the controller checks again by itself.
func TestMinReadySeconds(t *testing.T) {
	h := newHarness(t)
	rs := newReplicaSet("web-rs", 1)
	rs.Spec.MinReadySeconds = 10
	_, err := CreateReplicaSet(h.api, rs)
	require.NoError(t, err)
	h.loop.RunFor(5 * time.Second) // ready at 2s
	got, _ := h.api.ReplicaSets.Get("default", "web-rs")
	assert.Equal(t, [2]int32{1, 0}, [2]int32{got.Status.ReadyReplicas, got.Status.AvailableReplicas}, "ready, not yet available")
	h.loop.RunFor(8 * time.Second) // 13s: ready for 11s
	got, _ = h.api.ReplicaSets.Get("default", "web-rs")
	assert.Equal(t, int32(1), got.Status.AvailableReplicas, "available after minReadySeconds")
}

// Reference: garbage collector, background propagation: deleting a
// ReplicaSet deletes its pods.
func TestDeletingAReplicaSetDeletesItsPods(t *testing.T) {
	h := newHarness(t)
	_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", 2))
	require.NoError(t, err)
	h.loop.RunFor(10 * time.Second)
	require.NoError(t, h.api.ReplicaSets.Delete("default", "web-rs"))
	h.loop.RunFor(10 * time.Second)
	assert.Equal(t, 0, len(h.pods("web-rs-")))
}
