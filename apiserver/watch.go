package apiserver

import "time"

// Watch calls handler for every later change, each as its own loop event
// delay after the write. With replay, the handler first receives an Added
// event for every object already stored (in key order), as an informer's
// initial list does. The returned function stops the watch. Every event
// carries a copy of its own, which the handler may change.
func (st *Store[T]) Watch(delay time.Duration, replay bool, handler func(WatchEvent[T])) (stop func()) {
	return st.WatchSelected(delay, replay, nil, handler)
}

// WatchSelected is Watch for the objects filter selects, as a watch with a
// field selector is. An object that stops being selected is not reported;
// the watcher keeps its last copy. filter sees the stored object and must
// not change it.
func (st *Store[T]) WatchSelected(delay time.Duration, replay bool, filter func(T) bool, handler func(WatchEvent[T])) (stop func()) {
	w := st.newWatcher(delay, filter, false, handler)
	st.watchers = append(st.watchers, w)
	return st.start(w, replay)
}

// WatchShared is Watch for a handler that promises never to change what it
// receives, as the handlers of a client-go shared informer promise: every
// event carries the stored object itself, shared with the ledger and every
// other such watcher, so a write costs no copy for this watcher. The
// ledger never changes a stored object (each write stores a new one), so
// an object, once received, stays as it was. A handler that must change
// one copies it first (DeepCopy).
func (st *Store[T]) WatchShared(delay time.Duration, replay bool, handler func(WatchEvent[T])) (stop func()) {
	w := st.newWatcher(delay, nil, true, handler)
	st.watchers = append(st.watchers, w)
	return st.start(w, replay)
}

// WatchField is WatchSelected for the objects whose indexed field has
// value, for kinds that index one (pods: spec.nodeName, the field selector
// every kubelet watches with). The ledger finds these watchers by the
// field's value instead of asking every watcher's filter, as the API
// server's watch cache does with its trigger function for pods, so a
// thousand kubelets cost one lookup per write. Each event carries a copy
// of its own. WatchField panics on a kind without an indexed field.
func (st *Store[T]) WatchField(delay time.Duration, replay bool, value string, handler func(WatchEvent[T])) (stop func()) {
	return st.watchField(delay, replay, value, false, handler)
}

// WatchFieldShared is WatchField for a handler that promises never to
// change what it receives, as WatchShared is for Watch: every event
// carries the stored object itself, so a write costs no copy for this
// watcher, and what the handler keeps is the ledger's object, not a copy
// of its own. It panics on a kind without an indexed field.
func (st *Store[T]) WatchFieldShared(delay time.Duration, replay bool, value string, handler func(WatchEvent[T])) (stop func()) {
	return st.watchField(delay, replay, value, true, handler)
}

func (st *Store[T]) watchField(delay time.Duration, replay bool, value string, shared bool, handler func(WatchEvent[T])) (stop func()) {
	if st.field == nil {
		panic("apiserver: Store.WatchField: " + st.resource.String() + " has no indexed field")
	}
	field := st.field
	w := st.newWatcher(delay, func(o T) bool { return field(o) == value }, shared, handler)
	if st.byField == nil {
		st.byField = map[string][]*watcher[T]{}
	}
	st.byField[value] = append(st.byField[value], w)
	return st.start(w, replay)
}

func (st *Store[T]) newWatcher(delay time.Duration, filter func(T) bool, shared bool, handler func(WatchEvent[T])) *watcher[T] {
	st.nextID++
	return &watcher[T]{id: st.nextID, delay: delay, filter: filter, shared: shared, handler: handler}
}

// start replays the stored objects to a new watcher when asked, and
// returns its stop function.
func (st *Store[T]) start(w *watcher[T], replay bool) (stop func()) {
	if replay {
		for _, o := range st.ListShared() {
			if w.filter == nil || w.filter(o) {
				st.deliver(w, Added, o)
			}
		}
	}
	return func() { w.stopped = true }
}

// notify tells every watcher that selects o of a change, in the order the
// watchers were registered: the watchers without a field value merged with
// those of o's field value.
func (st *Store[T]) notify(t EventType, o T) {
	var byValue []*watcher[T]
	if st.field != nil {
		byValue = st.byField[st.field(o)]
	}
	plain := st.watchers
	for len(plain) > 0 || len(byValue) > 0 {
		var w *watcher[T]
		if len(byValue) == 0 || (len(plain) > 0 && plain[0].id < byValue[0].id) {
			w, plain = plain[0], plain[1:]
		} else {
			w, byValue = byValue[0], byValue[1:]
		}
		if !w.stopped && (w.filter == nil || w.filter(o)) {
			st.deliver(w, t, o)
		}
	}
}

// deliver schedules one event for w, with a copy of o unless w shares the
// stored objects.
func (st *Store[T]) deliver(w *watcher[T], t EventType, o T) {
	if !w.shared {
		o = deepCopy(o)
	}
	if w.fire == nil {
		w.fire = w.next
	}
	if w.head > 0 && w.head >= len(w.inbox)/2 {
		// Move the waiting events to the front, so that a watcher whose
		// inbox never empties does not grow it for ever.
		n := copy(w.inbox, w.inbox[w.head:])
		clear(w.inbox[n:])
		w.inbox, w.head = w.inbox[:n], 0
	}
	w.inbox = append(w.inbox, WatchEvent[T]{Type: t, Object: o})
	st.s.loop.After(w.delay, w.fire)
}

// keptInbox is the most events an empty inbox keeps room for: a watcher
// that hears one change at a time reuses its inbox, and one that heard a
// burst (a thousand pods created at once) does not hold the burst's room
// for the rest of the run.
const keptInbox = 64

// next hands the oldest waiting event to the handler, unless the watch
// was stopped.
func (w *watcher[T]) next() {
	ev := w.inbox[w.head]
	w.inbox[w.head] = WatchEvent[T]{} // hold on to no object
	if w.head++; w.head == len(w.inbox) {
		w.inbox, w.head = w.inbox[:0], 0
		if cap(w.inbox) > keptInbox {
			w.inbox = nil // a burst is over: give its room back
		}
	}
	if !w.stopped {
		w.handler(ev)
	}
}
