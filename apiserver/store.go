package apiserver

import (
	"strconv"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
)

// Object is what the ledger stores: a pointer to one of Kubernetes' API
// types.
type Object interface {
	metav1.Object
	runtime.Object
}

// EventType says what happened to an object in a watch.
type EventType string

// Watch event types, as Kubernetes names them.
const (
	Added    EventType = "ADDED"
	Modified EventType = "MODIFIED"
	Deleted  EventType = "DELETED"
)

// WatchEvent is one change delivered to a watcher.
type WatchEvent[T Object] struct {
	Type   EventType
	Object T // a copy, owned by the receiver
}

// Key names an object within its kind.
type Key struct{ Namespace, Name string }

// String returns "namespace/name", or "name" for cluster-scoped objects.
func (k Key) String() string {
	if k.Namespace == "" {
		return k.Name
	}
	return k.Namespace + "/" + k.Name
}

// KeyOf returns an object's key.
func KeyOf(o metav1.Object) Key { return Key{o.GetNamespace(), o.GetName()} }

type watcher[T Object] struct {
	id      int // registration order: watchers hear of a change in this order
	delay   time.Duration
	filter  func(T) bool // nil: every object
	shared  bool         // receives the stored object itself, read-only
	handler func(WatchEvent[T])
	stopped bool
	// inbox holds the events scheduled for the handler and not yet
	// handed over, from inbox[head] on. Every event of one watcher waits
	// the same delay, so the loop runs them in the order they were
	// scheduled, and fire, made once, takes the oldest: a write costs no
	// closure per watcher.
	inbox []WatchEvent[T]
	head  int
	fire  func()
}

// Store holds the objects of one kind.
//
// A stored object is never changed in place: every write stores a new one.
// That is what lets read-only watchers and ListShared hand out the stored
// objects themselves.
type Store[T Object] struct {
	s        *Server
	resource schema.GroupResource
	objects  map[Key]*slot[T] // live slots only
	index    keyIndex[T]
	// controlled groups the slots by the object's controller.
	controlled controllerIndex[T]
	// changes logs the writes to the groups someone follows (see
	// TakeChangesByController).
	changes  changeLogs[T]
	watchers []*watcher[T] // watchers without a field value, in id order
	// field is the kind's indexed field (pods: spec.nodeName), nil for
	// kinds without one; byField holds the watchers of one value of it.
	field   func(T) string
	byField map[string][]*watcher[T]
	nextID  int
	// writes counts the creates, updates and removals (see Writes).
	writes uint64
}

func newStore[T Object](s *Server, group, resource string) *Store[T] {
	st := &Store[T]{
		s: s, resource: schema.GroupResource{Group: group, Resource: resource},
		objects: map[Key]*slot[T]{}, controlled: controllerIndex[T]{},
	}
	s.kinds = append(s.kinds, st)
	return st
}

// namespaced is what InNamespace asks of each store.
type namespaced interface {
	namesIn(namespace string, out []string) []string
}

// namesIn appends "resource/name" for each object in namespace, in name
// order.
func (st *Store[T]) namesIn(namespace string, out []string) []string {
	for _, o := range st.ListShared() {
		if o.GetNamespace() == namespace {
			out = append(out, st.resource.String()+"/"+o.GetName())
		}
	}
	return out
}

// InNamespace returns "resource/name" (resource.group for a named group)
// for every object of every kind in namespace: what deleting the namespace
// must take with it.
func (s *Server) InNamespace(namespace string) []string {
	var out []string
	for _, k := range s.kinds {
		out = k.namesIn(namespace, out)
	}
	return out
}

func deepCopy[T Object](o T) T { return o.DeepCopyObject().(T) }

// lookup returns the stored object with key k itself.
func (st *Store[T]) lookup(k Key) (T, bool) {
	s, ok := st.objects[k]
	if !ok {
		var zero T
		return zero, false
	}
	return s.obj, true
}

// Get returns a copy of the object with that key.
func (st *Store[T]) Get(namespace, name string) (T, error) {
	o, err := st.GetShared(namespace, name)
	if err != nil {
		return o, err
	}
	return deepCopy(o), nil
}

// GetShared is Get without the copy: it returns the stored object itself,
// as an informer's lister does, for a reader that usually only looks (a
// store manager comparing its node's conditions every 10s). The caller
// must not change it, nor anything it points to: to change one, copy it
// first.
func (st *Store[T]) GetShared(namespace, name string) (T, error) {
	o, ok := st.lookup(Key{namespace, name})
	if !ok {
		var zero T
		return zero, apierrors.NewNotFound(st.resource, name)
	}
	return o, nil
}

// List returns copies of every object, sorted by namespace then name.
func (st *Store[T]) List() []T {
	out := st.ListShared()
	for i, o := range out {
		out[i] = deepCopy(o)
	}
	return out
}

// ListShared returns every stored object itself, not a copy, sorted by
// namespace then name, as an informer's lister returns the objects of its
// shared cache. The caller must not change them, nor anything they point
// to: to change one, copy it first.
func (st *Store[T]) ListShared() []T {
	slots := st.index.sorted(func(s *slot[T]) bool { return s.live })
	return appendObjects(make([]T, 0, len(slots)), slots)
}

// Len returns the number of objects.
func (st *Store[T]) Len() int { return len(st.objects) }

// Writes returns how many times the kind's objects have changed (created,
// updated or removed) since the ledger started. A reader that keeps
// something worked out from the objects (the service-link variables a
// store manager gives every container) can keep it while the count stays
// the same.
func (st *Store[T]) Writes() uint64 { return st.writes }

// Create stores a new object. It fills in uid, creationTimestamp and
// resourceVersion, and returns the stored copy. An object with that key
// already there is refused with AlreadyExists.
func (st *Store[T]) Create(o T) (T, error) {
	stored, err := st.create(deepCopy(o))
	if err != nil {
		return stored, err
	}
	return deepCopy(stored), nil
}

// create is Create for a new object that nobody else holds: it stores o
// itself, without a copy, and returns it, now stored: the caller must not
// change it.
func (st *Store[T]) create(o T) (T, error) {
	k := KeyOf(o)
	if _, ok := st.objects[k]; ok {
		var zero T
		return zero, apierrors.NewAlreadyExists(st.resource, k.Name)
	}
	if o.GetUID() == "" {
		o.SetUID(st.s.newUID())
	}
	o.SetCreationTimestamp(metav1.NewTime(st.s.loop.Now().Wall()))
	o.SetResourceVersion(st.s.nextVersion())
	s := &slot[T]{key: k, obj: o, group: controllerKeyOf(o), live: true}
	st.objects[k] = s
	st.index.add(s)
	st.controlled.add(s.group, s)
	st.changes.note(s.group, Change[T]{New: o, HasNew: true})
	st.writes++
	st.notify(Added, o)
	return o, nil
}

// Update replaces an object. The caller's resourceVersion must be the
// current one, or the update is refused with Conflict; an empty
// resourceVersion means "whatever is there" (an unconditional update).
func (st *Store[T]) Update(o T) (T, error) {
	k := KeyOf(o)
	cur, ok := st.lookup(k)
	if !ok {
		var zero T
		return zero, apierrors.NewNotFound(st.resource, k.Name)
	}
	if rv := o.GetResourceVersion(); rv != "" && rv != cur.GetResourceVersion() {
		var zero T
		return zero, apierrors.NewConflict(st.resource, k.Name,
			errConflict)
	}
	return deepCopy(st.store(cur, deepCopy(o))), nil
}

// store puts next, a new object that nobody else holds, in cur's place:
// it keeps cur's uid and creationTimestamp, gives next a new
// resourceVersion, and tells the watchers. next may share unchanged parts
// with cur (stored objects are never changed). It returns next, now
// stored: the caller must not change it.
func (st *Store[T]) store(cur, next T) T {
	next.SetUID(cur.GetUID())
	next.SetCreationTimestamp(cur.GetCreationTimestamp())
	next.SetResourceVersion(st.s.nextVersion())
	s := st.objects[KeyOf(next)]
	s.obj = next
	from := s.group
	st.controlled.moved(s, next)
	st.changes.noteWrite(from, s.group, cur, next)
	st.writes++
	st.notify(Modified, next)
	return next
}

// remove takes an object out for good and tells the watchers.
func (st *Store[T]) remove(k Key) {
	s, ok := st.objects[k]
	if !ok {
		return
	}
	delete(st.objects, k)
	s.live = false
	st.index.remove()
	st.controlled.remove(s.group)
	st.changes.note(s.group, Change[T]{Old: s.obj, HasOld: true})
	st.writes++
	o := deepCopy(s.obj) // watchers may hold the stored object: leave it be
	o.SetResourceVersion(st.s.nextVersion())
	st.notify(Deleted, o)
}

// Delete removes an object at once (kinds without graceful deletion).
func (st *Store[T]) Delete(namespace, name string) error {
	k := Key{namespace, name}
	if _, ok := st.objects[k]; !ok {
		return apierrors.NewNotFound(st.resource, name)
	}
	st.remove(k)
	return nil
}

var errConflict = conflictError("the object has been modified; please apply your changes to the latest version and try again")

type conflictError string

func (e conflictError) Error() string { return string(e) }

// formatVersion renders a resource version the way Kubernetes shows them: a
// decimal string.
func formatVersion(v uint64) string { return strconv.FormatUint(v, 10) }
