package scheduler

import (
	"maps"
	"math"
	"slices"

	corev1 "k8s.io/api/core/v1"

	podapi "github.com/nodenucleus/nucleus/pod"
)

// Default requests the scheduler assumes, for scoring only, for a container
// that does not set a cpu or memory request (pkg/scheduler/util
// DefaultMilliCPURequest and DefaultMemoryRequest). They keep many
// zero-request pods from piling onto one node.
const (
	DefaultMilliCPURequest int64 = 100               // 0.1 core
	DefaultMemoryRequest   int64 = 200 * 1024 * 1024 // 200 MiB
)

// Resources is an amount of the resources the scheduler counts: cpu in
// millicores, memory and ephemeral storage in bytes, pod slots, and
// extended resources (such as example.com/dongle) by name, in units.
type Resources struct {
	MilliCPU         int64
	Memory           int64
	EphemeralStorage int64
	Pods             int64
	// Scalar holds the extended resources; nil when there are none, as
	// for almost every pod and store. A Resources never shares its map
	// with another: Add, sub and maxOf return fresh maps.
	Scalar map[corev1.ResourceName]int64
}

// Add returns r plus o. The sums saturate at the int64 range instead of
// wrapping: two containers asking for 8Ei of memory each ask for more than
// any node has, never for a negative amount that fits everywhere.
func (r Resources) Add(o Resources) Resources {
	return Resources{MilliCPU: addSat(r.MilliCPU, o.MilliCPU), Memory: addSat(r.Memory, o.Memory),
		EphemeralStorage: addSat(r.EphemeralStorage, o.EphemeralStorage), Pods: addSat(r.Pods, o.Pods),
		Scalar: combine(r.Scalar, o.Scalar, addSat)}
}

// sub returns r minus o, saturating as Add does.
func (r Resources) sub(o Resources) Resources {
	return Resources{MilliCPU: subSat(r.MilliCPU, o.MilliCPU), Memory: subSat(r.Memory, o.Memory),
		EphemeralStorage: subSat(r.EphemeralStorage, o.EphemeralStorage), Pods: subSat(r.Pods, o.Pods),
		Scalar: combine(r.Scalar, o.Scalar, subSat)}
}

// combine returns a fresh map with op(a[name], b[name]) for every name in
// either map, dropping zeros; nil when both are empty.
func combine(a, b map[corev1.ResourceName]int64, op func(x, y int64) int64) map[corev1.ResourceName]int64 {
	if len(a) == 0 && len(b) == 0 {
		return nil
	}
	out := make(map[corev1.ResourceName]int64, len(a)+len(b))
	for name, v := range a {
		out[name] = v
	}
	for name, v := range b {
		out[name] = op(out[name], v)
	}
	maps.DeleteFunc(out, func(_ corev1.ResourceName, v int64) bool { return v == 0 })
	if len(out) == 0 {
		return nil
	}
	return out
}

// ScalarNames returns the names of r's extended resources, sorted.
func (r Resources) ScalarNames() []corev1.ResourceName {
	if len(r.Scalar) == 0 {
		return nil
	}
	return slices.Sorted(maps.Keys(r.Scalar))
}

// addSat returns a+b, or the int64 bound it overflows past.
func addSat(a, b int64) int64 {
	s := a + b
	switch {
	case b > 0 && s < a:
		return math.MaxInt64
	case b < 0 && s > a:
		return math.MinInt64
	}
	return s
}

// subSat returns a-b, or the int64 bound it overflows past.
func subSat(a, b int64) int64 {
	s := a - b
	switch {
	case b > 0 && s > a:
		return math.MinInt64
	case b < 0 && s < a:
		return math.MaxInt64
	}
	return s
}

// maxOf returns the larger of r and o in each dimension.
func (r Resources) maxOf(o Resources) Resources {
	return Resources{MilliCPU: max(r.MilliCPU, o.MilliCPU), Memory: max(r.Memory, o.Memory),
		EphemeralStorage: max(r.EphemeralStorage, o.EphemeralStorage), Pods: max(r.Pods, o.Pods),
		Scalar: combine(r.Scalar, o.Scalar, func(x, y int64) int64 { return max(x, y) })}
}

// PodRequests returns the pod's effective request the way the scheduler
// computes it (k8s.io/component-helpers/resource PodRequests): regular
// containers and sidecars (restartable init containers) run together, so
// they are summed; each classic init container runs alone, next to the
// sidecars started before it, so the pod needs the largest of those moments;
// the pod's overhead is added on top. Pods is always 1. A pod-level
// request (spec.resources.requests) of cpu or memory stands for the
// containers' sum of that resource.
//
// During an in-place resize a regular container or sidecar counts for the
// largest of what its spec asks, what the store manager allocated it
// (status.containerStatuses[].allocatedResources) and what it runs with
// (status.containerStatuses[].resources.requests); once the store manager
// has found the resize infeasible, for the larger of the last two only.
// Reference: k8s.io/component-helpers/resource/helpers.go
// (determineContainerReqs, IsPodResizeInfeasible).
func PodRequests(pod *corev1.Pod) Resources {
	r := aggregate(pod, false)
	r.Pods = 1
	return r
}

// PodSpecRequests returns [PodRequests] of the pod's spec alone, as if no
// store manager had allocated anything to it: what a resize asks for.
func PodSpecRequests(pod *corev1.Pod) Resources {
	r := aggregate(&corev1.Pod{Spec: pod.Spec}, false)
	r.Pods = 1
	return r
}

// NonZeroPodRequests returns [PodRequests] with the scoring defaults
// ([DefaultMilliCPURequest], [DefaultMemoryRequest]) standing in for every
// container's missing cpu or memory request. An explicit zero stays zero, as
// in the scheduler (only a missing key is defaulted).
func NonZeroPodRequests(pod *corev1.Pod) Resources {
	r := aggregate(pod, true)
	r.Pods = 1
	return r
}

// aggregate sums and maxes container requests; withDefaults fills missing
// cpu and memory requests with the scoring defaults.
func aggregate(pod *corev1.Pod, withDefaults bool) Resources {
	var sum Resources
	resizing := resized(pod)
	infeasible := resizing && resizeInfeasible(pod)
	for i := range pod.Spec.Containers {
		c := &pod.Spec.Containers[i]
		req := containerRequests(c.Resources.Requests, withDefaults)
		if resizing {
			req = statusRequests(req, pod.Status.ContainerStatuses, c.Name, infeasible)
		}
		sum = sum.Add(req)
	}
	var sidecars, initPeak Resources
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		req := containerRequests(c.Resources.Requests, withDefaults)
		if isSidecar(c) {
			if resizing {
				req = statusRequests(req, pod.Status.InitContainerStatuses, c.Name, infeasible)
			}
			sum = sum.Add(req)
			sidecars = sidecars.Add(req)
			initPeak = initPeak.maxOf(sidecars)
			continue
		}
		initPeak = initPeak.maxOf(req.Add(sidecars))
	}
	total := sum.maxOf(initPeak)
	// A pod-level request, when set, is the pod's request of that
	// resource, whatever its containers ask.
	// Reference: k8s.io/component-helpers/resource/helpers.go PodRequests.
	if q, ok := podapi.PodLevelRequest(&pod.Spec, corev1.ResourceCPU); ok {
		total.MilliCPU = q.MilliValue()
	}
	if q, ok := podapi.PodLevelRequest(&pod.Spec, corev1.ResourceMemory); ok {
		total.Memory = q.Value()
	}
	return total.Add(quantities(pod.Spec.Overhead))
}

// resized reports whether any container status of the pod carries
// resources the store manager allocated or applied: only then can they
// differ from the spec.
func resized(pod *corev1.Pod) bool {
	for _, list := range [2][]corev1.ContainerStatus{pod.Status.ContainerStatuses, pod.Status.InitContainerStatuses} {
		for i := range list {
			if list[i].AllocatedResources != nil || list[i].Resources != nil {
				return true
			}
		}
	}
	return false
}

// Resizing reports whether the pod has a resize pending or in progress
// (condition PodResizePending or PodResizeInProgress): only then, or when
// its spec has just changed, can [PodRequests] differ from its spec's.
func Resizing(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodResizePending || c.Type == corev1.PodResizeInProgress {
			return true
		}
	}
	return false
}

// resizeInfeasible reports whether the pod's resize is pending as
// Infeasible: the spec's requests will not be allocated on this node.
func resizeInfeasible(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodResizePending && c.Reason == corev1.PodReasonInfeasible {
			return true
		}
	}
	return false
}

// statusRequests returns the larger of spec (a container's requests in its
// spec) and what the container named name has been allocated and runs
// with; when the resize is infeasible, the spec does not count.
func statusRequests(spec Resources, statuses []corev1.ContainerStatus, name string, infeasible bool) Resources {
	for i := range statuses {
		cs := &statuses[i]
		if cs.Name != name {
			continue
		}
		var r Resources
		if !infeasible {
			r = spec
		}
		r = r.maxOf(quantities(cs.AllocatedResources))
		if cs.Resources != nil {
			r = r.maxOf(quantities(cs.Resources.Requests))
		}
		return r
	}
	return spec
}

// isSidecar reports whether an init container is restartable (a sidecar).
func isSidecar(c *corev1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// containerRequests returns one container's cpu and memory requests.
func containerRequests(list corev1.ResourceList, withDefaults bool) Resources {
	r := quantities(list)
	if !withDefaults {
		return r
	}
	if _, ok := list[corev1.ResourceCPU]; !ok {
		r.MilliCPU = DefaultMilliCPURequest
	}
	if _, ok := list[corev1.ResourceMemory]; !ok {
		r.Memory = DefaultMemoryRequest
	}
	return r
}

// quantities reads cpu, memory, ephemeral-storage, pods and extended
// resources out of a resource list.
func quantities(list corev1.ResourceList) Resources {
	var r Resources
	for name, q := range list {
		if podapi.IsExtendedResource(string(name)) && !q.IsZero() {
			if r.Scalar == nil {
				r.Scalar = map[corev1.ResourceName]int64{}
			}
			r.Scalar[name] = q.Value()
		}
	}
	if q, ok := list[corev1.ResourceCPU]; ok {
		r.MilliCPU = q.MilliValue()
	}
	if q, ok := list[corev1.ResourceMemory]; ok {
		r.Memory = q.Value()
	}
	if q, ok := list[corev1.ResourceEphemeralStorage]; ok {
		r.EphemeralStorage = q.Value()
	}
	if q, ok := list[corev1.ResourcePods]; ok {
		r.Pods = q.Value()
	}
	return r
}

// allocatable returns a node's status.allocatable as Resources.
func allocatable(node *corev1.Node) Resources {
	return quantities(node.Status.Allocatable)
}
