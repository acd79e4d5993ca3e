package server_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A client creates a namespace, a pod in it, and deletes the namespace:
// it answers Terminating, refuses new pods in it, and goes.
// Reference: plugin/pkg/admission/namespace/lifecycle/admission.go and
// pkg/controller/namespace/deletion.
func TestClientGoNamespaces(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	nss := s.client.CoreV1().Namespaces()

	_, err := s.client.CoreV1().Pods("shop").Create(ctx, busybox("clerk", nil, "sleep", "3600"), metav1.CreateOptions{})
	assert.True(t, apierrors.IsNotFound(err), "pod in a missing namespace: %v", err)

	_, err = nss.Create(ctx, &corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "shop"}}, metav1.CreateOptions{})
	require.NoError(t, err)
	got, err := nss.Get(ctx, "shop", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, corev1.NamespaceActive, got.Status.Phase)
	assert.Equal(t, "shop", got.Labels[corev1.LabelMetadataName])
	_, err = s.client.CoreV1().Pods("shop").Create(ctx, busybox("clerk", nil, "sleep", "3600"), metav1.CreateOptions{})
	require.NoError(t, err)

	err = nss.Delete(ctx, "default", metav1.DeleteOptions{})
	assert.True(t, apierrors.IsForbidden(err), "delete default: %v", err)

	require.NoError(t, nss.Delete(ctx, "shop", metav1.DeleteOptions{}))
	_, err = s.client.CoreV1().Pods("shop").Create(ctx, busybox("late", nil, "sleep", "3600"), metav1.CreateOptions{})
	assert.True(t, apierrors.IsForbidden(err), "pod in a Terminating namespace: %v", err)
	assert.Eventually(t, func() bool {
		_, err := nss.Get(ctx, "shop", metav1.GetOptions{})
		return apierrors.IsNotFound(err)
	}, 10*time.Second, 20*time.Millisecond, "the namespace goes once its pod is gone")
}
