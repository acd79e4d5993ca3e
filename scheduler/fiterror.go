package scheduler

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// ErrNoNodesAvailable is returned when there are no nodes at all
// (schedule_one.go ErrNoNodesAvailable).
var ErrNoNodesAvailable = errors.New("no nodes available to schedule pods")

// NodeFailure is why one node was filtered out: the plugin that rejected it
// and that plugin's reasons.
type NodeFailure struct {
	Node    string
	Plugin  string
	Reasons []string
}

// FitError is the scheduler's answer when no node can take the pod. Its
// Error() is the FailedScheduling event message and the PodScheduled=False
// condition message kube-scheduler writes (framework FitError.Error).
type FitError struct {
	Pod         *corev1.Pod
	NumAllNodes int
	// Failures lists the rejected nodes, in the order they were given.
	Failures []NodeFailure
	// PostFilterMsg is the preemption verdict, "preemption: ..."; empty when
	// preempting lower-priority pods would make room.
	PostFilterMsg string
	// PreemptionCandidates names the nodes (in order) where evicting every
	// lower-priority pod would let the pod fit. kube-scheduler would nominate
	// one and evict victims there; the simulator leaves that to the caller.
	PreemptionCandidates []string
}

// Error returns "0/N nodes are available: <count> <reason>, ... <preemption>",
// the per-reason node counts sorted as strings.
func (f *FitError) Error() string {
	return fitMessage(f.NumAllNodes, f.Failures, f.NumAllNodes-len(f.Failures), "") + suffix(f.PostFilterMsg)
}

// suffix returns " msg" for a non-empty message.
func suffix(msg string) string {
	if msg == "" {
		return ""
	}
	return " " + msg
}

// fitMessage formats the reason histogram: every failure reason counted per
// node, plus absentReason for absent nodes not in failures, formatted as
// "<count> <reason>" and sorted as strings.
func fitMessage(all int, failures []NodeFailure, absent int, absentReason string) string {
	counts := map[string]int{}
	for _, f := range failures {
		for _, r := range f.Reasons {
			counts[r]++
		}
	}
	if absent > 0 && absentReason != "" {
		counts[absentReason] += absent
	}
	parts := make([]string, 0, len(counts))
	for reason, n := range counts {
		parts = append(parts, fmt.Sprintf("%d %s", n, reason))
	}
	slices.Sort(parts)
	msg := fmt.Sprintf("0/%d nodes are available:", all)
	if len(parts) > 0 {
		msg += " " + strings.Join(parts, ", ") + "."
	}
	return msg
}
