package apiserver

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Watchers hear of a change in the order they were registered, whether
// they watch everything, share the stored objects, or watch one value of
// the indexed field (a kubelet's spec.nodeName).
func TestWatchersHearInRegistrationOrder(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	var heard []string
	hear := func(who string) func(WatchEvent[*corev1.Pod]) {
		return func(ev WatchEvent[*corev1.Pod]) { heard = append(heard, who+" "+string(ev.Type)+" "+ev.Object.Name) }
	}
	s.Pods.Watch(0, false, hear("all"))
	s.Pods.WatchField(0, false, "store-1", hear("kubelet-1"))
	s.Pods.WatchShared(0, false, hear("shared"))
	s.Pods.WatchField(0, false, "store-2", hear("kubelet-2"))
	p := newPod("clerk")
	p.Spec.NodeName = "store-2"
	_, err := s.Pods.Create(p)
	require.NoError(t, err)
	loop.RunFor(0)
	assert.Equal(t, []string{"all ADDED clerk", "shared ADDED clerk", "kubelet-2 ADDED clerk"}, heard)
}

// A shared watcher receives the stored object itself; a plain watcher gets
// a copy of its own; later writes leave what either received unchanged.
func TestSharedWatcherGetsTheStoredObject(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	var shared, own []*corev1.Pod
	s.Pods.WatchShared(0, false, func(ev WatchEvent[*corev1.Pod]) { shared = append(shared, ev.Object) })
	s.Pods.Watch(0, false, func(ev WatchEvent[*corev1.Pod]) { own = append(own, ev.Object) })
	_, err := s.Pods.Create(newPod("clerk"))
	require.NoError(t, err)
	_, err = s.UpdatePodStatus("default", "clerk", mustUID(t, s, "clerk"), corev1.PodStatus{Phase: corev1.PodRunning})
	require.NoError(t, err)
	require.NoError(t, s.Pods.Delete("default", "clerk"))
	loop.RunFor(0)
	require.Len(t, shared, 3)
	require.Len(t, own, 3)
	assert.NotSame(t, shared[0], own[0], "a plain watcher shares the stored object")
	assert.Equal(t, corev1.PodPhase(""), shared[0].Status.Phase, "the first version changed after it was delivered")
	assert.Equal(t, corev1.PodRunning, shared[1].Status.Phase)
	assert.NotEqual(t, shared[1].ResourceVersion, shared[2].ResourceVersion, "the deletion changed the object a watcher already held")
}

// A shared field watcher hears only of its own field value, and receives
// the stored object itself, where a plain field watcher gets a copy.
func TestWatchFieldSharedGetsTheStoredObject(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	var shared, own []*corev1.Pod
	s.Pods.WatchFieldShared(0, false, "store-1", func(ev WatchEvent[*corev1.Pod]) { shared = append(shared, ev.Object) })
	s.Pods.WatchField(0, false, "store-1", func(ev WatchEvent[*corev1.Pod]) { own = append(own, ev.Object) })
	for _, node := range []string{"store-2", "store-1"} {
		p := newPod("clerk-on-" + node)
		p.Spec.NodeName = node
		_, err := s.Pods.Create(p)
		require.NoError(t, err)
	}
	loop.RunFor(0)
	require.Len(t, shared, 1)
	require.Len(t, own, 1)
	assert.Equal(t, "clerk-on-store-1", shared[0].Name)
	assert.Same(t, s.Pods.ListShared()[0], shared[0], "a shared field watcher got a copy")
	assert.NotSame(t, shared[0], own[0], "a plain field watcher shares the stored object")
}

// ListShared returns the stored objects in key order, through creations
// and deletions, without copying them; List returns copies in the same
// order.
func TestListSharedKeepsKeyOrder(t *testing.T) {
	s := New(sim.New(1))
	for _, name := range []string{"c", "a", "e"} {
		_, err := s.Pods.Create(newPod(name))
		require.NoError(t, err)
	}
	names := func(ps []*corev1.Pod) string {
		out := ""
		for _, p := range ps {
			out += p.Name
		}
		return out
	}
	assert.Equal(t, "ace", names(s.Pods.ListShared()))
	require.NoError(t, s.Pods.Delete("default", "c"))
	for _, name := range []string{"d", "b", "c"} {
		_, err := s.Pods.Create(newPod(name))
		require.NoError(t, err)
	}
	other := newPod("a")
	other.Namespace = "aaa"
	_, err := s.Pods.Create(other)
	require.NoError(t, err)
	assert.Equal(t, "aabcde", names(s.Pods.ListShared()), "ListShared after deletes and creates")
	list := s.Pods.List()
	assert.Equal(t, "aabcde", names(list))
	assert.NotSame(t, s.Pods.ListShared()[0], list[0], "List returned a stored object, not a copy")
	assert.Equal(t, "aaa", list[0].Namespace, fmt.Sprintf("List()[0] is in %q, want namespace aaa first", list[0].Namespace))
}

func TestWatchFieldPanicsWithoutAnIndexedField(t *testing.T) {
	s := New(sim.New(1))
	assert.PanicsWithValue(t, "apiserver: Store.WatchField: services has no indexed field", func() {
		s.Services.WatchField(0, false, "x", func(WatchEvent[*corev1.Service]) {})
	})
}

// A watcher with a delay hears every write in order, interleaved with
// other events as if each delivery were its own closure, and its inbox of
// waiting events does not grow for ever when it never empties: a write a
// second to a watcher 10 s behind keeps about ten waiting.
func TestDelayedWatcherHearsInOrderAndInboxStaysSmall(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	var heard []string
	var w *watcher[*corev1.Pod]
	s.Pods.Watch(10*time.Second, false, func(ev WatchEvent[*corev1.Pod]) {
		heard = append(heard, fmt.Sprintf("%s %s at %v", ev.Type, ev.Object.Name, time.Duration(loop.Now())))
	})
	w = s.Pods.watchers[len(s.Pods.watchers)-1]
	var want []string
	for i := range 1000 {
		at := time.Duration(i) * time.Second
		loop.At(sim.Time(at), func() {
			_, err := s.Pods.Create(newPod(fmt.Sprintf("p%d", i)))
			require.NoError(t, err)
		})
		want = append(want, fmt.Sprintf("ADDED p%d at %v", i, at+10*time.Second))
	}
	loop.RunUntil(sim.Time(500 * time.Second))
	assert.LessOrEqual(t, cap(w.inbox), 64, "waiting events, with ten in flight")
	loop.RunUntil(sim.Time(2000 * time.Second))
	assert.Equal(t, want, heard)
	assert.Equal(t, 0, len(w.inbox)-w.head, "nothing left waiting")
}

// A watcher that heard a burst gives the burst's room back once it has
// handed every event over, and one that hears a change at a time keeps
// its small inbox.
func TestInboxRoomGoesAfterABurst(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	heard := 0
	s.Pods.Watch(time.Second, false, func(WatchEvent[*corev1.Pod]) { heard++ })
	w := s.Pods.watchers[len(s.Pods.watchers)-1]
	loop.At(0, func() {
		for i := range 500 {
			_, err := s.Pods.Create(newPod(fmt.Sprintf("p%d", i)))
			require.NoError(t, err)
		}
	})
	loop.RunUntil(sim.Time(500 * time.Millisecond))
	assert.GreaterOrEqual(t, cap(w.inbox), 500, "the burst waits in the inbox")
	loop.RunUntil(sim.Time(2 * time.Second))
	assert.Equal(t, 500, heard)
	assert.Zero(t, cap(w.inbox), "the burst's room is kept after it was handed over")
	_, err := s.Pods.Create(newPod("one"))
	require.NoError(t, err)
	loop.RunUntil(sim.Time(4 * time.Second))
	assert.Equal(t, 501, heard)
	assert.Positive(t, cap(w.inbox), "a small inbox is reused")
}
