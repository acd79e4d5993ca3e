package apiserver

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/sim"
)

// A reader that starts from one list of a controller's group and applies
// every change it takes after holds, at each take, exactly the objects a
// new list would give, version for version, whatever mix of creations,
// updates, adoptions, releases, moves and deletions came between. This is
// the promise a ReplicaSet controller that counts its pods from deltas
// relies on (client-go's DeltaFIFO makes the same one to an informer).
func TestTakeChangesByControllerReplaysToTheList(t *testing.T) {
	for seed := range uint64(20) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			s := New(sim.New(1))
			rng := rand.New(rand.NewPCG(seed, 7))
			owners := []types.UID{"rs-a", "rs-b", ""}
			follow := func(uid types.UID) {
				changes, ok := s.Pods.TakeChangesByController(nil, "default", uid)
				assert.False(t, ok, "the first take of %q", uid)
				assert.Empty(t, changes)
			}
			// The reader follows rs-a and the orphans; rs-b is not
			// followed, and its writes are logged nowhere.
			follow("rs-a")
			follow("")
			held := map[types.UID]map[string]*corev1.Pod{"rs-a": {}, "": {}}
			var room []Change[*corev1.Pod]
			take := func(uid types.UID) {
				t.Helper()
				changes, ok := s.Pods.TakeChangesByController(room, "default", uid)
				require.True(t, ok)
				for _, c := range changes {
					if c.HasOld {
						require.Same(t, held[uid][c.Old.Name], c.Old, "the old version of %s is the one held", c.Old.Name)
						delete(held[uid], c.Old.Name)
					}
					if c.HasNew {
						held[uid][c.New.Name] = c.New
					}
				}
				room = changes
				listed := s.Pods.ListSharedByController("default", uid)
				require.Len(t, held[uid], len(listed), "group %q", uid)
				for _, p := range listed {
					require.Same(t, p, held[uid][p.Name], "pod %s of group %q", p.Name, uid)
				}
			}
			for range 300 {
				name := fmt.Sprintf("p%d", rng.IntN(12))
				owner := owners[rng.IntN(len(owners))]
				cur, exists := s.Pods.lookup(Key{"default", name})
				switch op := rng.IntN(5); {
				case !exists:
					p := newPod(name)
					if owner != "" {
						p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "rs", UID: owner, Controller: ptr(true)}}
					}
					_, err := s.Pods.Create(p)
					require.NoError(t, err)
				case op == 0:
					require.NoError(t, s.Pods.Delete("default", name))
				case op == 1: // adopted, released or moved
					p := cur.DeepCopy()
					p.OwnerReferences = nil
					if owner != "" {
						p.OwnerReferences = []metav1.OwnerReference{{Kind: "ReplicaSet", Name: "rs", UID: owner, Controller: ptr(true)}}
					}
					_, err := s.Pods.Update(p)
					require.NoError(t, err)
				case op == 2:
					st := cur.Status
					st.Phase = corev1.PodRunning
					_, err := s.UpdatePodStatusShared("default", name, cur.UID, st)
					require.NoError(t, err)
				case op == 3:
					take("rs-a")
				default:
					take("")
				}
			}
			take("rs-a")
			take("")
			assert.NotContains(t, s.Pods.changes, controllerKey{namespace: "default", uid: "rs-b"}, "rs-b is followed")

			s.Pods.ForgetChangesByController("default", "rs-a")
			_, ok := s.Pods.TakeChangesByController(nil, "default", "rs-a")
			assert.False(t, ok, "a take after ForgetChangesByController starts again")
		})
	}
}
