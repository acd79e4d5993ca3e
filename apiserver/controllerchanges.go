package apiserver

import (
	"k8s.io/apimachinery/pkg/types"
)

// Change is one write to an object of a controller's group, as
// TakeChangesByController reports it: Old is the version the group held
// before the write and New the version it holds after. An object that
// joined the group (created, or adopted) has no Old; one that left it
// (removed, or released to another controller or to none) has no New.
// Both are stored objects, shared with the ledger: the caller must not
// change them.
type Change[T Object] struct {
	Old, New T
	// HasOld and HasNew say which of Old and New the change carries.
	HasOld, HasNew bool
}

// changeLogs holds, for each group of the controller index that a reader
// follows, the changes since the reader last took them.
type changeLogs[T Object] map[controllerKey][]Change[T]

// note adds a change to g's log, when someone follows g.
func (l changeLogs[T]) note(g controllerKey, c Change[T]) {
	if len(l) == 0 {
		return // no one follows any group: the usual case costs no lookup
	}
	if log, ok := l[g]; ok {
		l[g] = append(log, c)
	}
}

// noteWrite logs a write that replaced cur by next in a slot whose group
// was from and is now to: a change within one group, or, when the write
// changed the controller, a departure from one and an arrival in the
// other.
func (l changeLogs[T]) noteWrite(from, to controllerKey, cur, next T) {
	if from == to {
		l.note(from, Change[T]{Old: cur, New: next, HasOld: true, HasNew: true})
		return
	}
	l.note(from, Change[T]{Old: cur, HasOld: true})
	l.note(to, Change[T]{New: next, HasNew: true})
}

// TakeChangesByController returns, oldest first, the writes since the last
// take to the objects of namespace whose controller has uid (uid "": that
// no controller controls), as a controller that keeps counts of its pods
// takes the deltas its informer delivered instead of listing them all
// again.
//
// The ledger logs a group's changes only once someone follows it: the
// first take of a group starts the log and returns ok false, and the
// caller lists the group (ListSharedByController) to count from. Every
// later take returns ok true and the changes since the one before, until
// ForgetChangesByController.
//
// dst is room for the log to come: a caller that takes often passes the
// changes of its last take, done with, so that the log reuses their room.
// What dst holds is dropped. The changes returned are the caller's until
// it passes them back.
func (st *Store[T]) TakeChangesByController(dst []Change[T], namespace string, uid types.UID) (changes []Change[T], ok bool) {
	g := controllerKey{namespace: namespace, uid: uid, orphan: uid == ""}
	if st.changes == nil {
		st.changes = changeLogs[T]{}
	}
	changes, ok = st.changes[g]
	clear(dst)
	st.changes[g] = dst[:0]
	return changes, ok
}

// ForgetChangesByController stops the log TakeChangesByController keeps
// for a group (a controller that is gone, or that lists its objects
// again on every sync), so that it holds on to no version.
func (st *Store[T]) ForgetChangesByController(namespace string, uid types.UID) {
	delete(st.changes, controllerKey{namespace: namespace, uid: uid, orphan: uid == ""})
}
