package controller

import (
	"fmt"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
)

// DefaultHPA fills in what the API server fills in when an autoscaling/v2
// HorizontalPodAutoscaler is created (pkg/apis/autoscaling/v2/defaults.go):
// namespace "default", minReplicas 1, a CPU utilization target of 80%
// when no metric is given, and, when spec.behavior is given, every rule it
// leaves out: scale up with no stabilization window by the larger of 4
// pods or 100% every 15 seconds; scale down after a 300-second window by
// up to 100% every 15 seconds; selectPolicy Max. A nil object is left
// alone.
func DefaultHPA(h *autoscalingv2.HorizontalPodAutoscaler) {
	if h == nil {
		return
	}
	defaultMeta(&h.ObjectMeta, &h.TypeMeta, "autoscaling/v2", "HorizontalPodAutoscaler")
	defaultInt32(&h.Spec.MinReplicas, 1)
	if len(h.Spec.Metrics) == 0 {
		h.Spec.Metrics = []autoscalingv2.MetricSpec{cpuUtilizationMetric(defaultCPUUtilizationGoal)}
	}
	if b := h.Spec.Behavior; b != nil {
		b.ScaleUp = defaultScalingRules(b.ScaleUp, 0, []autoscalingv2.HPAScalingPolicy{
			{Type: autoscalingv2.PodsScalingPolicy, Value: 4, PeriodSeconds: 15},
			{Type: autoscalingv2.PercentScalingPolicy, Value: 100, PeriodSeconds: 15}})
		b.ScaleDown = defaultScalingRules(b.ScaleDown, int32(downscaleStabilisation.Seconds()), []autoscalingv2.HPAScalingPolicy{
			{Type: autoscalingv2.PercentScalingPolicy, Value: 100, PeriodSeconds: 15}})
	}
}

// defaultScalingRules is GenerateHPAScaleUpRules / GenerateHPAScaleDownRules:
// each field the rules leave out takes its default.
func defaultScalingRules(r *autoscalingv2.HPAScalingRules, window int32, policies []autoscalingv2.HPAScalingPolicy) *autoscalingv2.HPAScalingRules {
	if r == nil {
		r = &autoscalingv2.HPAScalingRules{}
	}
	defaultInt32(&r.StabilizationWindowSeconds, window)
	if r.SelectPolicy == nil {
		max := autoscalingv2.MaxChangePolicySelect
		r.SelectPolicy = &max
	}
	if len(r.Policies) == 0 {
		r.Policies = policies
	}
	return r
}

func cpuUtilizationMetric(percent int32) autoscalingv2.MetricSpec {
	return autoscalingv2.MetricSpec{Type: autoscalingv2.ResourceMetricSourceType, Resource: &autoscalingv2.ResourceMetricSource{
		Name: corev1.ResourceCPU, Target: autoscalingv2.MetricTarget{Type: autoscalingv2.UtilizationMetricType, AverageUtilization: ptrTo(percent)}}}
}

// HPAFromV1 converts an autoscaling/v1 HorizontalPodAutoscaler to v2 as
// the API server does: targetCPUUtilizationPercentage becomes a CPU
// utilization metric (none at all gets v2's default of 80%).
func HPAFromV1(h *autoscalingv1.HorizontalPodAutoscaler) *autoscalingv2.HorizontalPodAutoscaler {
	out := &autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: *h.ObjectMeta.DeepCopy()}
	out.APIVersion, out.Kind = "autoscaling/v2", "HorizontalPodAutoscaler"
	out.Spec.ScaleTargetRef = autoscalingv2.CrossVersionObjectReference(h.Spec.ScaleTargetRef)
	out.Spec.MinReplicas = h.Spec.MinReplicas
	out.Spec.MaxReplicas = h.Spec.MaxReplicas
	if p := h.Spec.TargetCPUUtilizationPercentage; p != nil {
		out.Spec.Metrics = []autoscalingv2.MetricSpec{cpuUtilizationMetric(*p)}
	}
	return out
}

// ValidateHPA checks a defaulted HorizontalPodAutoscaler as the API server
// does (pkg/apis/autoscaling/validation ValidateHorizontalPodAutoscaler):
// a scale target with a kind and a name, minReplicas of at least 1,
// maxReplicas of at least 1 and of minReplicas, and well-formed metrics
// and behavior. nucleus scales Deployments and ReplicaSets on CPU
// utilization; another target kind or another metric is refused with a
// message that says it is not simulated. Every problem is returned,
// sorted by field path.
func ValidateHPA(h *autoscalingv2.HorizontalPodAutoscaler) field.ErrorList {
	if h == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "horizontalpodautoscaler is nil")}
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&h.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	ref := spec.Child("scaleTargetRef")
	switch {
	case h.Spec.ScaleTargetRef.Kind == "":
		errs = append(errs, field.Required(ref.Child("kind"), ""))
	case h.Spec.ScaleTargetRef.Kind != "Deployment" && h.Spec.ScaleTargetRef.Kind != "ReplicaSet":
		errs = append(errs, field.NotSupported(ref.Child("kind"), h.Spec.ScaleTargetRef.Kind, []string{"Deployment", "ReplicaSet"}))
	}
	if h.Spec.ScaleTargetRef.Name == "" {
		errs = append(errs, field.Required(ref.Child("name"), ""))
	}
	minReplicas := int32(1)
	if h.Spec.MinReplicas != nil {
		minReplicas = *h.Spec.MinReplicas
		if minReplicas < 1 {
			errs = append(errs, field.Invalid(spec.Child("minReplicas"), minReplicas, "must be greater than or equal to 1"))
		}
	}
	switch {
	case h.Spec.MaxReplicas < 1:
		errs = append(errs, field.Invalid(spec.Child("maxReplicas"), h.Spec.MaxReplicas, "must be greater than 0"))
	case h.Spec.MaxReplicas < minReplicas:
		errs = append(errs, field.Invalid(spec.Child("maxReplicas"), h.Spec.MaxReplicas, "must be greater than or equal to `minReplicas`"))
	}
	for i, m := range h.Spec.Metrics {
		errs = append(errs, validateHPAMetric(m, spec.Child("metrics").Index(i))...)
	}
	if b := h.Spec.Behavior; b != nil {
		errs = append(errs, validateScalingRules(b.ScaleUp, spec.Child("behavior", "scaleUp"))...)
		errs = append(errs, validateScalingRules(b.ScaleDown, spec.Child("behavior", "scaleDown"))...)
	}
	return sortErrors(errs)
}

func validateHPAMetric(m autoscalingv2.MetricSpec, path *field.Path) field.ErrorList {
	if m.Type != autoscalingv2.ResourceMetricSourceType {
		return field.ErrorList{field.NotSupported(path.Child("type"), m.Type, []string{string(autoscalingv2.ResourceMetricSourceType) + " (the only metric type nucleus simulates)"})}
	}
	if m.Resource == nil {
		return field.ErrorList{field.Required(path.Child("resource"), "must populate information for the given metric source")}
	}
	var errs field.ErrorList
	if m.Resource.Name != corev1.ResourceCPU {
		errs = append(errs, field.NotSupported(path.Child("resource", "name"), m.Resource.Name, []string{"cpu (the only resource nucleus simulates for autoscaling)"}))
	}
	t := m.Resource.Target
	switch {
	case t.Type != autoscalingv2.UtilizationMetricType:
		errs = append(errs, field.NotSupported(path.Child("resource", "target", "type"), t.Type, []string{string(autoscalingv2.UtilizationMetricType) + " (the only target type nucleus simulates)"}))
	case t.AverageUtilization == nil:
		errs = append(errs, field.Required(path.Child("resource", "target", "averageUtilization"), "must set either a target value or averageUtilization"))
	case *t.AverageUtilization < 1:
		errs = append(errs, field.Invalid(path.Child("resource", "target", "averageUtilization"), *t.AverageUtilization, "must be greater than 0"))
	}
	return errs
}

func validateScalingRules(r *autoscalingv2.HPAScalingRules, path *field.Path) field.ErrorList {
	if r == nil {
		return nil
	}
	var errs field.ErrorList
	if w := r.StabilizationWindowSeconds; w != nil && (*w < 0 || *w > 3600) {
		errs = append(errs, field.Invalid(path.Child("stabilizationWindowSeconds"), *w, "must be less than or equal to 3600"))
	}
	if s := r.SelectPolicy; s != nil {
		switch *s {
		case autoscalingv2.MaxChangePolicySelect, autoscalingv2.MinChangePolicySelect, autoscalingv2.DisabledPolicySelect:
		default:
			errs = append(errs, field.NotSupported(path.Child("selectPolicy"), *s, []string{"Disabled", "Max", "Min"}))
		}
	}
	for i, p := range r.Policies {
		pp := path.Child("policies").Index(i)
		if p.Type != autoscalingv2.PodsScalingPolicy && p.Type != autoscalingv2.PercentScalingPolicy {
			errs = append(errs, field.NotSupported(pp.Child("type"), p.Type, []string{"Percent", "Pods"}))
		}
		if p.Value <= 0 {
			errs = append(errs, field.Invalid(pp.Child("value"), p.Value, "must be greater than zero"))
		}
		if p.PeriodSeconds <= 0 || p.PeriodSeconds > 1800 {
			errs = append(errs, field.Invalid(pp.Child("periodSeconds"), p.PeriodSeconds, "must be greater than zero and less than or equal to 1800"))
		}
	}
	return errs
}

// CreateHPA is the API server's side of creating a HorizontalPodAutoscaler:
// defaulting, validation, generation 1.
func CreateHPA(api *apiserver.Server, h *autoscalingv2.HorizontalPodAutoscaler) (*autoscalingv2.HorizontalPodAutoscaler, error) {
	h = h.DeepCopy()
	DefaultHPA(h)
	if errs := ValidateHPA(h); len(errs) > 0 {
		return nil, invalidError("horizontalpodautoscaler", h.Name, errs)
	}
	h.Generation = 1
	h.Status = autoscalingv2.HorizontalPodAutoscalerStatus{}
	return api.HPAs.Create(h)
}

// UpdateHPA is the API server's side of changing an autoscaler's spec:
// defaulting, validation, the stored status kept, and a generation bump
// when the spec changed.
func UpdateHPA(api *apiserver.Server, h *autoscalingv2.HorizontalPodAutoscaler) (*autoscalingv2.HorizontalPodAutoscaler, error) {
	return updateSpec(api.HPAs, h, "horizontalpodautoscaler", DefaultHPA,
		func(h, _ *autoscalingv2.HorizontalPodAutoscaler) field.ErrorList { return ValidateHPA(h) },
		func(h, cur *autoscalingv2.HorizontalPodAutoscaler) bool {
			h.Status = cur.Status
			return !equality.Semantic.DeepEqual(cur.Spec, h.Spec)
		})
}

// hpaMetricName is how the controller names a CPU utilization metric in
// its reasons and messages.
func hpaMetricName() string {
	return fmt.Sprintf("%s resource utilization (percentage of request)", corev1.ResourceCPU)
}
