package controller

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apimeta "k8s.io/apimachinery/pkg/api/meta"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/sim"
)

// DisruptionComponent is the Source.Component of the disruption
// controller's Events: kube-controller-manager's event recorder names
// itself "controllermanager" (pkg/controller/disruption NewDisruptionController).
const DisruptionComponent = "controllermanager"

// DeletionTimeout is how long a pod the eviction API let go stays out of
// a budget's healthy count while it has not yet been deleted; after that
// the disruption controller assumes the delete never came
// (pkg/controller/disruption DeletionTimeout).
const DeletionTimeout = 2 * time.Minute

// DisruptionController keeps each PodDisruptionBudget's status: how many
// of its pods are expected, how many must stay healthy, how many are, and
// so how many may be disrupted now (status.disruptionsAllowed), which is
// what the eviction API reads. In the store: head office's minimum
// staffing rule, "never fewer than two cashiers on the floor", with a
// running count of how many cashiers may be sent away now.
type DisruptionController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
}

// NewDisruptionController returns a disruption controller that starts
// watching the ledger at once.
func NewDisruptionController(cfg Config) *DisruptionController {
	c := &DisruptionController{loop: cfg.Loop, api: cfg.API}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.PodDisruptionBudgets.Watch(0, true, func(ev apiserver.WatchEvent[*policyv1.PodDisruptionBudget]) {
		if ev.Type != apiserver.Deleted {
			c.queue.add(apiserver.KeyOf(ev.Object))
		}
	})
	// Only while some budget exists: a chain without budgets pays nothing
	// for this watch, not even a loop event per pod change.
	cfg.API.Pods.WatchSelected(0, false, func(*corev1.Pod) bool { return cfg.API.PodDisruptionBudgets.Len() > 0 }, c.onPod)
	return c
}

// onPod queues every budget whose selector takes the pod.
func (c *DisruptionController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	for _, b := range c.api.PodDisruptionBudgets.ListShared() {
		if budgetSelects(b, ev.Object) {
			c.queue.add(apiserver.KeyOf(b))
		}
	}
}

// budgetSelects reports whether budget b covers pod p. In policy/v1 an
// empty selector takes every pod of the namespace and a missing one takes
// none.
// Reference: pkg/registry/core/pod/storage/eviction.go
// (getPodDisruptionBudgets), policy/v1 PodDisruptionBudgetSpec.selector.
func budgetSelects(b *policyv1.PodDisruptionBudget, p *corev1.Pod) bool {
	sel, ok := budgetSelector(b)
	return ok && b.Namespace == p.Namespace && sel.Matches(labels.Set(p.Labels))
}

// budgetSelector returns b's selector as a labels.Selector; false for one
// that cannot be read, which takes no pod.
func budgetSelector(b *policyv1.PodDisruptionBudget) (labels.Selector, bool) {
	sel, err := metav1.LabelSelectorAsSelector(b.Spec.Selector)
	return sel, err == nil
}

// BudgetsFor returns the budgets that cover pod p, in name order.
func BudgetsFor(api *apiserver.Server, p *corev1.Pod) []*policyv1.PodDisruptionBudget {
	var out []*policyv1.PodDisruptionBudget
	for _, b := range api.PodDisruptionBudgets.List() {
		if budgetSelects(b, p) {
			out = append(out, b)
		}
	}
	return out
}

// podsOf returns the pods budget b covers, in name order.
func (c *DisruptionController) podsOf(b *policyv1.PodDisruptionBudget) []*corev1.Pod {
	sel, ok := budgetSelector(b)
	if !ok {
		return nil
	}
	var out []*corev1.Pod
	for _, p := range c.api.Pods.ListShared() {
		if p.Namespace == b.Namespace && sel.Matches(labels.Set(p.Labels)) {
			out = append(out, p)
		}
	}
	return out
}

func (c *DisruptionController) record(b *policyv1.PodDisruptionBudget, typ, reason, msg string) {
	c.loop.Record(sim.Record{Type: typ, Source: sim.Source{Component: DisruptionComponent},
		Object: sim.ObjectRef{Kind: "PodDisruptionBudget", Namespace: b.Namespace, Name: b.Name, UID: string(b.UID)},
		Reason: reason, Message: msg})
}

// sync recomputes one budget's status (trySync): the expected and desired
// counts from its spec, the healthy count from its ready pods, and the
// disruptions allowed. A budget whose count cannot be worked out (a pod
// with no controller under a percentage or maxUnavailable) fails safe: no
// disruption is allowed, and its DisruptionAllowed condition says why.
func (c *DisruptionController) sync(k apiserver.Key) error {
	b, err := c.api.PodDisruptionBudgets.Get(k.Namespace, k.Name)
	if err != nil {
		return nil
	}
	pods := c.podsOf(b)
	expected, desired, err := c.expectedPodCount(b, pods)
	if err != nil {
		c.failSafe(b, err)
		return nil
	}
	now := c.loop.Now().Wall()
	disrupted, recheck := buildDisruptedPodMap(pods, b, now)
	st := budgetStatus(b, expected, desired, countHealthyPods(pods, disrupted, now), disrupted)
	if recheck != nil {
		c.queue.addAfter(k, recheck.Sub(now))
	}
	if equality.Semantic.DeepEqual(b.Status, st) {
		return nil
	}
	if len(pods) == 0 && b.Status.ObservedGeneration < b.Generation {
		// The recorder folds repeats into one Event: told once per spec.
		c.record(b, corev1.EventTypeNormal, "NoPods", "No matching pods found")
	}
	next := b.DeepCopy()
	next.Status = st
	setBudgetCondition(next, now)
	_, err = c.api.PodDisruptionBudgets.Update(next)
	return err
}

// budgetStatus returns b's new status, before its condition is set
// (updatePdbStatus): disruptionsAllowed is currentHealthy minus
// desiredHealthy, and never below 0; a budget that expects no pods allows
// none, so that its first pods are safe before it has counted them.
func budgetStatus(b *policyv1.PodDisruptionBudget, expected, desired, healthy int32, disrupted map[string]metav1.Time) policyv1.PodDisruptionBudgetStatus {
	allowed := healthy - desired
	if expected <= 0 || allowed <= 0 {
		allowed = 0
	}
	if len(disrupted) == 0 {
		disrupted = nil
	}
	st := policyv1.PodDisruptionBudgetStatus{
		ObservedGeneration: b.Generation, DisruptedPods: disrupted, DisruptionsAllowed: allowed,
		CurrentHealthy: healthy, DesiredHealthy: desired, ExpectedPods: expected,
		Conditions: b.Status.Conditions,
	}
	return st
}

// setBudgetCondition sets the DisruptionAllowed condition from
// status.disruptionsAllowed: True with reason SufficientPods when it is
// above 0, False with InsufficientPods otherwise
// (k8s.io/component-helpers/apps/poddisruptionbudget
// UpdateDisruptionAllowedCondition).
func setBudgetCondition(b *policyv1.PodDisruptionBudget, now time.Time) {
	cond := metav1.Condition{Type: policyv1.DisruptionAllowedCondition, Status: metav1.ConditionFalse,
		Reason: policyv1.InsufficientPodsReason, ObservedGeneration: b.Status.ObservedGeneration,
		LastTransitionTime: metav1.NewTime(now)}
	if b.Status.DisruptionsAllowed > 0 {
		cond.Status, cond.Reason = metav1.ConditionTrue, policyv1.SufficientPodsReason
	}
	apimeta.SetStatusCondition(&b.Status.Conditions, cond)
}

// failSafe allows no disruption and says why in the DisruptionAllowed
// condition (reason SyncFailed, the error as message), so that the
// eviction API refuses what it cannot judge. The simplification: the real
// controller also retries with back-off; here the next change to one of
// the budget's pods or to the budget tries again.
func (c *DisruptionController) failSafe(b *policyv1.PodDisruptionBudget, err error) {
	c.record(b, corev1.EventTypeWarning, "CalculateExpectedPodCountFailed", "Failed to calculate the number of expected pods: "+err.Error())
	next := b.DeepCopy()
	next.Status.DisruptionsAllowed = 0
	apimeta.SetStatusCondition(&next.Status.Conditions, metav1.Condition{
		Type: policyv1.DisruptionAllowedCondition, Status: metav1.ConditionFalse, Reason: policyv1.SyncFailedReason,
		Message: err.Error(), ObservedGeneration: next.Status.ObservedGeneration,
		LastTransitionTime: metav1.NewTime(c.loop.Now().Wall()),
	})
	if !equality.Semantic.DeepEqual(b.Status, next.Status) {
		_, _ = c.api.PodDisruptionBudgets.Update(next)
	}
}

// expectedPodCount returns how many pods the budget expects and how many
// of them must be healthy (getExpectedPodCount):
//   - minAvailable as a number: expected is the pods the selector takes,
//     desired is the number;
//   - minAvailable as a percentage: expected is the sum of the scale of
//     the pods' controllers, desired the percentage of it, rounded up;
//   - maxUnavailable (number or percentage, rounded up): expected is the
//     controllers' scale, desired is expected minus maxUnavailable, at
//     least 0.
func (c *DisruptionController) expectedPodCount(b *policyv1.PodDisruptionBudget, pods []*corev1.Pod) (expected, desired int32, err error) {
	s := &b.Spec
	switch {
	case s.MaxUnavailable != nil:
		if expected, err = c.expectedScale(b, pods); err != nil {
			return 0, 0, err
		}
		n, err := intstr.GetScaledValueFromIntOrPercent(s.MaxUnavailable, int(expected), true)
		if err != nil {
			return 0, 0, err
		}
		return expected, max(expected-int32(n), 0), nil
	case s.MinAvailable != nil && s.MinAvailable.Type == intstr.Int:
		return int32(len(pods)), s.MinAvailable.IntVal, nil
	case s.MinAvailable != nil:
		if expected, err = c.expectedScale(b, pods); err != nil {
			return 0, 0, err
		}
		n, err := intstr.GetScaledValueFromIntOrPercent(s.MinAvailable, int(expected), true)
		if err != nil {
			return 0, 0, err
		}
		return expected, int32(n), nil
	}
	return 0, 0, nil
}

// expectedScale sums the scale of the controllers of the pods
// (getExpectedScale): a Deployment's replicas for the pods of its
// ReplicaSets, a ReplicaSet's own otherwise. A pod with no controller, or
// with one that has no scale (a Job, a DaemonSet), is an error, and an
// Event on the budget.
func (c *DisruptionController) expectedScale(b *policyv1.PodDisruptionBudget, pods []*corev1.Pod) (int32, error) {
	scale := map[types.UID]int32{}
	for _, p := range pods {
		ref := controllerOf(p)
		if ref == nil {
			err := fmt.Errorf("found no controller ref for pod %q", p.Name)
			c.record(b, corev1.EventTypeWarning, "NoControllerRef", err.Error())
			return 0, err
		}
		if _, ok := scale[ref.UID]; ok {
			continue
		}
		uid, n, ok := c.controllerScale(p.Namespace, ref)
		if !ok {
			err := fmt.Errorf("found no controllers for pod %q", p.Name)
			c.record(b, corev1.EventTypeWarning, "NoControllers", err.Error())
			return 0, err
		}
		scale[uid] = n
	}
	var sum int32
	for _, n := range scale {
		sum += n
	}
	return sum, nil
}

// controllerScale returns the uid and scale of the controller with
// scale that ref leads to: a ReplicationController, a ReplicaSet, or the
// Deployment that owns it (getPodReplicationController, getPodReplicaSet,
// getPodDeployment).
func (c *DisruptionController) controllerScale(ns string, ref *metav1.OwnerReference) (types.UID, int32, bool) {
	if ref.Kind == "ReplicationController" {
		rc, err := c.api.ReplicationControllers.Get(ns, ref.Name)
		if err != nil || rc.UID != ref.UID {
			return "", 0, false
		}
		return rc.UID, derefInt32(rc.Spec.Replicas, 1), true
	}
	if ref.Kind != "ReplicaSet" {
		return "", 0, false
	}
	rs, err := c.api.ReplicaSets.Get(ns, ref.Name)
	if err != nil || rs.UID != ref.UID {
		return "", 0, false
	}
	if dref := controllerOf(rs); dref != nil && dref.Kind == "Deployment" {
		d, err := c.api.Deployments.Get(ns, dref.Name)
		if err != nil || d.UID != dref.UID {
			return "", 0, false
		}
		return d.UID, derefInt32(d.Spec.Replicas, 1), true
	}
	return rs.UID, derefInt32(rs.Spec.Replicas, 1), true
}

func derefInt32(p *int32, def int32) int32 {
	if p == nil {
		return def
	}
	return *p
}

// countHealthyPods counts the ready pods that are neither being deleted
// nor in the disrupted map (countHealthyPods).
func countHealthyPods(pods []*corev1.Pod, disrupted map[string]metav1.Time, now time.Time) int32 {
	var n int32
	for _, p := range pods {
		if p.DeletionTimestamp != nil {
			continue
		}
		if at, ok := disrupted[p.Name]; ok && at.Add(DeletionTimeout).After(now) {
			continue
		}
		if endpointslice.IsPodReady(p) {
			n++
		}
	}
	return n
}

// buildDisruptedPodMap keeps the entries of status.disruptedPods whose pod
// is still there, not yet being deleted and within DeletionTimeout, and
// returns the earliest instant one of them runs out, when the budget must
// be counted again (buildDisruptedPodMap).
func buildDisruptedPodMap(pods []*corev1.Pod, b *policyv1.PodDisruptionBudget, now time.Time) (map[string]metav1.Time, *time.Time) {
	out := map[string]metav1.Time{}
	var recheck *time.Time
	if len(b.Status.DisruptedPods) == 0 {
		return out, nil
	}
	for _, p := range pods {
		at, ok := b.Status.DisruptedPods[p.Name]
		if p.DeletionTimestamp != nil || !ok {
			continue
		}
		expire := at.Add(DeletionTimeout)
		if expire.Before(now) {
			continue
		}
		if recheck == nil || expire.Before(*recheck) {
			recheck = &expire
		}
		out[p.Name] = at
	}
	return out, recheck
}
