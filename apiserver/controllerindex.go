package apiserver

import (
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
)

// controllerKey names one group of a store's controller index: the objects
// of one namespace that one controller controls (through the owner
// reference with controller=true), or, with orphan set, those that no
// controller controls.
type controllerKey struct {
	namespace string
	uid       types.UID
	orphan    bool
}

// controllerKeyOf returns the group o belongs to.
func controllerKeyOf(o metav1.Object) controllerKey {
	refs := o.GetOwnerReferences()
	for i := range refs {
		if refs[i].Controller != nil && *refs[i].Controller {
			return controllerKey{namespace: o.GetNamespace(), uid: refs[i].UID}
		}
	}
	return controllerKey{namespace: o.GetNamespace(), orphan: true}
}

// controllerIndex keeps a store's keys grouped by controller, each group
// in key order, as a controller's informer keeps an index of its cache by
// controller uid: a ReplicaSet's sync reads its own pods, not every pod of
// the chain. It follows every write at once, so it never lags the ledger.
type controllerIndex map[controllerKey]*keyIndex

// add notes that the object with key k has joined group g.
func (x controllerIndex) add(g controllerKey, k Key) {
	keys := x[g]
	if keys == nil {
		keys = &keyIndex{}
		x[g] = keys
	}
	keys.add(k)
}

// remove notes that an object has left group g.
func (x controllerIndex) remove(g controllerKey) { x[g].remove() }

// moved notes a write that replaced cur with next under key k: when the
// write changed the controller, the key moves from one group to the other.
func (x controllerIndex) moved(cur, next metav1.Object, k Key) {
	if from, to := controllerKeyOf(cur), controllerKeyOf(next); from != to {
		x.remove(from)
		x.add(to, k)
	}
}

// ListSharedByController returns the objects of namespace whose controller
// (the owner reference with controller=true) has uid, or with uid "" the
// objects of namespace that no controller controls, sorted by name. Like
// ListShared's, they are the stored objects themselves: the caller must
// not change them.
func (st *Store[T]) ListSharedByController(namespace string, uid types.UID) []T {
	g := controllerKey{namespace: namespace, uid: uid, orphan: uid == ""}
	keys := st.controlled[g]
	if keys == nil {
		return nil
	}
	order := keys.sorted(func(k Key) bool {
		o, ok := st.objects[k]
		return ok && controllerKeyOf(o) == g
	})
	if len(order) == 0 {
		delete(st.controlled, g) // a controller that is gone leaves no group behind
		return nil
	}
	out := make([]T, len(order))
	for i, k := range order {
		out[i] = st.objects[k]
	}
	return out
}
