package kubectl

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The storage tables have kubectl's columns: the default class marked
// "(default)", access modes abbreviated, an unbound claim without volume
// or capacity, and a claim being deleted Terminating.
// Reference: pkg/printers/internalversion/printers.go
// (printPersistentVolumeClaim, printPersistentVolume, printStorageClass);
// pkg/apis/core/helper GetAccessModesAsString.
func TestStorageTables(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 2, 0, 0, time.UTC)
	created := metav1.NewTime(now.Add(-2 * time.Minute))
	class := "standard"
	bound := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "www-web-0", CreationTimestamp: created},
		Spec:       corev1.PersistentVolumeClaimSpec{StorageClassName: &class, VolumeName: "pvc-1"},
		Status: corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimBound,
			AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteMany, corev1.ReadWriteOnce},
			Capacity:    corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")}},
	}
	pending := &corev1.PersistentVolumeClaim{
		ObjectMeta: metav1.ObjectMeta{Name: "data", CreationTimestamp: created, DeletionTimestamp: &created},
		Spec:       corev1.PersistentVolumeClaimSpec{StorageClassName: &class},
		Status:     corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimPending},
	}
	var b bytes.Buffer
	require.NoError(t, PrintClaims(&b, []*corev1.PersistentVolumeClaim{bound, pending}, now, false))
	assert.Equal(t, ""+
		"NAME        STATUS        VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE\n"+
		"www-web-0   Bound         pvc-1    1Gi        RWO,RWX        standard       <unset>                 2m\n"+
		"data        Terminating                                      standard       <unset>                 2m\n", b.String())

	b.Reset()
	wait := storagev1.VolumeBindingWaitForFirstConsumer
	del := corev1.PersistentVolumeReclaimDelete
	require.NoError(t, PrintStorageClasses(&b, []*storagev1.StorageClass{{
		ObjectMeta:  metav1.ObjectMeta{Name: "standard", CreationTimestamp: created, Annotations: map[string]string{"storageclass.kubernetes.io/is-default-class": "true"}},
		Provisioner: "rancher.io/local-path", ReclaimPolicy: &del, VolumeBindingMode: &wait,
	}, {ObjectMeta: metav1.ObjectMeta{Name: "manual", CreationTimestamp: created}, Provisioner: "kubernetes.io/no-provisioner"}}, now))
	assert.Equal(t, ""+
		"NAME                 PROVISIONER                    RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE\n"+
		"standard (default)   rancher.io/local-path          Delete          WaitForFirstConsumer   false                  2m\n"+
		"manual               kubernetes.io/no-provisioner   Delete          Immediate              false                  2m\n", b.String())

	b.Reset()
	require.NoError(t, DescribeClaim(&b, bound, []*corev1.Pod{{ObjectMeta: metav1.ObjectMeta{Name: "web-0"}, Spec: corev1.PodSpec{
		Volumes: []corev1.Volume{{Name: "www", VolumeSource: corev1.VolumeSource{PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: "www-web-0"}}}}}}}, nil, now))
	assert.Contains(t, b.String(), "Used By:       web-0\n")
	assert.Contains(t, b.String(), "Access Modes:  RWO,RWX\n")
}
