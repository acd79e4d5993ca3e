package scheduler

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The InterPodAffinity plugin: "put me in a store (or a zone) where
// employees like these already work", or "keep me away from them".
// Reference: pkg/scheduler/framework/plugins/interpodaffinity (filtering.go,
// scoring.go).
const (
	ReasonPodAffinity             = "node(s) didn't match pod affinity rules"
	ReasonPodAntiAffinity         = "node(s) didn't match pod anti-affinity rules"
	ReasonExistingPodAntiAffinity = "node(s) didn't satisfy existing pods anti-affinity rules"

	// WeightInterPodAffinity is the plugin's score weight in the default
	// profile.
	WeightInterPodAffinity int64 = 2
	// hardPodAffinityWeight is what an existing pod's required affinity
	// term adds to the score of the nodes it points at
	// (InterPodAffinityArgs.HardPodAffinityWeight default).
	hardPodAffinityWeight int64 = 1
)

// namespaceNameLabel is the label every namespace carries with its own
// name; nucleus matches a term's namespaceSelector against it alone.
const namespaceNameLabel = "kubernetes.io/metadata.name"

// topologyPair is one topology domain: a node label key and its value
// (kubernetes.io/hostname=store-1, topology.kubernetes.io/zone=zone-a).
type topologyPair struct{ key, value string }

// affinityTerm is a parsed PodAffinityTerm.
type affinityTerm struct {
	selector    labels.Selector // nil matches no pod
	namespaces  map[string]bool
	nsSelector  labels.Selector // nil when unset
	topologyKey string
	weight      int64 // for preferred terms
}

// matches reports whether p is one of the pods the term is about: in one
// of its namespaces and selected by its labelSelector.
func (t affinityTerm) matches(p *corev1.Pod) bool {
	inNS := t.namespaces[p.Namespace] ||
		(t.nsSelector != nil && t.nsSelector.Matches(labels.Set{namespaceNameLabel: p.Namespace}))
	return inNS && t.selector != nil && t.selector.Matches(labels.Set(p.Labels))
}

// newAffinityTerm parses a term of a pod in namespace ns: with no
// namespaces and no namespaceSelector it means ns itself.
func newAffinityTerm(ns string, t corev1.PodAffinityTerm, weight int32, path *field.Path) (affinityTerm, field.ErrorList) {
	out := affinityTerm{namespaces: map[string]bool{}, topologyKey: t.TopologyKey, weight: int64(weight)}
	var errs field.ErrorList
	if t.LabelSelector != nil {
		sel, err := metav1.LabelSelectorAsSelector(t.LabelSelector)
		if err != nil {
			errs = append(errs, field.Invalid(path.Child("labelSelector"), t.LabelSelector, err.Error()))
		}
		out.selector = sel
	}
	for _, n := range t.Namespaces {
		out.namespaces[n] = true
	}
	if t.NamespaceSelector != nil {
		sel, err := metav1.LabelSelectorAsSelector(t.NamespaceSelector)
		if err != nil {
			errs = append(errs, field.Invalid(path.Child("namespaceSelector"), t.NamespaceSelector, err.Error()))
		}
		out.nsSelector = sel
	}
	if len(t.Namespaces) == 0 && t.NamespaceSelector == nil {
		out.namespaces[ns] = true
	}
	return out, errs
}

// podTerms are a pod's parsed inter-pod affinity terms.
type podTerms struct {
	required, requiredAnti, preferred, preferredAnti []affinityTerm
}

func (t podTerms) empty() bool {
	return len(t.required)+len(t.requiredAnti)+len(t.preferred)+len(t.preferredAnti) == 0
}

// parsePodTerms parses p's podAffinity and podAntiAffinity.
func parsePodTerms(p *corev1.Pod) (podTerms, field.ErrorList) {
	var out podTerms
	var errs field.ErrorList
	a := p.Spec.Affinity
	if a == nil {
		return out, nil
	}
	path := field.NewPath("spec", "affinity")
	parse := func(dst *[]affinityTerm, terms []corev1.PodAffinityTerm, weighted []corev1.WeightedPodAffinityTerm, path *field.Path) {
		for i, t := range terms {
			at, e := newAffinityTerm(p.Namespace, t, 0, path.Child("requiredDuringSchedulingIgnoredDuringExecution").Index(i))
			errs = append(errs, e...)
			*dst = append(*dst, at)
		}
		for i, w := range weighted {
			at, e := newAffinityTerm(p.Namespace, w.PodAffinityTerm, w.Weight,
				path.Child("preferredDuringSchedulingIgnoredDuringExecution").Index(i).Child("podAffinityTerm"))
			errs = append(errs, e...)
			*dst = append(*dst, at)
		}
	}
	if pa := a.PodAffinity; pa != nil {
		parse(&out.required, pa.RequiredDuringSchedulingIgnoredDuringExecution, nil, path.Child("podAffinity"))
		parse(&out.preferred, nil, pa.PreferredDuringSchedulingIgnoredDuringExecution, path.Child("podAffinity"))
	}
	if pa := a.PodAntiAffinity; pa != nil {
		parse(&out.requiredAnti, pa.RequiredDuringSchedulingIgnoredDuringExecution, nil, path.Child("podAntiAffinity"))
		parse(&out.preferredAnti, nil, pa.PreferredDuringSchedulingIgnoredDuringExecution, path.Child("podAntiAffinity"))
	}
	return out, errs
}

// hasPodAffinity reports whether p sets any inter-pod affinity or
// anti-affinity term, and whether any of them is a required anti-affinity.
func hasPodAffinity(p *corev1.Pod) (any, requiredAnti bool) {
	a := p.Spec.Affinity
	if a == nil {
		return false, false
	}
	if pa := a.PodAntiAffinity; pa != nil {
		requiredAnti = len(pa.RequiredDuringSchedulingIgnoredDuringExecution) > 0
		any = requiredAnti || len(pa.PreferredDuringSchedulingIgnoredDuringExecution) > 0
	}
	if pa := a.PodAffinity; pa != nil {
		any = any || len(pa.RequiredDuringSchedulingIgnoredDuringExecution)+len(pa.PreferredDuringSchedulingIgnoredDuringExecution) > 0
	}
	return any, requiredAnti
}

// interPodState is what the plugin's PreFilter and PreScore compute once
// per cycle from every store's pods: how many matching pods each topology
// domain holds, for the filter, and each domain's points, for the score.
type interPodState struct {
	terms podTerms
	// Pods matching all of the incoming pod's required affinity terms,
	// per domain of each term's key.
	affinityCounts map[topologyPair]int64
	// Pods matching one of the incoming pod's required anti-affinity
	// terms, per domain.
	antiCounts map[topologyPair]int64
	// Existing pods whose required anti-affinity matches the incoming
	// pod, per domain of that term's key.
	existingAntiCounts map[topologyPair]int64
	// Points per domain from preferred terms both ways and existing pods'
	// required affinity (scoring.go processExistingPod).
	scores map[topologyPair]int64
}

// newInterPodState returns the plugin's state for pod over all nodes, or
// nil when neither pod nor any pod on the nodes has inter-pod terms: the
// plugin then passes every node and gives every node the same points.
// others counts the active pods with inter-pod terms on the nodes; nil
// asks every node.
func newInterPodState(pod *corev1.Pod, nodes []NodeInfo, others func() int64) (*interPodState, error) {
	terms, errs := parsePodTerms(pod)
	if len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	if terms.empty() && !anyPodsWithAffinity(nodes, others) {
		return nil, nil
	}
	s := &interPodState{terms: terms, affinityCounts: map[topologyPair]int64{}, antiCounts: map[topologyPair]int64{},
		existingAntiCounts: map[topologyPair]int64{}, scores: map[topologyPair]int64{}}
	for _, n := range nodes {
		for _, p := range n.Pods {
			if isActive(p) {
				s.addExisting(pod, p, n.Node)
			}
		}
	}
	return s, nil
}

// anyPodsWithAffinity reports whether an active pod on the nodes has
// inter-pod terms, from count when it is not nil.
func anyPodsWithAffinity(nodes []NodeInfo, count func() int64) bool {
	if count != nil {
		return count() > 0
	}
	for _, n := range nodes {
		if n.podsWithAffinity() > 0 {
			return true
		}
	}
	return false
}

// addExisting counts one pod already on node.
func (s *interPodState) addExisting(incoming, existing *corev1.Pod, node *corev1.Node) {
	count := func(m map[topologyPair]int64, key string, by int64) {
		if v, ok := node.Labels[key]; ok {
			m[topologyPair{key, v}] += by
		}
	}
	if len(s.terms.required) > 0 && matchesAll(s.terms.required, existing) {
		for _, t := range s.terms.required {
			count(s.affinityCounts, t.topologyKey, 1)
		}
	}
	for _, t := range s.terms.requiredAnti {
		if t.matches(existing) {
			count(s.antiCounts, t.topologyKey, 1)
		}
	}
	for _, t := range s.terms.preferred {
		if t.matches(existing) {
			count(s.scores, t.topologyKey, t.weight)
		}
	}
	for _, t := range s.terms.preferredAnti {
		if t.matches(existing) {
			count(s.scores, t.topologyKey, -t.weight)
		}
	}
	if has, _ := hasPodAffinity(existing); !has {
		return
	}
	theirs, errs := parsePodTerms(existing)
	if len(errs) > 0 {
		return // a stored pod was validated; nothing to count if not
	}
	for _, t := range theirs.requiredAnti {
		if t.matches(incoming) {
			count(s.existingAntiCounts, t.topologyKey, 1)
		}
	}
	for _, t := range theirs.required {
		if t.matches(incoming) {
			count(s.scores, t.topologyKey, hardPodAffinityWeight)
		}
	}
	for _, t := range theirs.preferred {
		if t.matches(incoming) {
			count(s.scores, t.topologyKey, t.weight)
		}
	}
	for _, t := range theirs.preferredAnti {
		if t.matches(incoming) {
			count(s.scores, t.topologyKey, -t.weight)
		}
	}
}

// matchesAll reports whether p matches every term.
func matchesAll(terms []affinityTerm, p *corev1.Pod) bool {
	for _, t := range terms {
		if !t.matches(p) {
			return false
		}
	}
	return true
}

// filterInterPodAffinity is the plugin's Filter: the incoming pod's
// required affinity, then its required anti-affinity, then the existing
// pods' required anti-affinity.
func filterInterPodAffinity(c *cycle, n NodeInfo) *status {
	s := c.interPod
	if s == nil {
		return nil
	}
	if !s.satisfiesAffinity(c.pod, n.Node) {
		return &status{code: unschedulableAndUnresolvable, reasons: []string{ReasonPodAffinity}}
	}
	for _, t := range s.terms.requiredAnti {
		if v, ok := n.Node.Labels[t.topologyKey]; ok && s.antiCounts[topologyPair{t.topologyKey, v}] > 0 {
			return &status{code: unschedulable, reasons: []string{ReasonPodAntiAffinity}}
		}
	}
	if len(s.existingAntiCounts) > 0 {
		for k, v := range n.Node.Labels {
			if s.existingAntiCounts[topologyPair{k, v}] > 0 {
				return &status{code: unschedulable, reasons: []string{ReasonExistingPodAntiAffinity}}
			}
		}
	}
	return nil
}

// satisfiesAffinity: the node has every term's topology key, and each of
// its domains already holds a matching pod; or no pod anywhere matches and
// the pod matches its own terms (the first of a group that wants to be
// together).
func (s *interPodState) satisfiesAffinity(pod *corev1.Pod, node *corev1.Node) bool {
	podsExist := true
	for _, t := range s.terms.required {
		v, ok := node.Labels[t.topologyKey]
		if !ok {
			return false
		}
		if s.affinityCounts[topologyPair{t.topologyKey, v}] <= 0 {
			podsExist = false
		}
	}
	return podsExist || (len(s.affinityCounts) == 0 && matchesAll(s.terms.required, pod))
}

// interPodScores returns each node's raw InterPodAffinity score: the sum
// of the points of the domains the node is in.
func (s *interPodState) rawScore(node *corev1.Node) int64 {
	var sum int64
	for k, v := range node.Labels {
		sum += s.scores[topologyPair{k, v}]
	}
	return sum
}

// normalizeMinMax scales raw scores in place to 0-100 between the lowest
// and the highest; all equal become 0 (interpodaffinity NormalizeScore).
func normalizeMinMax(raw []int64) {
	if len(raw) == 0 {
		return
	}
	lo, hi := raw[0], raw[0]
	for _, s := range raw {
		lo, hi = min(lo, s), max(hi, s)
	}
	for i, s := range raw {
		if hi == lo {
			raw[i] = 0
			continue
		}
		raw[i] = int64(float64(MaxNodeScore) * float64(s-lo) / float64(hi-lo))
	}
}
