package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/watch"
)

// next reads the next event of a watch, failing after ten seconds.
func next(t *testing.T, w watch.Interface) watch.Event {
	t.Helper()
	select {
	case ev, ok := <-w.ResultChan():
		require.True(t, ok, "the watch ended")
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no watch event in 10s")
	}
	return watch.Event{}
}

// TestSelectiveWatchSeesObjectsEnterAndLeave: a watch with a selector gets
// ADDED when a change brings an object into the selection and DELETED
// when a change takes it out, as the watch cache sends them.
// Reference: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go
// (convertToWatchEvent).
func TestSelectiveWatchSeesObjectsEnterAndLeave(t *testing.T) {
	s := serve(t, oneStore, 10)
	ctx := context.Background()
	pods := s.client.CoreV1().Pods("default")

	pending, err := pods.Watch(ctx, metav1.ListOptions{FieldSelector: "status.phase=Pending"})
	require.NoError(t, err)
	defer pending.Stop()
	_, err = pods.Create(ctx, busybox("box", map[string]string{"app": "box"}, "sleep", "3600"), metav1.CreateOptions{})
	require.NoError(t, err)
	ev := next(t, pending)
	assert.Equal(t, watch.Added, ev.Type)
	ev = next(t, pending)
	for ev.Type == watch.Modified { // scheduled, still pending
		ev = next(t, pending)
	}
	assert.Equal(t, watch.Deleted, ev.Type, "the pod runs: it leaves status.phase=Pending")
	assert.Equal(t, corev1.PodPending, ev.Object.(*corev1.Pod).Status.Phase, "DELETED carries the object as it last matched")

	front, err := pods.Watch(ctx, metav1.ListOptions{LabelSelector: "tier=front"})
	require.NoError(t, err)
	defer front.Stop()
	_, err = pods.Patch(ctx, "box", types.MergePatchType, []byte(`{"metadata":{"labels":{"tier":"front"}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	assert.Equal(t, watch.Added, next(t, front).Type, "labelled into the selection")
	_, err = pods.Patch(ctx, "box", types.MergePatchType, []byte(`{"metadata":{"labels":{"tier":null}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	assert.Equal(t, watch.Deleted, next(t, front).Type, "labelled out of the selection")
}

// TestDeleteCollection: DeleteCollection deletes every selected object,
// one delete action each, and leaves the others.
// Reference: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (DeleteCollection).
func TestDeleteCollection(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	pods := s.client.CoreV1().Pods("default")
	for _, p := range []*corev1.Pod{
		busybox("a1", map[string]string{"app": "a"}, "sleep", "3600"),
		busybox("a2", map[string]string{"app": "a"}, "sleep", "3600"),
		busybox("b1", map[string]string{"app": "b"}, "sleep", "3600"),
	} {
		_, err := pods.Create(ctx, p, metav1.CreateOptions{})
		require.NoError(t, err)
	}
	zero := int64(0)
	require.NoError(t, pods.DeleteCollection(ctx, metav1.DeleteOptions{GracePeriodSeconds: &zero}, metav1.ListOptions{LabelSelector: "app=a"}))
	eventually(t, "a1 and a2 to be gone", func() bool {
		list, err := pods.List(ctx, metav1.ListOptions{})
		return err == nil && len(list.Items) == 1 && list.Items[0].Name == "b1"
	})
	narration := s.narration.String()
	assert.Contains(t, narration, "ScenarioAction pod/a1 delete: pod a1")
	assert.Contains(t, narration, "ScenarioAction pod/a2 delete: pod a2")
}

// TestWatchEvents: Events can be watched from the version their list
// gave, and a repeated Event comes back MODIFIED with its count raised,
// as the event recorder's patch makes it; `kubectl get events -w`
// shows them.
// Reference: staging/src/k8s.io/client-go/tools/record/events_cache.go
// (a repeated event is the same Event, its count raised).
func TestWatchEvents(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	evs := s.client.CoreV1().Events("default")
	list, err := evs.List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	w, err := evs.Watch(ctx, metav1.ListOptions{ResourceVersion: list.ResourceVersion, FieldSelector: "involvedObject.name=crash"})
	require.NoError(t, err)
	defer w.Stop()
	_, err = s.client.CoreV1().Pods("default").Create(ctx, busybox("crash", nil, "sh", "-c", "exit 1"), metav1.CreateOptions{})
	require.NoError(t, err)
	ev := next(t, w)
	require.Equal(t, watch.Added, ev.Type)
	first := ev.Object.(*corev1.Event)
	assert.Equal(t, "Scheduled", first.Reason)
	assert.NotEmpty(t, first.ResourceVersion)
	for ev.Type != watch.Modified {
		ev = next(t, w)
	}
	assert.Greater(t, ev.Object.(*corev1.Event).Count, int32(1), "a repeated Event is MODIFIED with a higher count")

	k := newKubectl(t, s)
	created := make(chan error, 1)
	go func() {
		time.Sleep(time.Second) // kubectl is watching by then
		_, err := s.client.CoreV1().Pods("default").Create(ctx, busybox("late", nil, "sleep", "3600"), metav1.CreateOptions{})
		created <- err
	}()
	// The watch ends once the event is shown, not after a few wall seconds
	// a loaded machine may spend starting kubectl.
	assigned := "Successfully assigned default/late to store-1"
	out := k.watch([]string{assigned}, "get", "events", "-w", "--field-selector", "involvedObject.name=late")
	require.NoError(t, <-created)
	assert.Contains(t, out, assigned, "get events -w")
}
