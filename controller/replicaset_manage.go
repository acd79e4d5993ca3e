package controller

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// Event reasons of the ReplicaSet controller (controller_utils.go).
const (
	ReasonSuccessfulCreate = "SuccessfulCreate"
	ReasonFailedCreate     = "FailedCreate"
	ReasonSuccessfulDelete = "SuccessfulDelete"
	ReasonFailedDelete     = "FailedDelete"
)

// manageReplicas creates or deletes pods so that rs has spec.replicas
// active pods (replica_set.go manageReplicas). It returns the first error.
// To delete, it ranks the active pods the tally listed: a tally counted
// from changes has none to delete.
func (c *ReplicaSetController) manageReplicas(rs *appsv1.ReplicaSet, tally podTally) error {
	active := tally.active
	diff := int(tally.replicas) - int(*rs.Spec.Replicas)
	switch {
	case diff < 0:
		n := min(-diff, burstReplicas)
		_, err := slowStartBatch(n, 1, func() error { return c.createPod(rs) })
		return err
	case diff > 0:
		n := min(diff, burstReplicas)
		var first error
		for _, p := range PodsToDelete(active, c.relatedPods(rs), n, c.loop.Now().Wall()) {
			if err := c.deletePod(rs, p); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	return nil
}

// slowStartBatch calls fn count times in batches of 1, 2, 4, ... (starting
// at initial). Calls within a batch all happen (in Kubernetes they run in
// parallel); a batch with a failure ends the whole run. It returns how many
// calls succeeded and the first error.
func slowStartBatch(count, initial int, fn func() error) (int, error) {
	remaining, successes := count, 0
	for batch := min(remaining, initial); batch > 0; batch = min(2*batch, remaining) {
		var first error
		for range batch {
			if err := fn(); err != nil {
				if first == nil {
					first = err
				}
				continue
			}
			successes++
		}
		if first != nil {
			return successes, first
		}
		remaining -= batch
	}
	return successes, nil
}

// createPod hires one employee: a pod from rs's template, named by the API
// server's generateName, owned by rs.
func (c *ReplicaSetController) createPod(rs *appsv1.ReplicaSet) error {
	p := c.template.pod(rs, c.controllerRef)
	if len(p.Labels) == 0 {
		err := fmt.Errorf("unable to create pods, no labels")
		c.event(rs, sim.Warning, ReasonFailedCreate, "Error creating: "+err.Error())
		return err
	}
	var created *corev1.Pod
	var err error
	for range 8 { // the API server retries a generated name that is taken
		p.Name = c.generateName(p.GenerateName)
		if created, err = c.create(p); !apierrors.IsAlreadyExists(err) {
			break
		}
	}
	if err != nil {
		c.event(rs, sim.Warning, ReasonFailedCreate, "Error creating: "+err.Error())
		return err
	}
	c.event(rs, sim.Normal, ReasonSuccessfulCreate, "Created pod: "+created.Name, sim.Facts{To: created.Name})
	return nil
}

// podFromTemplate returns the pod a ReplicaSet asks for (GetPodFromTemplate),
// owned through owner and defaulted as the API server would.
func podFromTemplate(rs *appsv1.ReplicaSet, owner metav1.OwnerReference) *corev1.Pod {
	p := podFromTemplateOf(&rs.Spec.Template, rs.Namespace, owner)
	p.GenerateName = rs.Name + "-"
	pod.Default(p)
	return p
}

// templatePod is the pod one version of a ReplicaSet's template makes,
// built and defaulted once for the many pods a sync creates from it. The
// resource lists of its containers are kept aside and shared by every pod
// made from it: a stored pod is read-only, and every writer of a pod's
// resources (a resize, an update, defaulting) writes new lists into a
// copy, so thousands of pods carry one copy of the template's requests
// and limits instead of one each.
type templatePod struct {
	rs      *appsv1.ReplicaSet
	version string
	// bare is the defaulted pod, its containers' resources taken out
	// into resources and initResources.
	bare                     *corev1.Pod
	resources, initResources []corev1.ResourceRequirements
}

// pod returns a new pod from rs's template (podFromTemplate, owned
// through ownerRef(rs)): a copy of the one built for rs's version, sharing
// its resource lists.
func (t *templatePod) pod(rs *appsv1.ReplicaSet, ownerRef func(*appsv1.ReplicaSet) metav1.OwnerReference) *corev1.Pod {
	if t.rs != rs || t.version != rs.ResourceVersion {
		bare := podFromTemplate(rs, ownerRef(rs))
		*t = templatePod{rs: rs, version: rs.ResourceVersion, bare: bare,
			resources: takeResources(bare.Spec.Containers), initResources: takeResources(bare.Spec.InitContainers)}
	}
	p := t.bare.DeepCopy()
	for i := range t.resources {
		p.Spec.Containers[i].Resources = t.resources[i]
	}
	for i := range t.initResources {
		p.Spec.InitContainers[i].Resources = t.initResources[i]
	}
	return p
}

// takeResources returns the resources of each of cs, leaving none in cs.
func takeResources(cs []corev1.Container) []corev1.ResourceRequirements {
	out := make([]corev1.ResourceRequirements, len(cs))
	for i := range cs {
		out[i], cs[i].Resources = cs[i].Resources, corev1.ResourceRequirements{}
	}
	return out
}

// deletePod lets one employee go: a graceful delete with the pod's own
// grace period. A pod already gone is not an error.
func (c *ReplicaSetController) deletePod(rs *appsv1.ReplicaSet, p *corev1.Pod) error {
	err := c.api.DeletePod(p.Namespace, p.Name, nil)
	switch {
	case apierrors.IsNotFound(err):
		return nil
	case err != nil:
		c.event(rs, sim.Warning, ReasonFailedDelete, "Error deleting: "+err.Error())
		return err
	}
	c.event(rs, sim.Normal, ReasonSuccessfulDelete, "Deleted pod: "+p.Name, sim.Facts{To: p.Name})
	return nil
}

// relatedPods returns the pods of every ReplicaSet that has the same owner
// as rs (rs's own pods when it has no owner), for the "crowded store"
// ranking (getIndirectlyRelatedPods).
func (c *ReplicaSetController) relatedPods(rs *appsv1.ReplicaSet) []*corev1.Pod {
	uids := map[string]bool{string(rs.UID): true}
	if owner := controllerOf(rs); owner != nil {
		for _, other := range c.kind.list() {
			if ref := controllerOf(other); other.Namespace == rs.Namespace && ref != nil && ref.UID == owner.UID {
				uids[string(other.UID)] = true
			}
		}
	}
	var out []*corev1.Pod
	for _, p := range c.api.Pods.ListShared() {
		if ref := controllerOf(p); p.Namespace == rs.Namespace && ref != nil && uids[string(ref.UID)] {
			out = append(out, p)
		}
	}
	return out
}
