package server

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
)

// watchConfig bounds the watches.
type watchConfig struct {
	buffer        int
	bookmarkEvery time.Duration
}

// historySize is how many changes of one kind the server keeps, so that a
// watch may start from a version a little in the past, as the API server's
// watch cache keeps a window of them. A watch from before the window is
// refused with 410 Gone ("too old resource version").
const historySize = 4096

// change is one change of one object, as the ledger told it.
type change struct {
	typ apiserver.EventType
	obj apiserver.Object // the ledger's own: read-only
	// prev is the object as it was before the change (nil for an
	// addition), so that a selective watch sees an object enter or leave
	// its selection.
	prev    apiserver.Object
	version uint64
	// json is the change's encoding, shared by every watch that sends it.
	json *encoding
}

// encoding is a change's JSON as served at one offset, made by the first
// watch that sends it and reused by the others.
type encoding struct {
	mu     sync.Mutex
	offset time.Duration
	data   []byte
}

// encode returns the JSON of r's object o served at offset, from the
// cache when another watch encoded it at the same offset.
func (e *encoding) encode(r *resource, o apiserver.Object, offset time.Duration) ([]byte, error) {
	if e == nil {
		return json.Marshal(served(r, o, offset))
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.data != nil && e.offset == offset {
		return e.data, nil
	}
	data, err := json.Marshal(served(r, o, offset))
	if err != nil {
		return nil, err
	}
	e.offset, e.data = offset, data
	return data, nil
}

// history is one kind's window of changes and its open watches.
type history struct {
	changes []change
	// floor is the version below which changes may be missing: the
	// ledger's version when the server began, or the last change that
	// fell out of the window.
	floor    uint64
	watchers []*watcher
	// last is every object of the kind as the last change left it.
	last map[apiserver.Key]apiserver.Object
}

// watcher is one open watch: the changes it is owed, bounded.
type watcher struct {
	sel  selection
	from uint64 // changes at or below this version are not sent
	ch   chan change
	// closed is set, and ch closed, when the watch fell too far behind.
	closed bool
}

// subscribe opens the server's own watch on every kind it can watch.
func (s *Server) subscribe() {
	s.histories = map[*resource]*history{}
	for _, r := range s.resources {
		if r.subscribe == nil {
			continue
		}
		h := &history{floor: parseVersion(s.versionOf(r)), last: map[apiserver.Key]apiserver.Object{}}
		for _, o := range r.list() {
			h.last[apiserver.KeyOf(o)] = o
		}
		s.histories[r] = h
		r.subscribe(func(t apiserver.EventType, o apiserver.Object) { s.observe(r, h, t, o) })
	}
}

// observe keeps one change and passes it to every watch that selects it.
// It runs as a loop event, so under the lock.
func (s *Server) observe(r *resource, h *history, t apiserver.EventType, o apiserver.Object) {
	c := change{typ: t, obj: o, version: parseVersion(o.GetResourceVersion()), json: &encoding{}}
	k := apiserver.KeyOf(o)
	c.prev = h.last[k]
	if t == apiserver.Deleted {
		delete(h.last, k)
	} else {
		h.last[k] = o
	}
	if len(h.changes) == historySize {
		h.floor = h.changes[0].version
		copy(h.changes, h.changes[1:])
		h.changes = h.changes[:historySize-1]
	}
	h.changes = append(h.changes, c)
	kept := h.watchers[:0]
	for _, w := range h.watchers {
		if w.offer(r, c) {
			kept = append(kept, w)
		}
	}
	clear(h.watchers[len(kept):])
	h.watchers = kept
}

// offer sends c to the watch if it selects it, and reports whether the
// watch is still open: a watch whose buffer is full is closed, as the API
// server's watch cache drops a watcher that cannot keep up; its client
// starts a new watch from the last version it saw.
func (w *watcher) offer(r *resource, c change) bool {
	if c.version <= w.from {
		return true
	}
	c, ok := w.sel.event(r, c)
	if !ok {
		return true
	}
	select {
	case w.ch <- c:
		return true
	default:
		w.closed = true
		close(w.ch)
		return false
	}
}

// event returns the change as a watch with this selection sees it, and
// whether it sees it at all: a change that brings an object into the
// selection is ADDED, one that takes it out is DELETED (with the object as
// it was, at the change's version), as the API server's watch cache
// compares the object before and after.
// Reference: staging/src/k8s.io/apiserver/pkg/storage/cacher/cache_watcher.go
// (convertToWatchEvent).
func (sel selection) event(r *resource, c change) (change, bool) {
	cur, _ := sel.matches(r, c.obj)
	if c.typ != apiserver.Modified || c.prev == nil || sel.everything() {
		return c, cur
	}
	old, _ := sel.matches(r, c.prev)
	switch {
	case cur && !old:
		c.typ = apiserver.Added
	case !cur && old:
		gone := c.prev.DeepCopyObject().(apiserver.Object)
		gone.SetResourceVersion(c.obj.GetResourceVersion())
		c = change{typ: apiserver.Deleted, obj: gone, version: c.version, json: &encoding{}}
	}
	return c, cur || old
}

func parseVersion(v string) uint64 {
	n, _ := strconv.ParseUint(v, 10, 64)
	return n
}

// serveWatch serves a watch: a chunked stream of events, one JSON object
// each. Without a resourceVersion (or with "0", or sendInitialEvents) it
// starts with an ADDED event for every selected object; from a version,
// it sends every change after it, or refuses with 410 Gone when the
// window no longer reaches back so far.
// Reference: staging/src/k8s.io/apiserver/pkg/storage/cacher (watch cache
// window, "too old resource version", bookmarks, initial-events-end).
func (s *Server) serveWatch(w http.ResponseWriter, req *http.Request, rq request) error {
	r := rq.r
	h := s.histories[r]
	if h == nil {
		return methodNotAllowed(r, "watch", "nucleus keeps no history of "+r.plural)
	}
	sel, err := selectionOf(req, rq)
	if err != nil {
		return err
	}
	q := req.URL.Query()
	rv := q.Get("resourceVersion")
	initial := q.Get("sendInitialEvents") == "true"
	bookmarks := q.Get("allowWatchBookmarks") == "true"
	timeout := 30 * time.Minute
	if t := q.Get("timeoutSeconds"); t != "" {
		n, err := strconv.ParseInt(t, 10, 64)
		if err != nil || n < 0 {
			return badRequest("timeoutSeconds: Invalid value: %q", t)
		}
		if n > 0 {
			timeout = time.Duration(n) * time.Second
		}
	}
	wt := &watcher{sel: sel, ch: make(chan change, s.watch.buffer)}
	var first []change
	s.mu.Lock()
	s.catchUp()
	if rv == "" || rv == "0" || initial {
		wt.from = parseVersion(s.versionOf(r))
		for _, o := range r.list() {
			if ok, err := sel.matches(r, o); err != nil {
				s.mu.Unlock()
				return err
			} else if ok {
				first = append(first, change{typ: apiserver.Added, obj: o, version: wt.from})
			}
		}
	} else {
		n, err := strconv.ParseUint(rv, 10, 64)
		if err != nil {
			s.mu.Unlock()
			return badRequest("resourceVersion: Invalid value: %q: must be a number", rv)
		}
		if n < h.floor {
			s.mu.Unlock()
			return apierrors.NewResourceExpired(fmt.Sprintf("too old resource version: %d (%d)", n, h.floor))
		}
		wt.from = n
		for _, c := range h.changes {
			if c, ok := sel.event(r, c); ok && c.version > n {
				first = append(first, c)
			}
		}
		if len(h.changes) > 0 {
			wt.from = max(n, h.changes[len(h.changes)-1].version)
		}
	}
	h.watchers = append(h.watchers, wt)
	s.mu.Unlock()
	defer s.unwatch(h, wt)
	return s.stream(w, req, r, wt, first, initial, bookmarks, timeout)
}

// unwatch takes a finished watch off its kind's list.
func (s *Server) unwatch(h *history, wt *watcher) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, o := range h.watchers {
		if o == wt {
			h.watchers = append(h.watchers[:i], h.watchers[i+1:]...)
			return
		}
	}
}

// stream writes the events of one watch until the client goes, the
// timeout passes, or the watch is dropped.
func (s *Server) stream(w http.ResponseWriter, req *http.Request, r *resource, wt *watcher, first []change, initial, bookmarks bool, timeout time.Duration) error {
	table := wantsTable(req)
	if table {
		w.Header().Set("Content-Type", tableContentType)
	} else {
		w.Header().Set("Content-Type", "application/json")
	}
	w.Header().Set("Transfer-Encoding", "chunked")
	w.WriteHeader(http.StatusOK)
	flusher, _ := w.(http.Flusher)
	if flusher != nil {
		flusher.Flush() // the client knows the watch is open
	}
	last := wt.from
	// sendRaw writes one event whose object is already JSON, without
	// encoding it again.
	sendRaw := func(typ string, raw []byte) bool {
		buf := make([]byte, 0, len(raw)+len(typ)+24)
		buf = append(buf, `{"type":"`...)
		buf = append(buf, typ...)
		buf = append(buf, `","object":`...)
		buf = append(buf, raw...)
		buf = append(buf, "}\n"...)
		if _, err := w.Write(buf); err != nil {
			return false
		}
		if flusher != nil {
			flusher.Flush()
		}
		return true
	}
	send := func(typ string, obj any) bool {
		raw, err := json.Marshal(obj)
		return err == nil && sendRaw(typ, raw)
	}
	emit := func(c change) bool {
		now, offset := s.clock.servedNow()
		if table {
			t, err := s.tableOf(r, view{objs: []apiserver.Object{c.obj}, version: c.obj.GetResourceVersion(), now: now, offset: offset}, req.URL.Query().Get("includeObject"))
			if err != nil {
				return false
			}
			return send(string(c.typ), t)
		}
		raw, err := c.json.encode(r, c.obj, offset)
		if err != nil {
			return false
		}
		return sendRaw(string(c.typ), raw)
	}
	bookmark := func(annotations map[string]string) bool {
		o := r.newObject()
		o.GetObjectKind().SetGroupVersionKind(r.gvk())
		o.SetResourceVersion(strconv.FormatUint(last, 10))
		o.SetAnnotations(annotations)
		return send("BOOKMARK", o)
	}
	for _, c := range first {
		if !emit(c) {
			return nil
		}
		last = max(last, c.version)
	}
	if initial && bookmarks && !table {
		if !bookmark(map[string]string{metav1.InitialEventsAnnotationKey: "true"}) {
			return nil
		}
	}
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	tick := time.NewTicker(s.watch.bookmarkEvery)
	defer tick.Stop()
	for {
		select {
		case <-req.Context().Done():
			return nil
		case <-deadline.C:
			return nil
		case <-tick.C:
			if bookmarks && !table && !bookmark(nil) {
				return nil
			}
		case c, ok := <-wt.ch:
			if !ok {
				return nil // dropped: the client watches again from last
			}
			if !emit(c) {
				return nil
			}
			last = max(last, c.version)
		}
	}
}
