package scheduler

import "math/rand/v2"

// MaxNodeScore is the most points one score plugin gives a node.
const MaxNodeScore int64 = 100

// Score plugin weights in the default profile
// (pkg/scheduler/apis/config/v1/default_plugins.go).
const (
	WeightTaintToleration  int64 = 3
	WeightNodeAffinity     int64 = 2
	WeightNodeResourcesFit int64 = 1
)

// NodeScore is one feasible node's points: each plugin's normalised score
// and their weighted total.
type NodeScore struct {
	Node              string
	NodeResourcesFit  int64 // LeastAllocated, 0-100
	TaintToleration   int64 // normalised PreferNoSchedule score, 0-100
	NodeAffinity      int64 // normalised preferred node affinity score, 0-100
	InterPodAffinity  int64 // normalised preferred (anti-)affinity score, 0-100
	PodTopologySpread int64 // normalised ScheduleAnyway spread score, 0-100
	Total             int64 // weighted sum
}

// scoreNodes scores the feasible nodes, in their order.
func scoreNodes(c *cycle, nodes []NodeInfo) []NodeScore {
	return scoreNodesInto(make([]NodeScore, len(nodes)), make([]int64, len(nodes)), c, nodes)
}

// scoreNodesInto is scoreNodes writing into scores and raw, which must
// each have room for len(nodes) entries: a Scheduler passes the same
// slices to every cycle, so that scoring hundreds of nodes for every pod
// allocates nothing.
func scoreNodesInto(scores []NodeScore, raw []int64, c *cycle, nodes []NodeInfo) []NodeScore {
	pod := c.pod
	scores, raw = scores[:len(nodes)], raw[:len(nodes)]
	podReq := NonZeroPodRequests(pod)
	prefer := preferNoScheduleTolerations(pod.Spec.Tolerations)
	for i, n := range nodes {
		if n.summarized() {
			// The same reads, from the totals alone: a cycle over
			// thousands of stores scores hundreds of them a pod.
			t := n.Totals
			scores[i] = NodeScore{Node: t.name, NodeResourcesFit: leastAllocated(&t.Allocatable, &t.NonZeroRequested, &podReq)}
			raw[i] = intolerablePreferNoSchedule(t.taints, prefer)
			continue
		}
		alloc, used := n.Allocatable(), n.NonZeroRequested()
		scores[i] = NodeScore{Node: n.Name(), NodeResourcesFit: leastAllocated(&alloc, &used, &podReq)}
		raw[i] = intolerablePreferNoSchedule(n.taints(), prefer)
	}
	normalizeScores(raw, true)
	for i := range scores {
		scores[i].TaintToleration = raw[i]
		scores[i].Total = scores[i].NodeResourcesFit*WeightNodeResourcesFit + scores[i].TaintToleration*WeightTaintToleration
	}
	if len(c.matcher.preferred) > 0 {
		// Without preferred terms the plugin's PreScore skips it, and it
		// gives every node nothing (node_affinity.go PreScore, Score,
		// NormalizeScore).
		for i, n := range nodes {
			raw[i] = c.matcher.preferredScore(n.Node)
		}
		normalizeScores(raw, false)
		for i := range scores {
			scores[i].NodeAffinity = raw[i]
			scores[i].Total += raw[i] * WeightNodeAffinity
		}
	}
	if s := c.interPod; s != nil {
		for i, n := range nodes {
			raw[i] = s.rawScore(n.Node)
		}
		normalizeMinMax(raw)
		for i := range scores {
			scores[i].InterPodAffinity = raw[i]
			scores[i].Total += raw[i] * WeightInterPodAffinity
		}
	}
	if s := c.spread; s != nil && len(s.scoring) > 0 {
		s.scores(c, nodes, c.all, raw)
		for i := range scores {
			scores[i].PodTopologySpread = raw[i]
			scores[i].Total += raw[i] * WeightPodTopologySpread
		}
	}
	return scores
}

// leastAllocated is NodeResourcesFit's default LeastAllocated score: for cpu
// and memory (weight 1 each), the share of allocatable left free once the
// pod is added, 0-100, averaged; resources the node has none of are left out
// (noderesources/least_allocated.go, resource_allocation.go). Requests are
// the non-zero ones, so pods without requests still count.
//
// alloc is the node's allocatable and used the non-zero requests of its
// pods ([NodeInfo.NonZeroRequested]).
func leastAllocated(alloc, used, podReq *Resources) int64 {
	var sum, weights int64
	if alloc.MilliCPU != 0 {
		sum += leastRequestedScore(used.MilliCPU+podReq.MilliCPU, alloc.MilliCPU)
		weights++
	}
	if alloc.Memory != 0 {
		sum += leastRequestedScore(used.Memory+podReq.Memory, alloc.Memory)
		weights++
	}
	if weights == 0 {
		return 0
	}
	return sum / weights
}

// leastRequestedScore returns (capacity-requested)/capacity on a 0-100 scale,
// 0 when the request exceeds the capacity.
func leastRequestedScore(requested, capacity int64) int64 {
	if capacity == 0 || requested > capacity {
		return 0
	}
	return (capacity - requested) * MaxNodeScore / capacity
}

// normalizeScores scales raw scores, in place, to 0-100 against the
// largest one, and with reverse turns "lower is better" into "higher is
// better"; all zeros become all 100 when reversed (plugins/helper
// DefaultNormalizeScore).
func normalizeScores(raw []int64, reverse bool) {
	var top int64
	for _, s := range raw {
		top = max(top, s)
	}
	for i, s := range raw {
		switch {
		case top == 0 && reverse:
			raw[i] = MaxNodeScore
		case top == 0:
			// All zeros stay zeros.
		case reverse:
			raw[i] = MaxNodeScore - MaxNodeScore*s/top
		default:
			raw[i] = MaxNodeScore * s / top
		}
	}
}

// selectHost returns the node with the highest total. Ties are broken by
// reservoir sampling in node order: the k-th node seen with the top score
// replaces the choice with probability 1/k, so every tied node is equally
// likely (schedule_one.go selectHost).
func selectHost(scores []NodeScore, rng *rand.Rand) string {
	best, chosen, ties := scores[0].Total, scores[0].Node, 1
	for _, s := range scores[1:] {
		switch {
		case s.Total > best:
			best, chosen, ties = s.Total, s.Node, 1
		case s.Total == best:
			ties++
			if rng.IntN(ties) == 0 {
				chosen = s.Node
			}
		}
	}
	return chosen
}
