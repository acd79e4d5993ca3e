package controller

import (
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
)

// unhealthyPodEvictionPolicies are the values spec.unhealthyPodEvictionPolicy
// may take (pkg/apis/policy/validation supportedUnhealthyPodEvictionPolicies).
var unhealthyPodEvictionPolicies = []string{string(policyv1.AlwaysAllow), string(policyv1.IfHealthyBudget)}

// DefaultPodDisruptionBudget fills in what the API server fills in: the
// namespace and the type meta. policy/v1 defaults no spec field: an unset
// unhealthyPodEvictionPolicy behaves as IfHealthyBudget. A nil budget is
// left alone.
func DefaultPodDisruptionBudget(b *policyv1.PodDisruptionBudget) {
	if b == nil {
		return
	}
	defaultMeta(&b.ObjectMeta, &b.TypeMeta, "policy/v1", "PodDisruptionBudget")
}

// ValidatePodDisruptionBudget checks a budget as the API server does
// (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec): at most
// one of minAvailable and maxUnavailable, each a non-negative integer or
// a percentage no more than 100%, a valid selector, and a known
// unhealthyPodEvictionPolicy.
func ValidatePodDisruptionBudget(b *policyv1.PodDisruptionBudget) field.ErrorList {
	errs := apivalidation.ValidateObjectMeta(&b.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	spec := field.NewPath("spec")
	s := &b.Spec
	if s.MinAvailable != nil && s.MaxUnavailable != nil {
		errs = append(errs, field.Invalid(spec, field.OmitValueType{}, "minAvailable and maxUnavailable cannot be both set"))
	}
	errs = append(errs, validateBudgetCount(s.MinAvailable, spec.Child("minAvailable"))...)
	errs = append(errs, validateBudgetCount(s.MaxUnavailable, spec.Child("maxUnavailable"))...)
	errs = append(errs, metavalidation.ValidateLabelSelector(s.Selector, metavalidation.LabelSelectorValidationOptions{}, spec.Child("selector"))...)
	if p := s.UnhealthyPodEvictionPolicy; p != nil && *p != policyv1.AlwaysAllow && *p != policyv1.IfHealthyBudget {
		errs = append(errs, field.NotSupported(spec.Child("unhealthyPodEvictionPolicy"), string(*p), unhealthyPodEvictionPolicies))
	}
	return sortErrors(errs)
}

// validateBudgetCount checks minAvailable or maxUnavailable: a
// non-negative integer or a percentage, and no more than 100%
// (ValidatePositiveIntOrPercent, IsNotMoreThan100Percent).
func validateBudgetCount(v *intstr.IntOrString, path *field.Path) field.ErrorList {
	errs := validateIntOrPercent(v, path)
	if n, ok := percentValue(v); ok && n > 100 {
		errs = append(errs, field.Invalid(path, v.StrVal, "must not be greater than 100%"))
	}
	return errs
}

// CreatePodDisruptionBudget is the API server's side of creating a
// budget: it defaults and validates a copy of b and stores it with
// generation 1 and an empty status, for the disruption controller to fill.
func CreatePodDisruptionBudget(api *apiserver.Server, b *policyv1.PodDisruptionBudget) (*policyv1.PodDisruptionBudget, error) {
	b = b.DeepCopy()
	DefaultPodDisruptionBudget(b)
	if errs := ValidatePodDisruptionBudget(b); len(errs) > 0 {
		return nil, invalidError("poddisruptionbudget", b.Name, errs)
	}
	b.Generation = 1
	b.Status = policyv1.PodDisruptionBudgetStatus{}
	return api.PodDisruptionBudgets.Create(b)
}

// UpdatePodDisruptionBudget is the API server's side of changing a
// budget: every spec field may change (since Kubernetes 1.15); a changed
// spec bumps metadata.generation, and until the disruption controller has
// observed it the eviction API refuses evictions the budget covers. The
// stored status is kept.
func UpdatePodDisruptionBudget(api *apiserver.Server, b *policyv1.PodDisruptionBudget) (*policyv1.PodDisruptionBudget, error) {
	cur, err := api.PodDisruptionBudgets.Get(defaultNS(b.Namespace), b.Name)
	if err != nil {
		return nil, err
	}
	b = b.DeepCopy()
	DefaultPodDisruptionBudget(b)
	if errs := ValidatePodDisruptionBudget(b); len(errs) > 0 {
		return nil, invalidError("poddisruptionbudget", b.Name, errs)
	}
	b.Status = cur.Status
	b.Generation = cur.Generation
	if !equality.Semantic.DeepEqual(cur.Spec, b.Spec) {
		b.Generation++
	}
	return api.PodDisruptionBudgets.Update(b)
}

// defaultNS returns ns, or "default".
func defaultNS(ns string) string {
	if ns == "" {
		return corev1.NamespaceDefault
	}
	return ns
}
