package scheduler

import (
	corev1 "k8s.io/api/core/v1"
)

// Filter plugin reasons, exactly as kube-scheduler writes them
// (pkg/scheduler/framework/plugins/*).
const (
	ReasonUnschedulable                = "node(s) were unschedulable"                                 // nodeunschedulable
	ReasonNodeName                     = "node(s) didn't match the requested node name"               // nodename
	ReasonNodeAffinity                 = "node(s) didn't match Pod's node affinity/selector"          // nodeaffinity
	ReasonNodePorts                    = "node(s) didn't have free ports for the requested pod ports" // nodeports
	ReasonTooManyPods                  = "Too many pods"                                              // noderesources
	ReasonInsufficientCPU              = "Insufficient cpu"                                           // noderesources
	ReasonInsufficientMem              = "Insufficient memory"                                        // noderesources
	ReasonInsufficientEphemeralStorage = "Insufficient ephemeral-storage"                             // noderesources
	reasonNoVictims                    = "No preemption victims found for incoming pod"               // defaultpreemption
	reasonPreemptionNoHelp             = "Preemption is not helpful for scheduling"                   // preemption
)

// code is a filter verdict's kind, as in the scheduling framework: an
// Unschedulable node might take the pod if lower-priority pods were preempted;
// an UnschedulableAndUnresolvable node never will.
type code int

const (
	unschedulable code = iota + 1
	unschedulableAndUnresolvable
)

// status is one filter plugin's rejection of a node.
type status struct {
	plugin  string
	code    code
	reasons []string
}

// cycle holds what one scheduling attempt computes once for the pod.
type cycle struct {
	pod      *corev1.Pod
	matcher  nodeMatcher
	requests Resources
	// scalarNames are the extended resources the pod requests, sorted.
	scalarNames []corev1.ResourceName
	ports       []corev1.ContainerPort
	filters     []filter // the plugins that can turn a node down for pod
	// roomOnly is set when every filter of the cycle passes a node that
	// is not cordoned, has no taints and has room for the pod: then a
	// node's totals alone can say that it is feasible (quickFeasible).
	roomOnly bool
	// interPod is the InterPodAffinity plugin's state; nil when no pod
	// involved has inter-pod terms.
	interPod *interPodState
	// spread is the PodTopologySpread plugin's state; nil when the pod
	// has no topology spread constraints.
	spread *spreadState
	// volumes are the node affinities of the volumes bound to the pod's
	// claims, for the VolumeBinding filter.
	volumes []volumeAffinity
	// all are the nodes of the cycle, every one, not only those filtered:
	// the spread score counts pods on all of them.
	all []NodeInfo
}

// filter is one filter plugin.
type filter struct {
	name string
	run  func(c *cycle, n NodeInfo) *status
	// idle reports whether the plugin has nothing to check for the pod of
	// c, and so passes every node; nil when it always has.
	idle func(c *cycle) bool
	// room is set for the plugins that pass every node that is not
	// cordoned, has no taints and has room for the pod's cpu, memory and
	// a pod slot, when the pod asks for no extended resource.
	room bool
}

// filters returns the filter plugins in the default profile's order
// (pkg/scheduler/apis/config/v1/default_plugins.go).
func filters() []filter {
	return []filter{
		{"NodeUnschedulable", filterUnschedulable, nil, true},
		{"NodeName", filterNodeName, func(c *cycle) bool { return c.pod.Spec.NodeName == "" }, false},
		{"TaintToleration", filterTaints, nil, true},
		{"NodeAffinity", filterAffinity, func(c *cycle) bool { return c.matcher.selector == nil && !c.matcher.required }, false},
		{"NodePorts", filterPorts, func(c *cycle) bool { return len(c.ports) == 0 }, false},
		{"NodeResourcesFit", filterFit, nil, true},
		{"VolumeBinding", filterVolumes, func(c *cycle) bool { return len(c.volumes) == 0 }, false},
		{"PodTopologySpread", filterTopologySpread, func(c *cycle) bool { return c.spread == nil || len(c.spread.constraints) == 0 }, false},
		{"InterPodAffinity", filterInterPodAffinity, func(c *cycle) bool { return c.interPod == nil }, false},
	}
}

// defaultFilters is the list filters returns, made once; it is never
// changed.
var defaultFilters = filters()

// activeFilters returns the filter plugins, in order, that are not idle
// for the pod of c, in room (reused from the cycle before; nil for new
// room). Leaving out a plugin that passes every node changes no verdict,
// and a cycle over hundreds of nodes asks each plugin of each.
func activeFilters(c *cycle, room []filter) []filter {
	active := room[:0]
	for _, f := range defaultFilters {
		if f.idle == nil || !f.idle(c) {
			active = append(active, f)
		}
	}
	return active
}

// roomOnly reports whether every filter in active passes a node that is
// not cordoned, has no taints and has room for a pod that asks for no
// extended resource.
func roomOnly(active []filter) bool {
	for _, f := range active {
		if !f.room {
			return false
		}
	}
	return true
}

// quickFeasible reports whether n surely passes every filter of c, read
// from n's totals alone: c's filters are room-only, and n is not cordoned,
// has no taints and has room for the pod, by the comparisons filterFit
// makes. False says nothing: the node must go through the filters. A
// cycle over thousands of stores asks this of hundreds of them for every
// pod, and most are open, untainted and roomy.
func quickFeasible(c *cycle, n NodeInfo) bool {
	t := n.Totals
	if !c.roomOnly || t == nil || t.node != n.Node || t.unschedulable || len(t.taints) > 0 {
		return false
	}
	alloc, used := &t.Allocatable, &t.Requested
	return used.Pods+1 <= alloc.Pods &&
		(c.requests.MilliCPU <= 0 || c.requests.MilliCPU <= alloc.MilliCPU-used.MilliCPU) &&
		(c.requests.Memory <= 0 || c.requests.Memory <= alloc.Memory-used.Memory) &&
		(c.requests.EphemeralStorage <= 0 || c.requests.EphemeralStorage <= alloc.EphemeralStorage-used.EphemeralStorage)
}

// runFilters runs the cycle's filters in order and returns the first
// rejection, or nil when the node is feasible.
func runFilters(c *cycle, n NodeInfo) *status {
	for _, f := range c.filters {
		if s := f.run(c, n); s != nil {
			s.plugin = f.name
			return s
		}
	}
	return nil
}

// filterUnschedulable rejects a cordoned node unless the pod tolerates the
// node.kubernetes.io/unschedulable:NoSchedule taint.
func filterUnschedulable(c *cycle, n NodeInfo) *status {
	if !n.unschedulable() {
		return nil
	}
	cordon := corev1.Taint{Key: corev1.TaintNodeUnschedulable, Effect: corev1.TaintEffectNoSchedule}
	if TolerationsTolerate(c.pod.Spec.Tolerations, cordon) {
		return nil
	}
	return &status{code: unschedulableAndUnresolvable, reasons: []string{ReasonUnschedulable}}
}

// filterNodeName rejects every node but the one spec.nodeName names.
func filterNodeName(c *cycle, n NodeInfo) *status {
	if c.pod.Spec.NodeName == "" || c.pod.Spec.NodeName == n.Name() {
		return nil
	}
	return &status{code: unschedulableAndUnresolvable, reasons: []string{ReasonNodeName}}
}

// filterTaints rejects a node with a NoSchedule or NoExecute taint the pod
// does not tolerate, naming the first such taint.
func filterTaints(c *cycle, n NodeInfo) *status {
	taint, found := firstUntolerated(n.taints(), c.pod.Spec.Tolerations, doNotSchedule)
	if !found {
		return nil
	}
	return &status{code: unschedulableAndUnresolvable, reasons: []string{untoleratedTaintReason(taint)}}
}

// filterAffinity rejects a node that fails the nodeSelector or the required
// node affinity.
func filterAffinity(c *cycle, n NodeInfo) *status {
	if c.matcher.matches(n.Node) {
		return nil
	}
	return &status{code: unschedulableAndUnresolvable, reasons: []string{ReasonNodeAffinity}}
}

// filterFit checks pod slots, cpu, memory, ephemeral-storage and extended
// resources against status.allocatable and reports every shortage, in
// that order, "Insufficient <name>" (noderesources/fit.go fitsRequest). A resource the pod does not request
// is never short; an extended resource the node does not have is short.
func filterFit(c *cycle, n NodeInfo) *status {
	alloc, used := n.Allocatable(), n.Requested()
	var reasons []string
	if used.Pods+1 > alloc.Pods {
		reasons = append(reasons, ReasonTooManyPods)
	}
	if c.requests.MilliCPU > 0 && c.requests.MilliCPU > alloc.MilliCPU-used.MilliCPU {
		reasons = append(reasons, ReasonInsufficientCPU)
	}
	if c.requests.Memory > 0 && c.requests.Memory > alloc.Memory-used.Memory {
		reasons = append(reasons, ReasonInsufficientMem)
	}
	if c.requests.EphemeralStorage > 0 && c.requests.EphemeralStorage > alloc.EphemeralStorage-used.EphemeralStorage {
		reasons = append(reasons, ReasonInsufficientEphemeralStorage)
	}
	for _, name := range c.scalarNames {
		if want := c.requests.Scalar[name]; want > alloc.Scalar[name]-used.Scalar[name] {
			reasons = append(reasons, "Insufficient "+string(name))
		}
	}
	if len(reasons) == 0 {
		return nil
	}
	return &status{code: unschedulable, reasons: reasons}
}
