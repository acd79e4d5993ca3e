package controller

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/sim"
)

// The eviction API's words (pkg/registry/core/pod/storage/eviction.go).
const (
	// EvictionRefusedMessage is the message of the 429 an eviction gets
	// when a budget allows no disruption now.
	EvictionRefusedMessage = "Cannot evict pod as it would violate the pod's disruption budget."
	// manyBudgetsMessage is the 500 for a pod two budgets cover.
	manyBudgetsMessage = "This pod has more than one PodDisruptionBudget, which the eviction subresource does not support."
)

var budgetResource = schema.GroupResource{Group: "policy", Resource: "poddisruptionbudget"}

// Evict is the API server's pods/eviction subresource: it deletes the pod
// (with the grace period of opts, nil for the pod's own) unless that would
// take one of its budgets below its minimum:
//   - a pod that is Pending, Succeeded or Failed, or already being
//     deleted, goes without a look at budgets (canIgnorePDB);
//   - a pod no budget covers goes; one two budgets cover is refused (500);
//   - a pod that is not ready goes without using up a disruption when its
//     budget says unhealthyPodEvictionPolicy AlwaysAllow, or (the default,
//     IfHealthyBudget) when the budget has its desired healthy pods;
//   - otherwise the budget must allow a disruption: status.observedGeneration
//     behind metadata.generation or disruptionsAllowed 0 gives 429
//     TooManyRequests ("Cannot evict pod as it would violate the pod's
//     disruption budget."); else disruptionsAllowed goes down by one, the
//     pod is noted in status.disruptedPods, and the pod is deleted.
//
// The error is an *apierrors.StatusError, as the API server answers.
func Evict(api *apiserver.Server, namespace, name string, gracePeriod *int64) error {
	return evict(api, namespace, name, gracePeriod, false)
}

// EvictDryRun is a server dry run of Evict (dryRun=All, as `kubectl
// drain --dry-run=server` sends): the same checks and the same answer,
// a 429 where a budget would refuse, but nothing is written: no
// disruption is taken from the budget, no pod is deleted, and no record
// is left.
// Reference: pkg/registry/core/pod/storage/eviction.go (Create: with
// dryRun the budget is checked but not updated, and the delete is a dry
// run).
func EvictDryRun(api *apiserver.Server, namespace, name string) error {
	return evict(api, namespace, name, nil, true)
}

func evict(api *apiserver.Server, namespace, name string, gracePeriod *int64, dryRun bool) error {
	p, err := api.Pods.Get(namespace, name)
	if err != nil {
		return err
	}
	del := func() error {
		if dryRun {
			return nil
		}
		return api.DeletePod(namespace, name, gracePeriod)
	}
	if canIgnoreBudget(p) {
		return del()
	}
	budgets := BudgetsFor(api, p)
	switch len(budgets) {
	case 0:
		return del()
	case 1:
	default:
		return &apierrors.StatusError{ErrStatus: metav1.Status{Status: metav1.StatusFailure,
			Message: manyBudgetsMessage, Code: 500}}
	}
	b := budgets[0]
	if !endpointslice.IsPodReady(p) && unhealthyMayGo(b) {
		if dryRun {
			return nil
		}
		granted(api, p, b, "unready", fmt.Sprintf("eviction of unready pod %s/%s allowed by poddisruptionbudget %s", namespace, name, b.Name))
		return del()
	}
	left, err := checkAndDecrement(api, b, p.Name, dryRun)
	if err != nil || dryRun {
		return err
	}
	granted(api, p, b, "", fmt.Sprintf("eviction of pod %s/%s allowed by poddisruptionbudget %s (%d disruptions allowed left)", namespace, name, b.Name, left))
	return del()
}

// EvictionGranted is the reason of the record an eviction that a budget
// allowed leaves: nucleus's own record (the API server writes no Event),
// so that the story and the soak's invariants see the budget's answer.
// Facts.To is the budget; Facts.From is "unready" for a pod that went
// without using up a disruption.
const EvictionGranted = "EvictionGranted"

func granted(api *apiserver.Server, p *corev1.Pod, b *policyv1.PodDisruptionBudget, from, msg string) {
	api.Loop().Record(sim.Record{Kind: sim.Change, Source: sim.Source{Component: "kube-apiserver"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: p.Namespace, Name: p.Name, UID: string(p.UID)},
		Reason: EvictionGranted, Message: msg, Facts: sim.Facts{From: from, To: b.Name}})
}

// canIgnoreBudget reports whether a pod may go without a look at its
// budgets: it is not running yet, has finished, or is already going.
func canIgnoreBudget(p *corev1.Pod) bool {
	switch p.Status.Phase {
	case corev1.PodPending, corev1.PodSucceeded, corev1.PodFailed:
		return true
	}
	return p.DeletionTimestamp != nil
}

// unhealthyMayGo reports whether a pod that is not ready may be evicted
// without using up a disruption: always under AlwaysAllow; under
// IfHealthyBudget (also the default) only while the budget has the healthy
// pods it wants.
func unhealthyMayGo(b *policyv1.PodDisruptionBudget) bool {
	if p := b.Spec.UnhealthyPodEvictionPolicy; p != nil && *p == policyv1.AlwaysAllow {
		return true
	}
	return b.Status.CurrentHealthy >= b.Status.DesiredHealthy && b.Status.DesiredHealthy > 0
}

// tooManyRequests is the 429 of a refused eviction, with the budget's
// cause.
func tooManyRequests(retryAfter int, cause string) error {
	err := apierrors.NewTooManyRequests(EvictionRefusedMessage, retryAfter)
	err.ErrStatus.Details.Causes = append(err.ErrStatus.Details.Causes,
		metav1.StatusCause{Type: policyv1.DisruptionBudgetCause, Message: cause})
	return err
}

// checkAndDecrement takes one disruption from the budget for pod and
// returns how many are left, or refuses (checkAndDecrement). A dry run
// checks and writes nothing.
func checkAndDecrement(api *apiserver.Server, b *policyv1.PodDisruptionBudget, pod string, dryRun bool) (int32, error) {
	if b.Status.ObservedGeneration < b.Generation {
		return 0, tooManyRequests(10, fmt.Sprintf("The disruption budget %s is still being processed by the server.", b.Name))
	}
	if b.Status.DisruptionsAllowed < 0 {
		return 0, apierrors.NewForbidden(budgetResource, b.Name, fmt.Errorf("pdb disruptions allowed is negative"))
	}
	if b.Status.DisruptionsAllowed == 0 {
		return 0, tooManyRequests(0, fmt.Sprintf("The disruption budget %s needs %d healthy pods and has %d currently",
			b.Name, b.Status.DesiredHealthy, b.Status.CurrentHealthy))
	}
	if dryRun {
		return b.Status.DisruptionsAllowed - 1, nil
	}
	next := b.DeepCopy()
	next.Status.DisruptionsAllowed--
	now := api.Loop().Now().Wall()
	if next.Status.DisruptionsAllowed == 0 {
		setBudgetCondition(next, now)
	}
	if next.Status.DisruptedPods == nil {
		next.Status.DisruptedPods = map[string]metav1.Time{}
	}
	next.Status.DisruptedPods[pod] = metav1.NewTime(now)
	_, err := api.PodDisruptionBudgets.Update(next)
	return next.Status.DisruptionsAllowed, err
}
