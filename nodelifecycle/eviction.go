package nodelifecycle

import (
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// EvictionDelay applies taint-based eviction (pkg/controller/tainteviction
// taint_eviction.go processPodOnNode) to a pod on a node with taints. Only
// NoExecute taints count:
//
//   - none: the pod stays (evict false);
//   - one not tolerated: evict now (0, true);
//   - all tolerated: for each taint the first matching toleration is used;
//     if none of those has tolerationSeconds the pod stays forever (evict
//     false), otherwise it is evicted after the smallest tolerationSeconds
//     (a value of zero or less means now).
//
// The delay is measured from when the controller sees the taint on the pod's
// node, which is the taint's timeAdded for a pod already running there.
func EvictionDelay(pod *corev1.Pod, taints []corev1.Taint) (delay time.Duration, evict bool) {
	var noExecute []corev1.Taint
	for _, t := range taints {
		if t.Effect == corev1.TaintEffectNoExecute {
			noExecute = append(noExecute, t)
		}
	}
	if len(noExecute) == 0 || pod == nil {
		return 0, false
	}
	used, ok := matchingTolerations(noExecute, pod.Spec.Tolerations)
	if !ok {
		return 0, true
	}
	return minTolerationTime(used)
}

// matchingTolerations returns, for each taint, the first toleration that
// tolerates it, and false if some taint has none
// (pkg/apis/core/v1/helper GetMatchingTolerations).
func matchingTolerations(taints []corev1.Taint, tolerations []corev1.Toleration) ([]corev1.Toleration, bool) {
	used := make([]corev1.Toleration, 0, len(taints))
	for _, taint := range taints {
		found := false
		for _, t := range tolerations {
			if scheduler.Tolerates(t, taint) {
				used = append(used, t)
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	return used, true
}

// minTolerationTime returns the smallest tolerationSeconds among the used
// tolerations, or evict false when none is bounded (taint_eviction.go
// getMinTolerationTime).
func minTolerationTime(used []corev1.Toleration) (time.Duration, bool) {
	bounded := false
	var least int64
	for _, t := range used {
		if t.TolerationSeconds == nil {
			continue
		}
		s := *t.TolerationSeconds
		if s <= 0 {
			return 0, true
		}
		if !bounded || s < least {
			least, bounded = s, true
		}
	}
	if !bounded {
		return 0, false
	}
	return sim.Seconds(least), true
}
