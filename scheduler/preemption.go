package scheduler

import corev1 "k8s.io/api/core/v1"

// preemptionVerdict runs DefaultPreemption's dry run
// (defaultpreemption/default_preemption.go, framework/preemption/preemption.go)
// and returns the PostFilter message and the candidate nodes.
//
// Only nodes rejected as Unschedulable (resources, ports) are worth trying.
// On each, every pod of lower priority is removed; a node with no such pod
// has "No preemption victims found for incoming pod", a node that still fails
// keeps its filter reasons, and a node that now passes is a candidate. The
// other nodes count as "Preemption is not helpful for scheduling".
func preemptionVerdict(c *cycle, nodes []NodeInfo, failures []NodeFailure, codes map[string]code) (string, []string) {
	p := c.pod
	if p.Spec.PreemptionPolicy != nil && *p.Spec.PreemptionPolicy == corev1.PreemptNever {
		return "preemption: not eligible due to preemptionPolicy=Never.", nil
	}
	priority := podPriority(p)
	if terminatingOnNominated(p, nodes, priority) {
		return "preemption: not eligible due to a terminating pod on the nominated node.", nil
	}
	var tried []NodeFailure
	var candidates []string
	for _, n := range nodes {
		if codes[n.Name()] != unschedulable {
			continue
		}
		reduced := n.without(func(v *corev1.Pod) bool { return podPriority(v) < priority })
		if len(reduced.Pods) == len(n.activePods()) {
			tried = append(tried, NodeFailure{Node: n.Name(), Plugin: "DefaultPreemption", Reasons: []string{reasonNoVictims}})
			continue
		}
		rc := c
		if c.interPod != nil || c.spread != nil {
			// The victims' own terms, and their matches, leave with them
			// (the plugin's RemovePod extension).
			rc = c.withNode(nodes, reduced)
		}
		if s := runFilters(rc, reduced); s != nil {
			tried = append(tried, NodeFailure{Node: n.Name(), Plugin: s.plugin, Reasons: s.reasons})
			continue
		}
		candidates = append(candidates, n.Name())
	}
	if len(candidates) > 0 {
		return "", candidates
	}
	msg := fitMessage(len(nodes), tried, len(nodes)-len(tried), reasonPreemptionNoHelp)
	return "preemption: " + msg, nil
}

// terminatingOnNominated reports whether the node p is nominated to still
// holds a lower-priority pod that an earlier preemption is terminating: p
// waits for it rather than preempting again
// (default_preemption.go PodEligibleToPreemptOthers, podTerminatingByPreemption).
func terminatingOnNominated(p *corev1.Pod, nodes []NodeInfo, priority int32) bool {
	nom := p.Status.NominatedNodeName
	if nom == "" {
		return false
	}
	for _, n := range nodes {
		if n.Name() != nom {
			continue
		}
		for _, q := range n.activePods() {
			if podPriority(q) < priority && q.DeletionTimestamp != nil && preemptedByScheduler(q) {
				return true
			}
		}
	}
	return false
}

// preemptedByScheduler reports whether q carries the DisruptionTarget
// condition a preemption sets.
func preemptedByScheduler(q *corev1.Pod) bool {
	for _, c := range q.Status.Conditions {
		if c.Type == corev1.DisruptionTarget && c.Status == corev1.ConditionTrue && c.Reason == corev1.PodReasonPreemptionByScheduler {
			return true
		}
	}
	return false
}

// withNode returns a copy of c whose InterPodAffinity and
// PodTopologySpread states count the pods of nodes with one of them
// replaced by n.
func (c *cycle) withNode(nodes []NodeInfo, n NodeInfo) *cycle {
	swapped := make([]NodeInfo, len(nodes))
	for i, o := range nodes {
		swapped[i] = o
		if o.Name() == n.Name() {
			swapped[i] = n
		}
	}
	cp := *c
	cp.all = swapped
	// Both were parsed once already, without error.
	cp.interPod, _ = newInterPodState(c.pod, swapped, nil)
	cp.spread, _ = newSpreadState(&cp, swapped)
	return &cp
}

// podPriority returns spec.priority, 0 when unset (component-helpers
// PodPriority).
func podPriority(p *corev1.Pod) int32 {
	if p.Spec.Priority == nil {
		return 0
	}
	return *p.Spec.Priority
}
