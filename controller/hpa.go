package controller

import (
	"fmt"
	"slices"

	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/metrics"
	"github.com/nodenucleus/nucleus/sim"
)

// HPAComponent is the Source.Component of the autoscaler's records, as
// its Events name it.
const HPAComponent = "horizontal-pod-autoscaler"

// PodMetricsSource answers what the metrics.k8s.io API answers about a
// pod: its latest metrics, or false when it has none. *metrics.Server is
// one.
type PodMetricsSource interface {
	PodMetrics(namespace, name string) (metrics.PodMetrics, bool)
}

// HPAController is head office's district manager, who hires for the
// rush: every 15 seconds it reads how busy each employee of a staffing
// plan is (CPU use as a percentage of what each asked for), works out how
// many employees would bring that to the target, and changes the plan's
// headcount (the Deployment's or ReplicaSet's spec.replicas), within
// minReplicas and maxReplicas and as fast as the behavior allows.
type HPAController struct {
	loop    *sim.Loop
	api     *apiserver.Server
	metrics PodMetricsSource
	queue   *workQueue
	history map[apiserver.Key]*hpaHistory
}

// NewHPAController returns an autoscaler controller that starts watching
// the ledger at once and reads pod metrics from m.
func NewHPAController(cfg Config, m PodMetricsSource) *HPAController {
	c := &HPAController{loop: cfg.Loop, api: cfg.API, metrics: m, history: map[apiserver.Key]*hpaHistory{}}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.HPAs.Watch(0, true, func(ev apiserver.WatchEvent[*autoscalingv2.HorizontalPodAutoscaler]) {
		k := apiserver.KeyOf(ev.Object)
		if ev.Type == apiserver.Deleted {
			delete(c.history, k)
			return
		}
		if ev.Type == apiserver.Added {
			c.queue.add(k)
		}
	})
	return c
}

func (c *HPAController) event(h *autoscalingv2.HorizontalPodAutoscaler, typ, reason, msg string, facts sim.Facts) {
	recordAbout(c.loop, HPAComponent, "HorizontalPodAutoscaler", h, typ, reason, msg, facts)
}

// target is the scale subresource of an autoscaler's target: its
// spec.replicas and the selector of its pods.
type target struct {
	replicas int32
	selector labels.Selector
	update   func(int32) error
}

func (c *HPAController) target(h *autoscalingv2.HorizontalPodAutoscaler) (target, error) {
	ref := h.Spec.ScaleTargetRef
	switch ref.Kind {
	case "Deployment":
		d, err := c.api.Deployments.Get(h.Namespace, ref.Name)
		if err != nil {
			return target{}, fmt.Errorf("deployments.apps %q not found", ref.Name)
		}
		return scaleOf(d.Spec.Replicas, d.Spec.Selector, func(n int32) error {
			next := d.DeepCopy()
			next.Spec.Replicas = &n
			_, err := UpdateDeployment(c.api, next)
			return err
		})
	default:
		rs, err := c.api.ReplicaSets.Get(h.Namespace, ref.Name)
		if err != nil {
			return target{}, fmt.Errorf("replicasets.apps %q not found", ref.Name)
		}
		return scaleOf(rs.Spec.Replicas, rs.Spec.Selector, func(n int32) error {
			next := rs.DeepCopy()
			next.Spec.Replicas = &n
			_, err := UpdateReplicaSet(c.api, next)
			return err
		})
	}
}

func scaleOf(replicas *int32, sel *metav1.LabelSelector, update func(int32) error) (target, error) {
	s, err := metav1.LabelSelectorAsSelector(sel)
	if err != nil {
		return target{}, err
	}
	n := int32(1)
	if replicas != nil {
		n = *replicas
	}
	return target{replicas: n, selector: s, update: update}, nil
}

// sync is reconcileAutoscaler (horizontal.go): read the target's scale,
// work out the desired count, rescale when it differs, and write the
// status; then look again in 15 seconds.
func (c *HPAController) sync(k apiserver.Key) error {
	h, err := c.api.HPAs.Get(k.Namespace, k.Name)
	if err != nil {
		return nil
	}
	c.queue.addAfter(k, hpaSyncPeriod)
	before := h.Status.DeepCopy()
	now := c.loop.Now()
	c.reconcile(h, now)
	if equality.Semantic.DeepEqual(*before, h.Status) {
		return nil
	}
	_, err = c.api.HPAs.Update(h)
	return err
}

func (c *HPAController) reconcile(h *autoscalingv2.HorizontalPodAutoscaler, now sim.Time) {
	t, err := c.target(h)
	if err != nil {
		c.event(h, sim.Warning, "FailedGetScale", err.Error(), sim.Facts{})
		c.setCondition(h, condition{autoscalingv2.AbleToScale, corev1.ConditionFalse, "FailedGetScale",
			"the HPA controller was unable to get the target's current scale: " + err.Error()}, now)
		return
	}
	c.setCondition(h, condition{autoscalingv2.AbleToScale, corev1.ConditionTrue, "SucceededGetScale",
		"the HPA controller was able to get the target's current scale"}, now)
	current := t.replicas
	minReplicas := *h.Spec.MinReplicas
	desired := int32(0)
	var reason string
	var ms []autoscalingv2.MetricStatus
	hist := c.history[apiserver.KeyOf(h)]
	if hist == nil {
		hist = &hpaHistory{}
		c.history[apiserver.KeyOf(h)] = hist
	}
	switch {
	case current == 0 && minReplicas != 0:
		c.setCondition(h, condition{autoscalingv2.ScalingActive, corev1.ConditionFalse, "ScalingDisabled",
			"scaling is disabled since the replica count of the target is zero"}, now)
		c.setStatus(h, current, current, nil, false, now)
		return
	case current > h.Spec.MaxReplicas:
		desired, reason = h.Spec.MaxReplicas, "Current number of replicas above Spec.MaxReplicas"
	case current < minReplicas:
		desired, reason = minReplicas, "Current number of replicas below Spec.MinReplicas"
	default:
		proposal, status, err := c.computeReplicas(h, t, current, now)
		if err != nil {
			c.setStatus(h, current, current, nil, false, now)
			return
		}
		desired, ms = proposal, status
		switch {
		case desired > current:
			reason = hpaMetricName() + " above target"
		case desired < current:
			reason = "All metrics below target"
		}
		var conds []condition
		desired, conds = hist.normalize(&h.Spec, current, desired, now)
		for _, cond := range conds {
			c.setCondition(h, cond, now)
		}
	}
	if desired == current {
		c.setStatus(h, current, current, ms, false, now)
		return
	}
	if err := t.update(desired); err != nil {
		c.event(h, sim.Warning, "FailedRescale", fmt.Sprintf("New size: %d; reason: %s; error: %v", desired, reason, err), sim.Facts{})
		c.setCondition(h, condition{autoscalingv2.AbleToScale, corev1.ConditionFalse, "FailedUpdateScale",
			"the HPA controller was unable to update the target scale: " + err.Error()}, now)
		c.setStatus(h, current, current, ms, false, now)
		return
	}
	c.setCondition(h, condition{autoscalingv2.AbleToScale, corev1.ConditionTrue, "SucceededRescale",
		fmt.Sprintf("the HPA controller was able to update the target scale to %d", desired)}, now)
	c.event(h, sim.Normal, "SuccessfulRescale", fmt.Sprintf("New size: %d; reason: %s", desired, reason),
		sim.Facts{Count: desired, From: fmt.Sprint(current), To: fmt.Sprint(desired)})
	hist.recordRescale(h.Spec.Behavior, current, desired, now)
	c.setStatus(h, current, desired, ms, true, now)
}

// computeReplicas is computeReplicasForMetrics for the CPU utilization
// metric: the proposed count and the metric's status, or an error after
// the Warning event and the ScalingActive=False condition.
func (c *HPAController) computeReplicas(h *autoscalingv2.HorizontalPodAutoscaler, t target, current int32, now sim.Time) (int32, []autoscalingv2.MetricStatus, error) {
	var pods []*corev1.Pod
	pm := map[string]metrics.PodMetrics{}
	for _, p := range c.api.Pods.ListShared() {
		if p.Namespace != h.Namespace || !t.selector.Matches(labels.Set(p.Labels)) {
			continue
		}
		pods = append(pods, p)
		if m, ok := c.metrics.PodMetrics(p.Namespace, p.Name); ok {
			pm[p.Name] = m
		}
	}
	goal := *h.Spec.Metrics[0].Resource.Target.AverageUtilization
	r, err := calcCPUReplicas(current, goal, pods, pm, now)
	if err != nil {
		err = fmt.Errorf("failed to get cpu utilization: %w", err)
		c.event(h, sim.Warning, "FailedGetResourceMetric", err.Error(), sim.Facts{})
		c.setCondition(h, condition{autoscalingv2.ScalingActive, corev1.ConditionFalse, "FailedGetResourceMetric",
			"the HPA was unable to compute the replica count: " + err.Error()}, now)
		c.event(h, sim.Warning, "FailedComputeMetricsReplicas",
			"invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: "+err.Error(), sim.Facts{})
		return 0, nil, err
	}
	c.setCondition(h, condition{autoscalingv2.ScalingActive, corev1.ConditionTrue, "ValidMetricFound",
		"the HPA was able to successfully calculate a replica count from " + hpaMetricName()}, now)
	status := []autoscalingv2.MetricStatus{{Type: autoscalingv2.ResourceMetricSourceType, Resource: &autoscalingv2.ResourceMetricStatus{
		Name: corev1.ResourceCPU, Current: autoscalingv2.MetricValueStatus{
			AverageUtilization: ptrTo(r.utilization),
			AverageValue:       resource.NewMilliQuantity(r.average, resource.DecimalSI)}}}}
	return r.replicas, status, nil
}

// setStatus writes what the controller saw and decided (setStatus):
// replicas now and wanted, the metrics, and lastScaleTime on a rescale.
func (c *HPAController) setStatus(h *autoscalingv2.HorizontalPodAutoscaler, current, desired int32, ms []autoscalingv2.MetricStatus, rescaled bool, now sim.Time) {
	h.Status.CurrentReplicas = current
	h.Status.DesiredReplicas = desired
	h.Status.CurrentMetrics = ms
	h.Status.ObservedGeneration = ptrTo(h.Generation)
	if rescaled {
		h.Status.LastScaleTime = &metav1.Time{Time: now.Wall()}
	}
}

// setCondition sets one condition, moving lastTransitionTime only when
// its status changes (setConditionInList), and keeps the conditions in
// the controller's order: AbleToScale, ScalingActive, ScalingLimited.
func (c *HPAController) setCondition(h *autoscalingv2.HorizontalPodAutoscaler, cond condition, now sim.Time) {
	conds := h.Status.Conditions
	i := slices.IndexFunc(conds, func(x autoscalingv2.HorizontalPodAutoscalerCondition) bool { return x.Type == cond.typ })
	if i < 0 {
		conds = append(conds, autoscalingv2.HorizontalPodAutoscalerCondition{Type: cond.typ})
		i = len(conds) - 1
	}
	x := &conds[i]
	if x.Status != cond.status {
		x.LastTransitionTime = metav1.Time{Time: now.Wall()}
	}
	x.Status, x.Reason, x.Message = cond.status, cond.reason, cond.message
	order := map[autoscalingv2.HorizontalPodAutoscalerConditionType]int{autoscalingv2.AbleToScale: 0, autoscalingv2.ScalingActive: 1, autoscalingv2.ScalingLimited: 2}
	slices.SortStableFunc(conds, func(a, b autoscalingv2.HorizontalPodAutoscalerCondition) int { return order[a.Type] - order[b.Type] })
	h.Status.Conditions = conds
}
