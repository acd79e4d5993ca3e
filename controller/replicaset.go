package controller

import (
	"math/rand/v2"
	"slices"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// ReplicaSetComponent is the Source.Component of the ReplicaSet
// controller's records.
const ReplicaSetComponent = "replicaset-controller"

// burstReplicas caps how many pods one sync creates or deletes
// (the ReplicaSet controller's BurstReplicas, 500).
const burstReplicas = 500

// ReplicaSetController is the part of head office's staffing plan that
// keeps each standing order ("three cashiers") filled: it hires (creates)
// and lets go (deletes) pods so that every ReplicaSet owns spec.replicas
// active pods, and reports how many are ready and available. The same
// controller, run over ReplicationControllers seen as ReplicaSets, is the
// replication manager (see NewReplicationManager).
type ReplicaSetController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	kind  managedKind
	names *rand.Rand
	queue *workQueue
	memos map[types.UID]*podFactsMemo // by ReplicaSet
	// Scratch slices one sync hands the next, emptied, so that a sync of
	// a ReplicaSet of thousands of pods does not allocate room for them
	// all again: the pods it lists and the active ones it tallies.
	owned, active []*corev1.Pod
	// changes is the room of the last take of a ReplicaSet's pod changes
	// (see podCounts), emptied.
	changes []apiserver.Change[*corev1.Pod]
	// listEverySync, set by tests, makes every sync list the ReplicaSet's
	// pods, as the real controller does, instead of counting them from the
	// ledger's changes: the two must give the same run.
	listEverySync bool
	// template is the pod of the template last created from.
	template templatePod
	// create stores a new pod; tests replace it to make creations fail.
	create func(*corev1.Pod) (*corev1.Pod, error)
}

// NewReplicaSetController returns a ReplicaSet controller that starts
// watching the ledger at once: every ReplicaSet already there is synced at
// the end of the current instant.
func NewReplicaSetController(cfg Config) *ReplicaSetController {
	c := newReplicaSetController(cfg, replicaSetKind(cfg.API))
	cfg.API.ReplicaSets.Watch(0, true, c.onReplicaSet)
	cfg.API.Pods.WatchShared(0, false, c.onPod)
	return c
}

// newReplicaSetController returns the controller's logic over kind; the
// caller starts its watches.
func newReplicaSetController(cfg Config, kind managedKind) *ReplicaSetController {
	c := &ReplicaSetController{
		loop: cfg.Loop, api: cfg.API, kind: kind, names: cfg.Loop.Rand(kind.names),
		memos: map[types.UID]*podFactsMemo{},
	}
	c.create = c.api.CreatePodNoCopy // podFromTemplate's pods are new
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	return c
}

// managedKind is what the controller's logic runs over, as ReplicaSets:
// apps/v1 ReplicaSets themselves, or v1 ReplicationControllers through a
// conversion (pkg/controller/replication's adapters do the same).
type managedKind struct {
	apiVersion, kind, component string
	names                       string // the random stream of its pods' names
	get                         func(namespace, name string) (*appsv1.ReplicaSet, error)
	list                        func() []*appsv1.ReplicaSet
	// updateStatus writes rs's status to the stored object.
	updateStatus func(rs *appsv1.ReplicaSet) (*appsv1.ReplicaSet, error)
}

// replicaSetKind is the controller's own kind.
func replicaSetKind(api *apiserver.Server) managedKind {
	return managedKind{
		apiVersion: "apps/v1", kind: "ReplicaSet", component: ReplicaSetComponent, names: "controller/generate-name",
		get: api.ReplicaSets.Get, list: api.ReplicaSets.List, updateStatus: api.ReplicaSets.Update,
	}
}

func (c *ReplicaSetController) onReplicaSet(ev apiserver.WatchEvent[*appsv1.ReplicaSet]) {
	if ev.Type == apiserver.Deleted {
		delete(c.memos, ev.Object.UID)
		c.stopCounts(ev.Object)
		c.collectPods(ev.Object)
		return
	}
	c.queue.add(apiserver.KeyOf(ev.Object))
}

// onPod queues the ReplicaSet that owns the pod or, for a pod that no one
// owns, every ReplicaSet whose selector matches it (it may be adopted).
func (c *ReplicaSetController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	p := ev.Object
	if ref := controllerOf(p); ref != nil {
		if ref.Kind == c.kind.kind {
			c.queue.add(apiserver.Key{Namespace: p.Namespace, Name: ref.Name})
		}
		return
	}
	if ev.Type == apiserver.Deleted || !IsPodActive(p) {
		return
	}
	for _, rs := range c.kind.list() {
		if rs.Namespace != p.Namespace {
			continue
		}
		if sel, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector); err == nil && !sel.Empty() && sel.Matches(labels.Set(p.Labels)) {
			c.queue.add(apiserver.KeyOf(rs))
		}
	}
}

// collectPods deletes the pods a deleted ReplicaSet owned, as the garbage
// collector does with background propagation.
func (c *ReplicaSetController) collectPods(rs *appsv1.ReplicaSet) {
	for _, p := range c.api.Pods.ListShared() {
		if ref := controllerOf(p); ref != nil && ref.UID == rs.UID && p.DeletionTimestamp == nil {
			_ = c.api.DeletePod(p.Namespace, p.Name, nil)
		}
	}
}

// sync brings one ReplicaSet's pods in line with its spec and writes its
// status. It returns an error when something should be retried.
func (c *ReplicaSetController) sync(k apiserver.Key) error {
	rs, err := c.kind.get(k.Namespace, k.Name)
	if err != nil {
		return nil // gone: its pods were collected when it went
	}
	sel, err := metav1.LabelSelectorAsSelector(rs.Spec.Selector)
	if err != nil || sel.Empty() {
		return nil // invalid: validation keeps these out
	}
	memo := c.memos[rs.UID]
	if memo == nil || !memo.fits(rs) {
		memo = newPodFactsMemo(rs, sel)
		c.memos[rs.UID] = memo
	}
	now := c.loop.Now()
	tally := newPodTally(rs, now.Wall())
	if !c.tallyFromCounts(rs, memo, &tally) {
		tally.active = c.active[:0]
		defer func() { c.active = clearPods(tally.active) }()
		err = c.claimPods(rs, memo, &tally)
		memo.endSync()
		if err != nil {
			memo.counted = false
			return err
		}
		c.startCounts(rs, memo, tally)
	}
	var manageErr error
	if rs.DeletionTimestamp == nil {
		manageErr = c.manageReplicas(rs, tally)
	}
	if err := c.updateStatus(rs, calculateReplicaSetStatus(rs, tally, manageErr, now)); err != nil {
		return err
	}
	c.scheduleAvailabilityCheck(rs, tally.active)
	return manageErr
}

// claimPods adds to tally the pods of rs's namespace that rs controls and
// its selector selects, after adopting active orphans that it selects and
// releasing owned pods that it no longer selects (ClaimPods). It reads
// only rs's own pods and the orphans, through the ledger's index by
// controller, and takes them in name order, as one list of the namespace
// would give them, so the adoptions and releases are written in the same
// order. It tallies each pod as it claims it, from the facts memo keeps of
// the versions the last sync read, so that a sync reads from memory only
// the pods that changed since.
func (c *ReplicaSetController) claimPods(rs *appsv1.ReplicaSet, memo *podFactsMemo, tally *podTally) error {
	listed := c.api.Pods.AppendSharedByController(c.owned[:0], rs.Namespace, rs.UID)
	defer func() { c.owned = clearPods(listed) }()
	owned := listed
	var orphans []*corev1.Pod
	if rs.DeletionTimestamp == nil {
		orphans = c.api.Pods.ListSharedByController(rs.Namespace, "")
	}
	tally.active = slices.Grow(tally.active, len(owned))
	for len(owned) > 0 || len(orphans) > 0 {
		if len(orphans) == 0 || (len(owned) > 0 && owned[0].Name < orphans[0].Name) {
			p := owned[0]
			owned = owned[1:]
			if f := memo.facts(p); f.selected {
				tally.add(p, f)
			} else if _, err := c.setOwner(p, nil); err != nil {
				return err
			}
			continue
		}
		p := orphans[0]
		orphans = orphans[1:]
		if IsPodActive(p) && memo.selects(p.Labels) {
			owner := c.controllerRef(rs)
			adopted, err := c.setOwner(p, &owner)
			if err != nil {
				return err
			}
			tally.add(adopted, memo.read(adopted)) // a copy: not worth keeping
		}
	}
	return nil
}

// clearPods empties pods for the next use, holding on to none of them.
func clearPods(pods []*corev1.Pod) []*corev1.Pod {
	clear(pods)
	return pods[:0]
}

// setOwner adopts p (owner not nil) or releases it from its controller,
// and returns the pod as stored. p itself, shared with the ledger, is left
// as it was.
func (c *ReplicaSetController) setOwner(p *corev1.Pod, owner *metav1.OwnerReference) (*corev1.Pod, error) {
	var refs []metav1.OwnerReference
	for _, r := range p.OwnerReferences {
		if r.Controller == nil || !*r.Controller {
			refs = append(refs, r)
		}
	}
	if owner != nil {
		refs = append(refs, *owner)
	}
	p = p.DeepCopy()
	p.OwnerReferences = refs
	return c.api.Pods.Update(p)
}

// event records a Kubernetes Event about a ReplicaSet.
func (c *ReplicaSetController) event(rs *appsv1.ReplicaSet, typ, reason, msg string, facts ...sim.Facts) {
	r := sim.Record{
		Type: typ, Source: sim.Source{Component: c.kind.component},
		Object: c.ref(rs), Reason: reason, Message: msg,
	}
	if len(facts) > 0 {
		r.Facts = facts[0]
	}
	c.loop.Record(r)
}

// ref names rs, as the kind the controller manages, in a record.
func (c *ReplicaSetController) ref(rs *appsv1.ReplicaSet) sim.ObjectRef {
	return sim.ObjectRef{Kind: c.kind.kind, Namespace: rs.Namespace, Name: rs.Name, UID: string(rs.UID)}
}

// controllerRef returns the owner reference rs puts on its pods.
func (c *ReplicaSetController) controllerRef(rs *appsv1.ReplicaSet) metav1.OwnerReference {
	return controllerRefOf(rs, c.kind.apiVersion, c.kind.kind)
}

// generateName returns the API server's generated name for prefix (see
// the package function generateName).
func (c *ReplicaSetController) generateName(prefix string) string {
	return generateName(c.names, prefix)
}
