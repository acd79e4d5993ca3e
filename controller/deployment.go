package controller

import (
	"cmp"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// DeploymentComponent is the Source.Component of the Deployment
// controller's records.
const DeploymentComponent = "deployment-controller"

// DeploymentController is the part of head office's staffing plan that
// turns a Deployment into standing orders: one ReplicaSet per version of
// the pod template, scaled up and down by the Deployment's strategy.
type DeploymentController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
}

// NewDeploymentController returns a Deployment controller that starts
// watching the ledger at once: every Deployment already there is synced at
// the end of the current instant.
func NewDeploymentController(cfg Config) *DeploymentController {
	c := &DeploymentController{loop: cfg.Loop, api: cfg.API}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.Deployments.Watch(0, true, c.onDeployment)
	cfg.API.ReplicaSets.Watch(0, false, func(ev apiserver.WatchEvent[*appsv1.ReplicaSet]) { c.enqueueOwner(ev.Object) })
	cfg.API.Pods.WatchShared(0, false, c.onPod)
	return c
}

func (c *DeploymentController) onDeployment(ev apiserver.WatchEvent[*appsv1.Deployment]) {
	if ev.Type == apiserver.Deleted {
		c.collectReplicaSets(ev.Object)
		return
	}
	c.queue.add(apiserver.KeyOf(ev.Object))
}

// enqueueOwner queues the Deployment that controls o, if any.
func (c *DeploymentController) enqueueOwner(o metav1.Object) {
	if ref := controllerOf(o); ref != nil && ref.Kind == "Deployment" {
		c.queue.add(apiserver.Key{Namespace: o.GetNamespace(), Name: ref.Name})
	}
}

// onPod queues a Deployment when one of its pods is gone: a Recreate
// rollout waits for exactly that.
func (c *DeploymentController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	if ev.Type != apiserver.Deleted {
		return
	}
	ref := controllerOf(ev.Object)
	if ref == nil || ref.Kind != "ReplicaSet" {
		return
	}
	if rs, err := c.api.ReplicaSets.Get(ev.Object.Namespace, ref.Name); err == nil {
		c.enqueueOwner(rs)
	}
}

// collectReplicaSets deletes the ReplicaSets a deleted Deployment owned, as
// the garbage collector does; their pods follow.
func (c *DeploymentController) collectReplicaSets(d *appsv1.Deployment) {
	for _, rs := range c.api.ReplicaSets.List() {
		if ref := controllerOf(rs); ref != nil && ref.UID == d.UID {
			_ = c.api.ReplicaSets.Delete(rs.Namespace, rs.Name)
		}
	}
}

// replicaSetsOf returns the ReplicaSets d controls, oldest first
// (ReplicaSetsByCreationTimestamp: creation time, then name).
func (c *DeploymentController) replicaSetsOf(d *appsv1.Deployment) []*appsv1.ReplicaSet {
	// Copies of the set's own ReplicaSets only, from the controller
	// index: copying every ReplicaSet of the ledger on each sync was most
	// of a soak day's time once autoscalers scaled Deployments all day.
	var out []*appsv1.ReplicaSet
	for _, rs := range c.api.ReplicaSets.ListSharedByController(d.Namespace, d.UID) {
		out = append(out, rs.DeepCopy())
	}
	sortByCreation(out)
	return out
}

func sortByCreation(list []*appsv1.ReplicaSet) {
	slices.SortStableFunc(list, compareCreation)
}

func compareCreation(a, b *appsv1.ReplicaSet) int {
	return cmp.Or(a.CreationTimestamp.Time.Compare(b.CreationTimestamp.Time), cmp.Compare(a.Name, b.Name))
}

// sync runs one Deployment's rollout step (deployment_controller.go
// syncDeployment): a scaling event is handled by scaling alone, otherwise
// the strategy decides. It returns an error when the sync should be
// retried.
func (c *DeploymentController) sync(k apiserver.Key) error {
	d, err := c.api.Deployments.Get(k.Namespace, k.Name)
	if err != nil {
		return nil
	}
	sel, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil || sel.Empty() {
		c.event(d, sim.Warning, "SelectingAll", "This deployment is selecting all pods. A non-empty selector is required.")
		return nil
	}
	rsList := c.replicaSetsOf(d)
	if d.DeletionTimestamp != nil || d.Spec.Paused {
		return c.syncScaleOnly(d, rsList)
	}
	if c.isScalingEvent(d, rsList) {
		return c.syncScaleOnly(d, rsList)
	}
	if d.Spec.Strategy.Type == appsv1.RecreateDeploymentStrategyType {
		return c.rolloutRecreate(d, rsList)
	}
	return c.rolloutRolling(d, rsList)
}

// isScalingEvent reports whether spec.replicas differs from the
// desired-replicas annotation of an active ReplicaSet.
func (c *DeploymentController) isScalingEvent(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) bool {
	for _, rs := range rsList {
		if *rs.Spec.Replicas == 0 {
			continue
		}
		if desired, ok := intAnnotation(rs, DesiredReplicasAnnotation); ok && desired != *d.Spec.Replicas {
			return true
		}
	}
	return false
}

// syncScaleOnly scales the ReplicaSets to spec.replicas without moving the
// rollout forward, then writes the status (sync.go sync).
func (c *DeploymentController) syncScaleOnly(d *appsv1.Deployment, rsList []*appsv1.ReplicaSet) error {
	newRS, oldRSs, err := c.newAndOldReplicaSets(d, rsList, false)
	if err != nil {
		return err
	}
	if err := c.scale(d, newRS, oldRSs); err != nil {
		return err
	}
	all, newRS := c.reread(d, newRS)
	return c.writeStatus(d, calculateDeploymentStatus(all, newRS, d, c.loop.Now()))
}

// reread returns d's ReplicaSets as the ledger now holds them, and the
// fresh copy of newRS (nil stays nil).
func (c *DeploymentController) reread(d *appsv1.Deployment, newRS *appsv1.ReplicaSet) ([]*appsv1.ReplicaSet, *appsv1.ReplicaSet) {
	all := c.replicaSetsOf(d)
	if newRS == nil {
		return all, nil
	}
	for _, rs := range all {
		if rs.UID == newRS.UID {
			return all, rs
		}
	}
	return all, nil
}

// event records a Kubernetes Event about a Deployment.
func (c *DeploymentController) event(d *appsv1.Deployment, typ, reason, msg string, facts ...sim.Facts) {
	r := sim.Record{
		Type: typ, Source: sim.Source{Component: DeploymentComponent},
		Object: sim.ObjectRef{Kind: "Deployment", Namespace: d.Namespace, Name: d.Name, UID: string(d.UID)},
		Reason: reason, Message: msg,
	}
	if len(facts) > 0 {
		r.Facts = facts[0]
	}
	c.loop.Record(r)
}
