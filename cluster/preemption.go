package cluster

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	sched "github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// preempt carries out DefaultPreemption for p, which fits nowhere but
// would fit on one of candidates once lower-priority pods left: it picks
// the store and the victims ([sched.Preempt], budgets as a preference),
// nominates the store in p's status.nominatedNodeName, and deletes each
// victim gracefully, first marking it DisruptionTarget (reason
// PreemptionByScheduler) and recording the Preempted event. When the
// victims are gone, the watch on pods brings p back to the desk, which
// tries the nominated store first.
// Reference: pkg/scheduler/framework/preemption/preemption.go (Preempt,
// prepareCandidate, PreemptPod) and pkg/scheduler/schedule_one.go
// (handleSchedulingFailure: the nomination is written with the
// PodScheduled condition).
func (s *scheduler) preempt(p *corev1.Pod, nodes []sched.NodeInfo, candidates []string) {
	choice, ok, err := sched.Preempt(p, nodes, candidates, s.api.PodDisruptionBudgets.List())
	if err != nil || !ok {
		return
	}
	cur, err := s.api.Pods.Get(p.Namespace, p.Name)
	if err != nil || cur.UID != p.UID {
		return
	}
	if cur.Status.NominatedNodeName != choice.Node {
		cur.Status.NominatedNodeName = choice.Node
		if updated, err := s.api.UpdatePodStatus(cur.Namespace, cur.Name, cur.UID, cur.Status); err == nil {
			s.cache.setPod(updated, false)
		}
	}
	for _, v := range choice.Victims {
		if v.DeletionTimestamp != nil {
			continue // already on its way out
		}
		s.preemptVictim(p, v, choice.Node)
	}
}

// preemptVictim marks one victim and deletes it with its own grace period.
func (s *scheduler) preemptVictim(preemptor, v *corev1.Pod, node string) {
	schedulerName := preemptor.Spec.SchedulerName
	if schedulerName == "" {
		schedulerName = corev1.DefaultSchedulerName
	}
	status := *v.Status.DeepCopy()
	cond := corev1.PodCondition{Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue,
		ObservedGeneration: v.Generation,
		Reason:             corev1.PodReasonPreemptionByScheduler,
		Message:            schedulerName + ": preempting to accommodate a higher priority pod",
		LastTransitionTime: metav1.NewTime(s.loop.Now().Wall())}
	replaced := false
	for i := range status.Conditions {
		if status.Conditions[i].Type == corev1.DisruptionTarget {
			status.Conditions[i], replaced = cond, true
		}
	}
	if !replaced {
		status.Conditions = append(status.Conditions, cond)
	}
	if _, err := s.api.UpdatePodStatus(v.Namespace, v.Name, v.UID, status); err != nil {
		return
	}
	if err := s.api.DeletePod(v.Namespace, v.Name, nil); err != nil {
		return
	}
	s.loop.Record(sim.Record{Source: sim.Source{Component: "default-scheduler"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: v.Namespace, Name: v.Name, UID: string(v.UID)},
		Reason: "Preempted", Message: fmt.Sprintf("Preempted by pod %s on node %s", preemptor.UID, node),
		Facts: sim.Facts{From: preemptor.Name, To: node}})
}
