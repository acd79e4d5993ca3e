package kubectl

import (
	"fmt"
	"io"
	"time"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DescribeHPA writes `kubectl describe hpa` for h at time now: the target,
// each metric as "( current / target )", the bounds, the target's pods
// now and wanted, the behavior when one is set, the conditions and the
// Events about it. It returns an error naming a nil autoscaler, and the
// first error from writing to w.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeHorizontalPodAutoscalerV2, describeHorizontalPodAutoscalerBehavior).
func DescribeHPA(w io.Writer, h *autoscalingv2.HorizontalPodAutoscaler, evs []corev1.Event, now time.Time) error {
	if h == nil {
		return missing(field.NewPath("horizontalPodAutoscaler"), "HorizontalPodAutoscaler")
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", h.Name)
	d.write(0, "Namespace:\t%s\n", h.Namespace)
	d.labels("Labels", h.Labels)
	d.annotations("Annotations", h.Annotations)
	d.write(0, "CreationTimestamp:\t%s\n", rfc1123Z(h.CreationTimestamp))
	d.write(0, "Reference:\t%s/%s\n", h.Spec.ScaleTargetRef.Kind, h.Spec.ScaleTargetRef.Name)
	d.write(0, "Metrics:\t( current / target )\n")
	for i, m := range h.Spec.Metrics {
		if m.Resource == nil {
			continue
		}
		current := "<unknown>"
		if i < len(h.Status.CurrentMetrics) {
			if s := h.Status.CurrentMetrics[i].Resource; s != nil && s.Current.AverageUtilization != nil && s.Current.AverageValue != nil {
				current = fmt.Sprintf("%d%% (%s)", *s.Current.AverageUtilization, s.Current.AverageValue.String())
			}
		}
		target := "<auto>"
		if u := m.Resource.Target.AverageUtilization; u != nil {
			target = fmt.Sprintf("%d%%", *u)
		}
		d.write(1, "resource %s on pods  (as a percentage of request):\t%s / %s\n", m.Resource.Name, current, target)
	}
	d.write(0, "Min replicas:\t%s\n", int32OrUnset(h.Spec.MinReplicas))
	d.write(0, "Max replicas:\t%d\n", h.Spec.MaxReplicas)
	if b := h.Spec.Behavior; b != nil {
		d.write(0, "Behavior:\n")
		describeScalingRules(d, "Scale Up", b.ScaleUp)
		describeScalingRules(d, "Scale Down", b.ScaleDown)
	}
	d.write(0, "%s pods:\t%d current / %d desired\n", h.Spec.ScaleTargetRef.Kind, h.Status.CurrentReplicas, h.Status.DesiredReplicas)
	if len(h.Status.Conditions) > 0 {
		d.write(0, "Conditions:\n")
		d.write(1, "Type\tStatus\tReason\tMessage\n")
		d.write(1, "----\t------\t------\t-------\n")
		for _, c := range h.Status.Conditions {
			d.write(1, "%v\t%v\t%v\t%v\n", c.Type, c.Status, c.Reason, c.Message)
		}
	}
	d.events(evs, now)
	return d.finish()
}

func describeScalingRules(d *describer, title string, r *autoscalingv2.HPAScalingRules) {
	if r == nil {
		return
	}
	d.write(1, "%s:\n", title)
	if r.StabilizationWindowSeconds != nil {
		d.write(2, "Stabilization Window: %d seconds\n", *r.StabilizationWindowSeconds)
	}
	if r.SelectPolicy != nil {
		d.write(2, "Select Policy: %s\n", *r.SelectPolicy)
	}
	d.write(2, "Policies:\n")
	for _, p := range r.Policies {
		d.write(3, "- Type: %s\tValue: %d\tPeriod: %d seconds\n", p.Type, p.Value, p.PeriodSeconds)
	}
}
