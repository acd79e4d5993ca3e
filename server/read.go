package server

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/fields"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// view is what a read saw, under the lock: the objects (the ledger's own,
// read-only), the ledger's version, the virtual instant, and the offset
// that takes virtual timestamps to the wall clock.
type view struct {
	objs      []apiserver.Object
	version   string
	now       sim.Time
	offset    time.Duration
	cont      string
	remaining *int64
}

// get serves one object.
func (s *Server) get(w http.ResponseWriter, req *http.Request, rq request) error {
	s.mu.Lock()
	s.catchUp()
	o, err := rq.r.find(rq.ns, rq.name)
	v := s.viewOf(rq.r)
	s.mu.Unlock()
	if err != nil {
		return err
	}
	v.objs = []apiserver.Object{o}
	return s.render(w, req, rq.r, v, true)
}

// viewOf returns an empty view of r at the current instant. The caller
// holds the lock.
func (s *Server) viewOf(r *resource) view {
	now := s.c.Now()
	return view{version: s.versionOf(r), now: now, offset: s.clock.offset(now)}
}

// versionOf returns the resourceVersion r's list is at: the ledger's, or
// for a kind with versions of its own (Events), the kind's.
func (s *Server) versionOf(r *resource) string {
	if r.listVersion != nil {
		return r.listVersion()
	}
	return s.api.Version()
}

// selection is what a list or watch asks for: a namespace and selectors.
type selection struct {
	ns     string
	labels labels.Selector
	fields fields.Selector
}

// selectionOf reads the labelSelector and fieldSelector parameters. A
// field the kind cannot be selected by is a BadRequest, as the API server
// says it.
func selectionOf(req *http.Request, rq request) (selection, error) {
	sel := selection{ns: rq.ns, labels: labels.Everything(), fields: fields.Everything()}
	q := req.URL.Query()
	if ls := q.Get("labelSelector"); ls != "" {
		parsed, err := labels.Parse(ls)
		if err != nil {
			return sel, badRequest("unable to parse requirement: %v", err)
		}
		sel.labels = parsed
	}
	if fs := q.Get("fieldSelector"); fs != "" {
		parsed, err := fields.ParseSelector(fs)
		if err != nil {
			return sel, badRequest("invalid field selector: %v", err)
		}
		sel.fields = parsed
	}
	return sel, nil
}

// matches reports whether o is selected. A field selector naming a field
// the kind does not have is refused the first time it is asked.
// everything reports whether the selection selects every object of its
// namespace (no label or field selector).
func (sel selection) everything() bool {
	return sel.labels.Empty() && sel.fields.Empty()
}

func (sel selection) matches(r *resource, o apiserver.Object) (bool, error) {
	if sel.ns != "" && o.GetNamespace() != sel.ns {
		return false, nil
	}
	if !sel.labels.Matches(labels.Set(o.GetLabels())) {
		return false, nil
	}
	if sel.fields.Empty() {
		return true, nil
	}
	set := r.fields(o)
	for _, req := range sel.fields.Requirements() {
		if _, ok := set[req.Field]; !ok {
			return false, badRequest("%q is not a known field selector: only %q", req.Field, knownFields(set))
		}
	}
	return sel.fields.Matches(set), nil
}

func knownFields(set fields.Set) string {
	names := make([]string, 0, len(set))
	for k := range set {
		names = append(names, k)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// continueToken is what a list's continue string holds: the key after
// which the next page starts.
type continueToken struct {
	Namespace string `json:"ns"`
	Name      string `json:"name"`
}

// list serves a collection: selected, in key order, a page at a time
// when limit is given.
func (s *Server) list(w http.ResponseWriter, req *http.Request, rq request) error {
	sel, err := selectionOf(req, rq)
	if err != nil {
		return err
	}
	q := req.URL.Query()
	limit := int64(0)
	if l := q.Get("limit"); l != "" {
		if limit, err = strconv.ParseInt(l, 10, 64); err != nil || limit < 0 {
			return badRequest("limit: Invalid value: %q: must be a non-negative integer", l)
		}
	}
	var after *continueToken
	if c := q.Get("continue"); c != "" {
		raw, err := base64.RawURLEncoding.DecodeString(c)
		after = &continueToken{}
		if err != nil || json.Unmarshal(raw, after) != nil {
			return badRequest("continue key is not valid: %q", c)
		}
	}
	s.mu.Lock()
	s.catchUp()
	all := rq.r.list()
	v := s.viewOf(rq.r)
	s.mu.Unlock()
	for i, o := range all {
		if after != nil && compareKeys(apiserver.KeyOf(o), apiserver.Key{Namespace: after.Namespace, Name: after.Name}) <= 0 {
			continue
		}
		ok, err := sel.matches(rq.r, o)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		if limit > 0 && int64(len(v.objs)) == limit {
			last := v.objs[len(v.objs)-1]
			raw, _ := json.Marshal(continueToken{last.GetNamespace(), last.GetName()})
			v.cont = base64.RawURLEncoding.EncodeToString(raw)
			n := int64(0)
			for _, rest := range all[i:] {
				if ok, _ := sel.matches(rq.r, rest); ok {
					n++
				}
			}
			v.remaining = &n
			break
		}
		v.objs = append(v.objs, o)
	}
	return s.render(w, req, rq.r, v, false)
}

// wantsTable reports whether the client asked for server-side printing.
func wantsTable(req *http.Request) bool {
	return strings.Contains(req.Header.Get("Accept"), "as=Table")
}

// tableContentType is the media type of a Table response.
const tableContentType = "application/json;as=Table;v=v1;g=meta.k8s.io"

// render writes the view: one object or a list, as JSON or as a Table.
func (s *Server) render(w http.ResponseWriter, req *http.Request, r *resource, v view, single bool) error {
	if wantsTable(req) {
		t, err := s.tableOf(r, v, req.URL.Query().Get("includeObject"))
		if err != nil {
			return err
		}
		w.Header().Set("Content-Type", tableContentType)
		w.WriteHeader(http.StatusOK)
		return json.NewEncoder(w).Encode(t)
	}
	if single {
		writeJSON(w, http.StatusOK, served(r, v.objs[0], v.offset))
		return nil
	}
	return writeList(w, r, v)
}

// served returns the copy of o a client receives: its type set, its
// managedFields attached, its timestamps on the wall clock.
func served(r *resource, o apiserver.Object, offset time.Duration) apiserver.Object {
	cp := o.DeepCopyObject().(apiserver.Object)
	cp.GetObjectKind().SetGroupVersionKind(r.gvk())
	if r.owners != nil {
		r.owners.attach(r, cp)
	}
	shiftTimes(cp, offset)
	return cp
}

// writeList writes a KIND-List of the view's objects, one at a time.
func writeList(w http.ResponseWriter, r *resource, v view) error {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	meta := metav1.ListMeta{ResourceVersion: v.version, Continue: v.cont, RemainingItemCount: v.remaining}
	head, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	bw := &errWriter{w: w}
	fmt.Fprintf(bw, `{"kind":%q,"apiVersion":%q,"metadata":%s,"items":[`, r.kind+"List", r.groupVersion(), head)
	enc := json.NewEncoder(bw)
	for i, o := range v.objs {
		if i > 0 {
			bw.Write([]byte{','})
		}
		if err := enc.Encode(served(r, o, v.offset)); err != nil {
			return err
		}
	}
	bw.Write([]byte("]}\n"))
	return nil
}

// errWriter keeps the first write error and writes nothing after it.
type errWriter struct {
	w   http.ResponseWriter
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

// tableOf returns the Table of the view: the columns nucleus prints,
// the wide ones at priority 1, a row per object with its metadata (or
// the whole object, or nothing, as includeObject asks).
func (s *Server) tableOf(r *resource, v view, include string) (*metav1.Table, error) {
	t, wide, err := r.table(v.objs, v.now.Wall())
	if err != nil {
		return nil, err
	}
	out := &metav1.Table{
		TypeMeta: metav1.TypeMeta{Kind: "Table", APIVersion: "meta.k8s.io/v1"},
		ListMeta: metav1.ListMeta{ResourceVersion: v.version, Continue: v.cont, RemainingItemCount: v.remaining},
		Rows:     make([]metav1.TableRow, 0, len(t.Rows)),
	}
	for i, h := range t.Header {
		col := metav1.TableColumnDefinition{Name: h, Type: "string"}
		if i == 0 {
			col.Format = "name"
		}
		if wide[i] {
			col.Priority = 1
		}
		out.ColumnDefinitions = append(out.ColumnDefinitions, col)
	}
	for i, cells := range t.Rows {
		row := metav1.TableRow{Cells: make([]any, len(cells))}
		for j, c := range cells {
			row.Cells[j] = c
		}
		o := v.objs[i]
		switch include {
		case "None":
		case "Object":
			raw, err := json.Marshal(served(r, o, v.offset))
			if err != nil {
				return nil, err
			}
			row.Object = runtime.RawExtension{Raw: raw}
		default:
			m := &metav1.PartialObjectMetadata{TypeMeta: metav1.TypeMeta{Kind: "PartialObjectMetadata", APIVersion: "meta.k8s.io/v1"}}
			if acc, ok := o.(metav1.ObjectMetaAccessor); ok {
				m.ObjectMeta = *acc.GetObjectMeta().(*metav1.ObjectMeta).DeepCopy()
			}
			m.ManagedFields = nil
			shiftTimes(m, v.offset)
			raw, err := json.Marshal(m)
			if err != nil {
				return nil, err
			}
			row.Object = runtime.RawExtension{Raw: raw}
		}
		out.Rows = append(out.Rows, row)
	}
	return out, nil
}
