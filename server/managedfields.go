package server

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/managedfields"
	"sigs.k8s.io/structured-merge-diff/v6/fieldpath"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/server/openapi"
)

// fieldOwners keeps the managedFields of the objects clients wrote: who
// set which field, by which operation (Apply or Update), and when, as the
// API server keeps them in each object's metadata. They are kept beside
// the ledger rather than in it: the chain's own controllers and kubelets
// write without recording a manager (so a run of 150,000 pods pays
// nothing for them), and the recording of a session keeps the objects, not
// their owners. Every object served carries the entries of its uid.
//
// The merging and the bookkeeping are apimachinery's own
// (managedfields.FieldManager, over structured-merge-diff), with a
// TypeConverter made from the OpenAPI definitions the server serves; only
// the time of an entry is nucleus's: the virtual instant of the write.
type fieldOwners struct {
	mu       sync.Mutex
	byObject map[ownerKey]owned
	managers map[schema.GroupVersionKind]*managedfields.FieldManager
	// resize is the FieldManager of writes to pods/resize.
	resize *managedfields.FieldManager
	// converter and scheme are what the field managers merge with:
	// the served definitions as structured-merge-diff types, and the
	// Go types.
	converter managedfields.TypeConverter
	scheme    *runtime.Scheme
}

type ownerKey struct {
	r         *resource
	namespace string
	name      string
}

// owned is the managedFields of one object, by uid: an object made again
// under the same name starts with none.
type owned struct {
	uid     types.UID
	entries []metav1.ManagedFieldsEntry
}

// newFieldOwners returns the keeper of managedFields for the served
// documents.
func newFieldOwners(docs *openapi.Documents) (*fieldOwners, error) {
	tc, err := managedfields.NewTypeConverter(docs.Schemas(), false)
	if err != nil {
		return nil, err
	}
	scheme, err := openapi.NewScheme()
	if err != nil {
		return nil, err
	}
	return &fieldOwners{byObject: map[ownerKey]owned{}, managers: map[schema.GroupVersionKind]*managedfields.FieldManager{},
		converter: tc, scheme: scheme}, nil
}

// attach gives o, the caller's copy of a stored object of r, its
// managedFields.
func (f *fieldOwners) attach(r *resource, o apiserver.Object) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.byObject) == 0 {
		return
	}
	e, ok := f.byObject[ownerKey{r, o.GetNamespace(), o.GetName()}]
	if !ok || e.uid != o.GetUID() {
		return
	}
	mf := make([]metav1.ManagedFieldsEntry, len(e.entries))
	for i := range e.entries {
		e.entries[i].DeepCopyInto(&mf[i])
	}
	o.SetManagedFields(mf)
}

// set keeps entries as the managedFields of o, a stored object of r.
func (f *fieldOwners) set(r *resource, o apiserver.Object, entries []metav1.ManagedFieldsEntry) {
	f.mu.Lock()
	defer f.mu.Unlock()
	k := ownerKey{r, o.GetNamespace(), o.GetName()}
	if len(entries) == 0 {
		delete(f.byObject, k)
		return
	}
	f.byObject[k] = owned{uid: o.GetUID(), entries: entries}
}

// manager returns the FieldManager of r's kind. Status is reset on the
// main resource: a write of the object does not own its status, as the
// API server's strategies say (GetResetFields).
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/installer.go
// (the FieldManager of each resource) and pkg/registry/*/strategy.go
// (GetResetFields: status).
func (f *fieldOwners) manager(r *resource) (*managedfields.FieldManager, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	gvk := r.gvk()
	if m := f.managers[gvk]; m != nil {
		return m, nil
	}
	reset := map[fieldpath.APIVersion]fieldpath.Filter{
		fieldpath.APIVersion(gvk.GroupVersion().String()): fieldpath.NewExcludeSetFilter(fieldpath.NewSet(fieldpath.MakePathOrDie("status"))),
	}
	m, err := managedfields.NewDefaultFieldManager(f.converter, f.scheme, f.scheme, f.scheme, gvk, gvk.GroupVersion(), "", reset)
	if err != nil {
		return nil, err
	}
	f.managers[gvk] = m
	return m, nil
}

// resizeManager returns the FieldManager of a pod's resize subresource:
// its entries name the subresource, and status is not owned.
// Reference: pkg/registry/core/pod/storage/storage.go (ResizeREST) and
// pkg/registry/core/pod/strategy.go (podResizeStrategy.GetResetFields).
func (f *fieldOwners) resizeManager(r *resource) (*managedfields.FieldManager, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.resize != nil {
		return f.resize, nil
	}
	gvk := r.gvk()
	reset := map[fieldpath.APIVersion]fieldpath.Filter{
		fieldpath.APIVersion(gvk.GroupVersion().String()): fieldpath.NewExcludeSetFilter(fieldpath.NewSet(fieldpath.MakePathOrDie("status"))),
	}
	m, err := managedfields.NewDefaultFieldManager(f.converter, f.scheme, f.scheme, f.scheme, gvk, gvk.GroupVersion(), "resize", reset)
	if err != nil {
		return nil, err
	}
	f.resize = m
	return m, nil
}

// update returns the managedFields of next, which manager wrote over
// live (a new object of r for a create): its entries, or, when next
// brings entries of its own (a client that sends managedFields back, as
// kubectl's move from client-side to server-side apply does), those, as
// the API server takes them. The entries the write touched carry the
// virtual instant now. live and next are the caller's copies, which
// update changes.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/update.go
// and patch.go (fieldManager.UpdateNoErrors for every non-apply write).
func (f *fieldOwners) update(r *resource, live, next apiserver.Object, manager, sub string, now time.Time) ([]metav1.ManagedFieldsEntry, error) {
	m, err := f.manager(r)
	if sub == "resize" {
		m, err = f.resizeManager(r)
	}
	if err != nil {
		return nil, err
	}
	withKind(r, live, next)
	before := untime(live, next)
	out, err := m.Update(live, next, manager)
	if err != nil {
		return nil, err
	}
	return retime(out, before, now)
}

// apply merges patch, a server-side apply of manager, into live and
// returns the result, with its managedFields; a conflict with another
// manager is the API server's Conflict, unless force. live is the
// caller's copy, which apply changes.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go
// (applyPatcher).
func (f *fieldOwners) apply(r *resource, live apiserver.Object, patch runtime.Object, manager string, force bool, now time.Time) (runtime.Object, error) {
	m, err := f.manager(r)
	if err != nil {
		return nil, err
	}
	withKind(r, live)
	before := untime(live)
	out, err := m.Apply(live, patch, manager, force)
	if err != nil {
		return nil, err
	}
	mf, err := retime(out, before, now)
	if err != nil {
		return nil, err
	}
	acc, err := metaOf(out)
	if err != nil {
		return nil, err
	}
	acc.SetManagedFields(mf)
	return out, nil
}

// withKind sets the kind of r on objs, as the field manager needs it.
func withKind(r *resource, objs ...apiserver.Object) {
	for _, o := range objs {
		o.GetObjectKind().SetGroupVersionKind(r.gvk())
	}
}

// scaleKind is the kind of the scale subresource's objects.
var scaleKind = autoscalingv1.SchemeGroupVersion.WithKind("Scale")

// scaled returns the managedFields of cur, a Deployment, a StatefulSet or
// a ReplicationController of r, after manager set its replicas through
// the scale subresource (stored is the object the write left): the
// parent's entries are seen as the Scale's (spec.replicas), the write is
// an Update of the Scale, and the result goes back to the parent, where
// the entry names the subresource.
// Reference: pkg/registry/apps/deployment/storage/storage.go
// (scaleUpdatedObjectInfo: managedfields.NewScaleHandler, ToSubresource,
// ToParent).
func (f *fieldOwners) scaled(r *resource, cur, stored apiserver.Object, manager string, now time.Time) ([]metav1.ManagedFieldsEntry, error) {
	f.mu.Lock()
	m := f.managers[scaleKind]
	if m == nil {
		var err error
		if m, err = managedfields.NewDefaultFieldManager(f.converter, f.scheme, f.scheme, f.scheme, scaleKind, scaleKind.GroupVersion(), "scale", nil); err != nil {
			f.mu.Unlock()
			return nil, err
		}
		f.managers[scaleKind] = m
	}
	f.mu.Unlock()
	gv := r.gvk().GroupVersion()
	mappings := managedfields.ResourcePathMappings{gv.String(): fieldpath.MakePathOrDie("spec", "replicas")}
	entries, err := managedfields.NewScaleHandler(cur.GetManagedFields(), gv, mappings).ToSubresource()
	if err != nil {
		return nil, err
	}
	old, next := scaleOf(cur), scaleOf(stored)
	old.ManagedFields = entries
	next.ManagedFields = nil
	old.SetGroupVersionKind(scaleKind)
	next.SetGroupVersionKind(scaleKind)
	before := untime(old)
	out, err := m.Update(old, next, manager)
	if err != nil {
		return nil, err
	}
	mf, err := retime(out, before, now)
	if err != nil {
		return nil, err
	}
	return managedfields.NewScaleHandler(cur.GetManagedFields(), gv, mappings).ToParent(mf)
}

// entryKey names a managedFields entry without its fields and time.
type entryKey struct {
	manager, operation, apiVersion, subresource string
}

func keyOf(e metav1.ManagedFieldsEntry) entryKey {
	return entryKey{e.Manager, string(e.Operation), e.APIVersion, e.Subresource}
}

// untime clears the times of the objects' entries (the objects are the
// caller's copies) and returns them by entry: the field manager stamps
// the entries it changes with the wall clock, so an entry that comes out
// with a time is one the write touched.
func untime(objs ...apiserver.Object) map[entryKey]*metav1.Time {
	times := map[entryKey]*metav1.Time{}
	for _, o := range objs {
		mf := o.GetManagedFields()
		for i := range mf {
			if _, ok := times[keyOf(mf[i])]; !ok {
				times[keyOf(mf[i])] = mf[i].Time
			}
			mf[i].Time = nil
		}
	}
	return times
}

// retime returns the entries of o with the virtual instant now on those
// the write touched and their earlier time on the others.
func retime(o runtime.Object, before map[entryKey]*metav1.Time, now time.Time) ([]metav1.ManagedFieldsEntry, error) {
	acc, err := metaOf(o)
	if err != nil {
		return nil, err
	}
	mf := acc.GetManagedFields()
	stamp := metav1.NewTime(now)
	for i := range mf {
		if mf[i].Time == nil {
			mf[i].Time = before[keyOf(mf[i])]
			continue
		}
		t := stamp
		mf[i].Time = &t
	}
	return mf, nil
}

func metaOf(o runtime.Object) (metav1.Object, error) {
	acc, ok := o.(metav1.Object)
	if !ok {
		return nil, fmt.Errorf("%T has no metadata", o)
	}
	return acc, nil
}

// managerOf returns the field manager of a write: the fieldManager
// parameter, or else what precedes the first slash of the User-Agent
// (kubectl's own writes name themselves: kubectl-create,
// kubectl-client-side-apply, kubectl-edit, kubectl-patch, ...; client-go
// sends the program's name), its printable characters up to 128.
// Reference: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go
// (managerOrUserAgent, prefixFromUserAgent).
func managerOf(fieldManager, userAgent string) string {
	if fieldManager != "" {
		return fieldManager
	}
	prefix, _, _ := strings.Cut(userAgent, "/")
	var b bytes.Buffer
	for _, c := range prefix {
		if !unicode.IsPrint(c) {
			continue
		}
		if b.Len() >= 128 {
			break
		}
		b.WriteRune(c)
	}
	return b.String()
}
