package cluster

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	apiequality "k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/nodelifecycle"
	"github.com/nodenucleus/nucleus/sim"
)

// nodeController is head office's node lifecycle controller and taint
// eviction controller: every five seconds it checks when each store last
// called in (its Lease); a store silent for longer than the grace period
// (50s) gets its conditions set to Unknown and the unreachable taints, its
// pods are marked not ready, and each pod that does not tolerate the taint
// long enough is deleted once its toleration (300s by default) runs out.
// Reference: kubelet.md §9.3 (node-monitor-period 5s, grace period 50s,
// NodeStatusUnknown, the unreachable taint, DefaultTolerationSeconds).
type nodeController struct {
	loop      *sim.Loop
	api       *apiserver.Server
	source    sim.Source
	evictions map[apiserver.Key]sim.Handle
	// pods is the controller's informer cache: the pods bound to each
	// node, as the last watch event showed them.
	pods map[string]map[apiserver.Key]*corev1.Pod
}

func newNodeController(loop *sim.Loop, api *apiserver.Server) *nodeController {
	nc := &nodeController{loop: loop, api: api, source: sim.Source{Component: "node-controller"},
		evictions: map[apiserver.Key]sim.Handle{}, pods: map[string]map[apiserver.Key]*corev1.Pod{}}
	api.Pods.WatchShared(0, true, nc.onPod)
	loop.After(nodelifecycle.NodeMonitorPeriod, nc.monitor)
	return nc
}

func (nc *nodeController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	p := ev.Object
	if p.Spec.NodeName == "" {
		return
	}
	k := apiserver.KeyOf(p)
	if ev.Type == apiserver.Deleted {
		delete(nc.pods[p.Spec.NodeName], k)
		return
	}
	if nc.pods[p.Spec.NodeName] == nil {
		nc.pods[p.Spec.NodeName] = map[apiserver.Key]*corev1.Pod{}
	}
	nc.pods[p.Spec.NodeName][k] = p
}

// podsOn returns the cached pods of a node, in key order.
func (nc *nodeController) podsOn(node string) []*corev1.Pod {
	m := nc.pods[node]
	keys := make([]apiserver.Key, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b apiserver.Key) int { return cmp.Compare(a.String(), b.String()) })
	out := make([]*corev1.Pod, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}

func hasNoExecute(taints []corev1.Taint) bool {
	for _, t := range taints {
		if t.Effect == corev1.TaintEffectNoExecute {
			return true
		}
	}
	return false
}

// heartbeat returns when the store last called in: its Lease's renewTime,
// or its Ready condition's lastHeartbeatTime, whichever is later.
func (nc *nodeController) heartbeat(n *corev1.Node) time.Time {
	var last time.Time
	if l, err := nc.api.Leases.Get("kube-node-lease", n.Name); err == nil && l.Spec.RenewTime != nil {
		last = l.Spec.RenewTime.Time
	}
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeReady && c.Status != corev1.ConditionUnknown && c.LastHeartbeatTime.After(last) {
			last = c.LastHeartbeatTime.Time
		}
	}
	return last
}

func (nc *nodeController) monitor() {
	for _, n := range nc.api.Nodes.ListShared() {
		nc.check(n)
	}
	nc.loop.After(nodelifecycle.NodeMonitorPeriod, nc.monitor)
}

// check looks at one store, n being the ledger's own object: it is read,
// never changed, and copied only when the store's conditions or taints
// change.
func (nc *nodeController) check(n *corev1.Node) {
	now := nc.loop.Now().Wall()
	conds, changed := nodelifecycle.Observe(n, nc.heartbeat(n), now)
	wasReady := readyOf(n.Status.Conditions)
	view := *n // a shallow copy, to work out the taints with the new conditions
	view.Status.Conditions = conds
	view.Spec.Taints = nodelifecycle.Taints(&view)
	if !changed && apiequality.Semantic.DeepEqual(view.Spec.Taints, n.Spec.Taints) {
		nc.scheduleEvictions(&view)
		return
	}
	next := n.DeepCopy()
	next.Status.Conditions = conds
	next.Spec.Taints = view.Spec.Taints
	next.ResourceVersion = ""
	updated, err := nc.api.Nodes.Update(next)
	if err != nil {
		return
	}
	if now := readyOf(updated.Status.Conditions); now != wasReady && now == corev1.ConditionUnknown {
		ref := sim.ObjectRef{Kind: "Node", Name: n.Name, UID: string(n.UID)}
		nc.loop.Record(sim.Record{Source: nc.source, Object: ref, Reason: "NodeNotReady",
			Message: fmt.Sprintf("Node %s status is now: NodeNotReady", n.Name)})
		nc.loop.Record(sim.Record{Kind: sim.Change, Type: sim.Warning, Source: nc.source, Object: ref, Reason: "NodeUnknown",
			Message: fmt.Sprintf("Node %s stopped calling in: Ready is Unknown, tainted %s", n.Name, corev1.TaintNodeUnreachable),
			Facts:   sim.Facts{From: string(wasReady), To: "Unknown"}})
		nc.markPodsNotReady(n.Name)
	}
	nc.scheduleEvictions(updated)
}

func readyOf(conds []corev1.NodeCondition) corev1.ConditionStatus {
	for _, c := range conds {
		if c.Type == corev1.NodeReady {
			return c.Status
		}
	}
	return ""
}

// markPodsNotReady sets the Ready condition of every pod on a silent store
// to False, as the controller's MarkPodsNotReady does, so their endpoints
// leave the Services' rosters. The condition names the pod's generation,
// as every writer of a pod condition does in v1.35.
// Reference: pkg/controller/util/node/controller_utils.go
// (MarkPodsNotReady); pkg/api/v1/pod/util.go
// (CalculatePodConditionObservedGeneration).
func (nc *nodeController) markPodsNotReady(node string) {
	now := metav1.NewTime(nc.loop.Now().Wall())
	for _, p := range nc.podsOn(node) {
		if p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
			continue
		}
		st := p.Status.DeepCopy()
		for i := range st.Conditions {
			if st.Conditions[i].Type == corev1.PodReady && st.Conditions[i].Status != corev1.ConditionFalse {
				st.Conditions[i].Status = corev1.ConditionFalse
				st.Conditions[i].Reason = "NodeNotReady"
				st.Conditions[i].ObservedGeneration = p.Generation
				st.Conditions[i].LastTransitionTime = now
			}
		}
		_, _ = nc.api.UpdatePodStatus(p.Namespace, p.Name, p.UID, *st)
	}
}

// scheduleEvictions is the taint eviction controller: each pod on a node
// with NoExecute taints it does not tolerate for ever is deleted when its
// toleration runs out, counted from when the taint was added. When the
// taints go, the pending evictions are cancelled.
func (nc *nodeController) scheduleEvictions(n *corev1.Node) {
	if !hasNoExecute(n.Spec.Taints) && len(nc.evictions) == 0 {
		return
	}
	for _, p := range nc.podsOn(n.Name) {
		k := apiserver.KeyOf(p)
		delay, evict := nodelifecycle.EvictionDelay(p, n.Spec.Taints)
		if !evict || p.DeletionTimestamp != nil {
			if h, ok := nc.evictions[k]; ok {
				nc.loop.Cancel(h)
				delete(nc.evictions, k)
			}
			continue
		}
		if _, ok := nc.evictions[k]; ok {
			continue
		}
		at := sim.At(taintAdded(n.Spec.Taints)).Add(delay)
		if at < nc.loop.Now() {
			at = nc.loop.Now()
		}
		uid := string(p.UID)
		nc.evictions[k] = nc.loop.At(at, func() { nc.evict(k, uid) })
	}
}

// taintAdded returns when the oldest NoExecute taint was added.
func taintAdded(taints []corev1.Taint) time.Time {
	var first time.Time
	for _, t := range taints {
		if t.Effect == corev1.TaintEffectNoExecute && t.TimeAdded != nil && (first.IsZero() || t.TimeAdded.Before(&metav1.Time{Time: first})) {
			first = t.TimeAdded.Time
		}
	}
	return first
}

func (nc *nodeController) evict(k apiserver.Key, uid string) {
	delete(nc.evictions, k)
	p, err := nc.api.Pods.Get(k.Namespace, k.Name)
	if err != nil || string(p.UID) != uid || p.DeletionTimestamp != nil {
		return
	}
	nc.loop.Record(sim.Record{Source: sim.Source{Component: "taint-eviction-controller"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: p.Namespace, Name: p.Name, UID: uid},
		Reason: "TaintManagerEviction", Message: fmt.Sprintf("Marking for deletion Pod %s/%s", p.Namespace, p.Name)})
	_ = nc.api.DeletePod(p.Namespace, p.Name, nil)
}
