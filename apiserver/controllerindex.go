package apiserver

import (
	"slices"

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

// controllerIndex keeps a store's slots grouped by controller, each group
// in key order, as a controller's informer keeps an index of its cache by
// controller uid: a ReplicaSet's sync reads its own pods, not every pod of
// the chain. It follows every write at once, so it never lags the ledger.
type controllerIndex[T Object] map[controllerKey]*keyIndex[T]

// add notes that s has joined group g.
func (x controllerIndex[T]) add(g controllerKey, s *slot[T]) {
	slots := x[g]
	if slots == nil {
		slots = &keyIndex[T]{}
		x[g] = slots
	}
	slots.add(s)
}

// remove notes that a slot has left group g.
func (x controllerIndex[T]) remove(g controllerKey) { x[g].remove() }

// moved notes a write that put next in s: when the write changed the
// controller, the slot moves from one group to the other.
func (x controllerIndex[T]) moved(s *slot[T], next metav1.Object) {
	if to := controllerKeyOf(next); to != s.group {
		x.remove(s.group)
		s.group = to
		x.add(to, s)
	}
}

// ListSharedByController returns the objects of namespace whose controller
// (the owner reference with controller=true) has uid, or with uid "" the
// objects of namespace that no controller controls, sorted by name. Like
// ListShared's, they are the stored objects themselves: the caller must
// not change them.
func (st *Store[T]) ListSharedByController(namespace string, uid types.UID) []T {
	return st.AppendSharedByController(nil, namespace, uid)
}

// AppendSharedByController is ListSharedByController appending to dst: a
// controller that lists thousands of pods on every sync passes the slice
// of its last sync, emptied, and allocates nothing.
func (st *Store[T]) AppendSharedByController(dst []T, namespace string, uid types.UID) []T {
	g := controllerKey{namespace: namespace, uid: uid, orphan: uid == ""}
	slots := st.controlled[g]
	if slots == nil {
		return dst
	}
	order := slots.sorted(func(s *slot[T]) bool { return s.live && s.group == g })
	if len(order) == 0 {
		delete(st.controlled, g) // a controller that is gone leaves no group behind
		return dst
	}
	return appendObjects(dst, order)
}

// appendObjects appends the objects the slots hold, in order, to dst.
func appendObjects[T Object](dst []T, slots []*slot[T]) []T {
	dst = slices.Grow(dst, len(slots))
	for _, s := range slots {
		dst = append(dst, s.obj)
	}
	return dst
}
