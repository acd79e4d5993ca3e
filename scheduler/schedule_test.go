package scheduler

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
)

func TestScheduleNoNodes(t *testing.T) {
	// Reference: pkg/scheduler/schedule_one.go (ErrNoNodesAvailable "no nodes available to schedule pods")
	_, err := Schedule(pod("p", "", ""), nil, seeded(1))
	if !errors.Is(err, ErrNoNodesAvailable) {
		t.Fatalf("Schedule(no nodes) error = %v, want %v", err, ErrNoNodesAvailable)
	}
	assert.Equal(t, "no nodes available to schedule pods", err.Error())
}

func TestScheduleLeastAllocated(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/noderesources/least_allocated.go (leastRequestedScore)
	busy := NodeInfo{Node: node("busy", "4", "8Gi", 110), Pods: []*corev1.Pod{pod("a", "2", "4Gi")}}
	idle := NodeInfo{Node: node("idle", "4", "8Gi", 110)}
	scores, err := Scores(pod("p", "1", "1Gi"), []NodeInfo{busy, idle})
	require.NoError(t, err)
	want := []NodeScore{
		// cpu (4000-3000)*100/4000 = 25, memory (8-5)*100/8 = 37, mean 31; no PreferNoSchedule taints: 100 x 3.
		{Node: "busy", NodeResourcesFit: 31, TaintToleration: 100, Total: 331},
		// cpu 75, memory 87, mean 81.
		{Node: "idle", NodeResourcesFit: 81, TaintToleration: 100, Total: 381},
	}
	assert.Equal(t, want, scores)
	for seed := uint64(0); seed < 20; seed++ {
		got, err := Schedule(pod("p", "1", "1Gi"), []NodeInfo{busy, idle}, seeded(seed))
		require.NoError(t, err)
		if got != "idle" {
			t.Fatalf("Schedule(seed %d) = %s, want idle", seed, got)
		}
	}
}

func TestScoreNonZeroDefaults(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/noderesources/resource_allocation.go (NonZeroRequested for scoring)
	// A node full of request-less pods is not "empty" to the score.
	crowded := NodeInfo{Node: node("crowded", "1", "1Gi", 110), Pods: []*corev1.Pod{pod("a", "", ""), pod("b", "", ""), pod("c", "", "")}}
	idle := NodeInfo{Node: node("idle", "1", "1Gi", 110)}
	got, err := Schedule(pod("p", "", ""), []NodeInfo{crowded, idle}, seeded(3))
	require.NoError(t, err)
	assert.Equal(t, "idle", got, "Schedule with request-less pods")
}

func TestSchedulePreferNoSchedule(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (Score, NormalizeScore reverse) and
	// default_plugins.go (TaintToleration weight 3)
	soft := taint("maintenance", "", corev1.TaintEffectPreferNoSchedule)
	tainted := node("tainted", "4", "8Gi", 110)
	tainted.Spec.Taints = []corev1.Taint{soft}
	nodes := []NodeInfo{
		{Node: tainted},
		{Node: node("busy", "4", "8Gi", 110), Pods: []*corev1.Pod{pod("a", "2", "4Gi")}},
	}
	tests := []struct {
		name        string
		tolerations []corev1.Toleration
		want        string
	}{
		{"untolerated PreferNoSchedule outweighs free space", nil, "busy"},
		{"tolerated PreferNoSchedule is ignored", []corev1.Toleration{{Key: "maintenance", Operator: corev1.TolerationOpExists}}, "tainted"},
		{"NoSchedule toleration does not cover PreferNoSchedule", []corev1.Toleration{{Key: "maintenance", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}}, "busy"},
	}
	for _, tt := range tests {
		p := pod("p", "1", "1Gi")
		p.Spec.Tolerations = tt.tolerations
		got, err := Schedule(p, nodes, seeded(7))
		require.NoError(t, err)
		if got != tt.want {
			t.Errorf("%s: Schedule = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestNormalizeScores(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore)
	tests := []struct {
		raw     []int64
		reverse bool
		want    []int64
	}{
		{[]int64{0, 0}, true, []int64{100, 100}},
		{[]int64{0, 0}, false, []int64{0, 0}},
		{[]int64{1, 2, 0}, true, []int64{50, 0, 100}},
		{[]int64{1, 3}, false, []int64{33, 100}},
	}
	for _, tt := range tests {
		got := slices.Clone(tt.raw)
		normalizeScores(got, tt.reverse)
		assert.Equal(t, tt.want, got, "normalizeScores(%v, %v)", tt.raw, tt.reverse)
	}
}

func TestScheduleTieBreak(t *testing.T) {
	// Reference: pkg/scheduler/schedule_one.go selectHost (reservoir sampling among the top scores)
	nodes := []NodeInfo{
		{Node: node("n1", "4", "8Gi", 110)},
		{Node: node("n2", "4", "8Gi", 110)},
		{Node: node("n3", "4", "8Gi", 110)},
		{Node: node("full", "4", "8Gi", 110), Pods: []*corev1.Pod{pod("a", "3", "6Gi")}},
	}
	p := pod("p", "100m", "100Mi")
	counts := map[string]int{}
	for seed := uint64(0); seed < 300; seed++ {
		first, err := Schedule(p, nodes, seeded(seed))
		require.NoError(t, err)
		again, err := Schedule(p, nodes, seeded(seed))
		require.NoError(t, err)
		if first != again {
			t.Fatalf("Schedule(seed %d) = %s then %s, want the same node", seed, first, again)
		}
		counts[first]++
	}
	assert.Zero(t, counts["full"], "the lower-scored node is never chosen")
	for _, n := range []string{"n1", "n2", "n3"} {
		if counts[n] < 70 {
			t.Errorf("tied node %s chosen %d/300 times, want about 100", n, counts[n])
		}
	}
}

func TestScheduleSingleFeasibleNodeSkipsRng(t *testing.T) {
	// Reference: pkg/scheduler/schedule_one.go schedulePod (one feasible node is returned without scoring)
	rng := seeded(9)
	got, err := Schedule(pod("p", "1", ""), []NodeInfo{{Node: node("only", "2", "1Gi", 10)}}, rng)
	require.NoError(t, err)
	assert.Equal(t, "only", got)
	assert.Equal(t, seeded(9).Uint64(), rng.Uint64(), "rng was consumed")
}

func TestFitErrorMessages(t *testing.T) {
	// Reference: pkg/scheduler/framework/types.go (FitError.Error: "0/%v nodes are available", reasons histogram sorted as strings)
	// and pkg/scheduler/framework/preemption/preemption.go (Preempt, "Preemption is not helpful for scheduling"),
	// pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (PostFilter "preemption: " prefix,
	// SelectVictimsOnNode "No preemption victims found for incoming pod", PodEligibleToPreemptOthers)
	unreachable := func(name string) NodeInfo {
		n := node(name, "4", "8Gi", 110)
		n.Spec.Taints = []corev1.Taint{taint(corev1.TaintNodeUnreachable, "", corev1.TaintEffectNoExecute)}
		return NodeInfo{Node: n}
	}
	small := NodeInfo{Node: node("small", "500m", "8Gi", 110)}
	never := corev1.PreemptNever
	tests := []struct {
		name       string
		pod        *corev1.Pod
		nodes      []NodeInfo
		want       string
		candidates []string
	}{
		{
			name:  "resources and taints, no victims",
			pod:   pod("p", "1", ""),
			nodes: []NodeInfo{small, unreachable("u1"), unreachable("u2")},
			want:  "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
		},
		{
			name:  "only unresolvable reasons",
			pod:   pod("p", "1", ""),
			nodes: []NodeInfo{unreachable("u1"), unreachable("u2"), unreachable("u3")},
			want:  "0/3 nodes are available: 3 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
		},
		{
			name: "several reasons on one node are each counted",
			pod:  pod("p", "1", "16Gi"),
			nodes: []NodeInfo{
				{Node: node("a", "500m", "8Gi", 110)},
				{Node: node("b", "4", "8Gi", 110)},
			},
			want: "0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.",
		},
		{
			name:  "preemptionPolicy Never",
			pod:   func() *corev1.Pod { p := pod("p", "1", ""); p.Spec.PreemptionPolicy = &never; return p }(),
			nodes: []NodeInfo{small},
			want:  "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.",
		},
		{
			name: "victims exist but are not enough",
			pod:  withPriority(pod("p", "1", ""), 10),
			nodes: []NodeInfo{{Node: node("n", "2", "8Gi", 110), Pods: []*corev1.Pod{
				withPriority(pod("low", "500m", ""), 1), withPriority(pod("peer", "1500m", ""), 10),
			}}},
			want: "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Insufficient cpu.",
		},
		{
			name: "preemption would help",
			pod:  withPriority(pod("p", "1", ""), 10),
			nodes: []NodeInfo{{Node: node("n", "2", "8Gi", 110), Pods: []*corev1.Pod{
				withPriority(pod("low", "1500m", ""), 1),
			}}},
			want:       "0/1 nodes are available: 1 Insufficient cpu.",
			candidates: []string{"n"},
		},
	}
	for _, tt := range tests {
		_, err := Schedule(tt.pod, tt.nodes, seeded(1))
		var fe *FitError
		require.ErrorAs(t, err, &fe, tt.name)
		if got := fe.Error(); got != tt.want {
			t.Errorf("%s:\n FitError = %q\n      want %q", tt.name, got, tt.want)
		}
		assert.Equal(t, tt.candidates, fe.PreemptionCandidates, "%s: preemption candidates", tt.name)
	}
}

func TestFitErrorSortsAsStrings(t *testing.T) {
	// Reference: pkg/scheduler/framework/types.go (sortReasonsHistogram uses sort.Strings on "<count> <reason>")
	var nodes []NodeInfo
	for i := range 10 {
		n := node(fmt.Sprintf("t%d", i), "4", "8Gi", 110)
		n.Spec.Taints = []corev1.Taint{taint("dedicated", "db", corev1.TaintEffectNoSchedule)}
		nodes = append(nodes, NodeInfo{Node: n})
	}
	nodes = append(nodes, NodeInfo{Node: node("s1", "100m", "8Gi", 110)}, NodeInfo{Node: node("s2", "100m", "8Gi", 110)})
	_, err := Schedule(pod("p", "1", ""), nodes, seeded(1))
	want := "0/12 nodes are available: 10 node(s) had untolerated taint {dedicated: db}, 2 Insufficient cpu. " +
		"preemption: 0/12 nodes are available: 10 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."
	require.Error(t, err)
	assert.Equal(t, want, err.Error())
}

func TestScheduleBadInput(t *testing.T) {
	// Reference: house rule (bad input returns an error naming the field path)
	_, err := Schedule(pod("p", "", ""), []NodeInfo{{}}, seeded(1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nodes[0].node: Required value")
	_, err = Schedule(nil, []NodeInfo{{Node: node("n", "1", "1Gi", 1)}}, seeded(1))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pod: Required value")
	assert.Panics(t, func() { _, _ = Schedule(pod("p", "", ""), nil, nil) }, "nil rng")
}
