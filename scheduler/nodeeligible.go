package scheduler

import corev1 "k8s.io/api/core/v1"

// NodeAffinityMatches reports whether node satisfies pod's nodeSelector
// and required node affinity, as the scheduler's NodeAffinity filter
// decides it. A malformed selector matches no node. The DaemonSet
// controller asks it to decide which stores get a daemon pod
// (pkg/controller/daemon/daemon_controller.go predicates).
func NodeAffinityMatches(pod *corev1.Pod, node *corev1.Node) bool {
	m, errs := newNodeMatcher(pod)
	return len(errs) == 0 && m.matches(node)
}
