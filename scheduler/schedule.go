package scheduler

import (
	"fmt"
	"math/rand/v2"
	"slices"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Schedule picks the node for pod among nodes, as kube-scheduler's default
// profile would, and returns its name. It is one cycle of a fresh
// [Scheduler]: the search for feasible nodes starts at the first node.
//
// It returns [ErrNoNodesAvailable] when nodes is empty, a [*FitError] when
// every node is filtered out, and a field error (naming the field path) when
// the pod's nodeSelector or node affinity is malformed or an entry of nodes
// has no Node. rng breaks ties between equally scored nodes; with one
// feasible node it is not used. Schedule panics if rng is nil.
func Schedule(pod *corev1.Pod, nodes []NodeInfo, rng *rand.Rand) (nodeName string, err error) {
	if rng == nil {
		panic("scheduler.Schedule: nil rng")
	}
	return new(Scheduler).Schedule(pod, nodes, rng)
}

// Scheduler is the staffing desk between one pod and the next: it
// remembers where the last search for feasible nodes stopped, so that the
// next pod's search starts there (kube-scheduler's nextStartNodeIndex) and
// every store gets its turn to be looked at. The zero value starts at the
// first node.
type Scheduler struct {
	// PodsWithAffinity, when set, returns how many active pods with
	// inter-pod affinity or anti-affinity terms the nodes hold in all,
	// kept by the caller as pods come and go, as kube-scheduler's snapshot
	// keeps the list of nodes that have such pods
	// (havePodsWithAffinityNodeInfoList): a cycle then need not ask each
	// of thousands of nodes. When nil, a cycle asks every node.
	PodsWithAffinity func() int64

	// NodesHaveNode, when set, is the caller's promise that every entry
	// of the nodes it passes has a Node, as the cluster's scheduler cache
	// promises (it lists only stores with a Node): a cycle then does not
	// look at every entry for a missing one (5,000 reads a pod with 5,000
	// stores). An entry without a Node then panics instead of returning a
	// field error.
	NodesHaveNode bool

	nextStartNodeIndex int
	// Scratch space each cycle reuses from the one before, so that a cycle
	// over a thousand stores does not allocate room for hundreds of
	// feasible nodes and their scores for every pod.
	feasible []NodeInfo
	scores   []NodeScore
	raw      []int64
	active   []filter
	// Volumes, when set, lists the volumes bound to a pod's claims, whose
	// node affinity the VolumeBinding filter enforces; nil leaves that
	// filter out.
	Volumes VolumeLister
}

// Schedule picks the node for pod among nodes, as the package-level
// [Schedule] does, except that it filters nodes from where the previous
// call stopped, wrapping around, and stops once it has found
// [NumFeasibleNodesToFind] feasible nodes: only those are scored. With
// fewer than 100 nodes every node is filtered and scored, from the first.
// It returns the same errors as [Schedule] and panics if rng is nil.
func (s *Scheduler) Schedule(pod *corev1.Pod, nodes []NodeInfo, rng *rand.Rand) (nodeName string, err error) {
	if rng == nil {
		panic("scheduler.Scheduler.Schedule: nil rng")
	}
	var bound []*corev1.PersistentVolume
	if s.Volumes != nil && pod != nil && len(pod.Spec.Volumes) > 0 {
		bound = s.Volumes.BoundVolumes(pod)
	}
	c, err := newCycleCounted(pod, nodes, cycleOptions{withAffinity: s.PodsWithAffinity, nodesHaveNode: s.NodesHaveNode, filters: s.active}, bound...)
	if err != nil {
		return "", err
	}
	if len(nodes) == 0 {
		return "", ErrNoNodesAvailable
	}
	s.active = c.filters
	feasible, failures, codes := s.findFeasible(c, nodes)
	defer clear(feasible) // hold on to no store's pods until the next cycle
	switch len(feasible) {
	case 0:
		fe := &FitError{Pod: pod, NumAllNodes: len(nodes), Failures: failures}
		fe.PostFilterMsg, fe.PreemptionCandidates = preemptionVerdict(c, nodes, failures, codes)
		return "", fe
	case 1:
		return feasible[0].Name(), nil
	}
	s.scores = slices.Grow(s.scores[:0], len(feasible))
	s.raw = slices.Grow(s.raw[:0], len(feasible))
	return selectHost(scoreNodesInto(s.scores, s.raw, c, feasible), rng), nil
}

// findFeasible filters nodes from s's start index, wrapping around, until
// it has found NumFeasibleNodesToFind feasible nodes or run out, and moves
// the start index on by the nodes it looked at (schedule_one.go
// findNodesThatFitPod, done in order rather than in parallel). When no node
// is feasible, failures are returned in the order of nodes.
func (s *Scheduler) findFeasible(c *cycle, nodes []NodeInfo) ([]NodeInfo, []NodeFailure, map[string]code) {
	all := len(nodes)
	toFind := NumFeasibleNodesToFind(all)
	start := s.nextStartNodeIndex % all
	feasible := slices.Grow(s.feasible[:0], toFind)
	var failures []NodeFailure
	var codes map[string]code // made at the first failure: most cycles have none
	processed, i := 0, start
	for ; processed < all && len(feasible) < toFind; processed++ {
		n := nodes[i]
		if i++; i == all {
			i = 0 // wrap around
		}
		if quickFeasible(c, n) {
			feasible = append(feasible, n)
			continue
		}
		if st := runFilters(c, n); st != nil {
			failures = append(failures, NodeFailure{Node: n.Name(), Plugin: st.plugin, Reasons: st.reasons})
			if codes == nil {
				codes = map[string]code{}
			}
			codes[n.Name()] = st.code
			continue
		}
		feasible = append(feasible, n)
	}
	s.nextStartNodeIndex = (start + processed) % all
	s.feasible = feasible
	if len(feasible) == 0 && start != 0 {
		// Every node was looked at, from start: put them back in order.
		failures = slices.Concat(failures[all-start:], failures[:all-start])
	}
	return feasible, failures, codes
}

// Sampling thresholds of kube-scheduler (pkg/scheduler/schedule_one.go
// minFeasibleNodesToFind, minFeasibleNodesPercentageToFind).
const (
	minFeasibleNodesToFind           = 100
	minFeasibleNodesPercentageToFind = 5
)

// NumFeasibleNodesToFind returns how many feasible nodes a scheduling cycle
// looks for among allNodes before it stops filtering and starts scoring,
// with percentageOfNodesToScore left at its default (adaptive): every node
// below 100 nodes; otherwise (50 - allNodes/125) percent of them, at least
// 5 percent and at least 100 nodes (schedule_one.go numFeasibleNodesToFind).
// For 1,000 nodes that is 420.
func NumFeasibleNodesToFind(allNodes int) int {
	if allNodes < minFeasibleNodesToFind {
		return allNodes
	}
	percentage := max(50-allNodes/125, minFeasibleNodesPercentageToFind)
	return max(allNodes*percentage/100, minFeasibleNodesToFind)
}

// Scores returns the score of every node that passes the filters, in order:
// what the staffing desk weighed before choosing. It returns the same errors
// as [Schedule] for bad input, and no error when no node is feasible.
func Scores(pod *corev1.Pod, nodes []NodeInfo) ([]NodeScore, error) {
	c, err := newCycle(pod, nodes)
	if err != nil {
		return nil, err
	}
	var feasible []NodeInfo
	for _, n := range nodes {
		if runFilters(c, n) == nil {
			feasible = append(feasible, n)
		}
	}
	return scoreNodes(c, feasible), nil
}

// newCycle validates the input and computes what the filters need;
// volumes are those bound to the pod's claims.
func newCycle(pod *corev1.Pod, nodes []NodeInfo, volumes ...*corev1.PersistentVolume) (*cycle, error) {
	return newCycleCounted(pod, nodes, cycleOptions{}, volumes...)
}

// cycleOptions is what a [Scheduler] knows beyond the pod and the nodes.
type cycleOptions struct {
	// withAffinity counts the active pods with inter-pod terms on the
	// nodes (nil: ask every node).
	withAffinity func() int64
	// nodesHaveNode skips the check for entries without a Node.
	nodesHaveNode bool
	// filters is room for the cycle's filter list, reused from the
	// cycle before.
	filters []filter
}

// newCycleCounted is newCycle with what a Scheduler knows.
func newCycleCounted(pod *corev1.Pod, nodes []NodeInfo, opts cycleOptions, volumes ...*corev1.PersistentVolume) (*cycle, error) {
	if pod == nil {
		return nil, field.Required(field.NewPath("pod"), "a pod to schedule")
	}
	if !opts.nodesHaveNode {
		for i, n := range nodes {
			if n.Node == nil {
				return nil, field.Required(field.NewPath("nodes").Index(i).Child("node"), "")
			}
		}
	}
	m, errs := newNodeMatcher(pod)
	if len(errs) > 0 {
		return nil, fmt.Errorf("pod %s/%s: %w", pod.Namespace, pod.Name, errs.ToAggregate())
	}
	var err error
	c := &cycle{pod: pod, matcher: m, requests: PodRequests(pod), ports: hostPorts(pod), all: nodes}
	c.scalarNames = c.requests.ScalarNames()
	if c.volumes, err = parseVolumeAffinities(volumes); err != nil {
		return nil, fmt.Errorf("pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	if c.interPod, err = newInterPodState(pod, nodes, opts.withAffinity); err != nil {
		return nil, fmt.Errorf("pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	if c.spread, err = newSpreadState(c, nodes); err != nil {
		return nil, fmt.Errorf("pod %s/%s: %w", pod.Namespace, pod.Name, err)
	}
	c.filters = activeFilters(c, opts.filters)
	c.roomOnly = len(c.scalarNames) == 0 && roomOnly(c.filters)
	return c, nil
}
