package scheduler

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// spread returns a constraint over key for app=foo pods.
func spread(key string, maxSkew int32, action corev1.UnsatisfiableConstraintAction) corev1.TopologySpreadConstraint {
	return corev1.TopologySpreadConstraint{MaxSkew: maxSkew, TopologyKey: key, WhenUnsatisfiable: action,
		LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "foo"}}}
}

func foo(name string) *corev1.Pod { return labelled(name, "app", "foo") }

func withSpread(p *corev1.Pod, cs ...corev1.TopologySpreadConstraint) *corev1.Pod {
	p.Spec.TopologySpreadConstraints = cs
	return p
}

// filterVerdicts runs every filter for pod on each node and returns the
// PodTopologySpread reasons by node.
func filterVerdicts(t *testing.T, p *corev1.Pod, nodes []NodeInfo) map[string][]string {
	t.Helper()
	c, err := newCycle(p, nodes)
	require.NoError(t, err)
	got := map[string][]string{}
	for _, n := range nodes {
		if s := runFilters(c, n); s != nil {
			require.Equal(t, "PodTopologySpread", s.plugin)
			got[n.Name()] = s.reasons
		}
	}
	return got
}

func TestTopologySpreadFilter(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
	// (Filter: skew = matching pods in the node's domain + 1 if the pod
	// matches itself - the global minimum, refused above maxSkew; a node
	// without the key is refused as unresolvable; minDomains makes the
	// minimum 0 while there are fewer domains) and the example of the docs
	// page concepts/scheduling-eviction/topology-spread-constraints.
	twoZones := func() []NodeInfo {
		return []NodeInfo{
			{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{foo("p1")}},
			{Node: zonedNode("n2", "a"), Pods: []*corev1.Pod{foo("p2")}},
			{Node: zonedNode("n3", "b"), Pods: []*corev1.Pod{foo("p3")}},
			{Node: zonedNode("n4", "b")},
		}
	}
	zoneSkew1 := spread(zoneKey, 1, corev1.DoNotSchedule)
	require.Equal(t, map[string][]string{"n1": {ReasonTopologySpread}, "n2": {ReasonTopologySpread}},
		filterVerdicts(t, withSpread(foo("new"), zoneSkew1), twoZones()), "zone a holds 2, zone b 1: only zone b")

	other := withSpread(labelled("other", "app", "bar"), zoneSkew1)
	require.Empty(t, filterVerdicts(t, other, twoZones()), "a pod its own selector does not match adds nothing to the skew")

	nodes := append(twoZones(), NodeInfo{Node: zonedNode("n5", "")})
	require.Equal(t, []string{ReasonTopologySpreadMissingLabel}, filterVerdicts(t, withSpread(foo("new"), zoneSkew1), nodes)["n5"])

	minDomains := zoneSkew1
	three := int32(3)
	minDomains.MinDomains = &three
	got := filterVerdicts(t, withSpread(foo("new"), minDomains), twoZones())
	require.Len(t, got, 4, "two zones of three wanted: the minimum is 0, every zone already holds 1+")

	// A zone the pod's nodeSelector rules out does not count towards the
	// minimum (nodeAffinityPolicy Honor).
	nodes = append(twoZones(), NodeInfo{Node: zonedNode("n6", "c")})
	p := withSpread(foo("new"), zoneSkew1)
	got = filterVerdicts(t, p, nodes)
	require.Len(t, got, 4, "empty zone c: minimum 0, zones a and b refused")
	require.NotContains(t, got, "n6")
	p = withSpread(foo("new"), zoneSkew1)
	p.Spec.NodeSelector = map[string]string{"pool": "x"}
	for i := range nodes {
		if nodes[i].Name() != "n6" {
			nodes[i].Node.Labels["pool"] = "x"
		}
	}
	c, err := newCycle(p, nodes)
	require.NoError(t, err)
	require.Nil(t, filterTopologySpread(c, nodes[3]), "zone c left out: minimum 1, n4 in zone b passes")
}

func TestTopologySpreadFitError(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
	// (Unschedulable: preemption is tried).
	nodes := []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{foo("p1"), foo("p2")}}, {Node: zonedNode("n2", "a")}}
	hostSkew1 := spread(hostnameKey, 1, corev1.DoNotSchedule)
	got, err := Schedule(withSpread(foo("new"), hostSkew1), nodes, seeded(1))
	require.NoError(t, err)
	require.Equal(t, "n2", got)
	// With minDomains 3 over two stores the minimum is 0: every store
	// already holds a foo pod, so adding one makes a skew of 2.
	nodes[1].Pods = []*corev1.Pod{foo("p3")}
	three := int32(3)
	hostSkew1.MinDomains = &three
	_, err = Schedule(withSpread(foo("new"), hostSkew1), nodes, seeded(1))
	require.EqualError(t, err, "0/2 nodes are available: 2 node(s) didn't match pod topology spread constraints. "+
		"preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")
}

func TestTopologySpreadScore(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/podtopologyspread/scoring.go
	// (score = matching pods * log(domains+2) + maxSkew-1 per constraint;
	// NormalizeScore: 100 * (max+min-score) / max; nodes without the key 0).
	nodes := []NodeInfo{
		{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{foo("p1"), foo("p2")}},
		{Node: zonedNode("n2", "a")},
		{Node: zonedNode("n3", "")},
	}
	p := withSpread(foo("new"), spread(zoneKey, 1, corev1.ScheduleAnyway))
	scores, err := Scores(p, nodes)
	require.NoError(t, err)
	require.Equal(t, []int64{100, 100, 0}, []int64{scores[0].PodTopologySpread, scores[1].PodTopologySpread, scores[2].PodTopologySpread},
		"one zone: n1 and n2 score alike; n3 has no zone")

	p = withSpread(foo("new"), spread(hostnameKey, 1, corev1.ScheduleAnyway))
	scores, err = Scores(p, nodes[:2])
	require.NoError(t, err)
	// n1: 2 * log(4) = 2.77, rounded 3; n2: 0. max 3, min 0.
	require.Equal(t, []int64{0, 100}, []int64{scores[0].PodTopologySpread, scores[1].PodTopologySpread})
}
