package scheduler

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

const (
	hostnameKey = corev1.LabelHostname
	zoneKey     = corev1.LabelTopologyZone
)

// zonedNode returns a node labelled with its hostname and zone ("" leaves
// the zone out).
func zonedNode(name, zone string) *corev1.Node {
	n := node(name, "4", "8Gi", 110)
	n.Labels[hostnameKey] = name
	if zone != "" {
		n.Labels[zoneKey] = zone
	}
	return n
}

// labelled returns a small pod with labels.
func labelled(name string, kv ...string) *corev1.Pod {
	p := pod(name, "100m", "")
	p.Labels = map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		p.Labels[kv[i]] = kv[i+1]
	}
	return p
}

// term returns a pod affinity term selecting app=value over key.
func term(app, key string) corev1.PodAffinityTerm {
	return corev1.PodAffinityTerm{LabelSelector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": app}}, TopologyKey: key}
}

func withAntiAffinity(p *corev1.Pod, terms ...corev1.PodAffinityTerm) *corev1.Pod {
	if p.Spec.Affinity == nil {
		p.Spec.Affinity = &corev1.Affinity{}
	}
	p.Spec.Affinity.PodAntiAffinity = &corev1.PodAntiAffinity{RequiredDuringSchedulingIgnoredDuringExecution: terms}
	return p
}

func withAffinity(p *corev1.Pod, terms ...corev1.PodAffinityTerm) *corev1.Pod {
	if p.Spec.Affinity == nil {
		p.Spec.Affinity = &corev1.Affinity{}
	}
	p.Spec.Affinity.PodAffinity = &corev1.PodAffinity{RequiredDuringSchedulingIgnoredDuringExecution: terms}
	return p
}

func TestInterPodAffinityFilter(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
	// (Filter: satisfyPodAffinity, satisfyPodAntiAffinity,
	// satisfyExistingPodsAntiAffinity, in that order, and their reasons).
	web := labelled("web-1", "app", "web")
	tests := []struct {
		name  string
		pod   *corev1.Pod
		nodes []NodeInfo
		want  map[string][]string // node -> reasons (absent: feasible)
	}{
		{
			name:  "anti-affinity keeps a second web pod off the store the first is in",
			pod:   withAntiAffinity(labelled("web-2", "app", "web"), term("web", hostnameKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{web}}, {Node: zonedNode("n2", "a")}},
			want:  map[string][]string{"n1": {ReasonPodAntiAffinity}},
		},
		{
			name:  "anti-affinity over zones keeps it out of the whole zone",
			pod:   withAntiAffinity(labelled("web-2", "app", "web"), term("web", zoneKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{web}}, {Node: zonedNode("n2", "a")}, {Node: zonedNode("n3", "b")}},
			want:  map[string][]string{"n1": {ReasonPodAntiAffinity}, "n2": {ReasonPodAntiAffinity}},
		},
		{
			name:  "affinity sends a cache next to the web pods' zone",
			pod:   withAffinity(labelled("cache"), term("web", zoneKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a")}, {Node: zonedNode("n2", "b"), Pods: []*corev1.Pod{web}}, {Node: zonedNode("n3", "b")}},
			want:  map[string][]string{"n1": {ReasonPodAffinity}},
		},
		{
			name:  "a node without the topology key never satisfies affinity",
			pod:   withAffinity(labelled("cache"), term("web", zoneKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", ""), Pods: []*corev1.Pod{web}}, {Node: zonedNode("n2", "b"), Pods: []*corev1.Pod{labelled("web-3", "app", "web")}}},
			want:  map[string][]string{"n1": {ReasonPodAffinity}},
		},
		{
			name:  "the first pod of a group that wants to be together goes anywhere",
			pod:   withAffinity(labelled("web-1", "app", "web"), term("web", zoneKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a")}, {Node: zonedNode("n2", "b")}},
			want:  map[string][]string{},
		},
		{
			name:  "with no match anywhere, a pod that does not match its own terms goes nowhere",
			pod:   withAffinity(labelled("cache"), term("web", zoneKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a")}, {Node: zonedNode("n2", "b")}},
			want:  map[string][]string{"n1": {ReasonPodAffinity}, "n2": {ReasonPodAffinity}},
		},
		{
			name:  "an existing pod's anti-affinity turns the incoming pod away",
			pod:   labelled("db", "app", "db"),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{withAntiAffinity(labelled("web-1", "app", "web"), term("db", hostnameKey))}}, {Node: zonedNode("n2", "a")}},
			want:  map[string][]string{"n1": {ReasonExistingPodAntiAffinity}},
		},
		{
			name: "a term matches pods of its own namespace only",
			pod:  withAntiAffinity(labelled("web-2", "app", "web"), term("web", hostnameKey)),
			nodes: []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{func() *corev1.Pod {
				p := labelled("web-1", "app", "web")
				p.Namespace = "other"
				return p
			}()}}},
			want: map[string][]string{},
		},
	}
	for _, tt := range tests {
		c, err := newCycle(tt.pod, tt.nodes)
		require.NoError(t, err, tt.name)
		got := map[string][]string{}
		for _, n := range tt.nodes {
			if s := runFilters(c, n); s != nil {
				require.Equal(t, "InterPodAffinity", s.plugin, tt.name)
				got[n.Name()] = s.reasons
			}
		}
		require.Equal(t, tt.want, got, tt.name)
	}
}

func TestInterPodAntiAffinityFitError(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
	// (anti-affinity is Unschedulable: preemption is tried) and
	// pkg/scheduler/framework/preemption/preemption.go.
	web := func(name string) *corev1.Pod { return labelled(name, "app", "web") }
	nodes := []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{web("web-1")}}, {Node: zonedNode("n2", "a"), Pods: []*corev1.Pod{web("web-2")}}}
	_, err := Schedule(withAntiAffinity(web("web-3"), term("web", hostnameKey)), nodes, seeded(1))
	require.EqualError(t, err, "0/2 nodes are available: 2 node(s) didn't match pod anti-affinity rules. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")

	// A lower-priority web pod on n1 can be preempted: n1 is a candidate
	// once it is gone, and the anti-affinity it caused goes with it.
	nodes[0].Pods = []*corev1.Pod{withPriority(web("web-1"), -1)}
	_, err = Schedule(withAntiAffinity(web("web-3"), term("web", hostnameKey)), nodes, seeded(1))
	var fe *FitError
	require.ErrorAs(t, err, &fe)
	require.Equal(t, []string{"n1"}, fe.PreemptionCandidates)
}

func TestInterPodAffinityScore(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/interpodaffinity/scoring.go
	// (processExistingPod: preferred terms add or subtract their weight in
	// the domain of each matching pod; an existing pod's required affinity
	// adds hardPodAffinityWeight 1; NormalizeScore scales min..max to 0..100).
	p := labelled("web-2", "app", "web")
	p.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{
		PreferredDuringSchedulingIgnoredDuringExecution: []corev1.WeightedPodAffinityTerm{{Weight: 100, PodAffinityTerm: term("web", hostnameKey)}},
	}}
	nodes := []NodeInfo{{Node: zonedNode("n1", "a"), Pods: []*corev1.Pod{labelled("web-1", "app", "web")}}, {Node: zonedNode("n2", "a")}}
	scores, err := Scores(p, nodes)
	require.NoError(t, err)
	require.Equal(t, int64(0), scores[0].InterPodAffinity, "n1 holds a web pod")
	require.Equal(t, int64(100), scores[1].InterPodAffinity, "n2 holds none")
	got, err := Schedule(p, nodes, seeded(1))
	require.NoError(t, err)
	require.Equal(t, "n2", got)

	// An existing pod that requires a db pod in its zone draws one there.
	cache := withAffinity(labelled("cache", "app", "cache"), term("db", zoneKey))
	nodes = []NodeInfo{{Node: zonedNode("n1", "a")}, {Node: zonedNode("n2", "b"), Pods: []*corev1.Pod{cache}}, {Node: zonedNode("n3", "b")}}
	scores, err = Scores(labelled("db", "app", "db"), nodes)
	require.NoError(t, err)
	require.Equal(t, []int64{0, 100, 100}, []int64{scores[0].InterPodAffinity, scores[1].InterPodAffinity, scores[2].InterPodAffinity})
}

func TestNodeTotalsCountPodsWithAffinity(t *testing.T) {
	n := zonedNode("n1", "a")
	a := withAntiAffinity(labelled("a", "app", "web"), term("web", hostnameKey))
	tot := NewNodeTotals(n, []*corev1.Pod{a, labelled("b")})
	require.Equal(t, int64(1), tot.WithPodAffinity)
	tot.RemovePod(a)
	require.Equal(t, int64(0), tot.WithPodAffinity)
}
