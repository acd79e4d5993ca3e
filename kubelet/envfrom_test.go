package kubelet_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// Reference: pkg/kubelet/kubelet_pods.go (makeEnvironmentVariables: envFrom
// first, with the prefix, then env; configMapKeyRef and secretKeyRef;
// optional references left out); pkg/kubelet/kuberuntime/kuberuntime_container.go
// (startContainer: a failed generateContainerConfig is
// CreateContainerConfigError with an "Error: ..." event, and the pod starts
// on a later sync once the object exists);
// https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/.
func TestEnvFromConfigMapsAndSecrets(t *testing.T) {
	yes := true
	p := podOf("app", 30, corev1.Container{Name: "app", Image: "busybox:1.36",
		Command: []string{"sh", "-c", "env; sleep 3600"},
		EnvFrom: []corev1.EnvFromSource{
			{Prefix: "CFG_", ConfigMapRef: &corev1.ConfigMapEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "settings"}}},
			{ConfigMapRef: &corev1.ConfigMapEnvSource{LocalObjectReference: corev1.LocalObjectReference{Name: "absent"}, Optional: &yes}},
		},
		Env: []corev1.EnvVar{
			{Name: "LEVEL", ValueFrom: &corev1.EnvVarSource{ConfigMapKeyRef: &corev1.ConfigMapKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "settings"}, Key: "level"}}},
			{Name: "PASSWORD", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "db"}, Key: "password"}}},
			{Name: "MAYBE", ValueFrom: &corev1.EnvVarSource{SecretKeyRef: &corev1.SecretKeySelector{
				LocalObjectReference: corev1.LocalObjectReference{Name: "db"}, Key: "nothing", Optional: &yes}}},
			{Name: "URL", Value: "https://$(CFG_host):443"},
		}})
	r := newRun(t, cluster.Config{Seed: 1}, p)
	r.c.RunFor(5 * time.Second)

	got, err := r.c.Pod("default", "app")
	require.NoError(t, err)
	w := containerStatus(t, got, "app").State.Waiting
	require.NotNil(t, w, "no ConfigMap yet: the container waits")
	assert.Equal(t, "CreateContainerConfigError", w.Reason)
	assert.Equal(t, `configmap "settings" not found`, w.Message)
	require.NotEmpty(t, r.find("Failed", "app"))
	assert.Equal(t, `Error: configmap "settings" not found`, r.find("Failed", "app")[0].Message)

	// The ConfigMap arrives without the key env names.
	require.NoError(t, r.c.Apply(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings"},
		Data: map[string]string{"host": "db.local", "mode": "fast"}}))
	r.c.RunFor(20 * time.Second)
	got, _ = r.c.Pod("default", "app")
	w = containerStatus(t, got, "app").State.Waiting
	require.NotNil(t, w)
	assert.Equal(t, "couldn't find key level in ConfigMap default/settings", w.Message)

	require.NoError(t, r.c.Apply(
		&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "settings"},
			Data: map[string]string{"host": "db.local", "level": "debug"}},
		&corev1.Secret{ObjectMeta: metav1.ObjectMeta{Name: "db"}, StringData: map[string]string{"password": "s3cret"}}))
	r.c.RunFor(20 * time.Second)
	got, _ = r.c.Pod("default", "app")
	require.NotNil(t, containerStatus(t, got, "app").State.Running, "starts once both exist")
	logs := r.logs(t, "default", "app", "app")
	for _, want := range []string{"CFG_host=db.local\n", "CFG_level=debug\n", "LEVEL=debug\n", "PASSWORD=s3cret\n", "URL=https://db.local:443\n"} {
		assert.Contains(t, logs, want)
	}
	assert.NotContains(t, logs, "MAYBE=", "an optional key that is missing is left out")
	assert.False(t, strings.Contains(logs, "CFG_mode"), "the ConfigMap as it is when the container starts: applied again without mode")
}
