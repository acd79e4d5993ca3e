package apiserver

import (
	"slices"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// DeleteFinalized deletes an object of a kind without graceful deletion
// (a PersistentVolumeClaim, a PersistentVolume) as the API server does: an
// object without finalizers goes at once; one with finalizers is only
// marked, with deletionTimestamp now, and goes when its last finalizer is
// removed (RemoveFinalizer). Deleting an object already marked changes
// nothing.
// Reference: staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go
// (Delete: updateForGracefulDeletionAndFinalizers, deleteWithoutFinalizers).
func (st *Store[T]) DeleteFinalized(namespace, name string) error {
	k := Key{namespace, name}
	cur, ok := st.lookup(k)
	if !ok {
		return apierrors.NewNotFound(st.resource, name)
	}
	if len(cur.GetFinalizers()) == 0 {
		st.remove(k)
		return nil
	}
	if cur.GetDeletionTimestamp() != nil {
		return nil
	}
	next := deepCopy(cur)
	now := metav1.NewTime(st.s.loop.Now().Wall())
	zero := int64(0)
	next.SetDeletionTimestamp(&now)
	next.SetDeletionGracePeriodSeconds(&zero)
	st.store(cur, next)
	return nil
}

// RemoveFinalizer takes one finalizer off an object; a marked object whose
// last finalizer goes is removed. An object without that finalizer is left
// alone.
func (st *Store[T]) RemoveFinalizer(namespace, name, finalizer string) error {
	k := Key{namespace, name}
	cur, ok := st.lookup(k)
	if !ok {
		return apierrors.NewNotFound(st.resource, name)
	}
	if !slices.Contains(cur.GetFinalizers(), finalizer) {
		return nil
	}
	next := deepCopy(cur)
	next.SetFinalizers(slices.DeleteFunc(slices.Clone(cur.GetFinalizers()), func(f string) bool { return f == finalizer }))
	if len(next.GetFinalizers()) == 0 && next.GetDeletionTimestamp() != nil {
		st.remove(k)
		return nil
	}
	st.store(cur, next)
	return nil
}
