package scheduler

import (
	"fmt"
	"math/rand/v2"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Schedule picks the node for pod among nodes, as kube-scheduler's default
// profile would, and returns its name.
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
	c, err := newCycle(pod, nodes)
	if err != nil {
		return "", err
	}
	if len(nodes) == 0 {
		return "", ErrNoNodesAvailable
	}
	var feasible []NodeInfo
	var failures []NodeFailure
	codes := map[string]code{}
	for _, n := range nodes {
		if s := runFilters(c, n); s != nil {
			failures = append(failures, NodeFailure{Node: n.Name(), Plugin: s.plugin, Reasons: s.reasons})
			codes[n.Name()] = s.code
			continue
		}
		feasible = append(feasible, n)
	}
	switch len(feasible) {
	case 0:
		fe := &FitError{Pod: pod, NumAllNodes: len(nodes), Failures: failures}
		fe.PostFilterMsg, fe.PreemptionCandidates = preemptionVerdict(c, nodes, failures, codes)
		return "", fe
	case 1:
		return feasible[0].Name(), nil
	}
	return selectHost(scoreNodes(pod, feasible), rng), nil
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
	return scoreNodes(pod, feasible), nil
}

// newCycle validates the input and computes what the filters need.
func newCycle(pod *corev1.Pod, nodes []NodeInfo) (*cycle, error) {
	if pod == nil {
		return nil, field.Required(field.NewPath("pod"), "a pod to schedule")
	}
	for i, n := range nodes {
		if n.Node == nil {
			return nil, field.Required(field.NewPath("nodes").Index(i).Child("node"), "")
		}
	}
	m, errs := newNodeMatcher(pod)
	if len(errs) > 0 {
		return nil, fmt.Errorf("pod %s/%s: %w", pod.Namespace, pod.Name, errs.ToAggregate())
	}
	return &cycle{pod: pod, matcher: m, requests: PodRequests(pod), ports: hostPorts(pod)}, nil
}
