package controller

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// DaemonSetComponent is the Source.Component of the DaemonSet
// controller's records.
const DaemonSetComponent = "daemonset-controller"

// PodTemplateGenerationLabel is the (deprecated, still set) label that
// carries the DaemonSet generation a pod was made from
// (pkg/apis/extensions DaemonSetTemplateGenerationKey).
const PodTemplateGenerationLabel = "pod-template-generation"

// DaemonSetController is head office's door rule: one greeter at every
// store's door. Each store that a DaemonSet's template may work at (its
// nodeSelector, required node affinity and tolerations allow it) gets one
// employee of the set, hired for that store by name; a store that joins
// the chain gets its greeter, a store the greeter may no longer work at
// loses it. A new template replaces the greeters a few stores at a time:
// the old greeter leaves first (maxUnavailable), or, with maxSurge, the
// new one is hired first and the old one leaves once it is available.
type DaemonSetController struct {
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
	names *rand.Rand
	// seen is each node's labels, taints and unschedulable as last seen,
	// so that a heartbeat does not wake every DaemonSet.
	seen map[string]string
}

// NewDaemonSetController returns a DaemonSet controller that starts
// watching the ledger at once.
func NewDaemonSetController(cfg Config) *DaemonSetController {
	c := &DaemonSetController{loop: cfg.Loop, api: cfg.API, names: cfg.Loop.Rand("controller/daemonset-names"), seen: map[string]string{}}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.DaemonSets.Watch(0, true, c.onSet)
	cfg.API.Pods.WatchSelected(0, false, controlledBy("DaemonSet"), c.onPod)
	cfg.API.Nodes.Watch(0, true, c.onNode)
	return c
}

func (c *DaemonSetController) onSet(ev apiserver.WatchEvent[*appsv1.DaemonSet]) {
	if ev.Type == apiserver.Deleted {
		// The garbage collector deletes the pods of a deleted set.
		for _, p := range c.api.Pods.ListSharedByController(ev.Object.Namespace, ev.Object.UID) {
			if p.DeletionTimestamp == nil {
				_ = c.api.DeletePod(p.Namespace, p.Name, nil)
			}
		}
		return
	}
	c.queue.add(apiserver.KeyOf(ev.Object))
}

func (c *DaemonSetController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	c.queue.add(apiserver.Key{Namespace: ev.Object.Namespace, Name: controllerOf(ev.Object).Name})
}

// onNode wakes every DaemonSet when a node comes, goes, or changes what
// decides whether a daemon pod belongs on it (addNode, updateNode,
// deleteNode: labels, taints, unschedulable).
func (c *DaemonSetController) onNode(ev apiserver.WatchEvent[*corev1.Node]) {
	n := ev.Object
	print := ""
	if ev.Type != apiserver.Deleted {
		print = fmt.Sprint(n.Labels, n.Spec.Taints, n.Spec.Unschedulable)
	}
	if old, ok := c.seen[n.Name]; ok && old == print {
		return
	}
	if print == "" {
		delete(c.seen, n.Name)
	} else {
		c.seen[n.Name] = print
	}
	for _, d := range c.api.DaemonSets.List() {
		c.queue.add(apiserver.KeyOf(d))
	}
}

// daemonTolerations are the tolerations every daemon pod gets, so that a
// greeter stays at a store that is unwell and may be hired at one that is
// full or closed to new hires.
// Reference: pkg/controller/daemon/util/daemonset_util.go
// AddOrUpdateDaemonPodTolerations.
var daemonTolerations = []corev1.Toleration{
	{Key: corev1.TaintNodeNotReady, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
	{Key: corev1.TaintNodeUnreachable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute},
	{Key: corev1.TaintNodeDiskPressure, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodeMemoryPressure, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodePIDPressure, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
	{Key: corev1.TaintNodeUnschedulable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule},
}

// networkUnavailableToleration is added for hostNetwork daemon pods.
var networkUnavailableToleration = corev1.Toleration{Key: corev1.TaintNodeNetworkUnavailable, Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoSchedule}

// AddDaemonTolerations adds the automatic daemon pod tolerations to spec,
// each unless one with the same key, operator and effect is there.
func AddDaemonTolerations(spec *corev1.PodSpec) {
	add := slices.Clone(daemonTolerations)
	if spec.HostNetwork {
		add = append(add, networkUnavailableToleration)
	}
	for _, t := range add {
		if !slices.ContainsFunc(spec.Tolerations, func(x corev1.Toleration) bool {
			return x.Key == t.Key && x.Operator == t.Operator && x.Effect == t.Effect && x.Value == t.Value
		}) {
			spec.Tolerations = append(spec.Tolerations, t)
		}
	}
}

// pinToNode makes the pod's required node affinity a single term that
// selects the node by name (metadata.name In [node]), which is how the
// controller has bound its pods through the default scheduler since 1.12.
// Reference: pkg/controller/daemon/util/daemonset_util.go
// ReplaceDaemonSetPodNodeNameNodeAffinity.
func pinToNode(spec *corev1.PodSpec, node string) {
	term := corev1.NodeSelectorTerm{MatchFields: []corev1.NodeSelectorRequirement{
		{Key: metav1.ObjectNameField, Operator: corev1.NodeSelectorOpIn, Values: []string{node}}}}
	if spec.Affinity == nil {
		spec.Affinity = &corev1.Affinity{}
	}
	if spec.Affinity.NodeAffinity == nil {
		spec.Affinity.NodeAffinity = &corev1.NodeAffinity{}
	}
	spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution = &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{term}}
}

// DaemonPodNode is the node a daemon pod is for: its nodeName once bound,
// else the name its node affinity pins it to (util.GetTargetNodeName).
func DaemonPodNode(p *corev1.Pod) string {
	if p.Spec.NodeName != "" {
		return p.Spec.NodeName
	}
	if a := p.Spec.Affinity; a != nil && a.NodeAffinity != nil && a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution != nil {
		for _, t := range a.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms {
			for _, f := range t.MatchFields {
				if f.Key == metav1.ObjectNameField && f.Operator == corev1.NodeSelectorOpIn && len(f.Values) == 1 {
					return f.Values[0]
				}
			}
		}
	}
	return ""
}

// ShouldRunDaemonPod reports whether a daemon pod of d should be made on
// node (shouldRun) and whether one already there may stay
// (shouldContinueRunning): the template's nodeName, if set, is the node;
// its nodeSelector and required node affinity match the node; and no
// NoSchedule (for shouldRun) or NoExecute (for both) taint is left
// untolerated by the template's tolerations and the automatic ones.
// Reference: pkg/controller/daemon/daemon_controller.go
// NodeShouldRunDaemonPod and predicates.
func ShouldRunDaemonPod(d *appsv1.DaemonSet, node *corev1.Node) (shouldRun, shouldContinueRunning bool) {
	p := &corev1.Pod{ObjectMeta: d.Spec.Template.ObjectMeta, Spec: *d.Spec.Template.Spec.DeepCopy()}
	AddDaemonTolerations(&p.Spec)
	if p.Spec.NodeName != "" && p.Spec.NodeName != node.Name {
		return false, false
	}
	if !scheduler.NodeAffinityMatches(p, node) {
		return false, false
	}
	shouldRun, shouldContinueRunning = true, true
	for _, t := range node.Spec.Taints {
		if t.Effect != corev1.TaintEffectNoSchedule && t.Effect != corev1.TaintEffectNoExecute {
			continue
		}
		if scheduler.TolerationsTolerate(p.Spec.Tolerations, t) {
			continue
		}
		shouldRun = false
		if t.Effect == corev1.TaintEffectNoExecute {
			shouldContinueRunning = false
		}
	}
	return shouldRun, shouldContinueRunning
}

// DaemonSetHash is the hash of a set's current template, which its pods
// carry in controller-revision-hash.
func DaemonSetHash(d *appsv1.DaemonSet) string {
	return ComputeHash(&d.Spec.Template, d.Status.CollisionCount)
}

// nodePods groups a set's pods by the node they are for, each group
// oldest first.
func (c *DaemonSetController) nodePods(d *appsv1.DaemonSet) map[string][]*corev1.Pod {
	out := map[string][]*corev1.Pod{}
	for _, p := range c.api.Pods.ListSharedByController(d.Namespace, d.UID) {
		n := DaemonPodNode(p)
		out[n] = append(out[n], p)
	}
	for _, ps := range out {
		slices.SortStableFunc(ps, func(a, b *corev1.Pod) int {
			if c := a.CreationTimestamp.Compare(b.CreationTimestamp.Time); c != 0 {
				return c
			}
			return strings.Compare(a.Name, b.Name)
		})
	}
	return out
}

// sync brings one DaemonSet towards its spec, as the real controller's
// syncDaemonSet does: manage (a pod for every node that should run one,
// none where one may not stay, failed pods replaced, extra pods removed),
// then the rolling update, then the status.
// Reference: pkg/controller/daemon/daemon_controller.go manage,
// podsShouldBeOnNode; pkg/controller/daemon/update.go rollingUpdate.
func (c *DaemonSetController) sync(k apiserver.Key) error {
	d, err := c.api.DaemonSets.Get(k.Namespace, k.Name)
	if apierrors.IsNotFound(err) {
		return forgetHistory(c.api, k.Namespace, "DaemonSet", k.Name)
	}
	if err != nil {
		return err
	}
	nodes := c.api.Nodes.List()
	hash := DaemonSetHash(d)
	live := map[string]bool{}
	for _, p := range c.api.Pods.ListSharedByController(d.Namespace, d.UID) {
		if h := p.Labels[appsv1.DefaultDaemonSetUniqueLabelKey]; h != "" {
			live[revisionName(d.Name, h)] = true
		}
	}
	if _, err := syncHistory(c.api, revisionOwner{meta: d, kind: "DaemonSet", template: &d.Spec.Template,
		hashLabel: appsv1.DefaultDaemonSetUniqueLabelKey, hash: hash, limit: *d.Spec.RevisionHistoryLimit}, live); err != nil {
		return err
	}
	defer func() { c.updateStatus(d, nodes, hash) }()
	byNode := c.nodePods(d)
	var create []string
	var remove []*corev1.Pod
	known := map[string]bool{}
	for _, n := range nodes {
		known[n.Name] = true
		shouldRun, shouldContinue := ShouldRunDaemonPod(d, n)
		pods := byNode[n.Name]
		switch {
		case shouldRun && len(pods) == 0:
			create = append(create, n.Name)
		case shouldContinue:
			var running []*corev1.Pod
			for _, p := range pods {
				switch {
				case p.DeletionTimestamp != nil:
				case pod.Finished(p):
					// A daemon pod that failed is deleted, to be made again.
					remove = append(remove, p)
				default:
					running = append(running, p)
				}
			}
			switch {
			case !allowsSurge(d):
				if len(running) > 1 {
					// Without a surge, keep the oldest.
					remove = append(remove, running[1:]...)
				}
			case len(running) == 0 && shouldRun:
				// Surging: a store whose only greeter is leaving gets its
				// replacement at once.
				create = append(create, n.Name)
			default:
				remove = append(remove, surgeExtras(d, running, hash, c.loop.Now().Wall())...)
			}
		default:
			for _, p := range pods {
				if p.DeletionTimestamp == nil {
					remove = append(remove, p)
				}
			}
		}
	}
	// Pods for nodes that are gone go too (getUnscheduledPodsWithoutNode;
	// bound ones are the pod garbage collector's, pkg/controller/podgc).
	for _, name := range slices.Sorted(maps.Keys(byNode)) {
		if known[name] {
			continue
		}
		for _, p := range byNode[name] {
			if p.DeletionTimestamp == nil {
				remove = append(remove, p)
			}
		}
	}
	if err := c.syncNodes(d, remove, create, hash); err != nil {
		return err
	}
	if len(remove) > 0 || len(create) > 0 || d.Spec.UpdateStrategy.Type != appsv1.RollingUpdateDaemonSetStrategyType {
		return nil // the rolling update looks at the result on the next sync
	}
	return c.rollingUpdate(d, nodes, hash)
}

// syncNodes deletes pods and creates one pod for each node named.
func (c *DaemonSetController) syncNodes(d *appsv1.DaemonSet, remove []*corev1.Pod, create []string, hash string) error {
	for _, p := range remove {
		if err := c.deletePod(d, p); err != nil {
			return err
		}
	}
	for _, n := range create {
		if err := c.createPod(d, n, hash); err != nil {
			return err
		}
	}
	return nil
}

// isUpdatedDaemonPod reports whether a pod is of the set's current
// template: by its controller-revision-hash, or, for a pod without one,
// its pod-template-generation (util.IsPodUpdated).
func isUpdatedDaemonPod(p *corev1.Pod, d *appsv1.DaemonSet, hash string) bool {
	if h, ok := p.Labels[ControllerRevisionLabel]; ok {
		return h == hash
	}
	return p.Labels[PodTemplateGenerationLabel] == strconv.FormatInt(d.Generation, 10)
}

// createPod makes the daemon pod for node: the template with the
// automatic tolerations, node affinity on the node's name, the set's
// labels plus controller-revision-hash and pod-template-generation.
func (c *DaemonSetController) createPod(d *appsv1.DaemonSet, node, hash string) error {
	p := podFromTemplateOf(&d.Spec.Template, d.Namespace, newControllerRef(d, "DaemonSet"))
	p.GenerateName = d.Name + "-"
	if p.Labels == nil {
		p.Labels = map[string]string{}
	}
	p.Labels[ControllerRevisionLabel] = hash
	p.Labels[PodTemplateGenerationLabel] = strconv.FormatInt(d.Generation, 10)
	AddDaemonTolerations(&p.Spec)
	pinToNode(&p.Spec, node)
	pod.Default(p)
	created, err := createGeneratedPod(c.api, c.names, p, p.GenerateName)
	if err != nil {
		c.event(d, sim.Warning, ReasonFailedCreate, "Error creating: "+err.Error(), sim.Facts{})
		return err
	}
	c.event(d, sim.Normal, ReasonSuccessfulCreate, "Created pod: "+created.Name, sim.Facts{From: node, To: created.Name})
	return nil
}

func (c *DaemonSetController) deletePod(d *appsv1.DaemonSet, p *corev1.Pod) error {
	err := c.api.DeletePod(p.Namespace, p.Name, nil)
	switch {
	case apierrors.IsNotFound(err):
		return nil
	case err != nil:
		c.event(d, sim.Warning, ReasonFailedDelete, "Error deleting: "+err.Error(), sim.Facts{})
		return err
	}
	c.event(d, sim.Normal, ReasonSuccessfulDelete, "Deleted pod: "+p.Name, sim.Facts{From: DaemonPodNode(p), To: p.Name})
	return nil
}

func (c *DaemonSetController) event(d *appsv1.DaemonSet, typ, reason, msg string, facts sim.Facts) {
	recordAbout(c.loop, DaemonSetComponent, "DaemonSet", d, typ, reason, msg, facts)
}

// updateStatus counts, over the nodes: those that should run a daemon pod
// (desired), those of them that have one (current), whose oldest pod is
// ready, available, and of the current template; and nodes that have one
// but should not (misscheduled).
// Reference: pkg/controller/daemon/daemon_controller.go
// updateDaemonSetStatus.
func (c *DaemonSetController) updateStatus(d *appsv1.DaemonSet, nodes []*corev1.Node, hash string) {
	byNode := c.nodePods(d)
	now := c.loop.Now().Wall()
	st := appsv1.DaemonSetStatus{ObservedGeneration: d.Generation, CollisionCount: d.Status.CollisionCount}
	for _, n := range nodes {
		shouldRun, _ := ShouldRunDaemonPod(d, n)
		pods := byNode[n.Name]
		switch {
		case shouldRun:
			st.DesiredNumberScheduled++
			if len(pods) == 0 {
				continue
			}
			st.CurrentNumberScheduled++
			p := pods[0]
			if endpointslice.IsPodReady(p) {
				st.NumberReady++
				if IsPodAvailable(p, d.Spec.MinReadySeconds, now) {
					st.NumberAvailable++
				}
			}
			if isUpdatedDaemonPod(p, d, hash) {
				st.UpdatedNumberScheduled++
			}
		case len(pods) > 0:
			st.NumberMisscheduled++
		}
	}
	st.NumberUnavailable = st.DesiredNumberScheduled - st.NumberAvailable
	if d.Spec.MinReadySeconds > 0 && st.NumberReady > st.NumberAvailable {
		// Look again once the ready pods may be available.
		c.queue.addAfter(apiserver.KeyOf(d), sim.Seconds(int64(d.Spec.MinReadySeconds))+1)
	}
	if equalDaemonStatus(d.Status, st) {
		return
	}
	cur, err := c.api.DaemonSets.Get(d.Namespace, d.Name)
	if err != nil {
		return
	}
	cur.Status = st
	cur.ResourceVersion = ""
	_, _ = c.api.DaemonSets.Update(cur)
}

func equalDaemonStatus(a, b appsv1.DaemonSetStatus) bool {
	return a.ObservedGeneration == b.ObservedGeneration && a.DesiredNumberScheduled == b.DesiredNumberScheduled &&
		a.CurrentNumberScheduled == b.CurrentNumberScheduled && a.NumberReady == b.NumberReady &&
		a.NumberAvailable == b.NumberAvailable && a.NumberUnavailable == b.NumberUnavailable &&
		a.UpdatedNumberScheduled == b.UpdatedNumberScheduled && a.NumberMisscheduled == b.NumberMisscheduled
}
