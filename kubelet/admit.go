package kubelet

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// admit decides whether the store has room for a pod that head office
// bound to it: the requests of the pods already admitted and not finished,
// plus this one, must fit the store's allocatable pods, cpu, memory and
// ephemeral-storage (reason OutOfephemeral-storage, as the kubelet words
// it). The
// scheduler normally sees to that; a pod whose nodeName was set by hand
// skips the scheduler and meets this check alone. Extended resources the
// store advertises (example.com/dongle) are checked too.
// Reference: kubelet.md §9 (allocatable), pkg/kubelet/lifecycle/predicate.go
// (the kubelet runs the scheduler's resource fit and names the first
// resource short as reason OutOf<resource>).
func (k *Kubelet) admit(p *corev1.Pod) (reason, message string, ok bool) {
	if reason, message, ok := k.admitUnderPressure(p); !ok {
		return reason, message, false
	}
	return k.fits(p, scheduler.PodRequests(p))
}

// fits reports whether want, what p asks for, fits the store beside the
// requests of the other pods admitted and not finished, with the reason
// and message of the first resource short.
func (k *Kubelet) fits(p *corev1.Pod, want scheduler.Resources) (reason, message string, ok bool) {
	var used scheduler.Resources
	for _, w := range k.ordered { // the workers, as a slice: faster to walk than the map
		// A pod head office has already forgotten (deleted with grace 0)
		// no longer counts, even while its containers still stop: the
		// kubelet admits against the pods it has been given, as
		// GetActivePods does.
		if w.pod.UID == p.UID || w.removed || w.state == terminated || isTerminal(w.status.Phase) {
			continue
		}
		used = used.Add(w.requests) // saturating: huge requests never wrap round to fit
	}
	capacity := k.allocatable()
	check := []struct {
		name                 string
		req, inUse, capacity int64
	}{
		{"pods", want.Pods, used.Pods, capacity.Pods().Value()},
		{"cpu", want.MilliCPU, used.MilliCPU, capacity.Cpu().MilliValue()},
		{"memory", want.Memory, used.Memory, capacity.Memory().Value()},
		{"ephemeral-storage", want.EphemeralStorage, used.EphemeralStorage, capacity.StorageEphemeral().Value()},
	}
	// An extended resource the store does not advertise at all is left
	// to whatever handles it outside the kubelet (predicate.go
	// removeMissingExtendedResources); one it does advertise is counted.
	for _, name := range want.ScalarNames() {
		if total, ok := capacity[name]; ok {
			check = append(check, struct {
				name                 string
				req, inUse, capacity int64
			}{string(name), want.Scalar[name], used.Scalar[name], total.Value()})
		}
	}
	for _, c := range check {
		if c.req > 0 && c.req > c.capacity-c.inUse { // not inUse+req, which could overflow
			return "OutOf" + c.name,
				fmt.Sprintf("Node didn't have enough resource: %s, requested: %d, used: %d, capacity: %d", c.name, c.req, c.inUse, c.capacity),
				false
		}
	}
	return "", "", true
}

// capacity returns the store's floor space.
func (k *Kubelet) capacity() corev1.ResourceList {
	if k.cfg.Capacity != nil {
		return k.cfg.Capacity
	}
	return DefaultCapacity()
}

// allocatable returns what pods may use: the capacity less the hard
// eviction thresholds for memory (100Mi) and for the disk
// (nodefs.available<10% of ephemeral-storage), as a kubelet with no kube-
// or system-reserved computes it. The capacity never changes, so neither
// does the list: it is worked out once, and shared, read-only, by every
// admission (150,000 in the largest chain).
// Reference: kubelet.md §9.1 (evictionHard memory.available<100Mi,
// nodefs.available<10%); the
// Kubernetes docs' "Reserve Compute Resources for System Daemons" (node
// allocatable = capacity - reserved - hard eviction thresholds).
func (k *Kubelet) allocatable() corev1.ResourceList {
	if k.allocated == nil {
		out := k.capacity().DeepCopy()
		if mem, ok := out[corev1.ResourceMemory]; ok {
			mem.Sub(evictionHardMemory)
			out[corev1.ResourceMemory] = mem
		}
		if es, ok := out[corev1.ResourceEphemeralStorage]; ok {
			out[corev1.ResourceEphemeralStorage] = ephemeralAllocatable(es)
		}
		k.allocated = out
	}
	return k.allocated
}

// evictionHardMemory is the default hard eviction threshold:
// memory.available<100Mi.
var evictionHardMemory = resource.MustParse("100Mi")

// reject refuses a pod at the door: it fails at once, with the reason in
// its status, and never starts.
func (k *Kubelet) reject(w *worker, reason, message string) {
	k.podEvent(w, nil, sim.Warning, reason, message, sim.Facts{})
	w.state = terminated
	st := corev1.PodStatus{
		Phase:    corev1.PodFailed,
		Reason:   reason,
		Message:  "Pod was rejected: " + message,
		QOSClass: pod.QOSClass(w.pod),
	}
	k.narrateStatus(w, *w.status, st)
	k.sendStatus(w, st)
}
