package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/scenario"
)

// TestClientGoUpdatesEveryKind: a typed client's Update of a Pod, a
// Service, a ReplicaSet and a Node goes through; a stale one is refused
// with the API server's Conflict, and a refused pod change with Invalid.
// Reference: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (Update: a resourceVersion that is not the stored one is a Conflict);
// pkg/apis/core/validation/validation.go (ValidatePodUpdate).
func TestClientGoUpdatesEveryKind(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	pods := s.client.CoreV1().Pods("default")
	created, err := pods.Create(ctx, busybox("box", map[string]string{"app": "box"}, "sleep", "3600"), metav1.CreateOptions{})
	require.NoError(t, err)
	// The chain stands still, ten seconds on, while the versions are
	// compared: a status the kubelet writes between a Get and an Update
	// would make that Update a Conflict too, as on a real cluster.
	paused := true
	s.srv.Set(&paused, 0, 10*time.Second)

	fresh, err := pods.Get(ctx, "box", metav1.GetOptions{})
	require.NoError(t, err)
	fresh.Labels["tier"] = "back"
	updated, err := pods.Update(ctx, fresh, metav1.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, "back", updated.Labels["tier"])
	assert.NotEqual(t, fresh.ResourceVersion, updated.ResourceVersion)

	// created is older than the update: refused.
	created.Labels["tier"] = "front"
	_, err = pods.Update(ctx, created, metav1.UpdateOptions{})
	require.True(t, apierrors.IsConflict(err), "stale update: %v", err)
	assert.Equal(t, `Operation cannot be fulfilled on pods "box": the object has been modified; please apply your changes to the latest version and try again`, err.Error())

	// A patch that names a stale resourceVersion is refused the same way.
	_, err = pods.Patch(ctx, "box", types.MergePatchType, []byte(`{"metadata":{"resourceVersion":"`+created.ResourceVersion+`","labels":{"x":"y"}}}`), metav1.PatchOptions{})
	assert.True(t, apierrors.IsConflict(err), "stale patch: %v", err)

	fresh, err = pods.Get(ctx, "box", metav1.GetOptions{})
	require.NoError(t, err)
	fresh.Spec.RestartPolicy = "Never"
	_, err = pods.Update(ctx, fresh, metav1.UpdateOptions{})
	require.True(t, apierrors.IsInvalid(err), "restartPolicy change: %v", err)
	status := err.(apierrors.APIStatus).Status()
	require.Len(t, status.Details.Causes, 1)
	assert.Equal(t, "spec", status.Details.Causes[0].Field)

	n, err := s.client.CoreV1().Nodes().Get(ctx, "store-1", metav1.GetOptions{})
	require.NoError(t, err)
	n.Labels["zone"] = "back"
	n, err = s.client.CoreV1().Nodes().Update(ctx, n, metav1.UpdateOptions{})
	require.NoError(t, err)
	assert.Equal(t, "back", n.Labels["zone"])
	n.Spec.PodCIDR = "10.9.0.0/24"
	_, err = s.client.CoreV1().Nodes().Update(ctx, n, metav1.UpdateOptions{})
	assert.True(t, apierrors.IsInvalid(err), "a node's podCIDR: %v", err)

	// Still standing: the ReplicaSet controller writes the status of a
	// new set (its pod made, then ready) ten seconds on, not between the
	// Get and the Update, where it would make the Update a Conflict.
	rss := s.client.AppsV1().ReplicaSets("default")
	_, err = rss.Create(ctx, replicaSet("cache", 1), metav1.CreateOptions{})
	require.NoError(t, err)
	s.srv.Set(&paused, 0, 10*time.Second)
	got, err := rss.Get(ctx, "cache", metav1.GetOptions{})
	require.NoError(t, err)
	require.Equal(t, int32(1), got.Status.Replicas, "the new set's pod, ten seconds on")
	got.Spec.Replicas = ptr(int32(2))
	_, err = rss.Update(ctx, got, metav1.UpdateOptions{})
	require.NoError(t, err)
	s.srv.Set(&paused, 0, 10*time.Second)
	got, err = rss.Get(ctx, "cache", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(2), got.Status.Replicas, "the set scaled to two, ten seconds on")
}

func replicaSet(name string, replicas int32) *appsv1.ReplicaSet {
	d := deployment(name, replicas)
	return &appsv1.ReplicaSet{ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec: appsv1.ReplicaSetSpec{Replicas: d.Spec.Replicas, Selector: d.Spec.Selector, Template: d.Spec.Template}}
}

// TestBindingForAScheduler: a pod that names a scheduler of its own is
// left Pending by the default scheduler; a client binding it (as that
// scheduler does) places it, and a second binding is a Conflict.
// Reference: pkg/scheduler/eventhandlers.go (responsibleForPod);
// pkg/registry/core/pod/storage/storage.go (BindingREST, assignPod).
func TestBindingForAScheduler(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	pods := s.client.CoreV1().Pods("default")
	p := busybox("mine", nil, "sleep", "3600")
	p.Spec.SchedulerName = "my-scheduler"
	_, err := pods.Create(ctx, p, metav1.CreateOptions{})
	require.NoError(t, err)
	s.srv.Set(nil, 0, time.Minute)
	got, err := pods.Get(ctx, "mine", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Empty(t, got.Spec.NodeName, "the default scheduler leaves it")
	assert.NotContains(t, s.narration.String(), "FailedScheduling")

	binding := &corev1.Binding{ObjectMeta: metav1.ObjectMeta{Name: "mine"}, Target: corev1.ObjectReference{Kind: "Node", Name: "store-1"}}
	require.NoError(t, pods.Bind(ctx, binding, metav1.CreateOptions{}))
	eventually(t, "mine to run on store-1", func() bool {
		got, err := pods.Get(ctx, "mine", metav1.GetOptions{})
		return err == nil && got.Spec.NodeName == "store-1" && got.Status.Phase == corev1.PodRunning
	})
	assert.Contains(t, s.narration.String(), "ScenarioAction pod/mine bind: pod mine to store store-1")
	err = pods.Bind(ctx, binding, metav1.CreateOptions{})
	assert.True(t, apierrors.IsConflict(err), "second binding: %v", err)
}

// TestServedTimeStopsAtTheLongestScenario: virtual time stands still at
// 24h, the longest a scenario runs, and changes are then refused, so the
// recording of any session replays with nucleus run.
func TestServedTimeStopsAtTheLongestScenario(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	_, err := s.client.CoreV1().Pods("default").Create(ctx, busybox("early", nil, "sleep", "3600"), metav1.CreateOptions{})
	require.NoError(t, err)
	s.srv.Set(nil, 0, 25*time.Hour)
	var now time.Duration
	s.srv.Do(func() { now = time.Duration(s.srv.Now()) })
	assert.Equal(t, 24*time.Hour, now)
	_, err = s.client.CoreV1().Pods("default").Create(ctx, busybox("late", nil, "sleep", "3600"), metav1.CreateOptions{})
	require.True(t, apierrors.IsServiceUnavailable(err), "a change at 24h: %v", err)
	assert.Contains(t, err.Error(), "virtual time has reached 24h0m0s, the longest a scenario runs")
	var data []byte
	s.srv.Do(func() { data, err = s.sc.Marshal(s.srv.Now()) })
	require.NoError(t, err)
	replay, err := scenario.Load("session.yaml", data)
	require.NoError(t, err, "the recording loads")
	r, err := replay.Run()
	require.NoError(t, err)
	assert.Empty(t, r.Errors)
}
