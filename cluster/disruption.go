package cluster

import (
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/sim"
)

// DrainComponent is the Source.Component of a drain's records: they are
// what `kubectl drain` prints, not Events of the cluster.
const DrainComponent = "kubectl-drain"

// DrainRetry is how long `kubectl drain` waits before it asks again to
// evict a pod whose budget refused (429).
// Reference: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods:
// "will retry after 5s").
const DrainRetry = 5 * time.Second

// drainPoll is how often `kubectl drain` looks whether an evicted pod is
// gone (WaitForDelete polls every second).
const drainPoll = time.Second

// applyPodDisruptionBudget creates b, or updates the budget of that name
// as `kubectl apply` does: the manifest's spec replaces the stored one, its
// labels and annotations go over the stored ones, and a manifest that
// changes nothing is not written.
func (c *Cluster) applyPodDisruptionBudget(b *policyv1.PodDisruptionBudget) error {
	cur, err := c.api.PodDisruptionBudgets.Get(defaultNS(b.Namespace), b.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreatePodDisruptionBudget(c.api, b)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *b.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, b.Labels)
	next.Annotations = overlay(next.Annotations, b.Annotations)
	next.ResourceVersion = ""
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdatePodDisruptionBudget(c.api, next)
	return err
}

// PodDisruptionBudgets returns every budget, sorted by namespace and name.
func (c *Cluster) PodDisruptionBudgets() []*policyv1.PodDisruptionBudget {
	return c.api.PodDisruptionBudgets.List()
}

// DeletePodDisruptionBudget deletes a budget, as `kubectl delete pdb` does.
func (c *Cluster) DeletePodDisruptionBudget(namespace, name string) error {
	return c.api.PodDisruptionBudgets.Delete(namespace, name)
}

// Evict asks head office to evict a pod, as a POST of its eviction
// subresource does (controller.Evict): the pod is deleted unless that
// would break one of its disruption budgets, which gives 429
// TooManyRequests. gracePeriod nil means the pod's own.
func (c *Cluster) Evict(namespace, name string, gracePeriod *int64) error {
	return controller.Evict(c.api, defaultNS(namespace), name, gracePeriod)
}

// EvictDryRun rehearses Evict, as a server dry run of the eviction
// subresource does (controller.EvictDryRun): the same answer, nil or the
// budget's 429, and nothing changes.
func (c *Cluster) EvictDryRun(namespace, name string) error {
	return controller.EvictDryRun(c.api, defaultNS(namespace), name)
}

// DrainOptions are the flags of `kubectl drain` that change what it does.
type DrainOptions struct {
	// IgnoreDaemonSets skips the pods a DaemonSet controls
	// (--ignore-daemonsets); without it, a store that runs one cannot be
	// drained.
	IgnoreDaemonSets bool
	// DeleteEmptyDirData evicts pods with emptyDir volumes too
	// (--delete-emptydir-data).
	DeleteEmptyDirData bool
	// Force evicts pods that no controller manages too (--force).
	Force bool
	// GracePeriodSeconds overrides each pod's termination grace period
	// (--grace-period); nil uses the pod's own.
	GracePeriodSeconds *int64
	// Timeout gives up after this long (--timeout); 0 waits forever.
	Timeout time.Duration
}

// The refusals of `kubectl drain`'s pod filters.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/filters.go.
const (
	daemonSetFatal    = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)"
	daemonSetWarning  = "ignoring DaemonSet-managed Pods"
	localStorageFatal = "Pods with local storage (use --delete-emptydir-data to override)"
	unmanagedFatal    = "cannot delete Pods that declare no controller (use --force to override)"
)

// Drain empties a store as `kubectl drain` does: it cordons the store,
// then asks to evict every pod on it at once, and asks again every 5
// seconds for each pod whose disruption budget refuses (429), until every
// pod is gone or Timeout runs out. Pods that have finished go as well; the
// running pods of a DaemonSet stay (with IgnoreDaemonSets; without it the drain
// refuses to start, as do pods with emptyDir data or without a controller,
// unless DeleteEmptyDirData or Force say otherwise). The refusal is the
// returned error, after the cordon, as with kubectl. Each step is a record
// of DrainComponent, in kubectl's words: "evicting pod default/web-1",
// "error when evicting pods/"web-1" -n "default" (will retry after 5s):
// Cannot evict pod as it would violate the pod's disruption budget.",
// "pod/web-1 evicted", "node/store-1 drained".
// Reference: staging/src/k8s.io/kubectl/pkg/drain/drain.go (RunNodeDrain,
// evictPods), staging/src/k8s.io/kubectl/pkg/drain/filters.go.
func (c *Cluster) Drain(store string, o DrainOptions) error {
	if err := c.Cordon(store, true); err != nil {
		return err
	}
	pods, err := c.podsToDrain(store, o)
	if err != nil {
		c.drainRecord(sim.ObjectRef{Kind: "Node", Name: store}, sim.Warning, "DrainFailed",
			fmt.Sprintf("unable to drain node %q due to error: %v", store, err))
		return err
	}
	d := &drain{c: c, store: store, opts: o, left: len(pods)}
	if o.Timeout > 0 {
		c.loop.After(o.Timeout, d.timeOut)
	}
	if len(pods) == 0 {
		d.done()
		return nil
	}
	for _, p := range pods {
		ref := podRef(p)
		d.pending = append(d.pending, ref)
		c.drainRecord(ref, sim.Normal, "EvictingPod", "evicting pod "+p.Namespace+"/"+p.Name)
		d.evict(ref)
	}
	return nil
}

// podsToDrain returns the pods of the store that a drain evicts, in name
// order, or kubectl's refusal naming the pods it will not touch
// (GetPodsForDeletion).
func (c *Cluster) podsToDrain(store string, o DrainOptions) ([]*corev1.Pod, error) {
	var out []*corev1.Pod
	fatal := map[string][]string{}
	var skipped []string
	for _, p := range c.api.Pods.List() {
		if p.Spec.NodeName != store {
			continue
		}
		name := p.Namespace + "/" + p.Name
		finished := p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
		ref := ownerController(p)
		switch {
		case !finished && ref != nil && ref.Kind == "DaemonSet":
			if o.IgnoreDaemonSets {
				skipped = append(skipped, name)
			} else {
				fatal[daemonSetFatal] = append(fatal[daemonSetFatal], name)
			}
			continue
		case !finished && hasEmptyDir(p) && !o.DeleteEmptyDirData:
			fatal[localStorageFatal] = append(fatal[localStorageFatal], name)
			continue
		case !finished && ref == nil && !o.Force:
			fatal[unmanagedFatal] = append(fatal[unmanagedFatal], name)
			continue
		}
		out = append(out, p)
	}
	if len(fatal) > 0 {
		var msgs []string
		for _, kind := range []string{daemonSetFatal, localStorageFatal, unmanagedFatal} {
			if names := fatal[kind]; len(names) > 0 {
				msgs = append(msgs, "cannot delete "+kind+": "+strings.Join(names, ", "))
			}
		}
		if len(msgs) > 1 { // an aggregate of errors prints as a list
			return nil, fmt.Errorf("[%s]", strings.Join(msgs, ", "))
		}
		return nil, fmt.Errorf("%s", msgs[0])
	}
	if len(skipped) > 0 {
		c.drainRecord(sim.ObjectRef{Kind: "Node", Name: store}, sim.Warning, "DrainWarning",
			"Warning: "+daemonSetWarning+": "+strings.Join(skipped, ", "))
	}
	return out, nil
}

// ownerController returns the owner reference of p that is its
// controller, or nil.
func ownerController(p *corev1.Pod) *struct{ Kind, Name string } {
	for _, r := range p.OwnerReferences {
		if r.Controller != nil && *r.Controller {
			return &struct{ Kind, Name string }{r.Kind, r.Name}
		}
	}
	return nil
}

func hasEmptyDir(p *corev1.Pod) bool {
	return slices.ContainsFunc(p.Spec.Volumes, func(v corev1.Volume) bool { return v.EmptyDir != nil })
}

func podRef(p *corev1.Pod) sim.ObjectRef {
	return sim.ObjectRef{Kind: "Pod", Namespace: p.Namespace, Name: p.Name, UID: string(p.UID)}
}

func (c *Cluster) drainRecord(ref sim.ObjectRef, typ, reason, msg string) {
	c.loop.Record(sim.Record{Kind: sim.Change, Type: typ, Source: sim.Source{Component: DrainComponent},
		Object: ref, Reason: reason, Message: msg})
}

// drain is one `kubectl drain` in progress.
type drain struct {
	c       *Cluster
	store   string
	opts    DrainOptions
	left    int             // pods not yet gone
	pending []sim.ObjectRef // those pods, in name order
	failed  bool            // timed out, or an eviction failed
}

// timeOut ends the drain at its --timeout: each pod still pending gets
// kubectl's line, and no eviction is asked again.
func (d *drain) timeOut() {
	if d.left == 0 || d.failed {
		return
	}
	d.failed = true
	for _, ref := range d.pending {
		d.c.drainRecord(ref, sim.Warning, "DrainFailed", fmt.Sprintf("error when evicting pods/%q -n %q: global timeout reached: %v",
			ref.Name, ref.Namespace, d.opts.Timeout))
	}
}

// evict asks to evict one pod, and again every DrainRetry while its
// budget refuses.
func (d *drain) evict(ref sim.ObjectRef) {
	if d.failed {
		return
	}
	err := d.c.Evict(ref.Namespace, ref.Name, d.opts.GracePeriodSeconds)
	switch {
	case err == nil || apierrors.IsNotFound(err):
		d.waitForDelete(ref)
	case apierrors.IsTooManyRequests(err):
		d.c.drainRecord(ref, sim.Warning, "EvictionRefused", fmt.Sprintf("error when evicting pods/%q -n %q (will retry after %v): %v",
			ref.Name, ref.Namespace, DrainRetry, err))
		d.c.loop.After(DrainRetry, func() { d.evict(ref) })
	default:
		d.failed = true // the drain is not done; the other pods go on
		d.c.drainRecord(ref, sim.Warning, "DrainFailed", fmt.Sprintf("error when evicting pods/%q -n %q: %v", ref.Name, ref.Namespace, err))
	}
}

// waitForDelete looks every second whether the evicted pod is gone (a
// new pod of the same name, another uid, counts as gone).
func (d *drain) waitForDelete(ref sim.ObjectRef) {
	p, err := d.c.api.Pods.Get(ref.Namespace, ref.Name)
	if err == nil && string(p.UID) == ref.UID {
		if d.failed {
			return
		}
		d.c.loop.After(drainPoll, func() { d.waitForDelete(ref) })
		return
	}
	d.c.drainRecord(ref, sim.Normal, "PodEvicted", "pod/"+ref.Name+" evicted")
	d.left--
	d.pending = slices.DeleteFunc(d.pending, func(r sim.ObjectRef) bool { return r == ref })
	if d.left == 0 && !d.failed {
		d.done()
	}
}

func (d *drain) done() {
	d.c.drainRecord(sim.ObjectRef{Kind: "Node", Name: d.store}, sim.Normal, "NodeDrained", "node/"+d.store+" drained")
}
