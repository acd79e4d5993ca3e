package nodelifecycle

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// conditionTaintKey returns the taint key the controller keeps on a node for
// a condition type and status, or "" (node_lifecycle_controller.go
// nodeConditionToTaintKeyStatusMap).
func conditionTaintKey(t corev1.NodeConditionType, s corev1.ConditionStatus) string {
	switch {
	case t == corev1.NodeReady && s == corev1.ConditionFalse:
		return corev1.TaintNodeNotReady
	case t == corev1.NodeReady && s == corev1.ConditionUnknown:
		return corev1.TaintNodeUnreachable
	case s != corev1.ConditionTrue:
		return ""
	case t == corev1.NodeMemoryPressure:
		return corev1.TaintNodeMemoryPressure
	case t == corev1.NodeDiskPressure:
		return corev1.TaintNodeDiskPressure
	case t == corev1.NodePIDPressure:
		return corev1.TaintNodePIDPressure
	case t == corev1.NodeNetworkUnavailable:
		return corev1.TaintNodeNetworkUnavailable
	}
	return ""
}

// managed reports whether the controller owns a taint: the not-ready and
// unreachable NoExecute taints, and the NoSchedule taints for conditions and
// for spec.unschedulable.
func managed(t corev1.Taint) bool {
	switch t.Effect {
	case corev1.TaintEffectNoExecute:
		return t.Key == corev1.TaintNodeNotReady || t.Key == corev1.TaintNodeUnreachable
	case corev1.TaintEffectNoSchedule:
		switch t.Key {
		case corev1.TaintNodeUnschedulable, corev1.TaintNodeNotReady, corev1.TaintNodeUnreachable,
			corev1.TaintNodeMemoryPressure, corev1.TaintNodeDiskPressure, corev1.TaintNodePIDPressure,
			corev1.TaintNodeNetworkUnavailable:
			return true
		}
	}
	return false
}

// wantedTaints returns the controller taints the node's state calls for: the
// NoExecute taint for a Ready condition that is False or Unknown
// (doNoExecuteTaintingPass), then a NoSchedule taint per condition in the
// node's order (doNoScheduleTaintingPass), then the unschedulable taint for a
// cordoned node. timeAdded is the causing condition's lastTransitionTime.
func wantedTaints(node *corev1.Node) []corev1.Taint {
	var out []corev1.Taint
	conds := node.Status.Conditions
	if i := findCondition(conds, corev1.NodeReady); i >= 0 {
		if key := conditionTaintKey(corev1.NodeReady, conds[i].Status); key != "" {
			out = append(out, newTaint(key, corev1.TaintEffectNoExecute, conds[i].LastTransitionTime))
		}
	}
	for _, c := range conds {
		if key := conditionTaintKey(c.Type, c.Status); key != "" {
			out = append(out, newTaint(key, corev1.TaintEffectNoSchedule, c.LastTransitionTime))
		}
	}
	if node.Spec.Unschedulable {
		out = append(out, corev1.Taint{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule})
	}
	return out
}

// newTaint returns a controller taint stamped with at (nil when at is zero).
func newTaint(key string, effect corev1.TaintEffect, at metav1.Time) corev1.Taint {
	t := corev1.Taint{Key: key, Effect: effect}
	if !at.IsZero() {
		stamp := at
		t.TimeAdded = &stamp
	}
	return t
}

// Taints returns the taints the node lifecycle controller keeps on node given
// its conditions and spec.unschedulable:
//
//	Ready False              node.kubernetes.io/not-ready:NoExecute and :NoSchedule
//	Ready Unknown            node.kubernetes.io/unreachable:NoExecute and :NoSchedule
//	MemoryPressure True      node.kubernetes.io/memory-pressure:NoSchedule
//	DiskPressure True        node.kubernetes.io/disk-pressure:NoSchedule
//	PIDPressure True         node.kubernetes.io/pid-pressure:NoSchedule
//	NetworkUnavailable True  node.kubernetes.io/network-unavailable:NoSchedule
//	spec.unschedulable       node.kubernetes.io/unschedulable:NoSchedule
//
// Taints the controller does not own are kept, in place. A controller taint
// already on the node keeps its timeAdded; one that is no longer called for
// is removed; a new one is appended with timeAdded set to the lastTransitionTime
// of the condition that caused it (the controller stamps the moment it adds
// the taint, which follows the transition within one monitor period). The
// unschedulable taint gets no timeAdded here. A nil node returns nil.
func Taints(node *corev1.Node) []corev1.Taint {
	if node == nil {
		return nil
	}
	wanted := wantedTaints(node)
	var out []corev1.Taint
	for _, t := range node.Spec.Taints {
		if !managed(t) || indexOf(wanted, t) >= 0 {
			out = append(out, t)
		}
	}
	for _, w := range wanted {
		if indexOf(out, w) < 0 {
			out = append(out, w)
		}
	}
	return out
}

// indexOf returns the index of the taint with t's key and effect, or -1.
func indexOf(taints []corev1.Taint, t corev1.Taint) int {
	for i := range taints {
		if taints[i].MatchTaint(&t) {
			return i
		}
	}
	return -1
}
