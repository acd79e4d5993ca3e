package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// An update of a ConfigMap or a Secret replaces its data unless it is
// immutable; a Secret's stringData is folded into data and its type stays.
// Reference: pkg/apis/core/validation/validation.go (ValidateConfigMapUpdate,
// ValidateSecretUpdate).
func TestUpdateConfigMapsAndSecrets(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	yes := true
	require.NoError(t, c.Apply(
		&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "open"}, Data: map[string]string{"color": "blue"}},
		&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "frozen"}, Data: map[string]string{"color": "blue"}, Immutable: &yes},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "token"}, StringData: map[string]string{"token": "a"}},
	))

	require.NoError(t, c.Update(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "open", Labels: map[string]string{"tier": "web"}}, Data: map[string]string{"color": "red"}}))
	cm, err := c.API().ConfigMaps.Get("default", "open")
	require.NoError(t, err)
	assert.Equal(t, "red", cm.Data["color"])
	assert.Equal(t, "web", cm.Labels["tier"])

	err = c.Update(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "frozen"}, Data: map[string]string{"color": "red"}, Immutable: &yes})
	require.True(t, apierrors.IsInvalid(err), "%v", err)
	assert.Contains(t, err.Error(), "data: Forbidden: field is immutable when `immutable` is set")
	err = c.Update(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "frozen"}, Data: map[string]string{"color": "blue"}})
	require.True(t, apierrors.IsInvalid(err), "%v", err)
	assert.Contains(t, err.Error(), "immutable: Forbidden: field is immutable when `immutable` is set")

	require.NoError(t, c.Update(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "token"}, StringData: map[string]string{"token": "b"}}))
	s, err := c.API().Secrets.Get("default", "token")
	require.NoError(t, err)
	assert.Equal(t, "b", string(s.Data["token"]))
	assert.Nil(t, s.StringData)
	err = c.Update(&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "token"}, Type: corev1.SecretTypeTLS, Data: s.Data})
	require.True(t, apierrors.IsInvalid(err), "%v", err)
	assert.Contains(t, err.Error(), `type: Invalid value: "kubernetes.io/tls": field is immutable`)

	require.NoError(t, c.DeleteConfigMap("default", "open"))
	require.NoError(t, c.DeleteSecret("default", "token"))
	assert.Len(t, c.API().ConfigMaps.List(), 1)
	assert.Empty(t, c.API().Secrets.List())
}

// A StorageClass takes new labels and annotations (the default-class
// annotation may move) and refuses a new provisioner; a volume takes a new
// reclaim policy and nothing else.
// Reference: pkg/apis/storage/validation/validation.go
// (ValidateStorageClassUpdate);
// https://kubernetes.io/docs/tasks/administer-cluster/change-pv-reclaim-policy/.
func TestUpdateClassesAndVolumes(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	require.NoError(t, c.Apply(&corev1.PersistentVolume{ObjectMeta: metav1.ObjectMeta{Name: "disk"}, Spec: corev1.PersistentVolumeSpec{
		Capacity:    corev1.ResourceList{corev1.ResourceStorage: resource.MustParse("1Gi")},
		AccessModes: []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce}, StorageClassName: "manual",
		PersistentVolumeSource: corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/data"}},
	}}))
	sc, err := c.API().StorageClasses.Get("", "standard")
	require.NoError(t, err)
	sc.Annotations = map[string]string{"storageclass.kubernetes.io/is-default-class": "false"}
	require.NoError(t, c.Update(sc))
	got, err := c.API().StorageClasses.Get("", "standard")
	require.NoError(t, err)
	assert.Equal(t, "false", got.Annotations["storageclass.kubernetes.io/is-default-class"])
	other := got.DeepCopy()
	other.Provisioner = "example.com/other"
	err = c.Update(other)
	require.True(t, apierrors.IsInvalid(err), "%v", err)
	assert.Contains(t, err.Error(), "provisioner: Forbidden: updates to provisioner are forbidden.")
	require.NoError(t, c.DeleteStorageClass("standard"))
	_, err = c.API().StorageClasses.Get("", "standard")
	assert.True(t, apierrors.IsNotFound(err))

	pv, err := c.API().Volumes.Get("", "disk")
	require.NoError(t, err)
	pv.Spec.PersistentVolumeReclaimPolicy = corev1.PersistentVolumeReclaimDelete
	require.NoError(t, c.Update(pv))
	pv, err = c.API().Volumes.Get("", "disk")
	require.NoError(t, err)
	assert.Equal(t, corev1.PersistentVolumeReclaimDelete, pv.Spec.PersistentVolumeReclaimPolicy)
	pv.Spec.StorageClassName = "fast"
	err = c.Update(pv)
	require.True(t, apierrors.IsInvalid(err), "%v", err)
	assert.Contains(t, err.Error(), "nucleus changes a PersistentVolume's spec.persistentVolumeReclaimPolicy only")
}
