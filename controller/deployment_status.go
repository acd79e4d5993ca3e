package controller

import (
	"fmt"
	"math"
	"slices"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// Condition reasons of a Deployment (deployment_util.go).
const (
	ReasonMinimumReplicasAvailable   = "MinimumReplicasAvailable"
	ReasonMinimumReplicasUnavailable = "MinimumReplicasUnavailable"
	ReasonNewReplicaSetCreated       = "NewReplicaSetCreated"
	ReasonFoundNewReplicaSet         = "FoundNewReplicaSet"
	ReasonReplicaSetUpdated          = "ReplicaSetUpdated"
	ReasonNewReplicaSetAvailable     = "NewReplicaSetAvailable"
	ReasonProgressDeadlineExceeded   = "ProgressDeadlineExceeded"
	ReasonFailedRSCreate             = "ReplicaSetCreateError"
)

// calculateDeploymentStatus returns d's status from its ReplicaSets
// (sync.go calculateStatus): replicas, updatedReplicas (the new
// ReplicaSet's), ready, available and unavailable replicas, and the
// Available condition: True when at least replicas-maxUnavailable pods
// are available.
func calculateDeploymentStatus(all []*appsv1.ReplicaSet, newRS *appsv1.ReplicaSet, d *appsv1.Deployment, now sim.Time) appsv1.DeploymentStatus {
	available := availableReplicas(all)
	st := appsv1.DeploymentStatus{
		ObservedGeneration:  d.Generation,
		AvailableReplicas:   available,
		UnavailableReplicas: max(specReplicas(all)-available, 0),
		CollisionCount:      d.Status.CollisionCount,
		Conditions:          slices.Clone(d.Status.Conditions),
	}
	var terminating int32
	for _, rs := range all {
		st.Replicas = addReplicas(st.Replicas, rs.Status.Replicas)
		st.ReadyReplicas = addReplicas(st.ReadyReplicas, rs.Status.ReadyReplicas)
		if rs.Status.TerminatingReplicas != nil {
			terminating = addReplicas(terminating, *rs.Status.TerminatingReplicas)
		}
	}
	st.TerminatingReplicas = &terminating
	if newRS != nil {
		st.UpdatedReplicas = newRS.Status.Replicas
	}
	if available >= *d.Spec.Replicas-maxUnavailable(d) {
		setDeploymentCondition(&st, newDeploymentCondition(appsv1.DeploymentAvailable, corev1.ConditionTrue,
			ReasonMinimumReplicasAvailable, "Deployment has minimum availability.", now))
	} else {
		setDeploymentCondition(&st, newDeploymentCondition(appsv1.DeploymentAvailable, corev1.ConditionFalse,
			ReasonMinimumReplicasUnavailable, "Deployment does not have minimum availability.", now))
	}
	return st
}

// syncRolloutStatus writes d's status with the Progressing condition
// brought up to date (progress.go syncRolloutStatus): NewReplicaSetAvailable
// once the rollout is complete, ReplicaSetUpdated while it makes progress,
// ProgressDeadlineExceeded when it made none for progressDeadlineSeconds.
func (c *DeploymentController) syncRolloutStatus(d *appsv1.Deployment, newRS *appsv1.ReplicaSet) error {
	all, newRS := c.reread(d, newRS)
	now := c.loop.Now()
	st := calculateDeploymentStatus(all, newRS, d, now)
	if !hasProgressDeadline(d) {
		removeDeploymentCondition(&st, appsv1.DeploymentProgressing)
	}
	cur := deploymentCondition(d.Status, appsv1.DeploymentProgressing)
	complete := st.Replicas == st.UpdatedReplicas && cur != nil && cur.Reason == ReasonNewReplicaSetAvailable
	if hasProgressDeadline(d) && !complete {
		c.estimateProgress(d, &st, newRS, cur, now)
	}
	if equality.Semantic.DeepEqual(d.Status, st) {
		c.requeueStuck(d, st)
		return nil
	}
	return c.writeStatus(d, st)
}

// estimateProgress sets the Progressing condition of st.
func (c *DeploymentController) estimateProgress(d *appsv1.Deployment, st *appsv1.DeploymentStatus, newRS *appsv1.ReplicaSet, cur *appsv1.DeploymentCondition, now sim.Time) {
	name := func(format, fallback string) string {
		if newRS != nil {
			return fmt.Sprintf(format, "ReplicaSet", newRS.Name)
		}
		return fmt.Sprintf(format, "Deployment", fallback)
	}
	switch {
	case deploymentComplete(d, st):
		setDeploymentCondition(st, newDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue,
			ReasonNewReplicaSetAvailable, name("%s %q has successfully progressed.", d.Name), now))
	case deploymentProgressing(d, st):
		cond := newDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionTrue,
			ReasonReplicaSetUpdated, name("%s %q is progressing.", d.Name), now)
		if cur != nil {
			if cur.Status == corev1.ConditionTrue {
				cond.LastTransitionTime = cur.LastTransitionTime
			}
			removeDeploymentCondition(st, appsv1.DeploymentProgressing)
		}
		setDeploymentCondition(st, cond)
	case deploymentTimedOut(d, st, now):
		setDeploymentCondition(st, newDeploymentCondition(appsv1.DeploymentProgressing, corev1.ConditionFalse,
			ReasonProgressDeadlineExceeded, name("%s %q has timed out progressing.", d.Name), now))
	}
}

// requeueStuck queues d again for when its progress deadline passes, plus
// a second, if the rollout is neither complete nor timed out
// (requeueStuckDeployment).
func (c *DeploymentController) requeueStuck(d *appsv1.Deployment, st appsv1.DeploymentStatus) {
	cur := deploymentCondition(d.Status, appsv1.DeploymentProgressing)
	if !hasProgressDeadline(d) || cur == nil || deploymentComplete(d, &st) || cur.Reason == ReasonProgressDeadlineExceeded {
		return
	}
	deadline := cur.LastUpdateTime.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second)
	after := deadline.Sub(c.loop.Now().Wall())
	if after < time.Second {
		c.queue.addAfter(apiserver.KeyOf(d), c.queue.backoff(apiserver.KeyOf(d)))
		return
	}
	c.queue.addAfter(apiserver.KeyOf(d), after+time.Second)
}

// writeStatus stores st as d's status when it changed.
func (c *DeploymentController) writeStatus(d *appsv1.Deployment, st appsv1.DeploymentStatus) error {
	if equality.Semantic.DeepEqual(d.Status, st) {
		return nil
	}
	d.Status = st
	return c.updateDeployment(d)
}

func hasProgressDeadline(d *appsv1.Deployment) bool {
	return d.Spec.ProgressDeadlineSeconds != nil && *d.Spec.ProgressDeadlineSeconds != math.MaxInt32
}

// deploymentComplete reports whether every replica runs the new template,
// is available, and the status describes the latest spec.
func deploymentComplete(d *appsv1.Deployment, st *appsv1.DeploymentStatus) bool {
	n := *d.Spec.Replicas
	return st.UpdatedReplicas == n && st.Replicas == n && st.AvailableReplicas == n && st.ObservedGeneration >= d.Generation
}

// deploymentProgressing reports whether st shows progress over d's last
// status: more updated, ready or available pods, or fewer old ones.
func deploymentProgressing(d *appsv1.Deployment, st *appsv1.DeploymentStatus) bool {
	old := d.Status
	return st.UpdatedReplicas > old.UpdatedReplicas ||
		st.Replicas-st.UpdatedReplicas < old.Replicas-old.UpdatedReplicas ||
		st.ReadyReplicas > old.ReadyReplicas ||
		st.AvailableReplicas > old.AvailableReplicas
}

// deploymentTimedOut reports whether the Progressing condition of st was
// last updated more than progressDeadlineSeconds before now.
func deploymentTimedOut(d *appsv1.Deployment, st *appsv1.DeploymentStatus, now sim.Time) bool {
	cond := deploymentCondition(*st, appsv1.DeploymentProgressing)
	if !hasProgressDeadline(d) || cond == nil || cond.Reason == ReasonNewReplicaSetAvailable {
		return false
	}
	if cond.Reason == ReasonProgressDeadlineExceeded {
		return true
	}
	deadline := cond.LastUpdateTime.Add(time.Duration(*d.Spec.ProgressDeadlineSeconds) * time.Second)
	return deadline.Before(now.Wall())
}

func newDeploymentCondition(t appsv1.DeploymentConditionType, status corev1.ConditionStatus, reason, msg string, now sim.Time) appsv1.DeploymentCondition {
	ts := metav1.NewTime(now.Wall())
	return appsv1.DeploymentCondition{Type: t, Status: status, Reason: reason, Message: msg, LastUpdateTime: ts, LastTransitionTime: ts}
}

func deploymentCondition(st appsv1.DeploymentStatus, t appsv1.DeploymentConditionType) *appsv1.DeploymentCondition {
	for i := range st.Conditions {
		if st.Conditions[i].Type == t {
			c := st.Conditions[i]
			return &c
		}
	}
	return nil
}

// setDeploymentCondition puts c in st, unless a condition of that type
// with the same status and reason is there; an unchanged status keeps its
// lastTransitionTime.
func setDeploymentCondition(st *appsv1.DeploymentStatus, c appsv1.DeploymentCondition) {
	cur := deploymentCondition(*st, c.Type)
	if cur != nil && cur.Status == c.Status && cur.Reason == c.Reason {
		return
	}
	if cur != nil && cur.Status == c.Status {
		c.LastTransitionTime = cur.LastTransitionTime
	}
	removeDeploymentCondition(st, c.Type)
	st.Conditions = append(st.Conditions, c)
}

func removeDeploymentCondition(st *appsv1.DeploymentStatus, t appsv1.DeploymentConditionType) {
	var kept []appsv1.DeploymentCondition
	for _, c := range st.Conditions {
		if c.Type != t {
			kept = append(kept, c)
		}
	}
	st.Conditions = kept
}
