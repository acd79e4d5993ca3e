package server_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// client-go creates a DaemonSet; the server serves it, with its status
// counting the one store, and its pod pinned to that store.
// Reference: pkg/controller/daemon/daemon_controller.go.
func TestServeDaemonSets(t *testing.T) {
	s := serve(t, oneStore, 100)
	ctx := context.Background()
	d := deployment("greeter", 1)
	ds := &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: "greeter"},
		Spec: appsv1.DaemonSetSpec{Selector: d.Spec.Selector, Template: d.Spec.Template}}
	_, err := s.client.AppsV1().DaemonSets("default").Create(ctx, ds, metav1.CreateOptions{})
	require.NoError(t, err)
	eventually(t, "the DaemonSet to have one available pod", func() bool {
		got, err := s.client.AppsV1().DaemonSets("default").Get(ctx, "greeter", metav1.GetOptions{})
		return err == nil && got.Status.NumberAvailable == 1
	})
	got, err := s.client.AppsV1().DaemonSets("default").Get(ctx, "greeter", metav1.GetOptions{})
	require.NoError(t, err)
	assert.Equal(t, int32(1), got.Status.DesiredNumberScheduled)
	assert.Equal(t, appsv1.RollingUpdateDaemonSetStrategyType, got.Spec.UpdateStrategy.Type)
	pods, err := s.client.CoreV1().Pods("default").List(ctx, metav1.ListOptions{})
	require.NoError(t, err)
	require.Len(t, pods.Items, 1)
	assert.Equal(t, "store-1", pods.Items[0].Spec.NodeName)
}
