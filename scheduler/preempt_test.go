package scheduler

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// started sets labels, priority and status.startTime (minutes after an
// arbitrary epoch).
func started(p *corev1.Pod, prio int32, minute int, kv ...string) *corev1.Pod {
	withPriority(p, prio)
	t := metav1.NewTime(time.Date(2026, 1, 1, 0, minute, 0, 0, time.UTC))
	p.Status.StartTime = &t
	p.Labels = map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Labels[kv[i]] = kv[i+1]
	}
	return p
}

func names(pods []*corev1.Pod) []string {
	out := make([]string, len(pods))
	for i, p := range pods {
		out[i] = p.Name
	}
	return out
}

func TestPreemptSelectsFewestLeastImportantVictims(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
	// (SelectVictimsOnNode: remove every lower-priority pod, then reprieve
	// them, most important first, while the preemptor still fits).
	n := NodeInfo{Node: node("n1", "4", "8Gi", 110), Pods: []*corev1.Pod{
		started(pod("low-a", "1", ""), 1, 0),
		started(pod("low-b", "1", ""), 1, 5),
		started(pod("mid", "1", ""), 5, 0),
		started(pod("high", "1", ""), 100, 0),
	}}
	p := withPriority(pod("p", "2", ""), 10)
	_, err := Schedule(p, []NodeInfo{n}, seeded(1))
	fe, ok := err.(*FitError)
	require.True(t, ok, "%v", err)
	require.Equal(t, []string{"n1"}, fe.PreemptionCandidates)
	got, ok, err := Preempt(p, []NodeInfo{n}, fe.PreemptionCandidates, nil)
	require.NoError(t, err)
	require.True(t, ok)
	// high stays (not lower); with p's two cpus one cpu is left, and
	// mid, the most important of the lower pods, is reprieved into it.
	require.Equal(t, "n1", got.Node)
	require.Equal(t, []string{"low-a", "low-b"}, names(got.Victims))

	// A mid of two cpus does not fit back beside a p of three, so it
	// goes; of the two lows, the one started earlier (more important) is
	// reprieved first and stays. Victims come most important first.
	p = withPriority(pod("p", "3", ""), 10)
	n.Pods[2] = started(pod("mid", "2", ""), 5, 0)
	n.Pods[3] = started(pod("high", "0", ""), 100, 0)
	got, ok, err = Preempt(p, []NodeInfo{n}, []string{"n1"}, nil)
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, []string{"mid", "low-b"}, names(got.Victims))
}

func TestPreemptPrefersVictimsNoBudgetProtects(t *testing.T) {
	// Reference: default_preemption.go (filterPodsWithPDBViolation; the
	// violating pods are reprieved first) and preemption.go
	// (pickOneNodeForPreemption: the fewest PDB violations first).
	protected := func(name string) *corev1.Pod { return started(pod(name, "2", ""), 1, 0, "app", "db") }
	plain := func(name string) *corev1.Pod { return started(pod(name, "2", ""), 1, 0, "app", "web") }
	nodes := []NodeInfo{
		{Node: node("n1", "2", "8Gi", 110), Pods: []*corev1.Pod{protected("db-1")}},
		{Node: node("n2", "2", "8Gi", 110), Pods: []*corev1.Pod{plain("web-1")}},
	}
	pdb := &policyv1.PodDisruptionBudget{ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "default"},
		Spec:   policyv1.PodDisruptionBudgetSpec{Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "db"}}},
		Status: policyv1.PodDisruptionBudgetStatus{DisruptionsAllowed: 0}}
	p := withPriority(pod("p", "2", ""), 10)
	got, ok, err := Preempt(p, nodes, []string{"n1", "n2"}, []*policyv1.PodDisruptionBudget{pdb})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "n2", got.Node)
	require.Zero(t, got.PDBViolations)
	// A budget is a preference: with only the protected store, it goes.
	got, ok, err = Preempt(p, nodes[:1], []string{"n1"}, []*policyv1.PodDisruptionBudget{pdb})
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, 1, got.PDBViolations)
	require.Equal(t, []string{"db-1"}, names(got.Victims))
}

func TestPreemptPicksNode(t *testing.T) {
	// Reference: pkg/scheduler/framework/preemption/preemption.go
	// (pickOneNodeForPreemption: lowest highest-priority victim, then the
	// smallest priority sum, the fewest victims, the latest start of the
	// most important victims).
	full := func(name string, pods ...*corev1.Pod) NodeInfo {
		return NodeInfo{Node: node(name, "2", "8Gi", 110), Pods: pods}
	}
	p := withPriority(pod("p", "2", ""), 10)
	tests := []struct {
		name  string
		nodes []NodeInfo
		want  string
	}{
		{"lowest highest-priority victim", []NodeInfo{
			full("n1", started(pod("a", "2", ""), 5, 0)),
			full("n2", started(pod("b", "2", ""), 3, 0)),
		}, "n2"},
		{"smallest sum of priorities", []NodeInfo{
			full("n1", started(pod("a", "1", ""), 3, 0), started(pod("b", "1", ""), 3, 0)),
			full("n2", started(pod("c", "1", ""), 3, 0), started(pod("d", "1", ""), 1, 0)),
		}, "n2"},
		{"fewest victims", []NodeInfo{
			full("n1", started(pod("a", "1", ""), 0, 0), started(pod("b", "1", ""), 0, 0)),
			full("n2", started(pod("c", "2", ""), 0, 0)),
		}, "n2"},
		{"latest start", []NodeInfo{
			full("n1", started(pod("a", "2", ""), 3, 1)),
			full("n2", started(pod("b", "2", ""), 3, 9)),
		}, "n2"},
		{"first on a full tie", []NodeInfo{
			full("n1", started(pod("a", "2", ""), 3, 1)),
			full("n2", started(pod("b", "2", ""), 3, 1)),
		}, "n1"},
	}
	for _, tt := range tests {
		got, ok, err := Preempt(p, tt.nodes, []string{"n1", "n2"}, nil)
		require.NoError(t, err, tt.name)
		require.True(t, ok, tt.name)
		require.Equal(t, tt.want, got.Node, tt.name)
	}
}

func TestPreemptionWaitsForTerminatingVictim(t *testing.T) {
	// Reference: default_preemption.go (PodEligibleToPreemptOthers: a pod
	// nominated to a node where a lower-priority pod is terminating by
	// preemption does not preempt again).
	victim := started(pod("low", "2", ""), 1, 0)
	now := metav1.Now()
	victim.DeletionTimestamp = &now
	victim.Status.Conditions = []corev1.PodCondition{{Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue, Reason: corev1.PodReasonPreemptionByScheduler}}
	p := withPriority(pod("p", "2", ""), 10)
	p.Status.NominatedNodeName = "n1"
	_, err := Schedule(p, []NodeInfo{{Node: node("n1", "2", "8Gi", 110), Pods: []*corev1.Pod{victim}}}, seeded(1))
	require.EqualError(t, err, "0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.")
}
