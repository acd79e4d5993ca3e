package apiserver

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// InitialNamespaces are the namespaces every cluster starts with, in the
// order the API server's system namespaces controller creates them
// (pkg/controlplane/controller/systemnamespaces, with default from the
// kubernetes service controller).
var InitialNamespaces = []string{
	metav1.NamespaceDefault, metav1.NamespaceSystem, metav1.NamespacePublic, corev1.NamespaceNodeLease,
}

// immortal reports whether a namespace may never be deleted: the
// NamespaceLifecycle admission plugin refuses to delete the system
// namespaces (plugin/pkg/admission/namespace/lifecycle, immortalNamespaces).
func immortal(name string) bool {
	for _, n := range InitialNamespaces {
		if n == name {
			return true
		}
	}
	return false
}

// createInitialNamespaces writes the four system namespaces, as a new
// cluster's API server does before anything else. Their uids come from a
// stream of their own, so every other object's uid is what it was before
// namespaces were objects.
func (s *Server) createInitialNamespaces() {
	uids := s.uids
	s.uids = s.loop.Rand("apiserver/namespace-uid")
	for _, name := range InitialNamespaces {
		if _, err := s.CreateNamespace(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: name}}); err != nil {
			panic("apiserver: Server.createInitialNamespaces: " + err.Error()) // cannot happen: the ledger is empty
		}
	}
	s.uids = uids
}

// DefaultNamespace fills in what the API server fills in on a new
// namespace: the kubernetes.io/metadata.name label (set to the name,
// whatever the manifest says), the kubernetes finalizer, and phase Active.
// Reference: pkg/apis/core/v1/defaults.go (SetDefaults_Namespace,
// SetDefaults_NamespaceStatus) and pkg/registry/core/namespace/strategy.go
// (PrepareForCreate).
func DefaultNamespace(ns *corev1.Namespace) {
	if ns.Labels == nil {
		ns.Labels = map[string]string{}
	}
	ns.Labels[corev1.LabelMetadataName] = ns.Name
	ns.Spec.Finalizers = []corev1.FinalizerName{corev1.FinalizerKubernetes}
	ns.Status = corev1.NamespaceStatus{Phase: corev1.NamespaceActive}
	if ns.Kind == "" {
		ns.APIVersion, ns.Kind = "v1", "Namespace"
	}
}

// ValidateNamespace checks a namespace as the API server does: a name
// that is a DNS-1123 label, and no namespace of its own.
func ValidateNamespace(ns *corev1.Namespace) field.ErrorList {
	var errs field.ErrorList
	p := field.NewPath("metadata")
	switch {
	case ns.Name == "":
		errs = append(errs, field.Required(p.Child("name"), "name or generateName is required"))
	default:
		for _, msg := range validation.IsDNS1123Label(ns.Name) {
			errs = append(errs, field.Invalid(p.Child("name"), ns.Name, msg))
		}
	}
	if ns.Namespace != "" {
		errs = append(errs, field.Forbidden(p.Child("namespace"), "not allowed on this type"))
	}
	return errs
}

// CreateNamespace defaults, validates and stores a new namespace.
func (s *Server) CreateNamespace(ns *corev1.Namespace) (*corev1.Namespace, error) {
	ns = ns.DeepCopy()
	DefaultNamespace(ns)
	if errs := ValidateNamespace(ns); len(errs) > 0 {
		return nil, apierrors.NewInvalid(corev1.SchemeGroupVersion.WithKind("Namespace").GroupKind(), ns.Name, errs)
	}
	return s.Namespaces.Create(ns)
}

// DeleteNamespace starts deleting a namespace: it turns Terminating
// (deletionTimestamp set, status.phase Terminating) and stays in the
// ledger, held by its kubernetes finalizer, until the namespace controller
// has deleted everything in it (FinishNamespace). The system namespaces
// cannot be deleted.
// Reference: pkg/registry/core/namespace/storage/storage.go (Delete) and
// plugin/pkg/admission/namespace/lifecycle (immortalNamespaces).
func (s *Server) DeleteNamespace(name string) error {
	ns, ok := s.Namespaces.lookup(Key{Name: name})
	if !ok {
		return apierrors.NewNotFound(s.Namespaces.resource, name)
	}
	if immortal(name) {
		return apierrors.NewForbidden(s.Namespaces.resource, name, fmt.Errorf("this namespace may not be deleted"))
	}
	if ns.DeletionTimestamp != nil {
		return nil
	}
	next := ns.DeepCopy()
	now := metav1.NewTime(s.loop.Now().Wall())
	next.DeletionTimestamp = &now
	next.Status.Phase = corev1.NamespaceTerminating
	s.Namespaces.store(ns, next)
	return nil
}

// FinishNamespace removes a Terminating namespace for good, as the
// namespace controller does by clearing its kubernetes finalizer once the
// namespace is empty.
func (s *Server) FinishNamespace(name string) {
	if ns, ok := s.Namespaces.lookup(Key{Name: name}); ok && ns.DeletionTimestamp != nil {
		s.Namespaces.remove(Key{Name: name})
	}
}

// AdmitNamespace is the NamespaceLifecycle admission plugin's check on a
// create in namespace: a namespace that does not exist is refused with
// NotFound, one that is being deleted with Forbidden. resource and name
// name the object being created, for the Forbidden message. A
// cluster-scoped object (namespace "") is always admitted.
// Reference: plugin/pkg/admission/namespace/lifecycle/admission.go (Admit).
func (s *Server) AdmitNamespace(namespace, resource, name string) error {
	if namespace == "" {
		return nil
	}
	ns, ok := s.Namespaces.lookup(Key{Name: namespace})
	if !ok {
		return apierrors.NewNotFound(s.Namespaces.resource, namespace)
	}
	if ns.Status.Phase == corev1.NamespaceTerminating {
		gr := s.Namespaces.resource
		gr.Resource = resource
		return apierrors.NewForbidden(gr, name,
			fmt.Errorf("unable to create new content in namespace %s because it is being terminated", namespace))
	}
	return nil
}
