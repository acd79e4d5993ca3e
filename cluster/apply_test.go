package cluster_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
)

const newcomerYAML = `apiVersion: v1
kind: Pod
metadata:
  name: from-yaml
spec:
  containers:
  - name: app
    image: nginx:1.27
`

// Apply takes what a newcomer hands it: a decoded document, a value or a
// pointer; an object without a namespace lands in "default" (as kubectl
// sends it), and Apply leaves what it was given as it was.
func TestApplyTakesWhatANewcomerHandsIt(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode("pod.yaml", []byte(newcomerYAML))
	require.NoError(t, err)
	value := corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "a-value"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}}}
	pointer := value.DeepCopy()
	pointer.Name = "a-pointer"
	require.NoError(t, c.Apply(docs[0], value, pointer))
	c.RunFor(10 * time.Second)
	for _, name := range []string{"from-yaml", "a-value", "a-pointer"} {
		p, err := c.Pod("default", name)
		require.NoError(t, err, name)
		assert.Equal(t, corev1.PodRunning, p.Status.Phase, name)
	}
	assert.Empty(t, pointer.Namespace, "Apply leaves what it was given as it was")

	err = c.Apply("web.yaml")
	require.Error(t, err)
	assert.Equal(t, "apply: string is not an object nucleus simulates; pass a Namespace, Pod, Service, Deployment, ReplicaSet, ReplicationController, Job, CronJob, StatefulSet, DaemonSet, PodDisruptionBudget, HorizontalPodAutoscaler, ConfigMap, "+
		"Secret, Endpoints, EndpointSlice, PersistentVolumeClaim, PersistentVolume or StorageClass from k8s.io/api (a value or a pointer), or a manifest.Document from manifest.Decoder.Decode", err.Error())
}

// A zero seed is the command's default seed, 1: the same run.
func TestZeroSeedIsSeedOne(t *testing.T) {
	uid := func(seed uint64) string {
		c, err := cluster.New(cluster.Config{Seed: seed})
		require.NoError(t, err)
		require.NoError(t, c.Apply(corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.27"}}}}))
		p, err := c.Pod("default", "web")
		require.NoError(t, err)
		return string(p.UID)
	}
	assert.Equal(t, uid(1), uid(0))
	assert.NotEqual(t, uid(1), uid(2))
}

// A Service without a namespace lands in "default" too.
func TestApplyServiceWithoutNamespace(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	require.NoError(t, c.Apply(corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}}}))
	var found bool
	for _, s := range c.Services() {
		found = found || (s.Namespace == "default" && s.Name == "web")
	}
	assert.True(t, found, "Service web in default")
}
