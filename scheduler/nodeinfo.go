package scheduler

import corev1 "k8s.io/api/core/v1"

// NodeInfo is the staffing desk's view of one store: the node and the pods
// already bound to it (including pods the desk has just assigned).
//
// Pods in phase Succeeded or Failed are skipped in every count, as the
// scheduler's pod informer never sees them (pkg/scheduler/scheduler.go
// newPodInformer filters status.phase!=Succeeded,status.phase!=Failed).
type NodeInfo struct {
	Node *corev1.Node
	Pods []*corev1.Pod
}

// Name returns the node's name, or "" for a NodeInfo without a node.
func (n NodeInfo) Name() string {
	if n.Node == nil {
		return ""
	}
	return n.Node.Name
}

// Allocatable returns the node's status.allocatable cpu, memory and pods.
func (n NodeInfo) Allocatable() Resources {
	if n.Node == nil {
		return Resources{}
	}
	return allocatable(n.Node)
}

// Requested returns the sum of [PodRequests] over the node's active pods:
// what NodeResourcesFit compares with Allocatable. Pods counts the pods.
func (n NodeInfo) Requested() Resources {
	var r Resources
	for _, p := range n.activePods() {
		r = r.add(PodRequests(p))
	}
	return r
}

// NonZeroRequested returns the sum of [NonZeroPodRequests] over the node's
// active pods: what the LeastAllocated score uses.
func (n NodeInfo) NonZeroRequested() Resources {
	var r Resources
	for _, p := range n.activePods() {
		r = r.add(NonZeroPodRequests(p))
	}
	return r
}

// activePods returns the pods that are not terminal.
func (n NodeInfo) activePods() []*corev1.Pod {
	out := make([]*corev1.Pod, 0, len(n.Pods))
	for _, p := range n.Pods {
		if p == nil || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
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
