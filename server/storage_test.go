package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// client-go creates a StatefulSet with a claim template; the server
// serves its pods, its claims, their volumes and the default class, as a
// kind cluster does.
// Reference: kind's default StorageClass (standard, rancher.io/local-path,
// WaitForFirstConsumer); pkg/controller/statefulset.
func TestServeStatefulSetsAndStorage(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	classes, err := s.client.StorageV1().StorageClasses().List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, classes.Items, 1)
	assert.Equal(t, "standard", classes.Items[0].Name)
	assert.Equal(t, "true", classes.Items[0].Annotations["storageclass.kubernetes.io/is-default-class"])

	d := deployment("db", 2)
	set := &appsv1.StatefulSet{ObjectMeta: metav1.ObjectMeta{Name: "db"}, Spec: appsv1.StatefulSetSpec{
		Replicas: d.Spec.Replicas, Selector: d.Spec.Selector, Template: d.Spec.Template, ServiceName: "db",
		VolumeClaimTemplates: []corev1.PersistentVolumeClaim{{ObjectMeta: metav1.ObjectMeta{Name: "data"},
			Spec: corev1.PersistentVolumeClaimSpec{AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce},
				Resources: corev1.VolumeResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}}}}},
	}}
	_, err = s.client.AppsV1().StatefulSets("default").Create(ctx, set, metav1.CreateOptions{})
	require.NoError(t, err)
	eventually(t, "the StatefulSet to have two ready pods", func() bool {
		got, err := s.client.AppsV1().StatefulSets("default").Get(ctx, "db", metav1.GetOptions{})
		return err == nil && got.Status.ReadyReplicas == 2
	})
	claims, err := s.client.CoreV1().PersistentVolumeClaims("default").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, claims.Items, 2)
	assert.Equal(t, "data-db-0", claims.Items[0].Name)
	assert.Equal(t, corev1.ClaimBound, claims.Items[0].Status.Phase)
	volumes, err := s.client.CoreV1().PersistentVolumes().List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	assert.Len(t, volumes.Items, 2)
}
