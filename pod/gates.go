package pod

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// A pod with scheduling gates waits, unscheduled, until every gate is
// removed: the API server marks it PodScheduled=False with reason
// SchedulingGated, kubectl shows STATUS SchedulingGated, and the scheduler
// does not try it (no FailedScheduling).
// Reference: pkg/registry/core/pod/strategy.go (applySchedulingGatedCondition),
// pkg/scheduler/framework/plugins/schedulinggates (PreEnqueue).
const (
	ReasonSchedulingGated  = corev1.PodReasonSchedulingGated
	MessageSchedulingGated = "Scheduling is blocked due to non-empty scheduling gates"
)

// Gated reports whether p still has scheduling gates.
func Gated(p *corev1.Pod) bool { return len(p.Spec.SchedulingGates) > 0 }

// GatedCondition returns the PodScheduled condition a gated pod carries.
func GatedCondition() corev1.PodCondition {
	return corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionFalse,
		Reason: ReasonSchedulingGated, Message: MessageSchedulingGated}
}

// validateSchedulingGates checks the gates' names: qualified names, each
// once (pkg/apis/core/validation validateSchedulingGates).
func validateSchedulingGates(gates []corev1.PodSchedulingGate, path *field.Path) field.ErrorList {
	if len(gates) == 0 {
		return nil
	}
	var errs field.ErrorList
	seen := map[string]bool{}
	for i, g := range gates {
		for _, msg := range validation.IsQualifiedName(g.Name) {
			errs = append(errs, field.Invalid(path.Index(i), g.Name, msg))
		}
		if seen[g.Name] {
			errs = append(errs, field.Duplicate(path.Index(i), g.Name))
		}
		seen[g.Name] = true
	}
	return errs
}

// validateGatesOnCreate refuses a pod that names its store while still
// gated (pkg/apis/core/validation ValidatePodCreate).
func validateGatesOnCreate(p *corev1.Pod) field.ErrorList {
	if Gated(p) && p.Spec.NodeName != "" {
		return field.ErrorList{field.Forbidden(field.NewPath("spec", "nodeName"), "cannot be set until all schedulingGates have been cleared")}
	}
	return nil
}

// validateOnlyDeletedGates refuses a gate that an update adds: gates can
// only be removed (pkg/apis/core/validation validateOnlyDeletedSchedulingGates).
func validateOnlyDeletedGates(next, old []corev1.PodSchedulingGate, path *field.Path) field.ErrorList {
	if len(next) == 0 {
		return nil
	}
	had := map[string]bool{}
	for _, g := range old {
		had[g.Name] = true
	}
	var errs field.ErrorList
	for i, g := range next {
		if !had[g.Name] {
			errs = append(errs, field.Forbidden(path.Index(i).Child("name"), fmt.Sprintf("only deletion is allowed, but found new scheduling gate '%s'", g.Name)))
		}
	}
	return errs
}
