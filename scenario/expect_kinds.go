package scenario

import (
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/cluster"
)

// AutoscalerExpect checks a HorizontalPodAutoscaler's status: the
// REPLICAS column of `kubectl get hpa` (status.currentReplicas) and the
// count it last decided on (status.desiredReplicas).
type AutoscalerExpect struct {
	Name            string `json:"name"`
	Namespace       string `json:"namespace,omitempty"`
	CurrentReplicas *Range `json:"currentReplicas,omitempty"`
	DesiredReplicas *Range `json:"desiredReplicas,omitempty"`
}

// DaemonSetExpect checks a DaemonSet's status, the columns of `kubectl
// get daemonsets`: DESIRED (status.desiredNumberScheduled), CURRENT
// (currentNumberScheduled), READY (numberReady), UP-TO-DATE
// (updatedNumberScheduled) and AVAILABLE (numberAvailable).
type DaemonSetExpect struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Desired   *Range `json:"desired,omitempty"`
	Current   *Range `json:"current,omitempty"`
	Ready     *Range `json:"ready,omitempty"`
	UpToDate  *Range `json:"upToDate,omitempty"`
	Available *Range `json:"available,omitempty"`
}

// ReplicationControllerExpect checks a ReplicationController as
// DeploymentExpect checks a Deployment: how many pods it asks for
// (spec.replicas, the DESIRED column of `kubectl get rc`) and how many
// are ready (status.readyReplicas, READY).
type ReplicationControllerExpect DeploymentExpect

// expectReplicationController checks how many pods a
// ReplicationController asks for and how many of them are ready.
func expectReplicationController(c *cluster.Cluster, e *ReplicationControllerExpect, add checker) {
	rc, err := c.API().ReplicationControllers.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "replicationController", "replicationcontroller "+e.Name, "no such replicationcontroller", err, []countCheck{
		{"replicas", e.Replicas, func() int32 { return replicasOr1(rc.Spec.Replicas) }},
		{"ready", e.Ready, func() int32 { return rc.Status.ReadyReplicas }},
	})
}

func (e *ReplicationControllerExpect) validate(p *field.Path) field.ErrorList {
	return validateReplicasReady(p, "a replicationController", e.Name, e.Replicas, e.Ready)
}

// expectAutoscaler checks an autoscaler's current and desired replicas.
func expectAutoscaler(c *cluster.Cluster, e *AutoscalerExpect, add checker) {
	h, err := c.API().HPAs.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "autoscaler", "horizontalpodautoscaler "+e.Name, "no such horizontalpodautoscaler", err, []countCheck{
		{"currentReplicas", e.CurrentReplicas, func() int32 { return h.Status.CurrentReplicas }},
		{"desiredReplicas", e.DesiredReplicas, func() int32 { return h.Status.DesiredReplicas }},
	})
}

// expectDaemonSet checks a DaemonSet's counts of stores.
func expectDaemonSet(c *cluster.Cluster, e *DaemonSetExpect, add checker) {
	d, err := c.API().DaemonSets.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "daemonSet", "daemonset "+e.Name, "no such daemonset", err, []countCheck{
		{"desired", e.Desired, func() int32 { return d.Status.DesiredNumberScheduled }},
		{"current", e.Current, func() int32 { return d.Status.CurrentNumberScheduled }},
		{"ready", e.Ready, func() int32 { return d.Status.NumberReady }},
		{"upToDate", e.UpToDate, func() int32 { return d.Status.UpdatedNumberScheduled }},
		{"available", e.Available, func() int32 { return d.Status.NumberAvailable }},
	})
}

func (a *AutoscalerExpect) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("name"), a.Name)
	if a.CurrentReplicas == nil && a.DesiredReplicas == nil {
		errs = append(errs, field.Required(p, "an autoscaler expectation checks currentReplicas or desiredReplicas"))
	}
	errs = append(errs, validRange(p.Child("currentReplicas"), a.CurrentReplicas)...)
	return append(errs, validRange(p.Child("desiredReplicas"), a.DesiredReplicas)...)
}

func (d *DaemonSetExpect) validate(p *field.Path) field.ErrorList {
	errs := required(p.Child("name"), d.Name)
	counts := []struct {
		name string
		r    *Range
	}{{"desired", d.Desired}, {"current", d.Current}, {"ready", d.Ready}, {"upToDate", d.UpToDate}, {"available", d.Available}}
	set := false
	for _, c := range counts {
		set = set || c.r != nil
		errs = append(errs, validRange(p.Child(c.name), c.r)...)
	}
	if !set {
		errs = append(errs, field.Required(p, "a daemonSet expectation checks desired, current, ready, upToDate or available"))
	}
	return errs
}
