package scheduler

import corev1 "k8s.io/api/core/v1"

// NodeInfo is the staffing desk's view of one store: the node and the pods
// already bound to it (including pods the desk has just assigned).
//
// Pods in phase Succeeded or Failed are skipped in every count, as the
// scheduler's pod informer never sees them (pkg/scheduler/scheduler.go
// newPodInformer filters status.phase!=Succeeded,status.phase!=Failed).
//
// Totals, when set, holds the node's sums, kept up to date by the caller
// as pods come and go (the scheduler's cache does this, as kube-scheduler's
// NodeInfo keeps Requested and NonZeroRequested); when nil every count sums
// Pods afresh. A NodeInfo whose Totals disagree with its Pods is a
// programmer error that the scheduler does not detect.
type NodeInfo struct {
	Node   *corev1.Node
	Pods   []*corev1.Pod
	Totals *NodeTotals
}

// NodeTotals is what one node offers and what its active pods ask for:
// sums a scheduling cycle reads for every node, kept so that a cycle does
// not sum every pod of every store again.
type NodeTotals struct {
	Allocatable      Resources // the node's status.allocatable
	Requested        Resources // sum of PodRequests over active pods
	NonZeroRequested Resources // sum of NonZeroPodRequests over active pods
	// WithPodAffinity counts the active pods with inter-pod affinity or
	// anti-affinity terms, so that a cycle knows without looking at every
	// pod whether the InterPodAffinity plugin has anything to weigh.
	WithPodAffinity int64

	// What SetNode copied from the node the filters ask about for every
	// node of every cycle: its name, spec.unschedulable and spec.taints.
	// Kept beside the sums, they are read without a trip to the Node
	// object (a cycle over 5,000 stores makes thousands such trips). They
	// hold for node only: a NodeInfo whose Node is another object reads
	// its Node instead.
	node          *corev1.Node
	name          string
	unschedulable bool
	taints        []corev1.Taint
}

// NewNodeTotals returns the totals of node with pods bound to it.
func NewNodeTotals(node *corev1.Node, pods []*corev1.Pod) NodeTotals {
	var t NodeTotals
	t.SetNode(node)
	for _, p := range pods {
		t.AddPod(p)
	}
	return t
}

// SetNode takes the node's allocatable from node (nil: none).
func (t *NodeTotals) SetNode(node *corev1.Node) {
	t.Allocatable = Resources{}
	t.node, t.name, t.unschedulable, t.taints = node, "", false, nil
	if node != nil {
		t.Allocatable = allocatable(node)
		t.name, t.unschedulable, t.taints = node.Name, node.Spec.Unschedulable, node.Spec.Taints
	}
}

// AddPod counts pod in, unless it is nil or terminal.
func (t *NodeTotals) AddPod(pod *corev1.Pod) {
	if !isActive(pod) {
		return
	}
	t.Requested = t.Requested.Add(PodRequests(pod))
	t.NonZeroRequested = t.NonZeroRequested.Add(NonZeroPodRequests(pod))
	if has, _ := hasPodAffinity(pod); has {
		t.WithPodAffinity++
	}
}

// RemovePod takes out a pod that AddPod counted in (the same pod, or a
// copy of it with the same spec and phase).
func (t *NodeTotals) RemovePod(pod *corev1.Pod) {
	if !isActive(pod) {
		return
	}
	t.Requested = t.Requested.sub(PodRequests(pod))
	t.NonZeroRequested = t.NonZeroRequested.sub(NonZeroPodRequests(pod))
	if has, _ := hasPodAffinity(pod); has {
		t.WithPodAffinity--
	}
}

// isActive reports whether a pod takes room on its node: it exists and is
// not terminal.
func isActive(p *corev1.Pod) bool {
	return p != nil && p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed
}

// Name returns the node's name, or "" for a NodeInfo without a node.
func (n NodeInfo) Name() string {
	if n.summarized() {
		return n.Totals.name
	}
	if n.Node == nil {
		return ""
	}
	return n.Node.Name
}

// summarized reports whether n's Totals hold the copies SetNode made of
// n's own Node.
func (n NodeInfo) summarized() bool { return n.Totals != nil && n.Totals.node == n.Node }

// unschedulable returns the node's spec.unschedulable.
func (n NodeInfo) unschedulable() bool {
	if n.summarized() {
		return n.Totals.unschedulable
	}
	return n.Node.Spec.Unschedulable
}

// taints returns the node's spec.taints.
func (n NodeInfo) taints() []corev1.Taint {
	if n.summarized() {
		return n.Totals.taints
	}
	return n.Node.Spec.Taints
}

// Allocatable returns the node's status.allocatable cpu, memory and pods.
func (n NodeInfo) Allocatable() Resources {
	if n.Totals != nil {
		return n.Totals.Allocatable
	}
	if n.Node == nil {
		return Resources{}
	}
	return allocatable(n.Node)
}

// Requested returns the sum of [PodRequests] over the node's active pods:
// what NodeResourcesFit compares with Allocatable. Pods counts the pods.
func (n NodeInfo) Requested() Resources {
	if n.Totals != nil {
		return n.Totals.Requested
	}
	var r Resources
	for _, p := range n.activePods() {
		r = r.Add(PodRequests(p))
	}
	return r
}

// NonZeroRequested returns the sum of [NonZeroPodRequests] over the node's
// active pods: what the LeastAllocated score uses.
func (n NodeInfo) NonZeroRequested() Resources {
	if n.Totals != nil {
		return n.Totals.NonZeroRequested
	}
	var r Resources
	for _, p := range n.activePods() {
		r = r.Add(NonZeroPodRequests(p))
	}
	return r
}

// podsWithAffinity returns how many active pods of the node have
// inter-pod affinity or anti-affinity terms.
func (n NodeInfo) podsWithAffinity() int64 {
	if n.Totals != nil {
		return n.Totals.WithPodAffinity
	}
	var count int64
	for _, p := range n.activePods() {
		if has, _ := hasPodAffinity(p); has {
			count++
		}
	}
	return count
}

// activePods returns the pods that are not terminal.
func (n NodeInfo) activePods() []*corev1.Pod {
	out := make([]*corev1.Pod, 0, len(n.Pods))
	for _, p := range n.Pods {
		if !isActive(p) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// without returns a copy of n without the pods for which drop is true.
func (n NodeInfo) without(drop func(*corev1.Pod) bool) NodeInfo {
	out := NodeInfo{Node: n.Node}
	for _, p := range n.activePods() {
		if !drop(p) {
			out.Pods = append(out.Pods, p)
		}
	}
	return out
}
