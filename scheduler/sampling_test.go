package scheduler

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reference: pkg/scheduler/schedule_one.go numFeasibleNodesToFind (adaptive
// percentageOfNodesToScore: 50 - nodes/125 percent, at least 5 percent and
// at least 100 nodes; every node below 100).
func TestNumFeasibleNodesToFind(t *testing.T) {
	for _, tc := range []struct{ all, want int }{
		{0, 0}, {1, 1}, {99, 99}, {100, 100}, {200, 100}, {500, 230},
		{1000, 420}, {5000, 500}, {6000, 300}, {10000, 500},
	} {
		assert.Equal(t, tc.want, NumFeasibleNodesToFind(tc.all), "NumFeasibleNodesToFind(%d)", tc.all)
	}
}

// manyNodes returns n identical empty nodes, node-000 ... in name order.
func manyNodes(n int) []NodeInfo {
	out := make([]NodeInfo, n)
	for i := range out {
		out[i] = NodeInfo{Node: node(fmt.Sprintf("node-%03d", i), "4", "8Gi", 110)}
	}
	return out
}

// Reference: pkg/scheduler/schedule_one.go findNodesThatFitPod (the search
// starts at nextStartNodeIndex and moves on by the nodes it processed).
func TestSchedulerRotatesItsStartNode(t *testing.T) {
	nodes := manyNodes(300) // 48% of them, 144 feasible nodes, to find
	var s Scheduler
	rng := seeded(1)
	for i, wantStart := range []int{0, 144, 288, 132} {
		assert.Equal(t, wantStart, s.nextStartNodeIndex, "cycle %d starts at %d, want %d", i, s.nextStartNodeIndex, wantStart)
		name, err := s.Schedule(pod("p", "100m", "100Mi"), nodes, rng)
		require.NoError(t, err)
		var idx int
		_, err = fmt.Sscanf(name, "node-%d", &idx)
		require.NoError(t, err)
		assert.Less(t, (idx-wantStart+300)%300, 144, "cycle %d chose %s, outside the 144 nodes from %d", i, name, wantStart)
	}
}

// Reference: pkg/scheduler/schedule_one.go numFeasibleNodesToFind: below
// 100 nodes every node is filtered and scored, so the start never moves.
func TestSchedulerSmallChainLooksEverywhere(t *testing.T) {
	nodes := manyNodes(99)
	var s Scheduler
	for range 3 {
		_, err := s.Schedule(pod("p", "100m", "100Mi"), nodes, seeded(1))
		require.NoError(t, err)
		assert.Equal(t, 0, s.nextStartNodeIndex, "nextStartNodeIndex = %d, want 0", s.nextStartNodeIndex)
	}
}

// A pod that fits nowhere gets the same FitError whatever the start node:
// failures stay in node order.
func TestSchedulerFitErrorKeepsNodeOrder(t *testing.T) {
	nodes := manyNodes(150)
	s := Scheduler{nextStartNodeIndex: 40}
	_, err := s.Schedule(pod("big", "8", "1Gi"), nodes, seeded(1))
	var fe *FitError
	require.ErrorAs(t, err, &fe)
	require.Len(t, fe.Failures, 150)
	assert.Equal(t, "node-000", fe.Failures[0].Node, "Failures[0] = %s, want node-000", fe.Failures[0].Node)
	assert.Equal(t, 40, s.nextStartNodeIndex, "every node looked at: the start comes round to 40 again")
}

// Reference: pkg/scheduler/framework/types.go NodeInfo (Requested and
// NonZeroRequested kept as pods are added and removed).
func TestNodeTotalsMatchSummedPods(t *testing.T) {
	n := node("n", "4", "8Gi", 110)
	a, b := pod("a", "100m", "100Mi"), pod("b", "", "")
	done := pod("done", "1", "1Gi")
	done.Status.Phase = corev1.PodSucceeded
	pods := []*corev1.Pod{a, b, done}
	totals := NewNodeTotals(n, pods)
	plain := NodeInfo{Node: n, Pods: pods}
	cached := NodeInfo{Node: n, Pods: pods, Totals: &totals}
	assert.Equal(t, plain.Requested(), cached.Requested())
	assert.Equal(t, plain.NonZeroRequested(), cached.NonZeroRequested())
	assert.Equal(t, plain.Allocatable(), cached.Allocatable())
	totals.RemovePod(a)
	assert.Equal(t, NodeInfo{Node: n, Pods: []*corev1.Pod{b}}.Requested(), cached.Requested(), "after RemovePod(a)")
}

// A NodeInfo with totals reads the node's name, cordon and taints from the
// copies SetNode made; once its Node is another object than the one the
// totals were made for, it reads that Node, so stale copies never decide.
// Reference: pkg/scheduler/framework/plugins/nodeunschedulable and
// tainttoleration (Filter reads the node's spec.unschedulable and
// spec.taints).
func TestNodeTotalsKeepWhatTheFiltersRead(t *testing.T) {
	cordoned := node("cordoned", "4", "8Gi", 110)
	cordoned.Spec.Unschedulable = true
	tainted := node("tainted", "4", "8Gi", 110)
	tainted.Spec.Taints = []corev1.Taint{taint("dedicated", "gpu", corev1.TaintEffectNoSchedule)}
	p := pod("p", "100m", "100Mi")
	for _, n := range []*corev1.Node{cordoned, tainted} {
		totals := NewNodeTotals(n, nil)
		_, err := Schedule(p, []NodeInfo{{Node: n, Totals: &totals}}, seeded(1))
		var fe *FitError
		require.ErrorAs(t, err, &fe, "node %s", n.Name)
		assert.Equal(t, n.Name, fe.Failures[0].Node)
		assert.Equal(t, n.Name, NodeInfo{Node: n, Totals: &totals}.Name())

		// The node changes; the totals still hold the old copies.
		fresh := node(n.Name, "4", "8Gi", 110)
		name, err := Schedule(p, []NodeInfo{{Node: fresh, Totals: &totals}}, seeded(1))
		require.NoError(t, err, "the fresh %s is neither cordoned nor tainted", n.Name)
		assert.Equal(t, n.Name, name)
		totals.SetNode(fresh)
		name, err = Schedule(p, []NodeInfo{{Node: fresh, Totals: &totals}}, seeded(1))
		require.NoError(t, err, "after SetNode(fresh)")
		assert.Equal(t, n.Name, name)
	}
}

// A Scheduler given the count of pods with inter-pod terms takes it
// instead of asking every node, and decides the same as one that asks.
// Reference: pkg/scheduler/backend/cache/snapshot.go
// (havePodsWithAffinityNodeInfoList).
func TestSchedulerTakesTheCountOfPodsWithAffinity(t *testing.T) {
	nodes := manyNodes(150)
	for i := range nodes {
		nodes[i].Node.Labels = map[string]string{corev1.LabelHostname: nodes[i].Node.Name}
	}
	web := pod("web", "100m", "100Mi")
	web.Labels = map[string]string{"app": "web"}
	anti := pod("anti", "100m", "100Mi")
	anti.Labels = map[string]string{"app": "web"}
	anti.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{
			LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
			TopologyKey:   corev1.LabelHostname,
		}},
	}}
	nodes[7].Pods = []*corev1.Pod{anti}
	var asked, counted Scheduler
	calls := 0
	counted.PodsWithAffinity = func() int64 { calls++; return 1 }
	for i := range 20 {
		a, errA := asked.Schedule(web, nodes, seeded(uint64(i)))
		b, errB := counted.Schedule(web, nodes, seeded(uint64(i)))
		require.NoError(t, errA)
		require.NoError(t, errB)
		assert.Equal(t, a, b, "cycle %d", i)
		assert.NotEqual(t, "node-007", b, "the anti-affinity of the pod on node-007 keeps web away")
	}
	assert.Equal(t, 20, calls)
}
