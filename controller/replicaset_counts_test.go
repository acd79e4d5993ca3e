package controller

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A ReplicaSet controller that counts its pods from the ledger's changes
// runs exactly as one that lists them on every sync, as the real one does
// (replica_set.go syncReplicaSet lists them from its informer's cache):
// through random scaling, graceful and forced deletions, failures, lost
// readiness, released and adopted pods, template and minReadySeconds
// changes, the two twins write the same records, statuses and pods, and the
// counts it keeps always equal the counts of a full list.
//
// Reference: pkg/controller/replicaset/replica_set.go syncReplicaSet,
// replica_set_utils.go calculateStatus.
func TestReplicaSetSyncFromCountsMatchesAList(t *testing.T) {
	for seed := range uint64(12) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			counting, listing := newHarness(t), newHarness(t)
			listing.rsc.listEverySync = true
			twins := []*harness{counting, listing}
			for _, h := range twins {
				_, err := CreateReplicaSet(h.api, newReplicaSet("web-rs", 3))
				require.NoError(t, err)
				h.loop.RunFor(5 * time.Second)
			}
			rng := rand.New(rand.NewPCG(seed, 18))
			counted := 0 // steps after a sync that counted from changes
			for step := range 80 {
				op, pick, n := rng.IntN(10), rng.IntN(1000), int32(rng.IntN(7))
				wait := time.Duration(rng.IntN(4000)) * time.Millisecond
				for _, h := range twins {
					randomReplicaSetOp(t, h, step, op, pick, n)
					h.loop.RunFor(wait)
				}
				rs := replicaSet(t, counting)
				memo := counting.rsc.memos[rs.UID]
				if memo != nil && memo.counted && memo.known == nil && memo.counts.active > 0 {
					counted++
				}
				if memo != nil && memo.counted {
					require.True(t, counting.rsc.catchUp(rs, memo), "step %d", step)
					var want podCounts
					for _, p := range counting.api.Pods.ListSharedByController(rs.Namespace, rs.UID) {
						want.add(memo.read(p), +1)
					}
					require.Equal(t, want, memo.counts, "step %d: the counts kept, against a list", step)
				}
				require.Equal(t, replicaSet(t, listing).Status, rs.Status, "step %d: status", step)
				require.Equal(t, listing.api.Pods.List(), counting.api.Pods.List(), "step %d: pods", step)
			}
			require.Equal(t, listing.records, counting.records, "records")
			assert.Positive(t, counted, "no sync counted from changes")
		})
	}
}

// replicaSet returns h's ReplicaSet web-rs.
func replicaSet(t *testing.T, h *harness) *appsv1.ReplicaSet {
	t.Helper()
	rs, err := h.api.ReplicaSets.Get("default", "web-rs")
	require.NoError(t, err)
	return rs
}

// randomReplicaSetOp does to h's ReplicaSet web-rs, or to the pod number
// pick of the chain in name order, what op says.
func randomReplicaSetOp(t *testing.T, h *harness, step, op, pick int, n int32) {
	t.Helper()
	rs := replicaSet(t, h)
	pods := h.pods("")
	if op >= 3 && op <= 7 && len(pods) == 0 {
		op = 0
	}
	var p *corev1.Pod
	if len(pods) > 0 {
		p = pods[pick%len(pods)]
	}
	var err error
	switch op {
	case 0: // scaled
		rs.Spec.Replicas = &n
		_, err = h.api.ReplicaSets.Update(rs)
	case 1: // a new template label, or one less
		if _, ok := rs.Spec.Template.Labels["tier"]; ok {
			delete(rs.Spec.Template.Labels, "tier")
		} else {
			rs.Spec.Template.Labels["tier"] = "front"
		}
		_, err = h.api.ReplicaSets.Update(rs)
	case 2: // minReadySeconds on or off
		rs.Spec.MinReadySeconds = 1 - rs.Spec.MinReadySeconds
		_, err = h.api.ReplicaSets.Update(rs)
	case 3: // deleted gracefully
		err = h.api.DeletePod(p.Namespace, p.Name, nil)
	case 4: // deleted at once
		err = h.api.DeletePod(p.Namespace, p.Name, ptr(int64(0)))
	case 5: // failed (evicted)
		st := p.Status
		st.Phase = corev1.PodFailed
		_, err = h.api.UpdatePodStatus(p.Namespace, p.Name, p.UID, st)
	case 6: // no longer ready
		st := p.Status
		st.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionFalse}}
		_, err = h.api.UpdatePodStatus(p.Namespace, p.Name, p.UID, st)
	case 7: // relabeled out of the selector: released
		p.Labels = map[string]string{"app": "other"}
		_, err = h.api.Pods.Update(p)
	case 8: // an orphan the ReplicaSet selects: adopted
		_, err = h.api.Pods.Create(&corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("orphan-%d", step), Namespace: "default", Labels: map[string]string{"app": "web"}},
			Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}},
		})
	default: // nothing: time passes
	}
	require.NoError(t, err, "step %d op %d", step, op)
}
