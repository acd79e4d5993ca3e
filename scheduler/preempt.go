package scheduler

import (
	"cmp"
	"math"
	"slices"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// Preemption is DefaultPreemption's decision for a pod that fits nowhere:
// the node to nominate and the lower-priority pods to delete there.
type Preemption struct {
	Node string
	// Victims are the pods to delete, most important first.
	Victims []*corev1.Pod
	// PDBViolations counts the victims whose deletion a
	// PodDisruptionBudget does not allow.
	PDBViolations int
}

// Preempt chooses where pod preempts, among candidates (the
// [FitError.PreemptionCandidates] of its failed cycle over nodes): on each
// candidate it keeps every lower-priority pod it can (those a budget
// protects first, then by importance) and makes the others victims; then
// it picks the node with the fewest budget violations, then the lowest
// highest-priority victim, the smallest sum of victim priorities, the
// fewest victims, and the latest start among the most important victims,
// and finally the first candidate. budgets are the PodDisruptionBudgets
// of the chain. ok is false when no candidate works out.
// Reference: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
// (SelectVictimsOnNode, filterPodsWithPDBViolation) and
// pkg/scheduler/framework/preemption/preemption.go (pickOneNodeForPreemption).
func Preempt(pod *corev1.Pod, nodes []NodeInfo, candidates []string, budgets []*policyv1.PodDisruptionBudget) (p Preemption, ok bool, err error) {
	c, err := newCycle(pod, nodes)
	if err != nil {
		return Preemption{}, false, err
	}
	var options []Preemption
	for _, n := range nodes {
		if !slices.Contains(candidates, n.Name()) {
			continue
		}
		if o, fits := selectVictims(c, nodes, n, budgets); fits {
			options = append(options, o)
		}
	}
	if len(options) == 0 {
		return Preemption{}, false, nil
	}
	return pickPreemption(options), true, nil
}

// selectVictims finds the fewest, least important victims on n that let
// c's pod fit, reprieving the pods a budget protects before the others.
func selectVictims(c *cycle, nodes []NodeInfo, n NodeInfo, budgets []*policyv1.PodDisruptionBudget) (Preemption, bool) {
	priority := podPriority(c.pod)
	var kept, lower []*corev1.Pod
	for _, p := range n.activePods() {
		if podPriority(p) < priority {
			lower = append(lower, p)
		} else {
			kept = append(kept, p)
		}
	}
	fits := func(pods []*corev1.Pod) bool {
		reduced := NodeInfo{Node: n.Node, Pods: pods}
		rc := c
		if c.interPod != nil || c.spread != nil {
			rc = c.withNode(nodes, reduced)
		}
		return runFilters(rc, reduced) == nil
	}
	if !fits(kept) {
		return Preemption{}, false
	}
	slices.SortStableFunc(lower, moreImportant)
	violating, other := splitByBudgets(lower, budgets)
	out := Preemption{Node: n.Name()}
	reprieve := func(p *corev1.Pod) bool {
		if try := append(slices.Clip(kept), p); fits(try) {
			kept = try
			return true
		}
		out.Victims = append(out.Victims, p)
		return false
	}
	for _, p := range violating {
		if !reprieve(p) {
			out.PDBViolations++
		}
	}
	for _, p := range other {
		reprieve(p)
	}
	slices.SortStableFunc(out.Victims, moreImportant)
	return out, true
}

// moreImportant orders pods by priority, highest first, then by start
// time, earliest first; a pod not started yet counts as starting last
// (pkg/scheduler/util MoreImportantPod).
func moreImportant(a, b *corev1.Pod) int {
	if c := cmp.Compare(podPriority(b), podPriority(a)); c != 0 {
		return c
	}
	return compareStart(a.Status.StartTime, b.Status.StartTime)
}

// compareStart compares two start times, nil (not started) last.
func compareStart(a, b *metav1.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Time.Compare(b.Time)
}

// splitByBudgets sorts pods (most important first) into those whose
// deletion some budget does not allow and the others, counting down each
// matching budget's disruptionsAllowed as it goes. A budget with an empty
// selector matches no pod; a pod the budget already counts as disrupted
// takes nothing from it (default_preemption.go filterPodsWithPDBViolation).
func splitByBudgets(pods []*corev1.Pod, budgets []*policyv1.PodDisruptionBudget) (violating, other []*corev1.Pod) {
	allowed := make([]int32, len(budgets))
	for i, b := range budgets {
		allowed[i] = b.Status.DisruptionsAllowed
	}
	for _, p := range pods {
		violated := false
		for i, b := range budgets {
			if b.Namespace != p.Namespace || b.Spec.Selector == nil {
				continue
			}
			sel, err := metav1.LabelSelectorAsSelector(b.Spec.Selector)
			if err != nil || sel.Empty() || !sel.Matches(labels.Set(p.Labels)) {
				continue
			}
			if _, disrupted := b.Status.DisruptedPods[p.Name]; disrupted {
				continue
			}
			if allowed[i]--; allowed[i] < 0 {
				violated = true
			}
		}
		if violated {
			violating = append(violating, p)
		} else {
			other = append(other, p)
		}
	}
	return violating, other
}

// pickPreemption applies pickOneNodeForPreemption's criteria in turn,
// keeping the options that tie on each, and returns the first left.
func pickPreemption(options []Preemption) Preemption {
	for _, o := range options {
		if len(o.Victims) == 0 {
			return o
		}
	}
	criteria := []func(Preemption) int64{
		func(o Preemption) int64 { return int64(o.PDBViolations) },
		func(o Preemption) int64 { return int64(podPriority(o.Victims[0])) },
		func(o Preemption) int64 {
			// Shifted so that negative priorities still add up to more
			// victims costing more.
			var sum int64
			for _, v := range o.Victims {
				sum += int64(podPriority(v)) + math.MaxInt32 + 1
			}
			return sum
		},
		func(o Preemption) int64 { return int64(len(o.Victims)) },
	}
	for _, score := range criteria {
		best := score(options[0])
		for _, o := range options[1:] {
			best = min(best, score(o))
		}
		options = slices.DeleteFunc(options, func(o Preemption) bool { return score(o) != best })
		if len(options) == 1 {
			return options[0]
		}
	}
	// The latest start among each node's most important victims wins.
	latest := options[0]
	for _, o := range options[1:] {
		if compareStart(earliestTop(o.Victims), earliestTop(latest.Victims)) > 0 {
			latest = o
		}
	}
	return latest
}

// earliestTop returns the earliest start time among the victims of the
// highest priority (preemption.go GetEarliestPodStartTime).
func earliestTop(victims []*corev1.Pod) *metav1.Time {
	top := podPriority(victims[0])
	earliest := victims[0].Status.StartTime
	for _, v := range victims[1:] {
		if podPriority(v) == top && compareStart(v.Status.StartTime, earliest) < 0 {
			earliest = v.Status.StartTime
		}
	}
	return earliest
}
