package apiserver

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/sim"
)

// ListSharedByController follows adoptions, releases, deletions and
// re-creations at once, keeps each group in name order, and keeps the
// orphans and other namespaces apart, whatever the owner references say
// beside the controller.
func TestListSharedByControllerFollowsEveryWrite(t *testing.T) {
	s := New(sim.New(1))
	const rsA, rsB = types.UID("rs-a"), types.UID("rs-b")
	create := func(namespace, name string, owner types.UID) {
		t.Helper()
		p := newPod(name)
		p.Namespace = namespace
		if owner != "" {
			p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "rs", UID: owner, Controller: ptr(true)}}
		}
		_, err := s.Pods.Create(p)
		require.NoError(t, err)
	}
	setOwner := func(name string, owner types.UID) {
		t.Helper()
		p, err := s.Pods.Get("default", name)
		require.NoError(t, err)
		// A reference that is not the controller's never counts.
		p.OwnerReferences = []metav1.OwnerReference{{Kind: "Node", Name: "n", UID: rsA}}
		if owner != "" {
			p.OwnerReferences = append(p.OwnerReferences, metav1.OwnerReference{Kind: "ReplicaSet", Name: "rs", UID: owner, Controller: ptr(true)})
		}
		_, err = s.Pods.Update(p)
		require.NoError(t, err)
	}
	names := func(uid types.UID) string {
		var out []string
		for _, p := range s.Pods.ListSharedByController("default", uid) {
			out = append(out, p.Name)
		}
		return strings.Join(out, " ")
	}

	for _, name := range []string{"e", "c", "a"} {
		create("default", name, rsA)
	}
	create("default", "d", "")
	create("default", "b", rsB)
	create("other", "f", rsA)
	assert.Equal(t, "a c e", names(rsA))
	assert.Equal(t, "d", names(""), "orphans")

	setOwner("d", rsA) // adopted
	setOwner("c", "")  // released
	setOwner("a", rsB) // moved
	setOwner("a", rsA) // and back, before anyone looked
	require.NoError(t, s.Pods.Delete("default", "e"))
	create("default", "e", rsB) // the same name, another controller
	assert.Equal(t, "a d", names(rsA))
	assert.Equal(t, "b e", names(rsB))
	assert.Equal(t, "c", names(""), "orphans")

	require.NoError(t, s.Pods.Delete("default", "c"))
	assert.Empty(t, names(""), "orphans after the last one went")
	create("default", "c", "")
	assert.Equal(t, "c", names(""), "orphans after one came back")
	shared := s.Pods.ListSharedByController("other", rsA)
	require.Len(t, shared, 1)
	assert.Same(t, s.Pods.ListShared()[len(s.Pods.ListShared())-1], shared[0], "not the stored object")
	assert.Empty(t, s.Pods.ListSharedByController("default", "rs-unknown"))
}

// The index hands out the object as it is after every write, and lists a
// pod once however often it was deleted, created again under its name and
// moved between controllers since the last list.
func TestListSharedByControllerAfterChurnUnderOneName(t *testing.T) {
	s := New(sim.New(1))
	const rsA, rsB = types.UID("rs-a"), types.UID("rs-b")
	owned := func(name string, owner types.UID) *corev1.Pod {
		p := newPod(name)
		p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "rs", UID: owner, Controller: ptr(true)}}
		return p
	}
	_, err := s.Pods.Create(owned("x", rsA))
	require.NoError(t, err)
	require.Len(t, s.Pods.ListSharedByController("default", rsA), 1)

	p, err := s.Pods.Get("default", "x")
	require.NoError(t, err)
	p.Labels = map[string]string{"version": "2"}
	_, err = s.Pods.Update(p)
	require.NoError(t, err)
	got := s.Pods.ListSharedByController("default", rsA)
	require.Len(t, got, 1)
	assert.Equal(t, "2", got[0].Labels["version"], "the list follows the update")

	require.NoError(t, s.Pods.Delete("default", "x"))
	_, err = s.Pods.Create(owned("x", rsA))
	require.NoError(t, err)
	for _, owner := range []types.UID{rsB, rsA, rsB, rsA} {
		p, err := s.Pods.Get("default", "x")
		require.NoError(t, err)
		p.OwnerReferences[0].UID = owner
		_, err = s.Pods.Update(p)
		require.NoError(t, err)
	}
	got = s.Pods.ListSharedByController("default", rsA)
	require.Len(t, got, 1, "x once")
	assert.Empty(t, got[0].Labels, "the pod created again, not the deleted one")
	assert.Empty(t, s.Pods.ListSharedByController("default", rsB))
	assert.Len(t, s.Pods.ListShared(), 1)
}

// mergeSlots keeps every slot of both lists, in key order, the slots of a
// before those of b under the same key, as a plain two-way merge would,
// whether a has room for b's slots (merged in place) or not.
func TestMergeSlotsIsAStableMerge(t *testing.T) {
	mk := func(room int, names ...string) []*slot[*corev1.Pod] {
		out := make([]*slot[*corev1.Pod], len(names), len(names)+room)
		for i, n := range names {
			out[i] = &slot[*corev1.Pod]{key: Key{"default", n}}
		}
		return out
	}
	for _, room := range []int{0, 5, 20} {
		a := mk(room, "b", "d", "d", "f", "h")
		b := mk(0, "a", "d", "e", "i", "j")
		a1, a2 := a[1], a[2]
		got := mergeSlots(a, b)
		var names []string
		for _, s := range got {
			names = append(names, s.key.Name)
		}
		assert.Equal(t, "a b d d d e f h i j", strings.Join(names, " "), "room %d", room)
		assert.Same(t, a1, got[2], "a's d first (room %d)", room)
		assert.Same(t, a2, got[3])
		assert.Same(t, b[1], got[4], "then b's")
	}
	assert.Len(t, mergeSlots(mk(0, "b", "d"), nil), 2)
	assert.Len(t, mergeSlots(nil, mk(0, "a", "c", "e")), 3)
}

// On random lists, mergeSlots in place gives what sorting both lists
// together, stably and a's slots first, gives.
func TestMergeSlotsMatchesAStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(18, 1))
	for round := range 200 {
		mk := func(n int) []*slot[*corev1.Pod] {
			out := make([]*slot[*corev1.Pod], n, n+rng.IntN(8))
			for i := range out {
				out[i] = &slot[*corev1.Pod]{key: Key{[]string{"a", "b"}[rng.IntN(2)], fmt.Sprint(rng.IntN(20))}}
			}
			slices.SortStableFunc(out, compareSlots)
			return out
		}
		a, b := mk(rng.IntN(30)), mk(rng.IntN(6))
		want := slices.Concat(a, b)
		slices.SortStableFunc(want, compareSlots)
		got := mergeSlots(a, b)
		require.Len(t, got, len(want), "round %d", round)
		for i := range want {
			require.Same(t, want[i], got[i], "round %d: slot %d", round, i)
		}
	}
}
