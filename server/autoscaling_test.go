package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/require"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// HorizontalPodAutoscalers are served in autoscaling/v2, the version
// discovery names as the group's preferred one, so kubectl get hpa and
// kubectl describe hpa reach them; a created autoscaler is defaulted
// (minReplicas 1, a CPU target of 80%).
// Reference: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go
// (APIGroup.PreferredVersion); pkg/apis/autoscaling/v2/defaults.go.
func TestServesHPAsInAutoscalingV2(t *testing.T) {
	s := serve(t, oneStore, 100)
	resp, body := get(t, s.addr+"/apis")
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var groups metav1.APIGroupList
	require.NoError(t, json.Unmarshal(body, &groups))
	var found bool
	for _, g := range groups.Groups {
		if g.Name == "autoscaling" {
			found = true
			require.Equal(t, "autoscaling/v2", g.PreferredVersion.GroupVersion)
		}
	}
	require.True(t, found, "discovery lists the autoscaling group")

	ctx := context.Background()
	h, err := s.client.AutoscalingV2().HorizontalPodAutoscalers("default").Create(ctx, &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"},
			MaxReplicas:    3,
		}}, metav1.CreateOptions{})
	require.NoError(t, err)
	require.Equal(t, int32(1), *h.Spec.MinReplicas)
	require.Equal(t, corev1.ResourceCPU, h.Spec.Metrics[0].Resource.Name)
	require.Equal(t, int32(80), *h.Spec.Metrics[0].Resource.Target.AverageUtilization)
	resp, body = get(t, s.addr+"/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers", "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
	require.Equal(t, http.StatusOK, resp.StatusCode, string(body))
	var table metav1.Table
	require.NoError(t, json.Unmarshal(body, &table))
	require.Len(t, table.Rows, 1)
	require.Equal(t, []any{"web", "Deployment/web", "cpu: <unknown>/80%"}, table.Rows[0].Cells[:3])
	require.NoError(t, s.client.AutoscalingV2().HorizontalPodAutoscalers("default").Delete(ctx, "web", metav1.DeleteOptions{}))
}
