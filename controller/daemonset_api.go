package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
)

// DefaultDaemonSet fills in what the API server fills in when a DaemonSet
// is created: namespace "default", updateStrategy RollingUpdate with
// maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10, and the
// template's pod defaults.
// Reference: pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet.
func DefaultDaemonSet(d *appsv1.DaemonSet) {
	if d == nil {
		return
	}
	defaultMeta(&d.ObjectMeta, &d.TypeMeta, "apps/v1", "DaemonSet")
	defaultInt32(&d.Spec.RevisionHistoryLimit, 10)
	us := &d.Spec.UpdateStrategy
	if us.Type == "" {
		us.Type = appsv1.RollingUpdateDaemonSetStrategyType
	}
	if us.Type == appsv1.RollingUpdateDaemonSetStrategyType {
		if us.RollingUpdate == nil {
			us.RollingUpdate = &appsv1.RollingUpdateDaemonSet{}
		}
		if us.RollingUpdate.MaxUnavailable == nil {
			one := intstr.FromInt32(1)
			us.RollingUpdate.MaxUnavailable = &one
		}
		if us.RollingUpdate.MaxSurge == nil {
			zero := intstr.FromInt32(0)
			us.RollingUpdate.MaxSurge = &zero
		}
	}
	pod.DefaultPodSpec(&d.Spec.Template.Spec)
}

// ValidateDaemonSet checks a defaulted DaemonSet as the API server does
// (pkg/apis/apps/validation ValidateDaemonSet): the name, a selector that
// matches the template's labels, a template whose restartPolicy is
// Always, and an updateStrategy it knows, whose maxUnavailable and
// maxSurge are not both 0. It returns every problem, sorted by field path.
func ValidateDaemonSet(d *appsv1.DaemonSet) field.ErrorList {
	if d == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "daemonset is nil")}
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&d.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	errs = append(errs, validateReplicasAndSelector(nil, d.Spec.MinReadySeconds, d.Spec.Selector, &d.Spec.Template, spec)...)
	if rp := d.Spec.Template.Spec.RestartPolicy; rp != corev1.RestartPolicyAlways {
		errs = append(errs, field.NotSupported(spec.Child("template", "spec", "restartPolicy"), rp, []string{string(corev1.RestartPolicyAlways)}))
	}
	us := spec.Child("updateStrategy")
	switch d.Spec.UpdateStrategy.Type {
	case appsv1.OnDeleteDaemonSetStrategyType:
	case appsv1.RollingUpdateDaemonSetStrategyType:
		ru := d.Spec.UpdateStrategy.RollingUpdate
		if ru == nil {
			errs = append(errs, field.Required(us.Child("rollingUpdate"), ""))
			break
		}
		var unavailable, surge int
		if ru.MaxUnavailable != nil {
			errs = append(errs, validateIntOrPercent(ru.MaxUnavailable, us.Child("rollingUpdate", "maxUnavailable"))...)
			unavailable = intOrPercentValue(ru.MaxUnavailable)
		}
		if ru.MaxSurge != nil {
			errs = append(errs, validateIntOrPercent(ru.MaxSurge, us.Child("rollingUpdate", "maxSurge"))...)
			surge = intOrPercentValue(ru.MaxSurge)
		}
		if unavailable == 0 && surge == 0 {
			errs = append(errs, field.Invalid(us.Child("rollingUpdate", "maxUnavailable"), ru.MaxUnavailable, "may not be 0 when `maxSurge` is 0"))
		}
	default:
		errs = append(errs, field.NotSupported(us.Child("type"), d.Spec.UpdateStrategy.Type, []string{"OnDelete", "RollingUpdate"}))
	}
	return sortErrors(errs)
}

// CreateDaemonSet is the API server's side of creating a DaemonSet:
// defaulting, validation, generation 1, an empty status.
func CreateDaemonSet(api *apiserver.Server, d *appsv1.DaemonSet) (*appsv1.DaemonSet, error) {
	d = d.DeepCopy()
	DefaultDaemonSet(d)
	if errs := ValidateDaemonSet(d); len(errs) > 0 {
		return nil, invalidError("DaemonSet", d.Name, errs)
	}
	d.Generation = 1
	d.Status = appsv1.DaemonSetStatus{}
	return api.DaemonSets.Create(d)
}

// ValidateDaemonSetUpdate checks next, defaulted, as the replacement of
// the stored cur: everything ValidateDaemonSet checks, and the selector
// unchanged (field is immutable). The template may change; a changed
// template is a new revision, which the controller rolls out store by
// store as the updateStrategy says. It returns every problem, sorted by
// field path.
// Reference: pkg/apis/apps/validation/validation.go
// (ValidateDaemonSetUpdate).
func ValidateDaemonSetUpdate(next, cur *appsv1.DaemonSet) field.ErrorList {
	errs := ValidateDaemonSet(next)
	if !equality.Semantic.DeepEqual(cur.Spec.Selector, next.Spec.Selector) {
		errs = append(errs, field.Invalid(field.NewPath("spec", "selector"), next.Spec.Selector, "field is immutable"))
	}
	return sortErrors(errs)
}

// UpdateDaemonSet is the API server's side of changing a DaemonSet
// (kubectl apply, edit, patch): defaulting, validation
// (ValidateDaemonSetUpdate), the stored status kept, generation bumped
// when the spec changed.
func UpdateDaemonSet(api *apiserver.Server, d *appsv1.DaemonSet) (*appsv1.DaemonSet, error) {
	return updateSpec(api.DaemonSets, d, "DaemonSet", DefaultDaemonSet, ValidateDaemonSetUpdate,
		func(d, cur *appsv1.DaemonSet) bool {
			d.Status = cur.Status
			return !equality.Semantic.DeepEqual(cur.Spec, d.Spec)
		})
}
