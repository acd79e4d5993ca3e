package kubectl

import (
	"bytes"
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

// Reference: pkg/printers/internalversion/printers.go
// printHorizontalPodAutoscaler, formatHPAMetrics.
func TestPrintHPAs(t *testing.T) {
	now := time.Date(2026, 5, 9, 7, 5, 0, 0, time.UTC)
	minR, goal, cur := int32(1), int32(50), int32(250)
	h := &autoscalingv2.HorizontalPodAutoscaler{
		ObjectMeta: metav1.ObjectMeta{Name: "php-apache", CreationTimestamp: metav1.NewTime(now.Add(-90 * time.Second))},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{Kind: "Deployment", Name: "php-apache"},
			MinReplicas:    &minR, MaxReplicas: 10,
			Metrics: []autoscalingv2.MetricSpec{{Type: autoscalingv2.ResourceMetricSourceType, Resource: &autoscalingv2.ResourceMetricSource{
				Name: corev1.ResourceCPU, Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: &goal}}}},
		},
	}
	fresh := h.DeepCopy()
	h.Status.CurrentReplicas = 4
	h.Status.CurrentMetrics = []autoscalingv2.MetricStatus{{Type: autoscalingv2.ResourceMetricSourceType, Resource: &autoscalingv2.ResourceMetricStatus{
		Name: corev1.ResourceCPU, Current: autoscalingv2.MetricValueStatus{AverageUtilization: &cur}}}}
	fresh.Name = "fresh"
	var b bytes.Buffer
	require.NoError(t, PrintHPAs(&b, []*autoscalingv2.HorizontalPodAutoscaler{fresh, h}, now))
	require.Equal(t, ""+
		"NAME         REFERENCE               TARGETS              MINPODS   MAXPODS   REPLICAS   AGE\n"+
		"fresh        Deployment/php-apache   cpu: <unknown>/50%   1         10        0          90s\n"+
		"php-apache   Deployment/php-apache   cpu: 250%/50%        1         10        4          90s\n", b.String())
	require.Error(t, PrintHPAs(&b, []*autoscalingv2.HorizontalPodAutoscaler{nil}, now))
}

// Reference: kubectl pkg/metricsutil/metrics_printer.go (PrintPodMetrics,
// PrintNodeMetrics: millicores, Mi, percentages of allocatable).
func TestPrintTop(t *testing.T) {
	m := metrics.NewServer()
	at := func(d time.Duration) sim.Time { return sim.Time(d) }
	m.Scrape([]metrics.Sample{{Namespace: "default", Pod: "web", Container: "app", Node: "store-1", ID: "c1", Time: at(0)}})
	m.Scrape([]metrics.Sample{{Namespace: "default", Pod: "web", Container: "app", Node: "store-1", ID: "c1", Time: at(15 * time.Second),
		CPU: uint64(3 * time.Second), Memory: 12 << 20}})
	var b bytes.Buffer
	require.NoError(t, PrintTopPods(&b, m.AllPodMetrics()))
	require.Equal(t, "NAME   CPU(cores)   MEMORY(bytes)\nweb    200m         12Mi\n", b.String())
	nodes := []*corev1.Node{
		{ObjectMeta: metav1.ObjectMeta{Name: "store-1"}, Status: corev1.NodeStatus{Allocatable: corev1.ResourceList{
			corev1.ResourceCPU: resource.MustParse("4"), corev1.ResourceMemory: resource.MustParse("1Gi")}}},
		{ObjectMeta: metav1.ObjectMeta{Name: "store-2"}},
	}
	b.Reset()
	require.NoError(t, PrintTopNodes(&b, nodes, m))
	require.Equal(t, ""+
		"NAME      CPU(cores)   CPU(%)      MEMORY(bytes)   MEMORY(%)\n"+
		"store-1   200m         5%          12Mi            1%\n"+
		"store-2   <unknown>    <unknown>   <unknown>       <unknown>\n", b.String())
}

// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// describeHorizontalPodAutoscalerBehavior.
func TestDescribeHPABehavior(t *testing.T) {
	window, sel := int32(60), autoscalingv2.MaxChangePolicySelect
	h := &autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{Kind: "Deployment", Name: "web"}, MaxReplicas: 5,
			Behavior: &autoscalingv2.HorizontalPodAutoscalerBehavior{ScaleDown: &autoscalingv2.HPAScalingRules{
				StabilizationWindowSeconds: &window, SelectPolicy: &sel,
				Policies: []autoscalingv2.HPAScalingPolicy{{Type: autoscalingv2.PodsScalingPolicy, Value: 1, PeriodSeconds: 30}}}}}}
	var b bytes.Buffer
	require.NoError(t, DescribeHPA(&b, h, nil, time.Unix(0, 0)))
	require.Contains(t, b.String(), "Behavior:\n  Scale Down:\n    Stabilization Window: 60 seconds\n    Select Policy: Max\n    Policies:\n      - Type: Pods")
	require.Contains(t, b.String(), "Min replicas:")
	require.Error(t, DescribeHPA(&b, nil, nil, time.Unix(0, 0)))
}
