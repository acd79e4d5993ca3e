package pod

import (
	"math"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// taintEffects are the effects a taint or a toleration may name.
var taintEffects = []string{string(corev1.TaintEffectNoSchedule), string(corev1.TaintEffectPreferNoSchedule), string(corev1.TaintEffectNoExecute)}

// ValidateTolerations checks a pod's tolerations as the API server does
// (pkg/apis/core/validation ValidateTolerations): a key is a qualified
// name, and an empty key goes with operator Exists; operator Equal (or
// empty) takes a label value, Exists takes none; tolerationSeconds only
// with effect NoExecute; the effect, when set, is one of the three.
func ValidateTolerations(tolerations []corev1.Toleration, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, t := range tolerations {
		p := path.Index(i)
		if t.Key != "" {
			errs = append(errs, metavalidation.ValidateLabelName(t.Key, p.Child("key"))...)
		}
		if t.Key == "" && t.Operator != corev1.TolerationOpExists {
			errs = append(errs, field.Invalid(p.Child("operator"), t.Operator,
				"operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
		}
		if t.TolerationSeconds != nil && t.Effect != corev1.TaintEffectNoExecute {
			errs = append(errs, field.Invalid(p.Child("effect"), t.Effect,
				"effect must be 'NoExecute' when `tolerationSeconds` is set"))
		}
		switch t.Operator {
		case corev1.TolerationOpEqual, "":
			for _, msg := range validation.IsValidLabelValue(t.Value) {
				errs = append(errs, field.Invalid(p.Child("operator"), t.Value, msg))
			}
		case corev1.TolerationOpExists:
			if t.Value != "" {
				errs = append(errs, field.Invalid(p.Child("operator"), t.Value, "value must be empty when `operator` is 'Exists'"))
			}
		default:
			errs = append(errs, field.NotSupported(p.Child("operator"), t.Operator,
				[]string{string(corev1.TolerationOpEqual), string(corev1.TolerationOpExists)}))
		}
		if t.Effect != "" {
			errs = append(errs, validateSupported(string(t.Effect), p.Child("effect"), taintEffects...)...)
		}
	}
	return errs
}

// validateNodeAffinity checks the node affinity as the API server does
// (ValidateNodeSelector, ValidatePreferredSchedulingTerms,
// ValidateNodeSelectorTerm, ValidateNodeSelectorRequirement,
// ValidateNodeFieldSelectorRequirement): the required part has at least
// one term; a preferred term's weight is 1-100; in every term, each
// expression's key is a qualified name, its operator one of the six, In
// and NotIn with values, Exists and DoesNotExist without, Gt and Lt with
// one; each field expression on metadata.name, In or NotIn, one value.
func validateNodeAffinity(a *corev1.Affinity, path *field.Path) field.ErrorList {
	if a == nil || a.NodeAffinity == nil {
		return nil
	}
	var errs field.ErrorList
	pp := path.Child("nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution")
	for i, t := range a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution {
		if t.Weight < 1 || t.Weight > 100 {
			errs = append(errs, field.Invalid(pp.Index(i).Child("weight"), t.Weight, "must be in the range 1-100"))
		}
		errs = append(errs, validateNodeSelectorTerm(t.Preference, pp.Index(i).Child("preference"))...)
	}
	if a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return errs
	}
	p := path.Child("nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution")
	terms := a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms
	if len(terms) == 0 {
		return append(errs, field.Required(p.Child("nodeSelectorTerms"), "must have at least one node selector term"))
	}
	for i, term := range terms {
		errs = append(errs, validateNodeSelectorTerm(term, p.Child("nodeSelectorTerms").Index(i))...)
	}
	return errs
}

// validateNodeSelectorTerm checks one term's expressions and fields.
func validateNodeSelectorTerm(term corev1.NodeSelectorTerm, tp *field.Path) field.ErrorList {
	var errs field.ErrorList
	for j, r := range term.MatchExpressions {
		errs = append(errs, validateNodeSelectorRequirement(r, tp.Child("matchExpressions").Index(j))...)
	}
	for j, r := range term.MatchFields {
		fp := tp.Child("matchFields").Index(j)
		if r.Key != "metadata.name" {
			errs = append(errs, field.Invalid(fp.Child("key"), r.Key, "not a valid field selector key"))
		}
		switch {
		case r.Operator != corev1.NodeSelectorOpIn && r.Operator != corev1.NodeSelectorOpNotIn:
			errs = append(errs, field.Invalid(fp.Child("operator"), r.Operator, "not a valid selector operator"))
		case len(r.Values) != 1:
			errs = append(errs, field.Required(fp.Child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"))
		}
	}
	return errs
}

// validateNodeSelectorRequirement checks one matchExpressions entry.
func validateNodeSelectorRequirement(r corev1.NodeSelectorRequirement, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch r.Operator {
	case corev1.NodeSelectorOpIn, corev1.NodeSelectorOpNotIn:
		if len(r.Values) == 0 {
			errs = append(errs, field.Required(p.Child("values"), "must be specified when `operator` is 'In' or 'NotIn'"))
		}
	case corev1.NodeSelectorOpExists, corev1.NodeSelectorOpDoesNotExist:
		if len(r.Values) > 0 {
			errs = append(errs, field.Forbidden(p.Child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
		}
	case corev1.NodeSelectorOpGt, corev1.NodeSelectorOpLt:
		if len(r.Values) != 1 {
			errs = append(errs, field.Required(p.Child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"))
		}
	default:
		errs = append(errs, field.Invalid(p.Child("operator"), r.Operator, "not a valid selector operator"))
	}
	return append(errs, metavalidation.ValidateLabelName(r.Key, p.Child("key"))...)
}

// maxQuantity is the largest amount nucleus counts: the scheduler and the
// kubelet count CPU in thousandths (MilliValue) in an int64, and a larger
// Quantity reads as 0 there (9999999Ei of CPU would fit on any node).
var maxQuantity = resource.NewMilliQuantity(math.MaxInt64, resource.DecimalSI)

// tooMuchToCount is the reason an amount over maxQuantity is refused.
var tooMuchToCount = "must be at most " + maxQuantity.String() + ": nucleus counts every resource in thousandths, in an int64"

// ValidateNodeResources checks a node's capacity or allocatable as the API
// server does (ValidateNodeResources, ValidateResourceQuantityValue): a
// qualified resource name; an amount not negative, and whole for pods and
// extended resources; and, nucleus's own bound, no more than it can count
// (9223372036854775807m).
func ValidateNodeResources(list corev1.ResourceList, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, name := range sortedResourceNames(list) {
		q, n, p := list[name], string(name), path.Key(string(name))
		for _, msg := range validation.IsQualifiedName(n) {
			errs = append(errs, field.Invalid(p, n, msg))
		}
		switch {
		case q.Sign() < 0:
			errs = append(errs, field.Invalid(p, q.String(), "must be greater than or equal to 0"))
		case q.Cmp(*maxQuantity) > 0:
			errs = append(errs, field.Invalid(p, q.String(), tooMuchToCount))
		case (name == corev1.ResourcePods || IsExtendedResource(n)) && q.MilliValue()%1000 != 0:
			errs = append(errs, field.Invalid(p, q.String(), "must be an integer"))
		}
	}
	return errs
}
