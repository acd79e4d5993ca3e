package cluster

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// The staffing desk's cache keeps the count of bound pods with inter-pod
// terms on the stores it knows, as pods and stores come and go, equal to
// what asking every store would give.
// Reference: pkg/scheduler/backend/cache/snapshot.go
// (havePodsWithAffinityNodeInfoList, rebuilt from the cache's NodeInfos).
func TestSchedulerCacheCountsPodsWithAffinity(t *testing.T) {
	c := newSchedulerCache()
	store := func(name string) *corev1.Node { return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}} }
	bound := func(name, node string, affinity bool) *corev1.Pod {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)}}
		p.Spec.NodeName = node
		if affinity {
			p.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{
				RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{TopologyKey: corev1.LabelHostname}},
			}}
		}
		return p
	}
	asked := func() int64 {
		var n int64
		for _, info := range c.nodeInfos() {
			n += info.Totals.WithPodAffinity
		}
		return n
	}
	a, b := store("a"), store("b")
	c.setNode(a, false)
	c.setPod(bound("x", "a", true), false)
	c.setPod(bound("y", "a", false), false)
	c.setPod(bound("z", "b", true), false) // b is not known yet
	assert.Equal(t, int64(1), c.podsWithAffinity(), "z waits on a store the desk does not know")
	c.setNode(b, false)
	assert.Equal(t, int64(2), c.podsWithAffinity(), "b arrives with z")
	done := bound("x", "a", true)
	done.Status.Phase = corev1.PodSucceeded
	c.setPod(done, false)
	assert.Equal(t, int64(1), c.podsWithAffinity(), "x finished")
	c.setNode(b, true)
	assert.Equal(t, int64(0), c.podsWithAffinity(), "b left, with z")
	c.setNode(b, false)
	c.setPod(bound("z", "b", true), true)
	assert.Equal(t, int64(0), c.podsWithAffinity(), "z deleted")
	assert.Equal(t, asked(), c.podsWithAffinity())
}

// The cache orders a store's pods as their keys "namespace/name" compare,
// without building the keys: the same order as joining them, also where a
// namespace is a prefix of another ("a" and "a-x": '-' sorts before '/').
func TestComparePodKeysMatchesJoinedKeys(t *testing.T) {
	names := []string{"", "a", "a-x", "a/", "ab", "b", "a.b", "kube-system", "default", "x0", "x"}
	pod := func(ns, name string) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: ns, Name: name}}
	}
	for _, ns1 := range names {
		for _, n1 := range names {
			for _, ns2 := range names {
				for _, n2 := range names {
					want := strings.Compare(ns1+"/"+n1, ns2+"/"+n2)
					got := comparePodKeys(pod(ns1, n1), pod(ns2, n2))
					if got != want {
						t.Fatalf("comparePodKeys(%q/%q, %q/%q) = %d, want %d", ns1, n1, ns2, n2, got, want)
					}
				}
			}
		}
	}
}
