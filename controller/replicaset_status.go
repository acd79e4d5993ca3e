package controller

import (
	"fmt"
	"strconv"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// ReasonReplicasChanged is the reason of the Change record made when a
// ReplicaSet's status.readyReplicas changes. Its Facts: Count is
// spec.replicas, From and To the old and new readyReplicas.
const ReasonReplicasChanged = "ReplicasChanged"

// podTally is what a sync finds in its one pass over a ReplicaSet's pods:
// the active pods, and the counts its status reports.
type podTally struct {
	minReadySeconds int32
	now             time.Time

	// active holds the active pods when the sync listed them (nil when
	// it counted them from the ledger's changes: see podCounts), and
	// replicas counts them.
	active   []*corev1.Pod
	replicas int32
	// terminating counts the pods on their way out; the others count
	// active pods: those that carry every template label, the ready ones,
	// and those ready for minReadySeconds at now.
	terminating, fullyLabeled, ready, available int32
}

// newPodTally returns an empty tally of rs's pods at now.
func newPodTally(rs *appsv1.ReplicaSet, now time.Time) podTally {
	return podTally{minReadySeconds: rs.Spec.MinReadySeconds, now: now}
}

// add counts one pod of the ReplicaSet, whose facts are f.
func (n *podTally) add(p *corev1.Pod, f podFacts) {
	switch {
	case f.active:
		n.active = append(n.active, p)
		n.replicas++
	case f.terminating:
		n.terminating++
		return
	default:
		return
	}
	if f.fullyLabeled {
		n.fullyLabeled++
	}
	if f.ready {
		n.ready++
		// A ready pod is available at once without minReadySeconds.
		if n.minReadySeconds == 0 || IsPodAvailable(p, n.minReadySeconds, n.now) {
			n.available++
		}
	}
}

// calculateReplicaSetStatus returns rs's status for the tally of its
// pods (replica_set_utils.go calculateStatus): replicas counts the active
// pods; fullyLabeledReplicas those that carry every template label;
// readyReplicas the ready ones; availableReplicas those ready for
// minReadySeconds; terminatingReplicas the pods on their way out. A failed
// create or delete sets the ReplicaFailure condition; a clean sync removes
// it.
func calculateReplicaSetStatus(rs *appsv1.ReplicaSet, n podTally, manageErr error, now sim.Time) appsv1.ReplicaSetStatus {
	st := *rs.Status.DeepCopy()
	failure := replicaSetCondition(st, appsv1.ReplicaSetReplicaFailure)
	switch {
	case manageErr != nil && failure == nil:
		reason := ReasonFailedCreate
		if n.replicas > *rs.Spec.Replicas {
			reason = ReasonFailedDelete
		}
		st.Conditions = append(st.Conditions, appsv1.ReplicaSetCondition{
			Type: appsv1.ReplicaSetReplicaFailure, Status: corev1.ConditionTrue,
			LastTransitionTime: metav1.NewTime(now.Wall()), Reason: reason, Message: manageErr.Error(),
		})
	case manageErr == nil && failure != nil:
		var kept []appsv1.ReplicaSetCondition
		for _, c := range st.Conditions {
			if c.Type != appsv1.ReplicaSetReplicaFailure {
				kept = append(kept, c)
			}
		}
		st.Conditions = kept
	}
	st.Replicas = n.replicas
	st.FullyLabeledReplicas = n.fullyLabeled
	st.ReadyReplicas = n.ready
	st.AvailableReplicas = n.available
	terminating := n.terminating
	st.TerminatingReplicas = &terminating
	st.ObservedGeneration = rs.Generation
	return st
}

func replicaSetCondition(st appsv1.ReplicaSetStatus, t appsv1.ReplicaSetConditionType) *appsv1.ReplicaSetCondition {
	for i := range st.Conditions {
		if st.Conditions[i].Type == t {
			return &st.Conditions[i]
		}
	}
	return nil
}

// updateStatus writes st when it differs from what the ledger holds, and
// records a ReplicasChanged change when readyReplicas moved.
func (c *ReplicaSetController) updateStatus(rs *appsv1.ReplicaSet, st appsv1.ReplicaSetStatus) error {
	if equality.Semantic.DeepEqual(rs.Status, st) {
		return nil
	}
	oldReady := rs.Status.ReadyReplicas
	rs.Status = st
	updated, err := c.kind.updateStatus(rs)
	if err != nil {
		return err
	}
	if st.ReadyReplicas != oldReady {
		c.loop.Record(sim.Record{
			Kind: sim.Change, Source: sim.Source{Component: c.kind.component}, Object: c.ref(updated),
			Reason:  ReasonReplicasChanged,
			Message: fmt.Sprintf("%s %s has %d of %d replicas ready", c.kind.kind, updated.Name, st.ReadyReplicas, *updated.Spec.Replicas),
			Facts:   sim.Facts{Count: *updated.Spec.Replicas, From: strconv.Itoa(int(oldReady)), To: strconv.Itoa(int(st.ReadyReplicas))},
		})
	}
	return nil
}

// scheduleAvailabilityCheck queues rs again for the moment its next ready
// pod has been ready for minReadySeconds, plus the extra second Kubernetes
// adds against clock skew: nothing else would tell the controller that
// time has passed.
func (c *ReplicaSetController) scheduleAvailabilityCheck(rs *appsv1.ReplicaSet, active []*corev1.Pod) {
	if rs.Spec.MinReadySeconds <= 0 {
		return
	}
	now := c.loop.Now().Wall()
	minReady := time.Duration(rs.Spec.MinReadySeconds) * time.Second
	var next time.Duration = -1
	for _, p := range active {
		t := podReadyTime(p)
		if t == nil || IsPodAvailable(p, rs.Spec.MinReadySeconds, now) {
			continue
		}
		if wait := t.Add(minReady).Sub(now); next < 0 || wait < next {
			next = max(wait, 0)
		}
	}
	if next >= 0 {
		c.queue.addAfter(apiserver.KeyOf(rs), next+time.Second)
	}
}
