package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/apiserver"
)

// podCounts is what a ReplicaSet's status counts of its pods, kept up to
// date between syncs from the ledger's changes to the pods it controls,
// so that a sync of a ReplicaSet of thousands of pods that only needs the
// counts (it has too few pods, or just enough) reads the few pods that
// changed instead of all of them. A podTally of the same pods gives the
// same counts.
type podCounts struct {
	// active, terminating, fullyLabeled and ready count the selected pods
	// as podTally does.
	active, terminating, fullyLabeled, ready int32
	// unselected counts the pods the ReplicaSet controls but no longer
	// selects: a sync must list its pods to release them.
	unselected int32
}

// add counts (by +1) or uncounts (by -1) one version of a pod whose
// facts are f.
func (n *podCounts) add(f podFacts, by int32) {
	switch {
	case !f.selected:
		n.unselected += by
		return
	case f.active:
		n.active += by
	case f.terminating:
		n.terminating += by
		return
	default:
		return
	}
	if f.fullyLabeled {
		n.fullyLabeled += by
	}
	if f.ready {
		n.ready += by
	}
}

// countsOf returns the counts of a tally from a full list: every pod it
// claimed was selected.
func countsOf(t podTally) podCounts {
	return podCounts{active: t.replicas, terminating: t.terminating, fullyLabeled: t.fullyLabeled, ready: t.ready}
}

// countable reports whether rs's status can come from counts alone. With
// minReadySeconds a pod becomes available by the clock, not by a write,
// and the sync looks at every ready pod to know when to look again
// (scheduleAvailabilityCheck): such a ReplicaSet lists its pods on every
// sync.
func countable(rs *appsv1.ReplicaSet) bool { return rs.Spec.MinReadySeconds == 0 }

// tallyFromCounts fills tally from memo's counts, brought up to date with
// the changes to rs's pods since the last sync, and reports whether that
// is all the sync needs. It is not when the counts are not kept (a first
// sync, a new selector or template, minReadySeconds), when an owned pod is
// no longer selected (to release), an orphan is selected (to adopt), or
// rs has more active pods than it wants (the sync ranks them to choose
// which to delete): then the sync lists the pods, as the real controller
// does on every sync.
func (c *ReplicaSetController) tallyFromCounts(rs *appsv1.ReplicaSet, memo *podFactsMemo, tally *podTally) bool {
	if c.listEverySync || !countable(rs) || !c.catchUp(rs, memo) {
		return false
	}
	n := memo.counts
	switch {
	case n.unselected > 0:
		return false
	case rs.DeletionTimestamp != nil:
	case n.active > *rs.Spec.Replicas, c.adoptsAnOrphan(rs, memo):
		return false
	}
	memo.forgetVersions()
	tally.replicas, tally.terminating, tally.fullyLabeled, tally.ready = n.active, n.terminating, n.fullyLabeled, n.ready
	tally.available = n.ready // a ready pod is available at once without minReadySeconds
	return true
}

// catchUp brings memo's counts of rs's pods up to date with the changes
// since the last take, and reports whether it keeps them.
func (c *ReplicaSetController) catchUp(rs *appsv1.ReplicaSet, memo *podFactsMemo) bool {
	if !memo.counted {
		return false
	}
	changes, ok := c.api.Pods.TakeChangesByController(c.changes, rs.Namespace, rs.UID)
	for _, ch := range changes {
		if ch.HasOld {
			memo.counts.add(memo.read(ch.Old), -1)
		}
		if ch.HasNew {
			memo.counts.add(memo.read(ch.New), +1)
		}
	}
	c.changes = clearChanges(changes)
	memo.counted = ok
	return ok
}

// adoptsAnOrphan reports whether a pod of rs's namespace that no
// controller controls is active and selected by rs: one its sync would
// adopt.
func (c *ReplicaSetController) adoptsAnOrphan(rs *appsv1.ReplicaSet, memo *podFactsMemo) bool {
	for _, p := range c.api.Pods.ListSharedByController(rs.Namespace, "") {
		if IsPodActive(p) && memo.selects(p.Labels) {
			return true
		}
	}
	return false
}

// startCounts keeps the counts of rs's pods from the tally of a full list
// just made (with its adoptions and releases done), and follows the
// changes to its pods from now on; for a ReplicaSet whose status cannot
// come from counts, it stops following them.
func (c *ReplicaSetController) startCounts(rs *appsv1.ReplicaSet, memo *podFactsMemo, tally podTally) {
	if !countable(rs) {
		c.stopCounts(rs)
		memo.counted = false
		return
	}
	// The changes so far are in the list: they are dropped.
	changes, _ := c.api.Pods.TakeChangesByController(c.changes, rs.Namespace, rs.UID)
	c.changes = clearChanges(changes)
	memo.counts, memo.counted = countsOf(tally), true
}

// stopCounts stops following the changes to rs's pods.
func (c *ReplicaSetController) stopCounts(rs *appsv1.ReplicaSet) {
	c.api.Pods.ForgetChangesByController(rs.Namespace, rs.UID)
}

// clearChanges empties changes for the next take, holding on to no pod.
func clearChanges(changes []apiserver.Change[*corev1.Pod]) []apiserver.Change[*corev1.Pod] {
	clear(changes)
	return changes[:0]
}
