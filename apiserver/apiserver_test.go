package apiserver

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/sim"
)

func newPod(name string) *corev1.Pod {
	grace := int64(30)
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec:       corev1.PodSpec{TerminationGracePeriodSeconds: &grace, Containers: []corev1.Container{{Name: "app", Image: "nginx"}}},
	}
}

func TestCreateFillsMetadataAndVersions(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	loop.RunFor(2 * time.Second)
	p, err := s.Pods.Create(newPod("web"))
	require.NoError(t, err)
	// Versions 1 to 4 are the four namespaces every cluster starts with.
	assert.Equal(t, "5", p.ResourceVersion)
	assert.NotEmpty(t, p.UID)
	assert.Equal(t, "2025-01-01T00:00:02Z", p.CreationTimestamp.UTC().Format(time.RFC3339))
	_, err = s.Pods.Create(newPod("web"))
	assert.True(t, apierrors.IsAlreadyExists(err), "second Create: %v, want AlreadyExists", err)

	// uids come from the seed: the same seed gives the same uid.
	again, err := New(sim.New(1)).Pods.Create(newPod("web"))
	require.NoError(t, err)
	assert.Equal(t, p.UID, again.UID)
}

// Reference: Kubernetes API concepts, "Resource versions" and optimistic
// concurrency: an update with a stale resourceVersion is a Conflict.
func TestStaleUpdateIsAConflict(t *testing.T) {
	s := New(sim.New(1))
	p, err := s.Pods.Create(newPod("web"))
	require.NoError(t, err)
	a, b := p.DeepCopy(), p.DeepCopy()
	a.Labels = map[string]string{"app": "a"}
	updated, err := s.Pods.Update(a)
	require.NoError(t, err)
	assert.Equal(t, "6", updated.ResourceVersion) // after the namespaces' 1-4 and the create's 5
	b.Labels = map[string]string{"app": "b"}
	_, err = s.Pods.Update(b)
	assert.True(t, apierrors.IsConflict(err), "stale Update: %v, want Conflict", err)
	got, _ := s.Pods.Get("default", "web")
	assert.Equal(t, "a", got.Labels["app"])
}

func TestWatchDeliversThroughTheLoopAfterDelay(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	_, err := s.Pods.Create(newPod("early"))
	require.NoError(t, err)
	var seen []string
	s.Pods.Watch(500*time.Millisecond, true, func(ev WatchEvent[*corev1.Pod]) {
		seen = append(seen, loop.Now().String()+" "+string(ev.Type)+" "+ev.Object.Name)
	})
	_, err = s.Pods.Create(newPod("late"))
	require.NoError(t, err)
	assert.Empty(t, seen, "a watch event ran before the loop moved")
	loop.RunFor(time.Second)
	require.NoError(t, s.Pods.Delete("default", "late"))
	loop.RunFor(time.Second)
	assert.Equal(t, []string{
		"00:00:00.5 ADDED early",
		"00:00:00.5 ADDED late",
		"00:00:01.5 DELETED late",
	}, seen)
}

// Reference: kubelet.md §6.1 (CheckGracefulDelete).
func TestGracefulPodDeletion(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	for _, name := range []string{"pending", "bound", "done"} {
		_, err := s.Pods.Create(newPod(name))
		require.NoError(t, err)
	}
	_, err := s.Bind("default", "bound", mustUID(t, s, "bound"), "store-1")
	require.NoError(t, err)
	_, err = s.Bind("default", "done", mustUID(t, s, "done"), "store-1")
	require.NoError(t, err)
	done, _ := s.Pods.Get("default", "done")
	_, err = s.UpdatePodStatus("default", "done", done.UID, corev1.PodStatus{Phase: corev1.PodSucceeded})
	require.NoError(t, err)

	loop.RunFor(10 * time.Second)
	require.NoError(t, s.DeletePod("default", "pending", nil))
	_, err = s.Pods.Get("default", "pending")
	assert.True(t, apierrors.IsNotFound(err), "an unscheduled pod goes at once")

	require.NoError(t, s.DeletePod("default", "done", nil))
	_, err = s.Pods.Get("default", "done")
	assert.True(t, apierrors.IsNotFound(err), "a finished pod goes at once")

	require.NoError(t, s.DeletePod("default", "bound", nil))
	p, err := s.Pods.Get("default", "bound")
	require.NoError(t, err, "a running pod stays until its store manager confirms")
	require.NotNil(t, p.DeletionTimestamp)
	assert.Equal(t, int64(30), *p.DeletionGracePeriodSeconds)
	assert.Equal(t, "2025-01-01T00:00:40Z", p.DeletionTimestamp.UTC().Format(time.RFC3339))

	// A second delete may shorten the grace period, never lengthen it.
	require.NoError(t, s.DeletePod("default", "bound", ptr(int64(60))))
	p, _ = s.Pods.Get("default", "bound")
	assert.Equal(t, int64(30), *p.DeletionGracePeriodSeconds)
	require.NoError(t, s.DeletePod("default", "bound", ptr(int64(0))))
	_, err = s.Pods.Get("default", "bound")
	assert.True(t, apierrors.IsNotFound(err), "grace 0 removes the pod")
}

func TestBindRefusesABoundPod(t *testing.T) {
	s := New(sim.New(1))
	_, err := s.Pods.Create(newPod("web"))
	require.NoError(t, err)
	uid := mustUID(t, s, "web")
	p, err := s.Bind("default", "web", uid, "store-1")
	require.NoError(t, err)
	assert.Equal(t, "store-1", p.Spec.NodeName)
	assert.Equal(t, corev1.PodScheduled, p.Status.Conditions[0].Type)
	_, err = s.Bind("default", "web", uid, "store-2")
	assert.True(t, apierrors.IsConflict(err), "rebinding: %v, want Conflict", err)
}

func mustUID(t *testing.T, s *Server, name string) types.UID {
	t.Helper()
	p, err := s.Pods.Get("default", name)
	require.NoError(t, err)
	return p.UID
}

func ptr[T any](v T) *T { return &v }

// UpdatePodStatus stores a copy of the status it is given, so the caller
// may go on changing its own; UpdatePodStatusShared stores the status as
// it is, sharing its conditions with the caller.
func TestUpdatePodStatusCopiesUnlessShared(t *testing.T) {
	s := New(sim.New(1))
	for _, name := range []string{"copied", "shared"} {
		_, err := s.Pods.Create(newPod(name))
		require.NoError(t, err)
	}
	ready := func() corev1.PodStatus {
		return corev1.PodStatus{Phase: corev1.PodRunning, Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}
	}
	mine := ready()
	copied, err := s.UpdatePodStatus("default", "copied", mustUID(t, s, "copied"), mine)
	require.NoError(t, err)
	mine.Conditions[0].Status = corev1.ConditionFalse
	assert.Equal(t, corev1.ConditionTrue, copied.Status.Conditions[0].Status, "the caller's change reached the ledger")

	theirs := ready()
	shared, err := s.UpdatePodStatusShared("default", "shared", mustUID(t, s, "shared"), theirs)
	require.NoError(t, err)
	assert.Same(t, &theirs.Conditions[0], &shared.Status.Conditions[0], "the ledger copied a shared status")
	_, err = s.UpdatePodStatusShared("default", "shared", "another-uid", theirs)
	assert.True(t, apierrors.IsNotFound(err), "another pod's uid: %v, want NotFound", err)
}

// Writes counts every change of a kind (create, update, status update,
// removal) and nothing else: a read or a refused write leaves it be.
func TestWritesCountsChanges(t *testing.T) {
	s := New(sim.New(1))
	start := s.Pods.Writes()
	p, err := s.Pods.Create(newPod("web"))
	require.NoError(t, err)
	assert.Equal(t, start+1, s.Pods.Writes(), "after a create")
	_, err = s.Pods.Create(newPod("web"))
	require.Error(t, err)
	_, _ = s.Pods.Get("default", "web")
	assert.Equal(t, start+1, s.Pods.Writes(), "after a refused create and a read")
	_, err = s.UpdatePodStatus("default", "web", p.UID, corev1.PodStatus{Phase: corev1.PodRunning})
	require.NoError(t, err)
	assert.Equal(t, start+2, s.Pods.Writes(), "after a status update")
	require.NoError(t, s.DeletePod("default", "web", nil))
	assert.Equal(t, start+3, s.Pods.Writes(), "after a delete of an unbound pod")
}

// GetShared hands out the stored object itself, the one ListShared and
// the shared watchers see, where Get hands out a copy; a missing object
// is NotFound either way.
func TestGetSharedIsTheStoredObject(t *testing.T) {
	s := New(sim.New(1))
	_, err := s.Pods.Create(newPod("web"))
	require.NoError(t, err)
	shared, err := s.Pods.GetShared("default", "web")
	require.NoError(t, err)
	assert.Same(t, s.Pods.ListShared()[0], shared)
	copied, err := s.Pods.Get("default", "web")
	require.NoError(t, err)
	assert.NotSame(t, shared, copied)
	assert.Equal(t, shared, copied)
	_, err = s.Pods.GetShared("default", "gone")
	assert.True(t, apierrors.IsNotFound(err), "GetShared of a missing pod: %v, want NotFound", err)
}

// Pods created without tolerations get the DefaultTolerationSeconds
// plugin's two (not-ready and unreachable, 300 s), and the ledger keeps
// one copy of them, and of an empty securityContext, for every such pod;
// a pod that adds a toleration later gets a list of its own.
// Reference: https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#defaulttolerationseconds
func TestCreatedPodsShareDefaults(t *testing.T) {
	s := New(sim.New(1))
	var stored []*corev1.Pod
	for _, name := range []string{"a", "b"} {
		p := newPod(name)
		p.Spec.SecurityContext = &corev1.PodSecurityContext{}
		got, err := s.CreatePod(p)
		require.NoError(t, err)
		stored = append(stored, got)
	}
	a, b := stored[0], stored[1]
	require.Len(t, a.Spec.Tolerations, 2)
	assert.Equal(t, corev1.TaintNodeNotReady, a.Spec.Tolerations[0].Key)
	assert.Equal(t, corev1.TaintNodeUnreachable, a.Spec.Tolerations[1].Key)
	assert.EqualValues(t, 300, *a.Spec.Tolerations[1].TolerationSeconds)
	assert.Same(t, &a.Spec.Tolerations[0], &b.Spec.Tolerations[0], "one copy of the defaults")
	assert.Same(t, a.Spec.SecurityContext, b.Spec.SecurityContext, "one empty securityContext")

	more := append(a.Spec.Tolerations, corev1.Toleration{Key: "x", Operator: corev1.TolerationOpExists})
	assert.NotSame(t, &more[0], &b.Spec.Tolerations[0], "an append copies the shared list")
	assert.Len(t, b.Spec.Tolerations, 2)

	c := newPod("c")
	c.Spec.SecurityContext = &corev1.PodSecurityContext{RunAsNonRoot: new(bool)}
	got, err := s.CreatePod(c)
	require.NoError(t, err)
	assert.NotSame(t, a.Spec.SecurityContext, got.Spec.SecurityContext, "a securityContext with a field set is the pod's own")
}

// A pod's metadata.generation starts at 1 and counts the changes the
// kubelet must act on: a binding or a status does not move it, the first
// graceful delete does, and a second delete that only shortens the grace
// period does not.
// Reference: pkg/registry/core/pod/strategy.go (PrepareForCreate sets
// generation 1; updatePodGeneration bumps it on a spec change only);
// staging/src/k8s.io/apiserver/pkg/registry/rest/delete.go (BeforeDelete
// bumps it when deletionTimestamp is first set).
func TestPodGeneration(t *testing.T) {
	loop := sim.New(1)
	s := New(loop)
	p, err := s.CreatePod(newPod("web"))
	require.NoError(t, err)
	assert.Equal(t, int64(1), p.Generation, "generation on create")

	p, err = s.Bind("default", "web", p.UID, "store-1")
	require.NoError(t, err)
	assert.Equal(t, int64(1), p.Generation, "generation after the binding")
	p, err = s.UpdatePodStatus("default", "web", p.UID, corev1.PodStatus{Phase: corev1.PodRunning, ObservedGeneration: 1})
	require.NoError(t, err)
	assert.Equal(t, int64(1), p.Generation, "generation after a status update")

	require.NoError(t, s.DeletePod("default", "web", nil))
	p, _ = s.Pods.Get("default", "web")
	assert.Equal(t, int64(2), p.Generation, "generation after the first graceful delete")
	require.NoError(t, s.DeletePod("default", "web", ptr(int64(5))))
	p, _ = s.Pods.Get("default", "web")
	assert.Equal(t, int64(5), *p.DeletionGracePeriodSeconds)
	assert.Equal(t, int64(2), p.Generation, "a shortened grace period is no new generation")
}
