package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	sched "github.com/nodenucleus/nucleus/scheduler"
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

// However stores and pods come and go, each store's running totals in the
// cache, kept side by side for the staffing desk's scan, equal the sums
// of its Node and its bound pods counted afresh.
// Reference: pkg/scheduler/backend/cache/cache.go (AddPod, RemovePod,
// UpdateNode keep each NodeInfo's Requested and NonZeroRequested).
func TestSchedulerCacheTotalsFollowStoresAndPods(t *testing.T) {
	c := newSchedulerCache()
	rng := rand.New(rand.NewPCG(18, 18))
	store := func(name string, pods int64) *corev1.Node {
		return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name}, Status: corev1.NodeStatus{Allocatable: corev1.ResourceList{
			corev1.ResourceCPU: resource.MustParse("4"), corev1.ResourcePods: *resource.NewQuantity(pods, resource.DecimalSI)}}}
	}
	bound := func(name, node, cpu string) *corev1.Pod {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)}}
		p.Spec.NodeName = node
		p.Spec.Containers = []corev1.Container{{Name: "app", Resources: corev1.ResourceRequirements{
			Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu)}}}}
		return p
	}
	stores := []string{"a", "b", "c", "d"}
	for step := range 400 {
		switch rng.IntN(4) {
		case 0:
			c.setNode(store(stores[rng.IntN(len(stores))], int64(10+step)), rng.IntN(3) == 0)
		default:
			// A pod keeps its store and its requests for life.
			i := rng.IntN(12)
			p := bound(fmt.Sprintf("p%d", i), stores[i%len(stores)], []string{"100m", "250m", "1"}[i%3])
			p.Status.Phase = []corev1.PodPhase{"", corev1.PodPending, corev1.PodRunning, corev1.PodSucceeded, corev1.PodFailed}[rng.IntN(5)]
			c.setPod(p, rng.IntN(3) == 0)
		}
		if rng.IntN(3) == 0 {
			continue // let changes pile up before the desk looks
		}
		for _, info := range c.nodeInfos() {
			want := sched.NewNodeTotals(info.Node, info.Pods)
			require.Equal(t, want, *info.Totals, "step %d: the totals of %s", step, info.Name())
			for i := 1; i < len(info.Pods); i++ {
				require.Negative(t, comparePodKeys(info.Pods[i-1], info.Pods[i]), "step %d: %s's pods in key order, each once", step, info.Name())
			}
		}
	}
}

// A store's pods are found by their keys' checksums, and two keys with
// one checksum are told apart by the keys themselves: the cache behaves
// as if it searched by key.
func TestSchedulerCacheFindsPodsWhoseSumsCollide(t *testing.T) {
	c := newSchedulerCache()
	c.setNode(&corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "a"}}, false)
	pod := func(name string) *corev1.Pod {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: name, UID: types.UID("uid-" + name)}}
		p.Spec.NodeName = "a"
		return p
	}
	for _, name := range []string{"x", "y", "z"} {
		c.setPod(pod(name), false)
	}
	e := c.entries["a"]
	collide := func(p *corev1.Pod) {
		for i := range e.sums {
			e.sums[i] = keySum(p) // every pod's key has p's checksum
		}
	}
	y := pod("y")
	collide(y)
	i, found, _ := e.find(y)
	assert.True(t, found)
	assert.Equal(t, 1, i, "y is the second pod, after x whose sum is the same")
	w := pod("w")
	collide(w)
	i, found, _ = e.find(w)
	assert.False(t, found, "w is not there, whatever the sums say")
	assert.Equal(t, 0, i, "w would go first")
}
