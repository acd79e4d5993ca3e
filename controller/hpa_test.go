package controller

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/sim"
)

// hpaPod is a pod for the replica calculator: its phase, whether it is
// ready, when it started and last changed readiness, and its CPU request.
func hpaPod(name string, phase corev1.PodPhase, ready bool, started, changed sim.Time, request string) *corev1.Pod {
	st := corev1.ConditionFalse
	if ready {
		st = corev1.ConditionTrue
	}
	start := metav1.NewTime(started.Wall())
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Resources: corev1.ResourceRequirements{
			Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(request)}}}}},
		Status: corev1.PodStatus{Phase: phase, StartTime: &start, Conditions: []corev1.PodCondition{
			{Type: corev1.PodReady, Status: st, LastTransitionTime: metav1.NewTime(changed.Wall())}}},
	}
}

func cpuMetric(name string, milli int64, at sim.Time) metrics.PodMetrics {
	return metrics.PodMetrics{Namespace: "default", Name: name, Timestamp: at, Window: metrics.Resolution,
		Containers: []metrics.ContainerMetrics{{Name: "app", Usage: metrics.Usage{MilliCPU: milli}}}}
}

// The replica calculator's rules for CPU utilization.
// Reference: pkg/controller/podautoscaler/replica_calculator.go
// (GetResourceReplicas, groupPods, calculatePodRequests) and
// pkg/controller/podautoscaler/metrics/utilization.go
// (GetResourceUtilizationRatio); the HPA docs page, "Algorithm details".
func TestCalcCPUReplicas(t *testing.T) {
	now := sim.Time(time.Hour)
	long := sim.Time(0) // started and ready long ago
	type podSpec struct {
		name    string
		phase   corev1.PodPhase
		ready   bool
		started sim.Time
		changed sim.Time
		milli   int64 // -1: no metric
	}
	run := func(name string, milli int64) podSpec {
		return podSpec{name, corev1.PodRunning, true, long, long, milli}
	}
	cases := []struct {
		name    string
		current int32
		target  int32
		pods    []podSpec
		want    int32
		util    int32
		wantErr string
	}{
		{"ceil(current × usage/target)", 3, 30, []podSpec{run("a", 500), run("b", 500), run("c", 500)}, 5, 50, ""},
		{"within the 0.1 tolerance nothing changes", 3, 30, []podSpec{run("a", 320), run("b", 320), run("c", 320)}, 3, 32, ""},
		{"just outside the tolerance scales", 3, 30, []podSpec{run("a", 340), run("b", 340), run("c", 340)}, 4, 34, ""},
		{"scale down", 4, 50, []podSpec{run("a", 100), run("b", 100), run("c", 100), run("d", 100)}, 1, 10, ""},
		{"a pod without a metric counts as using its whole request on a scale-down", 4, 50,
			[]podSpec{run("a", 100), run("b", 100), run("c", 100), run("d", -1)}, 3, 10, ""},
		{"a pod without a metric counts as using nothing on a scale-up", 4, 50,
			[]podSpec{run("a", 1000), run("b", 1000), run("c", 1000), run("d", -1)}, 6, 100, ""},
		{"a Pending pod counts as using nothing on a scale-up", 3, 50,
			[]podSpec{run("a", 1000), run("b", 1000), {"c", corev1.PodPending, false, long, long, -1}}, 4, 100, ""},
		{"an unready pod turns the scale-up around into no change", 2, 50,
			[]podSpec{run("a", 600), {"b", corev1.PodRunning, false, now - sim.Time(time.Minute), now - sim.Time(time.Minute), 0}}, 2, 60, ""},
		{"a sample from before the pod became ready, in its first five minutes, is ignored", 2, 50,
			[]podSpec{run("a", 1500), {"b", corev1.PodRunning, true, now - sim.Time(time.Minute), now - sim.Time(5*time.Second), 5000}}, 3, 150, ""},
		{"after five minutes a ready pod's sample counts whenever it changed readiness", 2, 50,
			[]podSpec{run("a", 1000), {"b", corev1.PodRunning, true, long, now - sim.Time(5*time.Second), 1000}}, 4, 100, ""},
		{"a failed pod is ignored", 2, 50, []podSpec{run("a", 500), {"b", corev1.PodFailed, false, long, long, 5000}}, 2, 50, ""},
		{"no metric at all", 2, 50, []podSpec{run("a", -1), run("b", -1)}, 0, 0,
			"unable to get metrics for resource cpu: no metrics returned from resource metrics API"},
		{"only unready pods have metrics", 1, 50, []podSpec{{"a", corev1.PodRunning, false, now - sim.Time(time.Minute), now - sim.Time(time.Minute), 100}}, 0, 0,
			"did not receive metrics for targeted pods (pods might be unready)"},
		{"no pods", 1, 50, nil, 0, 0, "no pods returned by selector while calculating replica count"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var pods []*corev1.Pod
			pm := map[string]metrics.PodMetrics{}
			for _, p := range tc.pods {
				pods = append(pods, hpaPod(p.name, p.phase, p.ready, p.started, p.changed, "1"))
				if p.milli >= 0 {
					pm[p.name] = cpuMetric(p.name, p.milli, now)
				}
			}
			got, err := calcCPUReplicas(tc.current, tc.target, pods, pm, now)
			if tc.wantErr != "" {
				require.EqualError(t, err, tc.wantErr)
				return
			}
			require.NoError(t, err)
			if got.replicas != tc.want || got.utilization != tc.util {
				t.Errorf("calcCPUReplicas = %d replicas at %d%%, want %d at %d%%", got.replicas, got.utilization, tc.want, tc.util)
			}
		})
	}
}

// A container without a CPU request makes utilization meaningless.
// Reference: replica_calculator.go calculatePodRequests.
func TestCalcCPUReplicasNeedsRequests(t *testing.T) {
	p := hpaPod("a", corev1.PodRunning, true, 0, 0, "1")
	p.Spec.Containers[0].Resources = corev1.ResourceRequirements{}
	_, err := calcCPUReplicas(1, 50, []*corev1.Pod{p}, map[string]metrics.PodMetrics{"a": cpuMetric("a", 10, sim.Time(time.Hour))}, sim.Time(time.Hour))
	require.EqualError(t, err, "missing request for cpu in container app of Pod a")
}

func hpaSpec(minR, maxR int32, b *autoscalingv2.HorizontalPodAutoscalerBehavior) *autoscalingv2.HorizontalPodAutoscalerSpec {
	h := &autoscalingv2.HorizontalPodAutoscaler{Spec: autoscalingv2.HorizontalPodAutoscalerSpec{MinReplicas: &minR, MaxReplicas: maxR, Behavior: b}}
	DefaultHPA(h)
	return &h.Spec
}

func reasons(conds []condition) string {
	return fmt.Sprintf("%s/%s", conds[0].reason, conds[1].reason)
}

// Without spec.behavior: a scale-down waits for the highest recommendation
// of the last 300 seconds, and a scale-up is limited to double the count
// or four pods, whichever is more.
// Reference: pkg/controller/podautoscaler/horizontal.go
// (normalizeDesiredReplicas, stabilizeRecommendation,
// convertDesiredReplicasWithRules, calculateScaleUpLimit).
func TestNormalizeWithoutBehavior(t *testing.T) {
	spec := hpaSpec(1, 20, nil)
	var h hpaHistory
	got, conds := h.normalize(spec, 5, 5, 0)
	require.Equal(t, int32(5), got)
	require.Equal(t, "ReadyForNewScale/DesiredWithinRange", reasons(conds))
	got, conds = h.normalize(spec, 5, 2, sim.Time(60*time.Second))
	if got != 5 || reasons(conds) != "ScaleDownStabilized/DesiredWithinRange" {
		t.Errorf("a minute later, desired 2: %d (%s), want 5 held by the window", got, reasons(conds))
	}
	got, _ = h.normalize(spec, 5, 2, sim.Time(301*time.Second))
	if got != 2 {
		t.Errorf("301s after the recommendation of 5: %d, want 2", got)
	}
	got, conds = h.normalize(spec, 1, 10, sim.Time(400*time.Second))
	if got != 4 || reasons(conds) != "ReadyForNewScale/ScaleUpLimit" || conds[1].status != corev1.ConditionTrue {
		t.Errorf("1 → 10: %d (%s), want 4, ScaleUpLimit", got, reasons(conds))
	}
	got, conds = h.normalize(spec, 15, 30, sim.Time(500*time.Second))
	if got != 20 || reasons(conds) != "ReadyForNewScale/TooManyReplicas" {
		t.Errorf("15 → 30 with max 20: %d (%s), want 20, TooManyReplicas", got, reasons(conds))
	}
}

func rules(window int32, sel autoscalingv2.ScalingPolicySelect, policies ...autoscalingv2.HPAScalingPolicy) *autoscalingv2.HPAScalingRules {
	return &autoscalingv2.HPAScalingRules{StabilizationWindowSeconds: &window, SelectPolicy: &sel, Policies: policies}
}

// With spec.behavior: the policies bound the change in each period, from
// the count at the period's start, and selectPolicy picks among them.
// Reference: horizontal.go (normalizeDesiredReplicasWithBehaviors,
// convertDesiredReplicasWithBehaviorRate,
// calculateScaleUpLimitWithScalingRules,
// calculateScaleDownLimitWithBehaviors, storeScaleEvent) and the HPA docs
// page, "Configurable scaling behavior".
func TestNormalizeWithBehavior(t *testing.T) {
	pods4 := autoscalingv2.HPAScalingPolicy{Type: autoscalingv2.PodsScalingPolicy, Value: 4, PeriodSeconds: 15}
	pct100 := autoscalingv2.HPAScalingPolicy{Type: autoscalingv2.PercentScalingPolicy, Value: 100, PeriodSeconds: 15}
	t.Run("defaults: the larger of 4 pods and 100%", func(t *testing.T) {
		spec := hpaSpec(1, 100, &autoscalingv2.HorizontalPodAutoscalerBehavior{})
		var h hpaHistory
		if got, _ := h.normalize(spec, 10, 50, 0); got != 20 {
			t.Errorf("10 → 50: %d, want 20 (100%% beats 4 pods)", got)
		}
		if got, _ := h.normalize(spec, 2, 50, sim.Time(time.Hour)); got != 6 {
			t.Errorf("2 → 50: %d, want 6 (4 pods beat 100%%)", got)
		}
	})
	t.Run("selectPolicy Min takes the smaller change", func(t *testing.T) {
		spec := hpaSpec(1, 100, &autoscalingv2.HorizontalPodAutoscalerBehavior{ScaleUp: rules(0, autoscalingv2.MinChangePolicySelect, pods4, pct100)})
		var h hpaHistory
		if got, conds := h.normalize(spec, 10, 50, 0); got != 14 || reasons(conds) != "ReadyForNewScale/ScaleUpLimit" {
			t.Errorf("10 → 50: %d (%s), want 14, ScaleUpLimit", got, reasons(conds))
		}
	})
	t.Run("Disabled does not scale that way", func(t *testing.T) {
		spec := hpaSpec(1, 100, &autoscalingv2.HorizontalPodAutoscalerBehavior{ScaleDown: rules(0, autoscalingv2.DisabledPolicySelect, pct100)})
		var h hpaHistory
		if got, _ := h.normalize(spec, 10, 2, 0); got != 10 {
			t.Errorf("10 → 2 with scale-down disabled: %d, want 10", got)
		}
	})
	t.Run("a period counts the changes already made in it", func(t *testing.T) {
		half := autoscalingv2.HPAScalingPolicy{Type: autoscalingv2.PercentScalingPolicy, Value: 50, PeriodSeconds: 60}
		spec := hpaSpec(1, 100, &autoscalingv2.HorizontalPodAutoscalerBehavior{ScaleDown: rules(0, autoscalingv2.MaxChangePolicySelect, half)})
		var h hpaHistory
		got, conds := h.normalize(spec, 10, 1, 0)
		if got != 5 || reasons(conds) != "ReadyForNewScale/ScaleDownLimit" {
			t.Fatalf("10 → 1 by 50%%/60s: %d (%s), want 5, ScaleDownLimit", got, reasons(conds))
		}
		h.recordRescale(spec.Behavior, 10, 5, 0)
		if got, _ := h.normalize(spec, 5, 1, sim.Time(30*time.Second)); got != 5 {
			t.Errorf("30s later, 5 → 1: %d, want 5 (the period began at 10; 50%% of it is used)", got)
		}
		if got, _ := h.normalize(spec, 5, 1, sim.Time(61*time.Second)); got != 2 {
			t.Errorf("61s later, 5 → 1: %d, want 2 (a new period: 50%% of 5, rounded down)", got)
		}
	})
	t.Run("the scale-up window holds the lowest recent recommendation", func(t *testing.T) {
		spec := hpaSpec(1, 100, &autoscalingv2.HorizontalPodAutoscalerBehavior{ScaleUp: rules(60, autoscalingv2.MaxChangePolicySelect, pct100)})
		var h hpaHistory
		h.normalize(spec, 2, 2, 0)
		got, conds := h.normalize(spec, 2, 4, sim.Time(30*time.Second))
		if got != 2 || reasons(conds) != "ScaleUpStabilized/DesiredWithinRange" {
			t.Errorf("2 → 4 within the 60s window after a recommendation of 2: %d (%s), want 2, ScaleUpStabilized", got, reasons(conds))
		}
		if got, _ := h.normalize(spec, 2, 4, sim.Time(61*time.Second)); got != 4 {
			t.Errorf("after the window: %d, want 4", got)
		}
	})
}

// autoscaling/v2 defaults and validation, and the v1 conversion.
// Reference: pkg/apis/autoscaling/v2/defaults.go,
// pkg/apis/autoscaling/validation/validation.go, and
// pkg/apis/autoscaling/v1/conversion.go (targetCPUUtilizationPercentage).
func TestHPADefaultsValidationAndV1(t *testing.T) {
	pct := int32(50)
	minR := int32(1)
	v1 := &autoscalingv1.HorizontalPodAutoscaler{ObjectMeta: metav1.ObjectMeta{Name: "php-apache"},
		Spec: autoscalingv1.HorizontalPodAutoscalerSpec{
			ScaleTargetRef: autoscalingv1.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "php-apache"},
			MinReplicas:    &minR, MaxReplicas: 10, TargetCPUUtilizationPercentage: &pct}}
	h := HPAFromV1(v1)
	DefaultHPA(h)
	require.Empty(t, ValidateHPA(h))
	require.Equal(t, int32(50), *h.Spec.Metrics[0].Resource.Target.AverageUtilization)
	require.Nil(t, h.Spec.Behavior, "behavior is defaulted only when given")

	bare := &autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: metav1.ObjectMeta{Name: "x"}, Spec: autoscalingv2.HorizontalPodAutoscalerSpec{
		ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{Kind: "Deployment", Name: "x"}, MaxReplicas: 3,
		Behavior: &autoscalingv2.HorizontalPodAutoscalerBehavior{}}}
	DefaultHPA(bare)
	require.Equal(t, int32(80), *bare.Spec.Metrics[0].Resource.Target.AverageUtilization)
	require.Equal(t, int32(300), *bare.Spec.Behavior.ScaleDown.StabilizationWindowSeconds)
	require.Equal(t, int32(0), *bare.Spec.Behavior.ScaleUp.StabilizationWindowSeconds)
	require.Len(t, bare.Spec.Behavior.ScaleUp.Policies, 2)

	bad := bare.DeepCopy()
	bad.Spec.MinReplicas = ptrTo(int32(5))
	bad.Spec.Metrics[0].Resource.Name = corev1.ResourceMemory
	errs := ValidateHPA(bad)
	require.Len(t, errs, 2)
	require.Equal(t, "spec.maxReplicas: Invalid value: 3: must be greater than or equal to `minReplicas`", errs[0].Error())
	require.Contains(t, errs[1].Error(), "spec.metrics[0].resource.name: Unsupported value: \"memory\"")
}
