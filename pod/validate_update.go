package pod

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/diff"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// updateForbidden is the API server's refusal of a pod update that changes
// more than a running pod can take.
const updateForbidden = "pod updates may not change fields other than `spec.containers[*].image`," +
	"`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations)," +
	"`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

// ValidateUpdate returns the errors of replacing old's spec with next's,
// both defaulted, as the API server's update validation does: a running
// pod's images may change, its activeDeadlineSeconds may be set or
// shortened, tolerations may be added, scheduling gates removed, and a negative
// terminationGracePeriodSeconds may become 1; any other change of the spec
// is Forbidden. Labels and annotations may change freely (they are
// validated as on create).
func ValidateUpdate(next, old *corev1.Pod) field.ErrorList {
	if next == nil || old == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "pod is nil")}
	}
	errs := validatePod(next)
	spec := field.NewPath("spec")
	if a, b := old.Spec.ActiveDeadlineSeconds, next.Spec.ActiveDeadlineSeconds; a != nil {
		switch {
		case b == nil:
			errs = append(errs, field.Invalid(spec.Child("activeDeadlineSeconds"), nil, "must not update from a positive integer to nil value"))
		case *b > *a:
			errs = append(errs, field.Invalid(spec.Child("activeDeadlineSeconds"), *b, "must be less than or equal to previous value"))
		}
	}
	// Everything the rules allow to change is copied from old, and what is
	// left must then be equal.
	munged := next.Spec.DeepCopy()
	for i := range munged.Containers {
		if i < len(old.Spec.Containers) {
			munged.Containers[i].Image = old.Spec.Containers[i].Image
		}
	}
	for i := range munged.InitContainers {
		if i < len(old.Spec.InitContainers) {
			munged.InitContainers[i].Image = old.Spec.InitContainers[i].Image
		}
	}
	munged.ActiveDeadlineSeconds = old.Spec.ActiveDeadlineSeconds
	errs = append(errs, validateOnlyDeletedGates(next.Spec.SchedulingGates, old.Spec.SchedulingGates, spec.Child("schedulingGates"))...)
	munged.SchedulingGates = old.Spec.SchedulingGates
	if kept(old.Spec.Tolerations, munged.Tolerations) {
		munged.Tolerations = old.Spec.Tolerations
	}
	if g, og := munged.TerminationGracePeriodSeconds, old.Spec.TerminationGracePeriodSeconds; g != nil && og != nil && *og < 0 && *g == 1 {
		munged.TerminationGracePeriodSeconds = og
	}
	if !equality.Semantic.DeepEqual(*munged, old.Spec) {
		// The API server adds the difference it found, as a unified diff
		// of the specs' JSON.
		errs = append(errs, field.Forbidden(spec, updateForbidden+"\n"+diff.Diff(old.Spec, *munged)))
	}
	return errs
}

// kept reports whether every toleration of old is still in next.
func kept(old, next []corev1.Toleration) bool {
	for _, t := range old {
		if !slices.ContainsFunc(next, func(n corev1.Toleration) bool { return equality.Semantic.DeepEqual(t, n) }) {
			return false
		}
	}
	return true
}
