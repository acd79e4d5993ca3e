package controller

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/sim"
)

// sharedLoad is a metrics source for a steady load of total millicores
// shared evenly by the running, ready pods, as customers spread by a
// Service would be; each sample ends now and covers the last 15 seconds.
type sharedLoad struct {
	h     *harness
	total int64
}

func (l *sharedLoad) PodMetrics(namespace, name string) (metrics.PodMetrics, bool) {
	p, err := l.h.api.Pods.Get(namespace, name)
	if err != nil || !isActiveAndReady(p) {
		return metrics.PodMetrics{}, false
	}
	n := int64(countPods(l.h.pods("web-"), isActiveAndReady))
	return cpuMetric(name, l.total/n, l.h.loop.Now()), true
}

func startAutoscaled(t *testing.T, load *sharedLoad) *harness {
	h := newHarness(t)
	load.h = h
	NewHPAController(Config{Loop: h.loop, API: h.api}, load)
	d := newDeployment(1, "nginx:1.27")
	d.Spec.Template.Spec.Containers[0].Resources.Requests = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("200m")}
	startDeployment(t, h, d)
	_, err := CreateHPA(h.api, &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "web"},
			MaxReplicas:    10,
			Metrics:        []autoscalingv2.MetricSpec{cpuUtilizationMetric(50)},
		}})
	require.NoError(t, err)
	return h
}

func deploymentReplicas(t *testing.T, h *harness) int32 {
	d, err := h.api.Deployments.Get("default", "web")
	require.NoError(t, err)
	return *d.Spec.Replicas
}

// An autoscaler under a load of 700m on pods asking for 200m each, aiming
// at 50%: it doubles (or adds four) at each 15-second sync until the pods
// that count bring the use to the target (700m / 100m = 7 pods), and when
// the load goes it waits out the 300-second window before letting them
// go, down to minReplicas.
// Reference: pkg/controller/podautoscaler/horizontal.go (reconcileAutoscaler,
// the resync period of 15s, normalizeDesiredReplicas), and the events'
// words ("New size: %d; reason: %s").
func TestHPARidesALoadAndWaitsBeforeScalingDown(t *testing.T) {
	load := &sharedLoad{total: 700}
	h := startAutoscaled(t, load)
	h.loop.RunFor(3 * time.Minute)
	require.Equal(t, int32(7), deploymentReplicas(t, h))
	ev := h.events(HPAComponent)
	require.NotEmpty(t, ev)
	require.Equal(t, "SuccessfulRescale New size: 4; reason: cpu resource utilization (percentage of request) above target", ev[0])
	hpa, err := h.api.HPAs.Get("default", "web")
	require.NoError(t, err)
	require.Equal(t, int32(7), hpa.Status.CurrentReplicas)
	require.Equal(t, int32(50), *hpa.Status.CurrentMetrics[0].Resource.Current.AverageUtilization)
	require.Equal(t, "ValidMetricFound", hpa.Status.Conditions[1].Reason)

	load.total = 10
	h.loop.RunFor(4 * time.Minute)
	require.Equal(t, int32(7), deploymentReplicas(t, h), "within the 300s window the count holds")
	h.loop.RunFor(90 * time.Second)
	require.Equal(t, int32(1), deploymentReplicas(t, h), "after the window it goes down to minReplicas")
	ev = h.events(HPAComponent)
	require.Equal(t, "SuccessfulRescale New size: 1; reason: All metrics below target", ev[len(ev)-1])
}

// With no metrics the autoscaler says so and leaves the count alone.
// Reference: horizontal.go computeStatusForResourceMetric and
// getUnableComputeReplicaCountCondition.
func TestHPAWithoutMetrics(t *testing.T) {
	h := newHarness(t)
	NewHPAController(Config{Loop: h.loop, API: h.api}, metrics.NewServer())
	d := newDeployment(2, "nginx:1.27")
	d.Spec.Template.Spec.Containers[0].Resources.Requests = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("200m")}
	startDeployment(t, h, d)
	_, err := CreateHPA(h.api, &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{Kind: "Deployment", Name: "web"}, MaxReplicas: 5}})
	require.NoError(t, err)
	h.loop.RunFor(time.Second)
	hpa, err := h.api.HPAs.Get("default", "web")
	require.NoError(t, err)
	require.Equal(t, corev1.ConditionFalse, hpa.Status.Conditions[1].Status)
	require.Equal(t, "FailedGetResourceMetric", hpa.Status.Conditions[1].Reason)
	require.Equal(t, "the HPA was unable to compute the replica count: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API",
		hpa.Status.Conditions[1].Message)
	require.Equal(t, int32(2), deploymentReplicas(t, h))
	var warnings int
	for _, r := range h.records {
		if r.Source.Component == HPAComponent && r.Type == sim.Warning {
			warnings++
		}
	}
	require.Equal(t, 2, warnings, "FailedGetResourceMetric and FailedComputeMetricsReplicas")
}
