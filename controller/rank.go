package controller

import (
	"cmp"
	"math"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/endpointslice"
)

// phaseOrdinal orders phases for scale-down: Pending pods go before Unknown
// ones, which go before Running ones.
var phaseOrdinal = map[corev1.PodPhase]int{corev1.PodPending: 0, corev1.PodUnknown: 1, corev1.PodRunning: 2}

// rankedPod is a pod with its rank: how many active pods of the same owner
// share its store.
type rankedPod struct {
	pod  *corev1.Pod
	rank int
}

// PodsToDelete returns the n pods of pods a ReplicaSet lets go first when it
// scales down (replica_set.go getPodsToDelete, controller_utils.go
// ActivePodsWithRanks): related are the active pods of every ReplicaSet with
// the same owner, used to prefer pods on crowded stores; now is the clock
// for the logarithmic age buckets. Pods that tie keep their order in pods.
func PodsToDelete(pods, related []*corev1.Pod, n int, now time.Time) []*corev1.Pod {
	if n >= len(pods) {
		return slices.Clone(pods)
	}
	onNode := map[string]int{}
	for _, p := range related {
		if IsPodActive(p) {
			onNode[p.Spec.NodeName]++
		}
	}
	ranked := make([]rankedPod, len(pods))
	for i, p := range pods {
		ranked[i] = rankedPod{pod: p, rank: onNode[p.Spec.NodeName]}
	}
	slices.SortStableFunc(ranked, func(a, b rankedPod) int { return compareForDeletion(a, b, now) })
	out := make([]*corev1.Pod, n)
	for i := range out {
		out[i] = ranked[i].pod
	}
	return out
}

// compareForDeletion returns a negative number when a should go before b.
func compareForDeletion(a, b rankedPod, now time.Time) int {
	pa, pb := a.pod, b.pod
	// 1. Unassigned before assigned.
	if (pa.Spec.NodeName == "") != (pb.Spec.NodeName == "") {
		return boolFirst(pa.Spec.NodeName == "")
	}
	// 2. Pending before Unknown before Running.
	if oa, ob := phaseOrdinal[pa.Status.Phase], phaseOrdinal[pb.Status.Phase]; oa != ob {
		return oa - ob
	}
	// 3. Not ready before ready.
	ra, rb := endpointslice.IsPodReady(pa), endpointslice.IsPodReady(pb)
	if ra != rb {
		return boolFirst(!ra)
	}
	// 4. Lower pod-deletion-cost first.
	if ca, cb := deletionCost(pa), deletionCost(pb); ca != cb {
		return cmp.Compare(ca, cb)
	}
	// 5. More related pods on the same store first.
	if a.rank != b.rank {
		return cmp.Compare(b.rank, a.rank)
	}
	// 6. Ready for less time first, by logarithmic buckets.
	if ra && rb {
		if c := compareAge(pa, pb, podReadyTime(pa), podReadyTime(pb), now); c != 0 {
			return c
		}
	}
	// 7. More container restarts first.
	if xa, xb := maxContainerRestarts(pa), maxContainerRestarts(pb); xa != xb {
		return cmp.Compare(xb, xa)
	}
	// 8. Newer first, by logarithmic buckets.
	return compareAge(pa, pb, &pa.CreationTimestamp, &pb.CreationTimestamp, now)
}

// compareAge orders two instants newest first. Unset instants come first;
// otherwise instants whose age falls in the same power-of-two bucket of
// nanoseconds tie, and the tie is broken by uid (LogarithmicScaleDown).
func compareAge(pa, pb *corev1.Pod, ta, tb *metav1.Time, now time.Time) int {
	za, zb := ta == nil || ta.IsZero(), tb == nil || tb.IsZero()
	switch {
	case za && zb:
		return 0
	case za || zb:
		return boolFirst(za)
	case ta.Equal(tb):
		return 0
	}
	if diff := ageBucket(ta.Time, now) - ageBucket(tb.Time, now); diff != 0 {
		return cmp.Compare(diff, 0)
	}
	return cmp.Compare(string(pa.UID), string(pb.UID))
}

// ageBucket returns floor(log2(age in nanoseconds)), or -1 for an instant
// that is not in the past.
func ageBucket(t, now time.Time) int64 {
	d := now.Sub(t)
	if d <= 0 {
		return -1
	}
	return int64(math.Log2(float64(d)))
}

// boolFirst returns -1 when the first of two compared items wins the test,
// 1 when the second does.
func boolFirst(firstWins bool) int {
	if firstWins {
		return -1
	}
	return 1
}
