package scheduler

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// nodeMatcher is a pod's parsed nodeSelector and node affinity.
type nodeMatcher struct {
	selector labels.Selector // from spec.nodeSelector; nil when unset
	required bool            // whether required node affinity is set
	terms    []nodeTerm      // ORed; an empty list matches no node
	// preferred are the preferred node affinity terms that count: those
	// with a weight and at least one requirement.
	preferred []weightedTerm
}

// weightedTerm is one preferredSchedulingTerm: a node matching the term
// earns its weight.
type weightedTerm struct {
	weight int64
	term   nodeTerm
}

// nodeTerm is one nodeSelectorTerm: label requirements and metadata.name
// field requirements, all ANDed.
type nodeTerm struct {
	labels labels.Selector
	names  []fieldRequirement
}

// fieldRequirement is a matchFields entry on metadata.name.
type fieldRequirement struct {
	notIn bool
	name  string
}

// operator maps a node selector operator onto a label selector operator.
func operator(op corev1.NodeSelectorOperator) (selection.Operator, bool) {
	switch op {
	case corev1.NodeSelectorOpIn:
		return selection.In, true
	case corev1.NodeSelectorOpNotIn:
		return selection.NotIn, true
	case corev1.NodeSelectorOpExists:
		return selection.Exists, true
	case corev1.NodeSelectorOpDoesNotExist:
		return selection.DoesNotExist, true
	case corev1.NodeSelectorOpGt:
		return selection.GreaterThan, true
	case corev1.NodeSelectorOpLt:
		return selection.LessThan, true
	}
	return "", false
}

// newNodeMatcher parses the pod's nodeSelector and node affinity, required
// and preferred, returning every malformed field.
func newNodeMatcher(pod *corev1.Pod) (nodeMatcher, field.ErrorList) {
	var m nodeMatcher
	var errs field.ErrorList
	if len(pod.Spec.NodeSelector) > 0 {
		sel, err := labels.ValidatedSelectorFromSet(pod.Spec.NodeSelector)
		if err != nil {
			errs = append(errs, field.Invalid(field.NewPath("spec", "nodeSelector"), pod.Spec.NodeSelector, err.Error()))
		}
		m.selector = sel
	}
	a := pod.Spec.Affinity
	if a == nil || a.NodeAffinity == nil {
		return m, errs
	}
	m.preferred, errs = parsePreferred(a.NodeAffinity.PreferredDuringSchedulingIgnoredDuringExecution, errs)
	if a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution == nil {
		return m, errs
	}
	m.required = true
	path := field.NewPath("spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms")
	for i, t := range a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms {
		term, termErrs := parseTerm(t, path.Index(i))
		errs = append(errs, termErrs...)
		if term != nil {
			m.terms = append(m.terms, *term)
		}
	}
	return m, errs
}

// parsePreferred parses the preferred node affinity terms, skipping those
// of weight 0 and those with no requirement, which score nothing
// (k8s.io/component-helpers/scheduling/corev1/nodeaffinity
// NewPreferredSchedulingTerms); their errors are appended to errs.
func parsePreferred(terms []corev1.PreferredSchedulingTerm, errs field.ErrorList) ([]weightedTerm, field.ErrorList) {
	path := field.NewPath("spec", "affinity", "nodeAffinity", "preferredDuringSchedulingIgnoredDuringExecution")
	var out []weightedTerm
	for i, t := range terms {
		if t.Weight == 0 {
			continue
		}
		term, termErrs := parseTerm(t.Preference, path.Index(i).Child("preference"))
		errs = append(errs, termErrs...)
		if term != nil && len(termErrs) == 0 {
			out = append(out, weightedTerm{weight: int64(t.Weight), term: *term})
		}
	}
	return out, errs
}

// preferredScore is the NodeAffinity plugin's raw score of node: the sum of
// the weights of the preferred terms it matches (nodeaffinity
// PreferredSchedulingTerms.Score).
func (m nodeMatcher) preferredScore(node *corev1.Node) int64 {
	var sum int64
	set := labels.Set(node.Labels)
	for _, w := range m.preferred {
		if w.term.matches(node.Name, set) {
			sum += w.weight
		}
	}
	return sum
}

// parseTerm parses one term; it returns nil for an empty term, which selects
// no node (k8s.io/component-helpers/scheduling/corev1/nodeaffinity).
func parseTerm(t corev1.NodeSelectorTerm, path *field.Path) (*nodeTerm, field.ErrorList) {
	if len(t.MatchExpressions) == 0 && len(t.MatchFields) == 0 {
		return nil, nil
	}
	var errs field.ErrorList
	reqs := make([]labels.Requirement, 0, len(t.MatchExpressions))
	for j, e := range t.MatchExpressions {
		p := path.Child("matchExpressions").Index(j)
		op, ok := operator(e.Operator)
		if !ok {
			errs = append(errs, field.NotSupported(p.Child("operator"), e.Operator, supportedOperators()))
			continue
		}
		r, err := labels.NewRequirement(e.Key, op, e.Values)
		if err != nil {
			errs = append(errs, field.Invalid(p, e.Key, err.Error()))
			continue
		}
		reqs = append(reqs, *r)
	}
	term := &nodeTerm{labels: labels.NewSelector().Add(reqs...)}
	for j, f := range t.MatchFields {
		fr, err := parseField(f, path.Child("matchFields").Index(j))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		term.names = append(term.names, fr)
	}
	return term, errs
}

// parseField parses a matchFields entry; only metadata.name with In or NotIn
// and exactly one value is valid (API validation of node field selectors).
func parseField(f corev1.NodeSelectorRequirement, path *field.Path) (fieldRequirement, *field.Error) {
	if f.Key != "metadata.name" {
		return fieldRequirement{}, field.NotSupported(path.Child("key"), f.Key, []string{"metadata.name"})
	}
	if f.Operator != corev1.NodeSelectorOpIn && f.Operator != corev1.NodeSelectorOpNotIn {
		return fieldRequirement{}, field.NotSupported(path.Child("operator"), f.Operator, []string{"In", "NotIn"})
	}
	if len(f.Values) != 1 {
		return fieldRequirement{}, field.Invalid(path.Child("values"), f.Values, "must have exactly one value for node field selector")
	}
	return fieldRequirement{notIn: f.Operator == corev1.NodeSelectorOpNotIn, name: f.Values[0]}, nil
}

// supportedOperators lists the node selector operators, sorted.
func supportedOperators() []string {
	return []string{"DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"}
}

// matches reports whether a node satisfies both the nodeSelector and the
// required node affinity (any one term).
func (m nodeMatcher) matches(node *corev1.Node) bool {
	set := labels.Set(node.Labels)
	if m.selector != nil && !m.selector.Matches(set) {
		return false
	}
	if !m.required {
		return true
	}
	for _, t := range m.terms {
		if t.matches(node.Name, set) {
			return true
		}
	}
	return false
}

// matches reports whether a node satisfies every requirement of the term.
func (t nodeTerm) matches(name string, set labels.Set) bool {
	if !t.labels.Matches(set) {
		return false
	}
	for _, f := range t.names {
		if (f.name == name) == f.notIn {
			return false
		}
	}
	return true
}
