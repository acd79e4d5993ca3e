package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// client-go creates a ReplicationController without a selector: the
// server defaults it to the template's labels, the replication manager
// hires the pods, and the scale subresource resizes it, as `kubectl
// scale rc` does.
// Reference: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController;
// pkg/registry/core/replicationcontroller/storage/storage.go (ScaleREST).
func TestServeReplicationControllers(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	d := deployment("nginx", 2)
	rc := &corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "nginx"},
		Spec: corev1.ReplicationControllerSpec{Replicas: d.Spec.Replicas, Template: &d.Spec.Template}}
	rcs := s.client.CoreV1().ReplicationControllers("default")
	created, err := rcs.Create(ctx, rc, metav1.CreateOptions{})
	require.NoError(t, err)
	assert.Equal(t, d.Spec.Template.Labels, created.Spec.Selector)
	eventually(t, "the RC to have two ready pods", func() bool {
		got, err := rcs.Get(ctx, "nginx", metav1.GetOptions{})
		return err == nil && got.Status.ReadyReplicas == 2
	})
	sc, err := rcs.GetScale(ctx, "nginx", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(2), sc.Spec.Replicas)
	sc.Spec.Replicas = 1
	_, err = rcs.UpdateScale(ctx, "nginx", sc, metav1.UpdateOptions{})
	require.NoError(t, err)
	eventually(t, "the RC to have one pod", func() bool {
		got, err := rcs.Get(ctx, "nginx", metav1.GetOptions{})
		return err == nil && got.Status.Replicas == 1
	})
}
