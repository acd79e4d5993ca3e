package scheduler

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// withPreferred adds a preferred node affinity term of weight w asking for
// label key=value.
func withPreferred(p *corev1.Pod, w int32, key, value string) *corev1.Pod {
	if p.Spec.Affinity == nil {
		p.Spec.Affinity = &corev1.Affinity{}
	}
	if p.Spec.Affinity.NodeAffinity == nil {
		p.Spec.Affinity.NodeAffinity = &corev1.NodeAffinity{}
	}
	na := p.Spec.Affinity.NodeAffinity
	na.PreferredDuringSchedulingIgnoredDuringExecution = append(na.PreferredDuringSchedulingIgnoredDuringExecution,
		corev1.PreferredSchedulingTerm{Weight: w, Preference: corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{
			{Key: key, Operator: corev1.NodeSelectorOpIn, Values: []string{value}}}}})
	return p
}

func TestNodeAffinityPreferredScore(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go
	// (Score: the sum of the weights of the matching preferred terms;
	// NormalizeScore: DefaultNormalizeScore against the highest, not
	// reversed) and k8s.io/component-helpers/scheduling/corev1/nodeaffinity
	// (NewPreferredSchedulingTerms skips an empty preference). Weight 2 in
	// the default profile: pkg/scheduler/apis/config/v1/default_plugins.go.
	label := func(n *corev1.Node, kv ...string) *corev1.Node {
		for i := 0; i+1 < len(kv); i += 2 {
			n.Labels[kv[i]] = kv[i+1]
		}
		return n
	}
	nodes := []NodeInfo{
		{Node: label(node("n1", "4", "8Gi", 110), "label-1", "key-1")},
		{Node: label(node("n2", "4", "8Gi", 110), "label-2", "key-2")},
		{Node: label(node("n3", "4", "8Gi", 110), "label-1", "key-1", "label-2", "key-2")},
		{Node: node("n4", "4", "8Gi", 110)},
	}
	// The docs' pod-with-affinity-preferred-weight: weight 1 for label-1,
	// 50 for label-2.
	p := withPreferred(withPreferred(pod("p", "100m", ""), 1, "label-1", "key-1"), 50, "label-2", "key-2")
	scores, err := Scores(p, nodes)
	require.NoError(t, err)
	got := map[string]int64{}
	for _, s := range scores {
		got[s.Node] = s.NodeAffinity
	}
	// Raw 1, 50, 51, 0 scaled against 51.
	require.Equal(t, map[string]int64{"n1": 1, "n2": 98, "n3": 100, "n4": 0}, got)
	require.Equal(t, scores[0].NodeResourcesFit+3*scores[0].TaintToleration+2*1, scores[0].Total)
	for seed := range uint64(5) {
		name, err := Schedule(p, nodes, seeded(seed))
		require.NoError(t, err)
		require.Equal(t, "n3", name, "seed %d", seed)
	}

	// An empty preference scores nothing, so every node stays at 0.
	q := pod("q", "100m", "")
	q.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.PreferredSchedulingTerm{{Weight: 10}}}}
	scores, err = Scores(q, nodes)
	require.NoError(t, err)
	for _, s := range scores {
		require.Zero(t, s.NodeAffinity, s.Node)
	}
}

func TestNodeAffinityPreferredBadInput(t *testing.T) {
	p := pod("p", "", "")
	p.Spec.Affinity = &corev1.Affinity{NodeAffinity: &corev1.NodeAffinity{PreferredDuringSchedulingIgnoredDuringExecution: []corev1.PreferredSchedulingTerm{
		{Weight: 1, Preference: corev1.NodeSelectorTerm{MatchExpressions: []corev1.NodeSelectorRequirement{{Key: "a", Operator: "Like"}}}}}}}
	_, err := Schedule(p, []NodeInfo{{Node: node("n1", "1", "1Gi", 10)}}, seeded(1))
	require.ErrorContains(t, err, "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].preference.matchExpressions[0].operator: Unsupported value")
}

type volumeList []*corev1.PersistentVolume

func (l volumeList) BoundVolumes(*corev1.Pod) []*corev1.PersistentVolume { return l }

func TestVolumeBindingNodeAffinity(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/volumebinding/binder.go
	// (checkBoundClaims: a bound volume's node affinity, ErrReasonNodeConflict).
	local := func(op corev1.NodeSelectorOperator, host string) *corev1.PersistentVolume {
		return &corev1.PersistentVolume{ObjectMeta: metav1.ObjectMeta{Name: "local-1"}, Spec: corev1.PersistentVolumeSpec{
			NodeAffinity: &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{
				MatchExpressions: []corev1.NodeSelectorRequirement{{Key: hostnameKey, Operator: op, Values: []string{host}}}}}}}}}
	}
	p := pod("p", "", "")
	p.Spec.Volumes = []corev1.Volume{{Name: "data"}}
	nodes := []NodeInfo{{Node: zonedNode("n1", "")}, {Node: zonedNode("n2", "")}}
	s := Scheduler{Volumes: volumeList{local(corev1.NodeSelectorOpIn, "n2")}}
	for seed := range uint64(4) {
		name, err := s.Schedule(p, nodes, seeded(seed))
		require.NoError(t, err)
		require.Equal(t, "n2", name)
	}
	s = Scheduler{Volumes: volumeList{local(corev1.NodeSelectorOpIn, "n9")}}
	_, err := s.Schedule(p, nodes, seeded(1))
	require.EqualError(t, err, "0/2 nodes are available: 2 node(s) had volume node affinity conflict. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.")
	s = Scheduler{Volumes: volumeList{local("Like", "n1")}}
	_, err = s.Schedule(p, nodes, seeded(1))
	require.ErrorContains(t, err, "persistentvolume.local-1.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].operator")
}
