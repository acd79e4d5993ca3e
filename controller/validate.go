package controller

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/pod"
)

// ValidateDeployment checks a defaulted Deployment as the API server does
// (pkg/apis/apps/validation ValidateDeployment): the name; replicas,
// minReadySeconds and revisionHistoryLimit not negative; a non-empty
// selector that matches the template's labels; the strategy (RollingUpdate
// with maxSurge and maxUnavailable not negative, not both 0, maxUnavailable
// at most 100%; Recreate without rollingUpdate); progressDeadlineSeconds
// above minReadySeconds; and the template (restartPolicy Always, no
// activeDeadlineSeconds, a valid PodSpec). It returns every problem, sorted
// by field path; an empty list means the Deployment is valid.
func ValidateDeployment(d *appsv1.Deployment) field.ErrorList {
	if d == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "deployment is nil")}
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&d.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	errs = append(errs, validateReplicasAndSelector(d.Spec.Replicas, d.Spec.MinReadySeconds, d.Spec.Selector, &d.Spec.Template, spec)...)
	errs = append(errs, validateStrategy(&d.Spec.Strategy, spec.Child("strategy"))...)
	if d.Spec.RevisionHistoryLimit != nil {
		errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*d.Spec.RevisionHistoryLimit), spec.Child("revisionHistoryLimit"))...)
	}
	if p := d.Spec.ProgressDeadlineSeconds; p != nil {
		path := spec.Child("progressDeadlineSeconds")
		errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*p), path)...)
		if *p <= d.Spec.MinReadySeconds {
			errs = append(errs, field.Invalid(path, *p, "must be greater than minReadySeconds"))
		}
	}
	return sortErrors(errs)
}

// ValidateReplicaSet checks a defaulted ReplicaSet as the API server does
// (ValidateReplicaSet): the name, replicas and minReadySeconds not
// negative, a non-empty selector that matches the template's labels, and
// the template. It returns every problem, sorted by field path.
func ValidateReplicaSet(rs *appsv1.ReplicaSet) field.ErrorList {
	if rs == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "replicaset is nil")}
	}
	errs := apivalidation.ValidateObjectMeta(&rs.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	errs = append(errs, validateReplicasAndSelector(rs.Spec.Replicas, rs.Spec.MinReadySeconds, rs.Spec.Selector, &rs.Spec.Template, field.NewPath("spec"))...)
	return sortErrors(errs)
}

// validateReplicasAndSelector checks what Deployments and ReplicaSets
// share.
func validateReplicasAndSelector(replicas *int32, minReady int32, sel *metav1.LabelSelector, t *corev1.PodTemplateSpec, spec *field.Path) field.ErrorList {
	var errs field.ErrorList
	if replicas != nil {
		errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*replicas), spec.Child("replicas"))...)
	}
	errs = append(errs, apivalidation.ValidateNonnegativeField(int64(minReady), spec.Child("minReadySeconds"))...)
	var selector labels.Selector = labels.Nothing()
	if sel == nil {
		errs = append(errs, field.Required(spec.Child("selector"), ""))
	} else {
		errs = append(errs, metavalidation.ValidateLabelSelector(sel, metavalidation.LabelSelectorValidationOptions{}, spec.Child("selector"))...)
		s, err := metav1.LabelSelectorAsSelector(sel)
		switch {
		case err != nil:
			// reported by ValidateLabelSelector
		case s.Empty():
			errs = append(errs, field.Invalid(spec.Child("selector"), sel, "empty selector is invalid for deployment"))
		default:
			selector = s
		}
	}
	return append(errs, validateTemplate(t, selector, spec.Child("template"))...)
}

// validateTemplate checks the pod template of a Deployment or ReplicaSet
// (ValidatePodTemplateSpecForReplicaSet).
func validateTemplate(t *corev1.PodTemplateSpec, selector labels.Selector, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	lp := path.Child("metadata", "labels")
	if !selector.Empty() && !selector.Matches(labels.Set(t.Labels)) {
		errs = append(errs, field.Invalid(lp, t.Labels, "`selector` does not match template `labels`"))
	}
	errs = append(errs, metavalidation.ValidateLabels(t.Labels, lp)...)
	errs = append(errs, apivalidation.ValidateAnnotations(t.Annotations, path.Child("metadata", "annotations"))...)
	sp := path.Child("spec")
	errs = append(errs, pod.ValidatePodSpec(&t.Spec, sp)...)
	if t.Spec.RestartPolicy != "" && t.Spec.RestartPolicy != corev1.RestartPolicyAlways {
		errs = append(errs, field.NotSupported(sp.Child("restartPolicy"), t.Spec.RestartPolicy, []string{string(corev1.RestartPolicyAlways)}))
	}
	if t.Spec.ActiveDeadlineSeconds != nil {
		errs = append(errs, field.Forbidden(sp.Child("activeDeadlineSeconds"), "activeDeadlineSeconds in ReplicaSet is not Supported"))
	}
	return errs
}

// validateStrategy checks a Deployment's strategy
// (ValidateDeploymentStrategy, ValidateRollingUpdateDeployment).
func validateStrategy(s *appsv1.DeploymentStrategy, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch s.Type {
	case appsv1.RecreateDeploymentStrategyType:
		if s.RollingUpdate != nil {
			errs = append(errs, field.Forbidden(path.Child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"))
		}
	case appsv1.RollingUpdateDeploymentStrategyType:
		if s.RollingUpdate == nil {
			return append(errs, field.Required(path.Child("rollingUpdate"), "this should be defaulted and never be nil"))
		}
		ru, rp := s.RollingUpdate, path.Child("rollingUpdate")
		errs = append(errs, validateIntOrPercent(ru.MaxUnavailable, rp.Child("maxUnavailable"))...)
		errs = append(errs, validateIntOrPercent(ru.MaxSurge, rp.Child("maxSurge"))...)
		if intOrPercentValue(ru.MaxUnavailable) == 0 && intOrPercentValue(ru.MaxSurge) == 0 {
			errs = append(errs, field.Invalid(rp.Child("maxUnavailable"), intOrPercentString(ru.MaxUnavailable), "may not be 0 when `maxSurge` is 0"))
		}
		if v, ok := percentValue(ru.MaxUnavailable); ok && v > 100 {
			errs = append(errs, field.Invalid(rp.Child("maxUnavailable"), intOrPercentString(ru.MaxUnavailable), "must not be greater than 100%"))
		}
	default:
		errs = append(errs, field.NotSupported(path.Child("type"), s.Type,
			[]string{string(appsv1.RecreateDeploymentStrategyType), string(appsv1.RollingUpdateDeploymentStrategyType)}))
	}
	return errs
}

// validateIntOrPercent checks that v is a non-negative integer or a valid
// percentage (ValidatePositiveIntOrPercent).
func validateIntOrPercent(v *intstr.IntOrString, path *field.Path) field.ErrorList {
	if v == nil {
		return nil
	}
	if v.Type == intstr.String {
		var errs field.ErrorList
		for _, msg := range validation.IsValidPercent(v.StrVal) {
			errs = append(errs, field.Invalid(path, v.StrVal, msg))
		}
		return errs
	}
	return apivalidation.ValidateNonnegativeField(int64(v.IntVal), path)
}

// percentValue returns the number of a percentage, and whether v is one.
func percentValue(v *intstr.IntOrString) (int, bool) {
	if v == nil || v.Type != intstr.String || len(validation.IsValidPercent(v.StrVal)) > 0 {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v.StrVal, "%"))
	return n, err == nil
}

// intOrPercentValue returns the number in v, a percentage or not; -1 when
// it cannot be read.
func intOrPercentValue(v *intstr.IntOrString) int {
	if v == nil {
		return 0
	}
	if v.Type == intstr.Int {
		return int(v.IntVal)
	}
	if n, ok := percentValue(v); ok {
		return n
	}
	return -1
}

func intOrPercentString(v *intstr.IntOrString) string {
	if v == nil {
		return "<nil>"
	}
	return v.String()
}

// sortErrors orders errors by field path, then by message, so output is
// the same in every run.
func sortErrors(errs field.ErrorList) field.ErrorList {
	slices.SortStableFunc(errs, func(a, b *field.Error) int {
		return cmp.Or(cmp.Compare(a.Field, b.Field), cmp.Compare(a.Error(), b.Error()))
	})
	return errs
}

// invalidError wraps a validation failure the way the API server words it.
func invalidError(kind, name string, errs field.ErrorList) error {
	return fmt.Errorf("%s %q is invalid: %w", kind, name, errs.ToAggregate())
}
