package apiserver

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Reference: pkg/controlplane/controller/systemnamespaces (kube-system,
// kube-public, kube-node-lease) and the default namespace; the
// kubernetes.io/metadata.name label from pkg/apis/core/v1/defaults.go
// (SetDefaults_Namespace).
func TestInitialNamespaces(t *testing.T) {
	s := New(sim.New(1))
	var names []string
	for _, ns := range s.Namespaces.List() {
		names = append(names, ns.Name)
		assert.Equal(t, corev1.NamespaceActive, ns.Status.Phase, ns.Name)
		assert.Equal(t, ns.Name, ns.Labels[corev1.LabelMetadataName], ns.Name)
		assert.Equal(t, []corev1.FinalizerName{corev1.FinalizerKubernetes}, ns.Spec.Finalizers, ns.Name)
	}
	assert.Equal(t, []string{"default", "kube-node-lease", "kube-public", "kube-system"}, names)
}

// Reference: plugin/pkg/admission/namespace/lifecycle/admission.go
// (Admit): a create in a namespace that does not exist is NotFound, in a
// Terminating one Forbidden; the system namespaces may not be deleted.
func TestNamespaceLifecycleAdmission(t *testing.T) {
	s := New(sim.New(1))
	err := s.AdmitNamespace("shop", "pods", "web")
	require.True(t, apierrors.IsNotFound(err), "%v", err)
	assert.EqualError(t, err, `namespaces "shop" not found`)

	_, err = s.CreateNamespace(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "shop", Labels: map[string]string{corev1.LabelMetadataName: "other"}}})
	require.NoError(t, err)
	ns, _ := s.Namespaces.Get("", "shop")
	assert.Equal(t, "shop", ns.Labels[corev1.LabelMetadataName], "the label is the name, whatever the manifest says")
	assert.NoError(t, s.AdmitNamespace("shop", "pods", "web"))

	require.NoError(t, s.DeleteNamespace("shop"))
	ns, _ = s.Namespaces.Get("", "shop")
	assert.Equal(t, corev1.NamespaceTerminating, ns.Status.Phase)
	assert.NotNil(t, ns.DeletionTimestamp)
	err = s.AdmitNamespace("shop", "deployments.apps", "web")
	assert.True(t, apierrors.IsForbidden(err), "%v", err)
	assert.EqualError(t, err, `deployments.apps "web" is forbidden: unable to create new content in namespace shop because it is being terminated`)
	s.FinishNamespace("shop")
	_, err = s.Namespaces.Get("", "shop")
	assert.True(t, apierrors.IsNotFound(err), "%v", err)

	for _, name := range InitialNamespaces {
		err := s.DeleteNamespace(name)
		assert.EqualError(t, err, `namespaces "`+name+`" is forbidden: this namespace may not be deleted`)
	}
}

func TestNamespaceValidation(t *testing.T) {
	s := New(sim.New(1))
	_, err := s.CreateNamespace(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "Shop_1"}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "metadata.name: Invalid value: \"Shop_1\": a lowercase RFC 1123 label")
	_, err = s.CreateNamespace(&corev1.Namespace{})
	assert.ErrorContains(t, err, "metadata.name: Required value")
}

// InNamespace names the objects of every kind in one namespace, and
// nothing of another.
func TestInNamespace(t *testing.T) {
	s := New(sim.New(1))
	_, err := s.CreateNamespace(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "shop"}})
	require.NoError(t, err)
	_, err = s.ConfigMaps.Create(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "menu"}})
	require.NoError(t, err)
	_, err = s.Services.Create(&corev1.Service{ObjectMeta: metav1.ObjectMeta{Namespace: "shop", Name: "desk"}})
	require.NoError(t, err)
	_, err = s.Services.Create(&corev1.Service{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: "other"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"services/desk", "configmaps/menu"}, s.InNamespace("shop"))
	assert.Empty(t, s.InNamespace("gone"))
}
