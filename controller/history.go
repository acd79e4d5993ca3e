package controller

import (
	"encoding/json"
	"maps"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/nodenucleus/nucleus/apiserver"
)

// A ControllerRevision is a snapshot of one pod template a StatefulSet or
// a DaemonSet has had: head office's file of the staffing plans it has
// used, numbered, so that `kubectl rollout history` can list them and
// `rollout undo` go back to one. Each distinct template has one revision,
// named "<owner>-<hash>" (the hash its pods carry); a template used again
// takes the next number, and beyond revisionHistoryLimit the oldest
// revisions no pod uses go.
// Reference: pkg/controller/history/controller_history.go,
// pkg/controller/statefulset/stateful_set_control.go (getStatefulSetRevisions,
// truncateHistory) and pkg/controller/daemon/update.go (constructHistory,
// cleanupHistory).

// revisionOwner is what the history needs of a StatefulSet or DaemonSet.
type revisionOwner struct {
	meta     metav1.Object
	kind     string // StatefulSet or DaemonSet
	template *corev1.PodTemplateSpec
	// hashLabel is the label that carries hash on the revision:
	// controller.kubernetes.io/hash for a StatefulSet's,
	// controller-revision-hash for a DaemonSet's.
	hashLabel string
	hash      string
	limit     int32
	// limitAll counts every revision against the limit (a StatefulSet's
	// truncateHistory); without it only the revisions no pod uses count
	// (a DaemonSet's cleanupHistory).
	limitAll bool
}

// historyHashLabel is the label a StatefulSet's revisions carry their
// hash in (history.ControllerRevisionHashLabel).
const historyHashLabel = "controller.kubernetes.io/hash"

// revisionName is the name of the owner's revision for hash.
func revisionName(owner, hash string) string { return owner + "-" + hash }

// revisionsOf returns the revisions the owner controls, lowest number
// first.
func revisionsOf(api *apiserver.Server, owner metav1.Object) []*appsv1.ControllerRevision {
	out := api.ControllerRevisions.ListSharedByController(owner.GetNamespace(), owner.GetUID())
	out = slices.Clone(out)
	slices.SortStableFunc(out, func(a, b *appsv1.ControllerRevision) int {
		if a.Revision != b.Revision {
			return int(a.Revision - b.Revision)
		}
		return a.CreationTimestamp.Compare(b.CreationTimestamp.Time)
	})
	return out
}

// syncHistory makes sure the owner's current template has a revision with
// the highest number, creating it or renumbering an older one, then lets
// the oldest revisions go beyond the limit, keeping those named in live
// (revisions pods or the status still use). It returns the current
// revision's number.
func syncHistory(api *apiserver.Server, o revisionOwner, live map[string]bool) (int64, error) {
	revs := revisionsOf(api, o.meta)
	name := revisionName(o.meta.GetName(), o.hash)
	var max int64
	var cur *appsv1.ControllerRevision
	for _, r := range revs {
		max = r.Revision // revs is sorted
		if r.Name == name {
			cur = r
		}
	}
	switch {
	case cur == nil:
		r, err := newRevision(o, max+1)
		if err != nil {
			return 0, err
		}
		if _, err := api.ControllerRevisions.Create(r); err != nil {
			return 0, err
		}
		revs = append(revs, r)
		max++
	case cur.Revision < max:
		// A template used before (a rollback) takes the next number.
		next := cur.DeepCopy()
		next.Revision = max + 1
		if _, err := api.ControllerRevisions.Update(next); err != nil {
			return 0, err
		}
		max++
	}
	live = maps.Clone(live)
	if live == nil {
		live = map[string]bool{}
	}
	live[name] = true
	var old []*appsv1.ControllerRevision
	for _, r := range revs {
		if !live[r.Name] {
			old = append(old, r)
		}
	}
	extra := len(old) - int(o.limit)
	if o.limitAll {
		extra = min(len(revs)-int(o.limit), len(old))
	}
	for i := 0; i < extra; i++ {
		if err := api.ControllerRevisions.Delete(old[i].Namespace, old[i].Name); err != nil {
			return 0, err
		}
	}
	return max, nil
}

// newRevision returns the revision of the owner's current template,
// numbered n: the template as a patch that replaces the owner's, the
// template's labels and the hash, the owner's annotations, and the owner
// as its controller.
func newRevision(o revisionOwner, n int64) (*appsv1.ControllerRevision, error) {
	tmpl, err := json.Marshal(o.template)
	if err != nil {
		return nil, err
	}
	var t map[string]any
	if err := json.Unmarshal(tmpl, &t); err != nil {
		return nil, err
	}
	t["$patch"] = "replace"
	data, err := json.Marshal(map[string]any{"spec": map[string]any{"template": t}})
	if err != nil {
		return nil, err
	}
	labels := maps.Clone(o.template.Labels)
	if labels == nil {
		labels = map[string]string{}
	}
	labels[o.hashLabel] = o.hash
	return &appsv1.ControllerRevision{
		TypeMeta: metav1.TypeMeta{APIVersion: "apps/v1", Kind: "ControllerRevision"},
		ObjectMeta: metav1.ObjectMeta{
			Name: revisionName(o.meta.GetName(), o.hash), Namespace: o.meta.GetNamespace(),
			Labels: labels, Annotations: maps.Clone(o.meta.GetAnnotations()),
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(o.meta, appsv1.SchemeGroupVersion.WithKind(o.kind))},
		},
		Data:     runtime.RawExtension{Raw: data},
		Revision: n,
	}, nil
}

// forgetHistory deletes the revisions of an owner of kind and name that
// is gone, as the garbage collector deletes what it owned.
func forgetHistory(api *apiserver.Server, namespace, kind, name string) error {
	for _, r := range api.ControllerRevisions.List() {
		ref := metav1.GetControllerOfNoCopy(r)
		if r.Namespace == namespace && ref != nil && ref.Kind == kind && ref.Name == name {
			if err := api.ControllerRevisions.Delete(r.Namespace, r.Name); err != nil {
				return err
			}
		}
	}
	return nil
}
