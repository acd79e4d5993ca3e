package scenario

import (
	"strings"

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

// StatefulSetExpect checks a StatefulSet: how many pods it asks for
// (spec.replicas) and its status counts, the READY column of `kubectl get
// statefulsets` (status.readyReplicas) and the current and updated
// revisions' pods (status.currentReplicas, status.updatedReplicas).
type StatefulSetExpect struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Replicas  *Range `json:"replicas,omitempty"`
	Ready     *Range `json:"ready,omitempty"`
	Current   *Range `json:"current,omitempty"`
	Updated   *Range `json:"updated,omitempty"`
}

// CronJobExpect checks a CronJob: the ACTIVE column of `kubectl get
// cronjobs`, how many of its Jobs are running (status.active).
type CronJobExpect struct {
	Name      string `json:"name"`
	Namespace string `json:"namespace,omitempty"`
	Active    *Range `json:"active,omitempty"`
}

// expectStatefulSet checks a StatefulSet's replicas and status counts.
func expectStatefulSet(c *cluster.Cluster, e *StatefulSetExpect, add checker) {
	ss, err := c.API().StatefulSets.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "statefulSet", "statefulset "+e.Name, "no such statefulset", err, []countCheck{
		{"replicas", e.Replicas, func() int32 { return replicasOr1(ss.Spec.Replicas) }},
		{"ready", e.Ready, func() int32 { return ss.Status.ReadyReplicas }},
		{"current", e.Current, func() int32 { return ss.Status.CurrentReplicas }},
		{"updated", e.Updated, func() int32 { return ss.Status.UpdatedReplicas }},
	})
}

// expectCronJob checks how many of a CronJob's Jobs are active.
func expectCronJob(c *cluster.Cluster, e *CronJobExpect, add checker) {
	cj, err := c.API().CronJobs.Get(namespace(e.Namespace), e.Name)
	expectCounts(add, "cronJob", "cronjob "+e.Name, "no such cronjob", err, []countCheck{
		{"active", e.Active, func() int32 { return int32(len(cj.Status.Active)) }},
	})
}

func (e *StatefulSetExpect) validate(p *field.Path) field.ErrorList {
	return validateCounts(p, "statefulSet", e.Name, []namedRange{
		{"replicas", e.Replicas}, {"ready", e.Ready}, {"current", e.Current}, {"updated", e.Updated}})
}

func (e *CronJobExpect) validate(p *field.Path) field.ErrorList {
	return validateCounts(p, "cronJob", e.Name, []namedRange{{"active", e.Active}})
}

// namedRange is one bounded count of an expectation, by its field name.
type namedRange struct {
	name string
	r    *Range
}

// validateCounts checks that an expectation of kind what names its
// object, bounds at least one count, and bounds each sensibly.
func validateCounts(p *field.Path, what, name string, counts []namedRange) field.ErrorList {
	errs := required(p.Child("name"), name)
	set := false
	names := make([]string, len(counts))
	for i, c := range counts {
		names[i] = c.name
		set = set || c.r != nil
		errs = append(errs, validRange(p.Child(c.name), c.r)...)
	}
	if !set {
		list := names[0]
		if n := len(names); n > 1 {
			list = strings.Join(names[:n-1], ", ") + " or " + names[n-1]
		}
		errs = append(errs, field.Required(p, "a "+what+" expectation checks "+list))
	}
	return errs
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
	return validateCounts(p, "daemonSet", d.Name, []namedRange{
		{"desired", d.Desired}, {"current", d.Current}, {"ready", d.Ready}, {"upToDate", d.UpToDate}, {"available", d.Available}})
}
