package scheduler

import (
	"math"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/selection"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The PodTopologySpread plugin: "spread these employees evenly over the
// stores (or the districts), never more than maxSkew apart".
// Reference: pkg/scheduler/framework/plugins/podtopologyspread (common.go,
// filtering.go, scoring.go).
const (
	ReasonTopologySpread             = "node(s) didn't match pod topology spread constraints"
	ReasonTopologySpreadMissingLabel = "node(s) didn't match pod topology spread constraints (missing required label)"

	// WeightPodTopologySpread is the plugin's score weight in the
	// default profile.
	WeightPodTopologySpread int64 = 2
)

// spreadConstraint is a parsed topologySpreadConstraint.
type spreadConstraint struct {
	maxSkew            int64
	minDomains         int64 // 1 when unset
	topologyKey        string
	selector           labels.Selector
	honorTaints        bool // nodeTaintsPolicy Honor (default Ignore)
	ignoreNodeAffinity bool // nodeAffinityPolicy Ignore (default Honor)
}

// newSpreadConstraints parses the constraints of pod with the given
// whenUnsatisfiable action; matchLabelKeys add the pod's own values of
// those labels to the selector (common.go filterTopologySpreadConstraints).
func newSpreadConstraints(pod *corev1.Pod, action corev1.UnsatisfiableConstraintAction) ([]spreadConstraint, field.ErrorList) {
	var out []spreadConstraint
	var errs field.ErrorList
	path := field.NewPath("spec", "topologySpreadConstraints")
	for i, c := range pod.Spec.TopologySpreadConstraints {
		if c.WhenUnsatisfiable != action {
			continue
		}
		sel, err := metav1.LabelSelectorAsSelector(c.LabelSelector)
		if err != nil {
			errs = append(errs, field.Invalid(path.Index(i).Child("labelSelector"), c.LabelSelector, err.Error()))
			continue
		}
		for _, key := range c.MatchLabelKeys {
			if v, ok := pod.Labels[key]; ok {
				if r, err := labels.NewRequirement(key, selection.Equals, []string{v}); err == nil {
					sel = sel.Add(*r)
				}
			}
		}
		sc := spreadConstraint{maxSkew: int64(c.MaxSkew), minDomains: 1, topologyKey: c.TopologyKey, selector: sel,
			honorTaints:        c.NodeTaintsPolicy != nil && *c.NodeTaintsPolicy == corev1.NodeInclusionPolicyHonor,
			ignoreNodeAffinity: c.NodeAffinityPolicy != nil && *c.NodeAffinityPolicy == corev1.NodeInclusionPolicyIgnore}
		if c.MinDomains != nil {
			sc.minDomains = int64(*c.MinDomains)
		}
		out = append(out, sc)
	}
	return out, errs
}

// spreadState is what the plugin computes once per cycle: the matching
// pods per topology domain, over every node the constraints count.
type spreadState struct {
	constraints []spreadConstraint // DoNotSchedule, for the filter
	counts      map[topologyPair]int64
	domains     []map[string]bool  // per constraint, the domains seen
	scoring     []spreadConstraint // ScheduleAnyway, for the score
}

// newSpreadState returns the plugin's state for pod over all nodes, or nil
// when the pod has no topology spread constraints. (kube-scheduler's
// cluster-level default constraints, which spread a Service's or a
// ReplicaSet's pods softly, are not modelled.)
func newSpreadState(c *cycle, nodes []NodeInfo) (*spreadState, error) {
	pod := c.pod
	if len(pod.Spec.TopologySpreadConstraints) == 0 {
		return nil, nil
	}
	hard, errs := newSpreadConstraints(pod, corev1.DoNotSchedule)
	soft, softErrs := newSpreadConstraints(pod, corev1.ScheduleAnyway)
	if errs = append(errs, softErrs...); len(errs) > 0 {
		return nil, errs.ToAggregate()
	}
	s := &spreadState{constraints: hard, scoring: soft, counts: map[topologyPair]int64{}, domains: make([]map[string]bool, len(hard))}
	for i := range s.domains {
		s.domains[i] = map[string]bool{}
	}
	if len(hard) == 0 {
		return s, nil
	}
	for _, n := range nodes {
		if !hasAllKeys(n.Node, hard) {
			continue
		}
		for i, sc := range hard {
			if !c.spreadIncludes(sc, n.Node) {
				continue
			}
			pair := topologyPair{sc.topologyKey, n.Node.Labels[sc.topologyKey]}
			s.domains[i][pair.value] = true
			s.counts[pair] += countMatching(n, sc.selector, pod.Namespace)
		}
	}
	return s, nil
}

// spreadIncludes reports whether a node counts for a constraint: by
// default it must match the pod's nodeSelector and node affinity
// (nodeAffinityPolicy Honor), and, with nodeTaintsPolicy Honor, its taints
// must be tolerated (common.go matchNodeInclusionPolicies).
func (c *cycle) spreadIncludes(sc spreadConstraint, n *corev1.Node) bool {
	if !sc.ignoreNodeAffinity && !c.matcher.matches(n) {
		return false
	}
	if sc.honorTaints {
		if _, found := firstUntolerated(n.Spec.Taints, c.pod.Spec.Tolerations, doNotSchedule); found {
			return false
		}
	}
	return true
}

// hasAllKeys reports whether the node carries every constraint's topology key.
func hasAllKeys(n *corev1.Node, cs []spreadConstraint) bool {
	for _, sc := range cs {
		if _, ok := n.Labels[sc.topologyKey]; !ok {
			return false
		}
	}
	return true
}

// countMatching counts the node's pods in namespace that the selector
// matches, leaving out pods being deleted (common.go countPodsMatchSelector).
func countMatching(n NodeInfo, sel labels.Selector, namespace string) int64 {
	var count int64
	for _, p := range n.Pods {
		if isActive(p) && p.DeletionTimestamp == nil && p.Namespace == namespace && sel.Matches(labels.Set(p.Labels)) {
			count++
		}
	}
	return count
}

// minMatch returns the fewest matching pods in any domain of constraint
// i, or 0 when there are fewer domains than minDomains (filtering.go
// minMatchNum).
func (s *spreadState) minMatch(i int) int64 {
	sc := s.constraints[i]
	if int64(len(s.domains[i])) < sc.minDomains {
		return 0
	}
	least := int64(math.MaxInt64)
	for v := range s.domains[i] {
		least = min(least, s.counts[topologyPair{sc.topologyKey, v}])
	}
	return least
}

// filterTopologySpread is the plugin's Filter: placing the pod in the
// node's domain must leave that domain at most maxSkew above the emptiest.
func filterTopologySpread(c *cycle, n NodeInfo) *status {
	s := c.spread
	if s == nil || len(s.constraints) == 0 {
		return nil
	}
	if !hasAllKeys(n.Node, s.constraints) {
		return &status{code: unschedulableAndUnresolvable, reasons: []string{ReasonTopologySpreadMissingLabel}}
	}
	for i, sc := range s.constraints {
		var self int64
		if sc.selector.Matches(labels.Set(c.pod.Labels)) {
			self = 1
		}
		pair := topologyPair{sc.topologyKey, n.Node.Labels[sc.topologyKey]}
		if s.counts[pair]+self-s.minMatch(i) > sc.maxSkew {
			return &status{code: unschedulable, reasons: []string{ReasonTopologySpread}}
		}
	}
	return nil
}

// scores writes into raw each feasible node's PodTopologySpread
// score for the ScheduleAnyway constraints, normalised so that the node
// whose domains hold the fewest matching pods gets 100 and a node without
// every topology key gets 0 (scoring.go PreScore, Score, NormalizeScore).
func (s *spreadState) scores(c *cycle, feasible []NodeInfo, all []NodeInfo, raw []int64) {
	cs := s.scoring
	ignored := make([]bool, len(feasible))
	counts := map[topologyPair]int64{}
	sizes := make([]int, len(cs))
	eligible := 0
	for j, n := range feasible {
		if !hasAllKeys(n.Node, cs) {
			ignored[j] = true
			continue
		}
		eligible++
		for i, sc := range cs {
			if sc.topologyKey == corev1.LabelHostname {
				continue
			}
			pair := topologyPair{sc.topologyKey, n.Node.Labels[sc.topologyKey]}
			if _, seen := counts[pair]; !seen {
				counts[pair] = 0
				sizes[i]++
			}
		}
	}
	weights := make([]float64, len(cs))
	for i, sc := range cs {
		size := sizes[i]
		if sc.topologyKey == corev1.LabelHostname {
			size = eligible
		}
		weights[i] = math.Log(float64(size + 2))
	}
	for _, n := range all {
		if !hasAllKeys(n.Node, cs) {
			continue
		}
		for _, sc := range cs {
			pair := topologyPair{sc.topologyKey, n.Node.Labels[sc.topologyKey]}
			if _, ok := counts[pair]; ok && sc.topologyKey != corev1.LabelHostname && c.spreadIncludes(sc, n.Node) {
				counts[pair] += countMatching(n, sc.selector, c.pod.Namespace)
			}
		}
	}
	lo, hi := int64(math.MaxInt64), int64(0)
	for j, n := range feasible {
		if ignored[j] {
			continue
		}
		var score float64
		for i, sc := range cs {
			cnt := counts[topologyPair{sc.topologyKey, n.Node.Labels[sc.topologyKey]}]
			if sc.topologyKey == corev1.LabelHostname {
				cnt = countMatching(n, sc.selector, c.pod.Namespace)
			}
			score += float64(cnt)*weights[i] + float64(sc.maxSkew-1)
		}
		raw[j] = int64(math.Round(score))
		lo, hi = min(lo, raw[j]), max(hi, raw[j])
	}
	for j := range feasible {
		switch {
		case ignored[j]:
			raw[j] = 0
		case hi == 0:
			raw[j] = MaxNodeScore
		default:
			raw[j] = MaxNodeScore * (hi + lo - raw[j]) / hi
		}
	}
}
