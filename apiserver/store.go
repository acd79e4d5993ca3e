package apiserver

import (
	"cmp"
	"slices"
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
	delay   time.Duration
	filter  func(T) bool // nil: every object
	handler func(WatchEvent[T])
	stopped bool
}

// Store holds the objects of one kind.
type Store[T Object] struct {
	s        *Server
	resource schema.GroupResource
	objects  map[Key]T
	watchers []*watcher[T]
}

func newStore[T Object](s *Server, group, resource string) *Store[T] {
	return &Store[T]{s: s, resource: schema.GroupResource{Group: group, Resource: resource}, objects: map[Key]T{}}
}

func deepCopy[T Object](o T) T { return o.DeepCopyObject().(T) }

// Get returns a copy of the object with that key.
func (st *Store[T]) Get(namespace, name string) (T, error) {
	o, ok := st.objects[Key{namespace, name}]
	if !ok {
		var zero T
		return zero, apierrors.NewNotFound(st.resource, name)
	}
	return deepCopy(o), nil
}

// List returns copies of every object, sorted by namespace then name.
func (st *Store[T]) List() []T {
	out := make([]T, 0, len(st.objects))
	for _, o := range st.objects {
		out = append(out, deepCopy(o))
	}
	slices.SortFunc(out, func(a, b T) int {
		return cmp.Or(cmp.Compare(a.GetNamespace(), b.GetNamespace()), cmp.Compare(a.GetName(), b.GetName()))
	})
	return out
}

// Len returns the number of objects.
func (st *Store[T]) Len() int { return len(st.objects) }

// Create stores a new object. It fills in uid, creationTimestamp and
// resourceVersion, and returns the stored copy. An object with that key
// already there is refused with AlreadyExists.
func (st *Store[T]) Create(o T) (T, error) {
	k := KeyOf(o)
	if _, ok := st.objects[k]; ok {
		var zero T
		return zero, apierrors.NewAlreadyExists(st.resource, k.Name)
	}
	o = deepCopy(o)
	if o.GetUID() == "" {
		o.SetUID(st.s.newUID())
	}
	o.SetCreationTimestamp(metav1.NewTime(st.s.loop.Now().Wall()))
	o.SetResourceVersion(st.s.nextVersion())
	st.objects[k] = o
	st.notify(Added, o)
	return deepCopy(o), nil
}

// Update replaces an object. The caller's resourceVersion must be the
// current one, or the update is refused with Conflict; an empty
// resourceVersion means "whatever is there" (an unconditional update).
func (st *Store[T]) Update(o T) (T, error) {
	k := KeyOf(o)
	cur, ok := st.objects[k]
	if !ok {
		var zero T
		return zero, apierrors.NewNotFound(st.resource, k.Name)
	}
	if rv := o.GetResourceVersion(); rv != "" && rv != cur.GetResourceVersion() {
		var zero T
		return zero, apierrors.NewConflict(st.resource, k.Name,
			errConflict)
	}
	o = deepCopy(o)
	o.SetUID(cur.GetUID())
	o.SetCreationTimestamp(cur.GetCreationTimestamp())
	o.SetResourceVersion(st.s.nextVersion())
	st.objects[k] = o
	st.notify(Modified, o)
	return deepCopy(o), nil
}

// remove takes an object out for good and tells the watchers.
func (st *Store[T]) remove(k Key) {
	o, ok := st.objects[k]
	if !ok {
		return
	}
	delete(st.objects, k)
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

// Watch calls handler for every later change, each as its own loop event
// delay after the write. With replay, the handler first receives an Added
// event for every object already stored (in key order), as an informer's
// initial list does. The returned function stops the watch.
func (st *Store[T]) Watch(delay time.Duration, replay bool, handler func(WatchEvent[T])) (stop func()) {
	return st.WatchSelected(delay, replay, nil, handler)
}

// WatchSelected is Watch for the objects filter selects, as a watch with a
// field selector is (the kubelet watches only the pods bound to its node:
// spec.nodeName=NAME). An object that stops being selected is not
// reported; the watcher keeps its last copy. filter sees the stored object
// and must not change it.
func (st *Store[T]) WatchSelected(delay time.Duration, replay bool, filter func(T) bool, handler func(WatchEvent[T])) (stop func()) {
	w := &watcher[T]{delay: delay, filter: filter, handler: handler}
	st.watchers = append(st.watchers, w)
	if replay {
		for _, o := range st.List() {
			if filter == nil || filter(o) {
				st.deliver(w, WatchEvent[T]{Type: Added, Object: o})
			}
		}
	}
	return func() { w.stopped = true }
}

func (st *Store[T]) notify(t EventType, o T) {
	for _, w := range st.watchers {
		if !w.stopped && (w.filter == nil || w.filter(o)) {
			st.deliver(w, WatchEvent[T]{Type: t, Object: deepCopy(o)})
		}
	}
}

func (st *Store[T]) deliver(w *watcher[T], ev WatchEvent[T]) {
	st.s.loop.After(w.delay, func() {
		if !w.stopped {
			w.handler(ev)
		}
	})
}

var errConflict = conflictError("the object has been modified; please apply your changes to the latest version and try again")

type conflictError string

func (e conflictError) Error() string { return string(e) }

// formatVersion renders a resource version the way Kubernetes shows them: a
// decimal string.
func formatVersion(v uint64) string { return strconv.FormatUint(v, 10) }
