package controller

import (
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// ValidateJobUpdate checks next, defaulted, as the replacement of the
// stored cur: everything ValidateJob checks, and that the fields the API
// server fixes at creation stay as they were (field is immutable):
// completions, selector, completionMode, podFailurePolicy,
// backoffLimitPerIndex, successPolicy, managedBy and the pod template.
// The one opening in the template is a suspended Job that has never
// started: its pods' labels, annotations, node selector, node affinity,
// tolerations and scheduling gates may change, so that a queue can
// decide where the Job runs before it lets it go. Everything else
// (parallelism, suspend, activeDeadlineSeconds, backoffLimit,
// ttlSecondsAfterFinished) may change at any time.
// Reference: pkg/apis/batch/validation/validation.go (ValidateJobUpdate,
// ValidateJobSpecUpdate, validatePodTemplateUpdate).
func ValidateJobUpdate(next, cur *batchv1.Job) field.ErrorList {
	errs := ValidateJob(next)
	spec := field.NewPath("spec")
	immutable := func(name string, a, b any) {
		if !equality.Semantic.DeepEqual(a, b) {
			errs = append(errs, field.Invalid(spec.Child(name), b, "field is immutable"))
		}
	}
	immutable("completions", cur.Spec.Completions, next.Spec.Completions)
	immutable("selector", cur.Spec.Selector, next.Spec.Selector)
	immutable("completionMode", cur.Spec.CompletionMode, next.Spec.CompletionMode)
	immutable("podFailurePolicy", cur.Spec.PodFailurePolicy, next.Spec.PodFailurePolicy)
	immutable("backoffLimitPerIndex", cur.Spec.BackoffLimitPerIndex, next.Spec.BackoffLimitPerIndex)
	immutable("successPolicy", cur.Spec.SuccessPolicy, next.Spec.SuccessPolicy)
	immutable("managedBy", cur.Spec.ManagedBy, next.Spec.ManagedBy)
	was := cur.Spec.Template.DeepCopy()
	if cur.Spec.Suspend != nil && *cur.Spec.Suspend && cur.Status.StartTime == nil {
		schedulingDirectives(was, &next.Spec.Template)
	}
	if !equality.Semantic.DeepEqual(*was, next.Spec.Template) {
		errs = append(errs, field.Invalid(spec.Child("template"), "", "field is immutable"))
	}
	return sortErrors(errs)
}

// schedulingDirectives copies into dst the parts of src's pod template a
// suspended, never started Job may change.
func schedulingDirectives(dst, src *corev1.PodTemplateSpec) {
	dst.Labels, dst.Annotations = src.Labels, src.Annotations
	dst.Spec.NodeSelector, dst.Spec.Tolerations = src.Spec.NodeSelector, src.Spec.Tolerations
	dst.Spec.SchedulingGates = src.Spec.SchedulingGates
	var nodeAffinity *corev1.NodeAffinity
	if src.Spec.Affinity != nil {
		nodeAffinity = src.Spec.Affinity.NodeAffinity
	}
	if dst.Spec.Affinity == nil {
		dst.Spec.Affinity = &corev1.Affinity{}
	}
	dst.Spec.Affinity.NodeAffinity = nodeAffinity
	if src.Spec.Affinity == nil && *dst.Spec.Affinity == (corev1.Affinity{}) {
		dst.Spec.Affinity = nil
	}
}
