package cluster

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/service"
	"github.com/nodenucleus/nucleus/sim"
)

// createService is the API server's side of `kubectl apply` for a Service:
// defaulting, validation, then a ClusterIP (and NodePorts) from the
// service range.
func (c *Cluster) createService(svc *corev1.Service) error {
	svc = svc.DeepCopy()
	if svc.Namespace == "" {
		svc.Namespace = "default"
	}
	if svc.Kind == "" {
		svc.APIVersion, svc.Kind = "v1", "Service"
	}
	service.Default(svc)
	if errs := service.Validate(svc); len(errs) > 0 {
		return fmt.Errorf("service %q is invalid: %w", svc.Name, errs.ToAggregate())
	}
	if _, err := c.api.Services.Get(svc.Namespace, svc.Name); err == nil {
		return fmt.Errorf("service %q already exists", svc.Name)
	}
	if errs := c.ips.Allocate(svc); len(errs) > 0 {
		return fmt.Errorf("service %q is invalid: %w", svc.Name, errs.ToAggregate())
	}
	_, err := c.api.Services.Create(svc)
	return err
}

// DeleteService removes a Service and gives back its addresses.
func (c *Cluster) DeleteService(namespace, name string) error {
	svc, err := c.api.Services.Get(namespace, name)
	if err != nil {
		return err
	}
	c.ips.Release(svc)
	return c.api.Services.Delete(namespace, name)
}

// Services returns every Service, sorted by namespace and name.
func (c *Cluster) Services() []*corev1.Service { return c.api.Services.List() }

// EndpointSlices returns every EndpointSlice, sorted by namespace and name.
func (c *Cluster) EndpointSlices() []*discoveryv1.EndpointSlice { return c.api.EndpointSlices.List() }

// serviceQueue is the work queue of the controllers that keep something
// per Service in line with the pods (the EndpointSlice and the Endpoints
// controllers): it queues a Service when it changes or when a pod its
// selector matches changes, and syncs the queued ones together, in key
// order, at the end of the current instant, for each controller in turn.
// The controllers share its one watch of the pods, as kube-controller-
// manager's controllers share one informer per resource: a second watch
// cost a delivery per pod write (90,000 loop events in a chain of 30,000
// pods with no Service at all). They share its one list of the pods too,
// grouped by namespace once per sync, as an informer's namespace index
// serves every lister: each Service's sync reads its namespace's pods
// instead of every pod of the ledger.
type serviceQueue struct {
	loop    *sim.Loop
	api     *apiserver.Server
	dirty   map[apiserver.Key]bool
	pending sim.Handle
	syncs   []serviceSync
	// byNamespace holds, during a sync, the pods of each namespace a
	// queued Service is in, in the ledger's order; kept between syncs
	// for its room.
	byNamespace map[string][]*corev1.Pod
}

// serviceSync is one controller's sync of the Service k, given the pods
// of k's namespace (shared with the ledger: read-only).
type serviceSync func(k apiserver.Key, pods []*corev1.Pod)

// newServiceQueue watches Services and pods and calls each of syncs for
// each queued Service.
func newServiceQueue(loop *sim.Loop, api *apiserver.Server, syncs ...serviceSync) *serviceQueue {
	q := &serviceQueue{loop: loop, api: api, dirty: map[apiserver.Key]bool{}, syncs: syncs, byNamespace: map[string][]*corev1.Pod{}}
	api.Services.Watch(0, true, func(ev apiserver.WatchEvent[*corev1.Service]) {
		q.mark(apiserver.KeyOf(ev.Object))
	})
	api.Pods.WatchShared(0, false, func(ev apiserver.WatchEvent[*corev1.Pod]) { q.podChanged(ev.Object) })
	return q
}

// podChanged marks every Service in the pod's namespace whose selector
// matches it.
func (q *serviceQueue) podChanged(p *corev1.Pod) {
	for _, svc := range q.api.Services.ListShared() {
		if svc.Namespace != p.Namespace || len(svc.Spec.Selector) == 0 {
			continue
		}
		if selects(svc.Spec.Selector, p.Labels) {
			q.mark(apiserver.KeyOf(svc))
		}
	}
}

func selects(selector, labels map[string]string) bool {
	for k, v := range selector {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// mark queues a Service for a sync; all queued Services sync together at
// the end of the current instant.
func (q *serviceQueue) mark(k apiserver.Key) {
	q.dirty[k] = true
	if !q.loop.Scheduled(q.pending) {
		q.pending = q.loop.After(0, q.syncAll)
	}
}

func (q *serviceQueue) syncAll() {
	keys := make([]apiserver.Key, 0, len(q.dirty))
	for k := range q.dirty {
		keys = append(keys, k)
	}
	clear(q.dirty)
	slices.SortFunc(keys, func(a, b apiserver.Key) int { return cmp.Compare(a.String(), b.String()) })
	q.indexPods(keys)
	for _, sync := range q.syncs {
		for _, k := range keys {
			sync(k, q.byNamespace[k.Namespace])
		}
	}
	for ns, pods := range q.byNamespace {
		clear(pods)
		q.byNamespace[ns] = pods[:0]
	}
}

// indexPods groups the ledger's pods by namespace, for the namespaces of
// keys only, in one pass. No sync writes a pod, so the index holds for
// the whole of syncAll.
func (q *serviceQueue) indexPods(keys []apiserver.Key) {
	wanted := map[string]bool{}
	for _, k := range keys {
		wanted[k.Namespace] = true
	}
	if len(wanted) == 0 {
		return
	}
	for _, p := range q.api.Pods.ListShared() {
		if wanted[p.Namespace] {
			q.byNamespace[p.Namespace] = append(q.byNamespace[p.Namespace], p)
		}
	}
}

// sliceController is head office's EndpointSlice controller: it keeps each
// Service's roster (which pods are on the floor for that counter, and
// whether they are ready) in line with the pods.
type sliceController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	ctrl  endpointslice.Controller
	names *rand.Rand
}

func newSliceController(loop *sim.Loop, api *apiserver.Server, nodeZone func(string) string) *sliceController {
	sc := &sliceController{
		loop: loop, api: api, ctrl: endpointslice.Controller{NodeZone: nodeZone},
		names: loop.Rand("apiserver/generate-name"),
	}
	return sc
}

// sync brings the slices of the Service k in line with pods, its
// namespace's. It reads the slices and the pods from the ledger itself,
// not copies: Reconcile does not change its inputs.
func (sc *sliceController) sync(k apiserver.Key, pods []*corev1.Pod) {
	var existing []*discoveryv1.EndpointSlice
	for _, s := range sc.api.EndpointSlices.ListShared() {
		if s.Namespace == k.Namespace && s.Labels[discoveryv1.LabelServiceName] == k.Name {
			existing = append(existing, s)
		}
	}
	svc, err := sc.api.Services.Get(k.Namespace, k.Name)
	if err != nil {
		// The Service is gone: the slices it owns go with it (garbage
		// collection of owned objects). A slice a client wrote by hand
		// owns no Service and stays; a mirrored one goes with its
		// Endpoints.
		for _, s := range existing {
			if s.Labels[discoveryv1.LabelManagedBy] == endpointslice.ControllerName {
				_ = sc.api.EndpointSlices.Delete(s.Namespace, s.Name)
			}
		}
		return
	}
	ch := sc.ctrl.Reconcile(svc, pods, existing, sc.generateName)
	if len(ch.Create)+len(ch.Update)+len(ch.Delete) == 0 {
		return
	}
	applySliceChanges(sc.api, ch)
	sc.narrate(svc, rosterAfter(existing, ch))
}

// applySliceChanges writes a reconcile's changes to the ledger: the
// deletions first, then the updates, then the new slices.
func applySliceChanges(api *apiserver.Server, ch endpointslice.Changes) {
	for _, s := range ch.Delete {
		_ = api.EndpointSlices.Delete(s.Namespace, s.Name)
	}
	for _, s := range ch.Update {
		s.ResourceVersion = ""
		_, _ = api.EndpointSlices.Update(s)
	}
	for _, s := range ch.Create {
		_, _ = api.EndpointSlices.Create(s)
	}
}

// rosterAfter returns the Service's slices once ch is written: those it
// had, less the deleted, with the updated in place of their old selves,
// and the created. The roster is counted from them rather than from a
// second pass over every slice of the chain, which made a sync cost as
// many slices as the chain holds (10,000 Services took minutes).
func rosterAfter(existing []*discoveryv1.EndpointSlice, ch endpointslice.Changes) []*discoveryv1.EndpointSlice {
	gone := map[string]bool{}
	for _, s := range ch.Delete {
		gone[s.Name] = true
	}
	for _, s := range ch.Update {
		gone[s.Name] = true
	}
	out := make([]*discoveryv1.EndpointSlice, 0, len(existing)+len(ch.Update)+len(ch.Create))
	for _, s := range existing {
		if !gone[s.Name] {
			out = append(out, s)
		}
	}
	out = append(out, ch.Update...)
	return append(out, ch.Create...)
}

// narrate records the roster as it now stands, from the Service's slices.
func (sc *sliceController) narrate(svc *corev1.Service, slices []*discoveryv1.EndpointSlice) {
	ready, total := 0, 0
	for _, s := range slices {
		for _, ep := range s.Endpoints {
			total++
			if ep.Conditions.Ready == nil || *ep.Conditions.Ready {
				ready++
			}
		}
	}
	sc.loop.Record(sim.Record{
		Kind: sim.Change, Source: sim.Source{Component: "endpointslice-controller"},
		Object:  sim.ObjectRef{Kind: "Service", Namespace: svc.Namespace, Name: svc.Name, UID: string(svc.UID)},
		Reason:  "EndpointsChanged",
		Message: fmt.Sprintf("EndpointSlices of %s list %d endpoints, %d ready", svc.Name, total, ready),
		Facts:   sim.Facts{Count: int32(ready)},
	})
}

// generateName is the API server's generateName: the prefix and five
// characters from its alphabet.
func (sc *sliceController) generateName(prefix string) string {
	const alphabet = "bcdfghjklmnpqrstvwxz2456789"
	b := make([]byte, 5)
	for i := range b {
		b[i] = alphabet[sc.names.IntN(len(alphabet))]
	}
	return prefix + string(b)
}
