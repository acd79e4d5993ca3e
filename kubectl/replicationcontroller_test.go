package kubectl

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func nginxRC(replicas int32) *corev1.ReplicationController {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	return &corev1.ReplicationController{
		ObjectMeta: metav1.ObjectMeta{Name: "nginx", Namespace: "default", UID: "rc-1",
			Labels: map[string]string{"app": "nginx"}, CreationTimestamp: metav1.NewTime(start)},
		Spec: corev1.ReplicationControllerSpec{
			Replicas: &replicas, Selector: map[string]string{"app": "nginx"},
			Template: &corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "nginx"}},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx"}}},
			},
		},
		Status: corev1.ReplicationControllerStatus{Replicas: 3, ReadyReplicas: 2},
	}
}

// `kubectl get rc` has a ReplicaSet's columns; -o wide adds the
// containers, images and the selector map.
// Reference: pkg/printers/internalversion/printers.go
// printReplicationController (replicationControllerColumnDefinitions).
func TestPrintReplicationControllers(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 2, 0, 0, time.UTC)
	var b bytes.Buffer
	require.NoError(t, PrintReplicationControllers(&b, []*corev1.ReplicationController{nginxRC(3)}, now, false))
	assert.Equal(t, "NAME    DESIRED   CURRENT   READY   AGE\nnginx   3         3         2       2m\n", b.String())
	b.Reset()
	require.NoError(t, PrintReplicationControllers(&b, []*corev1.ReplicationController{nginxRC(3)}, now, true))
	assert.Contains(t, b.String(), "CONTAINERS   IMAGES   SELECTOR")
	assert.Contains(t, b.String(), "nginx        nginx    app=nginx")
	err := PrintReplicationControllers(&b, []*corev1.ReplicationController{nil}, now, false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "replicationControllers[0]")
}

// `kubectl describe rc` shows the selector map, "current / desired" and
// the pods by phase, as the ReplicationController page shows it.
// Reference: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/
// ("Running an example ReplicationController"); kubectl describe.go
// describeReplicationController.
func TestDescribeReplicationController(t *testing.T) {
	rc := nginxRC(3)
	yes := true
	owned := func(name string, phase corev1.PodPhase) *corev1.Pod {
		return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "nginx"},
			OwnerReferences: []metav1.OwnerReference{{APIVersion: "v1", Kind: "ReplicationController", Name: "nginx", UID: "rc-1", Controller: &yes}}},
			Status: corev1.PodStatus{Phase: phase}}
	}
	pods := []*corev1.Pod{owned("nginx-a", corev1.PodRunning), owned("nginx-b", corev1.PodRunning), owned("nginx-c", corev1.PodPending)}
	var b bytes.Buffer
	require.NoError(t, DescribeReplicationController(&b, rc, pods, nil, time.Date(2025, 1, 1, 0, 1, 0, 0, time.UTC)))
	out := b.String()
	for _, want := range []string{"Name:         nginx\n", "Selector:     app=nginx\n", "Replicas:     3 current / 3 desired\n",
		"Pods Status:  2 Running / 1 Waiting / 0 Succeeded / 0 Failed\n", "Image:         nginx\n"} {
		assert.Contains(t, out, want)
	}
	assert.NotContains(t, out, "Controlled By")
}
