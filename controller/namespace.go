package controller

import (
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// NamespaceComponent is the Source.Component of the namespace
// controller's records.
const NamespaceComponent = "namespace-controller"

// NamespaceController empties a namespace that is being deleted: it
// deletes every object in it (pods gracefully, as any delete does), and
// once no pod is left it removes the namespace itself, as the real
// controller clears the kubernetes finalizer
// (pkg/controller/namespace/deletion, namespacedResourcesDeleter). In the
// store: head office closes a department; every order and employee of it
// goes, and the department's name comes off the door last.
type NamespaceController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
	// Release, if set, is called for each Service deleted, so whoever
	// hands out Service addresses gets them back.
	Release func(*corev1.Service)
}

// NewNamespaceController returns the controller, watching namespaces at
// once. It does not watch pods: while pods of a Terminating namespace are
// on their way out it comes back when the longest grace period is up, as
// the real controller requeues after its estimate.
func NewNamespaceController(cfg Config) *NamespaceController {
	c := &NamespaceController{loop: cfg.Loop, api: cfg.API}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.Namespaces.Watch(0, false, func(ev apiserver.WatchEvent[*corev1.Namespace]) {
		if ev.Type != apiserver.Deleted && ev.Object.DeletionTimestamp != nil {
			c.queue.add(apiserver.Key{Name: ev.Object.Name})
		}
	})
	return c
}

// sync deletes what is left in a Terminating namespace and, when nothing
// is, the namespace.
func (c *NamespaceController) sync(k apiserver.Key) error {
	ns, err := c.api.Namespaces.Get("", k.Name)
	if err != nil || ns.DeletionTimestamp == nil {
		return nil
	}
	// Owners first, so their controllers do not hire replacements for
	// the pods deleted below (the autoscaler before what it scales).
	deleteIn(c.api.HPAs, ns.Name)
	deleteIn(c.api.CronJobs, ns.Name)
	deleteIn(c.api.Jobs, ns.Name)
	deleteIn(c.api.Deployments, ns.Name)
	deleteIn(c.api.ReplicaSets, ns.Name)
	deleteIn(c.api.ReplicationControllers, ns.Name)
	deleteIn(c.api.StatefulSets, ns.Name)
	deleteIn(c.api.DaemonSets, ns.Name)
	deleteIn(c.api.PodDisruptionBudgets, ns.Name)
	for _, s := range c.api.Services.ListShared() {
		if s.Namespace == ns.Name && c.api.Services.Delete(s.Namespace, s.Name) == nil && c.Release != nil {
			c.Release(s)
		}
	}
	deleteIn(c.api.EndpointSlices, ns.Name)
	deleteIn(c.api.Endpoints, ns.Name)
	deleteIn(c.api.ConfigMaps, ns.Name)
	deleteIn(c.api.Secrets, ns.Name)
	deleteIn(c.api.Claims, ns.Name)
	deleteIn(c.api.Leases, ns.Name)
	if wait, left := c.deletePods(ns.Name); left {
		c.queue.addAfter(k, wait)
		return nil
	}
	c.api.FinishNamespace(ns.Name)
	c.loop.Record(sim.Record{
		Kind: sim.Change, Source: sim.Source{Component: NamespaceComponent},
		Object: sim.ObjectRef{Kind: "Namespace", Name: ns.Name, UID: string(ns.UID)},
		Reason: "NamespaceDeleted", Message: "namespace " + ns.Name + " is empty and deleted",
	})
	return nil
}

// deletePods deletes the pods of a namespace, each with its own grace
// period, and reports whether any is left and how long until the last
// one's grace period is up (at least a second), when the namespace is
// looked at again.
// Reference: pkg/controller/namespace/deletion/namespaced_resources_deleter.go
// (estimateGracefulTermination, ResourcesRemainingError).
func (c *NamespaceController) deletePods(namespace string) (time.Duration, bool) {
	now := c.loop.Now().Wall()
	wait, left := time.Second, false
	for _, p := range c.api.Pods.ListShared() {
		if p.Namespace != namespace {
			continue
		}
		if p.DeletionTimestamp == nil {
			_ = c.api.DeletePod(p.Namespace, p.Name, nil)
		}
		q, err := c.api.Pods.Get(p.Namespace, p.Name)
		if err != nil {
			continue // gone at once: not yet on a store, or finished
		}
		left = true
		if q.DeletionTimestamp != nil {
			wait = max(wait, q.DeletionTimestamp.Sub(now))
		}
	}
	return wait, left
}

// deleteIn deletes every object of one kind in namespace.
func deleteIn[T apiserver.Object](st *apiserver.Store[T], namespace string) {
	for _, o := range st.ListShared() {
		if o.GetNamespace() == namespace {
			_ = st.Delete(namespace, o.GetName())
		}
	}
}
