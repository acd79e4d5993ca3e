package cluster

import (
	"maps"
	"reflect"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/manifest"
)

// applyNamespace creates a namespace, as `kubectl create namespace` does.
// Applying one that exists changes nothing but its labels and
// annotations (a namespace has no spec a user sets).
func (c *Cluster) applyNamespace(ns *corev1.Namespace) error {
	cur, err := c.api.Namespaces.Get("", ns.Name)
	if err != nil {
		_, err = c.api.CreateNamespace(ns)
		return err
	}
	next := cur.DeepCopy()
	next.Labels = overlay(next.Labels, ns.Labels)
	next.Labels[corev1.LabelMetadataName] = next.Name
	next.Annotations = overlay(next.Annotations, ns.Annotations)
	if appliesNothing(nil, nil, cur, next) {
		return nil
	}
	next.ResourceVersion = ""
	_, err = c.api.Namespaces.Update(next)
	return err
}

// DeleteNamespace deletes a namespace with everything in it, as `kubectl
// delete namespace` does: it turns Terminating at once, and the namespace
// controller deletes its objects (pods gracefully) and then the namespace.
// default, kube-system, kube-public and kube-node-lease cannot be deleted.
func (c *Cluster) DeleteNamespace(name string) error { return c.api.DeleteNamespace(name) }

// Namespaces returns every namespace, sorted by name.
func (c *Cluster) Namespaces() []*corev1.Namespace { return c.api.Namespaces.List() }

// NamespacesFirst returns objs (objects or manifest.Documents) with
// every Namespace moved to the front, each group in its order, so that a
// manifest which creates a namespace and the objects in it applies
// whatever order its documents are in. Apply does this itself; a caller
// that applies objects one at a time calls it first.
func NamespacesFirst[T any](objs []T) []T {
	isNS := func(o T) bool {
		_, ok := unwrap(o).(*corev1.Namespace)
		return ok
	}
	if !slices.ContainsFunc(objs, isNS) {
		return objs
	}
	out := make([]T, 0, len(objs))
	for _, o := range objs {
		if isNS(o) {
			out = append(out, o)
		}
	}
	for _, o := range objs {
		if !isNS(o) {
			out = append(out, o)
		}
	}
	return out
}

// unwrap returns the object a manifest.Document holds, and a pointer to
// a value object, so that it can be read as a metav1.Object.
func unwrap(o any) any {
	switch d := o.(type) {
	case manifest.Document:
		return unwrap(d.Object)
	case *manifest.Document:
		return unwrap(d.Object)
	}
	if v := reflect.ValueOf(o); v.IsValid() && v.Kind() == reflect.Struct {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		return p.Interface()
	}
	return o
}

// admit is the NamespaceLifecycle admission check on an object sent to
// head office: a namespaced object (in "default" when it names none) must
// go to a namespace that exists and is not being deleted.
func (c *Cluster) admit(o any) error {
	m, ok := unwrap(o).(metav1.Object)
	if !ok {
		return nil
	}
	switch m.(type) {
	case *corev1.Namespace, *corev1.PersistentVolume, *corev1.Node, *storagev1.StorageClass:
		return nil // cluster-scoped
	}
	return c.api.AdmitNamespace(defaultNS(m.GetNamespace()), resourceOf(m), m.GetName())
}

// resourceOf names an object's resource as API errors do: "pods",
// "deployments.apps", "jobs.batch".
func resourceOf(o any) string {
	t := reflect.TypeOf(o).Elem()
	res := strings.ToLower(t.Name())
	if !strings.HasSuffix(res, "s") { // endpoints
		res += "s"
	}
	// k8s.io/api/<group>/v1: the core group has no name in errors.
	if parts := strings.Split(t.PkgPath(), "/"); len(parts) >= 2 && parts[len(parts)-2] != "core" {
		res += "." + parts[len(parts)-2]
	}
	return res
}

// prepareNamespaceUpdate is prepareUpdate for a namespace: the stored one
// with ns's labels and annotations. The kubernetes.io/metadata.name label
// is set again to the name, and the finalizers and phase stay as head
// office keeps them (an update does not change them).
// Reference: pkg/registry/core/namespace/strategy.go (PrepareForUpdate)
// and pkg/apis/core/validation/validation.go (ValidateNamespaceUpdate).
func (c *Cluster) prepareNamespaceUpdate(ns *corev1.Namespace) (*corev1.Namespace, error) {
	cur, err := c.api.Namespaces.Get("", ns.Name)
	if err != nil {
		return nil, err
	}
	next := cur.DeepCopy()
	next.Labels, next.Annotations = maps.Clone(ns.Labels), ns.Annotations
	if next.Labels == nil {
		next.Labels = map[string]string{}
	}
	next.Labels[corev1.LabelMetadataName] = next.Name
	next.ResourceVersion = ""
	return next, nil
}
