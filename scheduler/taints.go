package scheduler

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
)

// Tolerates reports whether a toleration tolerates a taint, by the rules of
// k8s.io/api/core/v1 Toleration.ToleratesTaint: an empty effect matches every
// effect, an empty key (with operator Exists) matches every key, operator
// Equal (or empty) needs equal values, Exists ignores the value. The Lt and
// Gt operators belong to an alpha feature gate that is off by default, so
// they tolerate nothing here.
func Tolerates(t corev1.Toleration, taint corev1.Taint) bool {
	if t.Effect != "" && t.Effect != taint.Effect {
		return false
	}
	if t.Key != "" && t.Key != taint.Key {
		return false
	}
	switch t.Operator {
	case "", corev1.TolerationOpEqual:
		return t.Value == taint.Value
	case corev1.TolerationOpExists:
		return true
	default:
		return false
	}
}

// TolerationsTolerate reports whether any of the tolerations tolerates taint.
func TolerationsTolerate(tolerations []corev1.Toleration, taint corev1.Taint) bool {
	for _, t := range tolerations {
		if Tolerates(t, taint) {
			return true
		}
	}
	return false
}

// firstUntolerated returns the first taint, in the node's order, whose effect
// keep accepts and that no toleration tolerates.
func firstUntolerated(taints []corev1.Taint, tolerations []corev1.Toleration, keep func(corev1.TaintEffect) bool) (corev1.Taint, bool) {
	for _, taint := range taints {
		if keep(taint.Effect) && !TolerationsTolerate(tolerations, taint) {
			return taint, true
		}
	}
	return corev1.Taint{}, false
}

// doNotSchedule reports whether an effect keeps new pods off a node.
func doNotSchedule(e corev1.TaintEffect) bool {
	return e == corev1.TaintEffectNoSchedule || e == corev1.TaintEffectNoExecute
}

// untoleratedTaintReason is TaintToleration's filter reason for a taint.
func untoleratedTaintReason(t corev1.Taint) string {
	return fmt.Sprintf("node(s) had untolerated taint {%s: %s}", t.Key, t.Value)
}

// preferNoScheduleTolerations returns the tolerations TaintToleration's
// score weighs: those with effect PreferNoSchedule or none.
func preferNoScheduleTolerations(tolerations []corev1.Toleration) []corev1.Toleration {
	var prefer []corev1.Toleration
	for _, t := range tolerations {
		if t.Effect == "" || t.Effect == corev1.TaintEffectPreferNoSchedule {
			prefer = append(prefer, t)
		}
	}
	return prefer
}

// intolerablePreferNoSchedule counts the node's PreferNoSchedule taints that
// prefer, the pod's PreferNoSchedule (or effect-less) tolerations, do not
// tolerate: TaintToleration's raw score, lower is better.
func intolerablePreferNoSchedule(taints []corev1.Taint, prefer []corev1.Toleration) int64 {
	var n int64
	for _, taint := range taints {
		if taint.Effect == corev1.TaintEffectPreferNoSchedule && !TolerationsTolerate(prefer, taint) {
			n++
		}
	}
	return n
}
