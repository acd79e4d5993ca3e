package kubelet

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// The eviction manager's timings.
const (
	// evictionMonitoringPeriod is how often the manager checks the store's
	// memory. Reference: kubelet.md §9.4.
	evictionMonitoringPeriod = 10 * time.Second
	// evictionPressureTransitionPeriod is how long MemoryPressure stays
	// True after the last time the threshold was met.
	// Reference: kubelet.md §9.1, §9.2.
	evictionPressureTransitionPeriod = 5 * time.Minute
)

// eviction marks a pod the store manager is evicting: the grace period
// override its containers get (0 for a hard threshold) and the message
// that goes in its status and Event.
type eviction struct {
	grace   int64
	message string
}

// pressure is the eviction manager's memory of one condition
// (MemoryPressure, DiskPressure): whether, and when last, its hard
// threshold was met.
type pressure struct {
	seen         bool
	lastObserved sim.Time
}

// underPressure reports whether the condition holds at now: the
// threshold was met within the transition period.
func (p pressure) underPressure(now sim.Time) bool {
	return p.seen && now.Sub(p.lastObserved) < evictionPressureTransitionPeriod
}

// podUsage is one running pod's memory, as the eviction manager ranks it.
type podUsage struct {
	w          *worker
	usage      int64            // bytes, all containers
	request    int64            // bytes, the pod's memory request
	priority   int32            // spec.priority
	containers map[string]int64 // bytes per container name
}

// memoryStats returns the memory each active pod uses, and what is left
// of the store's memory: memory.available = capacity - the sum of what
// every running container uses.
func (k *Kubelet) memoryStats() (available int64, pods []podUsage) {
	available = k.memoryAvailable()
	if available >= evictionHardMemory.Value() {
		return available, nil // no pressure: the ranking is not needed
	}
	for _, w := range k.ordered {
		if w.sandboxID == "" {
			continue
		}
		pu := podUsage{w: w}
		for _, c := range k.containers(w) {
			if c.State != runtime.ContainerRunning {
				continue
			}
			if u := k.rt.MemoryUsage(c.ID); u > 0 {
				if pu.containers == nil {
					pu.containers = map[string]int64{}
				}
				pu.containers[c.Name] += u
				pu.usage += u
			}
		}
		if w.state != syncing || w.eviction != nil || isTerminal(w.status.Phase) {
			continue
		}
		pu.request = scheduler.PodRequests(w.pod).Memory
		if w.pod.Spec.Priority != nil {
			pu.priority = *w.pod.Spec.Priority
		}
		pods = append(pods, pu)
	}
	return available, pods
}

// memoryAvailable returns memory.available: the store's memory less what
// every running container uses.
func (k *Kubelet) memoryAvailable() int64 {
	if k.memoryCapacity == 0 {
		capacity := k.capacity()
		k.memoryCapacity = capacity.Memory().Value()
	}
	available := k.memoryCapacity
	for _, w := range k.ordered {
		for _, c := range k.containers(w) {
			if c.State == runtime.ContainerRunning {
				available -= k.rt.MemoryUsage(c.ID)
			}
		}
	}
	return available
}

// evictionTick is one pass of the eviction manager. It observes
// memory.available and the disk (nodefs.available, imagefs.available); a
// signal under its hard threshold (100Mi of memory, 15% or 10% of the
// disk) puts the store under pressure. Then, as the kubelet does: a pod
// past its own local storage limits is evicted first; else, under memory
// pressure, the first pod of the memory ranking; else, under disk
// pressure, what belongs to no running pod is reclaimed first, and the
// first pod of the disk ranking is evicted only if that was not enough.
// At most one pod per pass.
// Reference: kubelet.md §9.4; pkg/kubelet/eviction/eviction_manager.go
// (synchronize: conditions before localStorageEviction; byEvictionPriority
// puts memory before every other resource).
func (k *Kubelet) evictionTick() {
	now := k.loop.Now()
	available, pods := k.memoryStats()
	memory := available < evictionHardMemory.Value()
	if memory {
		k.pressure = pressure{seen: true, lastObserved: now}
	}
	_, disk := k.observeDisk().met()
	if disk {
		k.diskPressure = pressure{seen: true, lastObserved: now}
	}
	if k.emptyDirEviction() {
		return
	}
	switch {
	case memory:
		rankMemory(pods)
		if len(pods) > 0 {
			k.evict(pods[0], available)
		}
	case disk:
		k.diskPressureTick()
	}
}

// emptyDirEviction is the eviction manager's local storage check: the
// first pod with an emptyDir that holds more than its sizeLimit, or that
// uses more ephemeral storage than its containers' limits add up to, or
// with a container whose writable layer is past its own limit, is
// evicted, whatever the store's pressure, and nothing else is evicted in
// that pass. A pod's use is its containers' writable layers, their logs
// (all the files of each container's log directory, rotated ones
// included) and its emptyDirs on disk (a tmpfs counts as memory instead):
// see podStorage; a container's own use is its writable layer and its logs.
// Reference: pkg/kubelet/eviction/eviction_manager.go (synchronize:
// localStorageEviction first; emptyDirLimitEviction,
// podEphemeralStorageLimitEviction, containerEphemeralStorageLimitEviction,
// evictPod with a grace period of 0); pkg/kubelet/eviction/helpers.go
// (emptyDirMessageFmt, podEphemeralStorageMessageFmt,
// containerEphemeralStorageMessageFmt, podLocalEphemeralStorageUsage,
// podDiskUsage with fsStatsLogs); pkg/kubelet/stats/cri_stats_provider.go
// (a container's log stats are those of its log directory).
func (k *Kubelet) emptyDirEviction() bool {
	for _, w := range k.ordered {
		if w.eviction != nil || w.state != syncing || !w.storageLimited {
			continue
		}
		if msg := k.localStorageOver(w); msg != "" {
			k.evictWith(w, msg, sim.Facts{})
			return true
		}
	}
	return false
}

// limitsLocalStorage reports whether p has a limit emptyDirEviction
// checks: an emptyDir's sizeLimit, or a container's ephemeral-storage
// limit. A pod without one is never evicted by that check, however much
// it writes, so the store manager does not measure its use: with 150,000
// pods, reading every pod's spec and containers at every pass was most of
// the pass's cost. The worker
// keeps the answer, worked out again when the spec changes (which a real
// API server does not allow for either: volumes cannot be updated, and
// an in-place resize changes only cpu and memory).
// Reference: pkg/apis/core/validation/validation.go ValidatePodUpdate and
// ValidatePodResize (only cpu and memory resources are mutable).
func limitsLocalStorage(p *corev1.Pod) bool {
	for _, v := range p.Spec.Volumes {
		if ed := v.EmptyDir; ed != nil && ed.SizeLimit != nil && ed.SizeLimit.Sign() > 0 {
			return true
		}
	}
	for _, c := range p.Spec.Containers {
		if _, ok := c.Resources.Limits[corev1.ResourceEphemeralStorage]; ok {
			return true
		}
	}
	return false
}

// localStorageOver returns the eviction message of a pod past one of its
// local storage limits, or "".
func (k *Kubelet) localStorageOver(w *worker) string {
	for _, v := range w.pod.Spec.Volumes {
		ed := v.EmptyDir
		pv, ok := w.volumes[v.Name]
		if ed == nil || !ok {
			continue
		}
		if u := pv.dir.Usage(); ed.SizeLimit != nil && ed.SizeLimit.Sign() > 0 && u > ed.SizeLimit.Value() {
			return fmt.Sprintf("Usage of EmptyDir volume %q exceeds the limit %q. ", v.Name, ed.SizeLimit.String())
		}
	}
	if k.layers == nil {
		k.layers = map[string]int64{}
	}
	s := k.podStorage(w, k.layers)
	used := s.volumes
	var limit resource.Quantity
	limited := false
	for _, c := range w.pod.Spec.Containers {
		used += s.layers[c.Name]
		if q, ok := c.Resources.Limits[corev1.ResourceEphemeralStorage]; ok {
			limit.Add(q)
			limited = true
		}
	}
	if limited && used > limit.Value() {
		return fmt.Sprintf("Pod ephemeral local storage usage exceeds the total limit of containers %s. ", limit.String())
	}
	for _, c := range w.pod.Spec.Containers {
		if q, ok := c.Resources.Limits[corev1.ResourceEphemeralStorage]; ok && s.layers[c.Name] > q.Value() {
			return fmt.Sprintf("Container %s exceeded its local ephemeral storage limit %q. ", c.Name, q.String())
		}
	}
	return ""
}

// rankMemory sorts pods into the order the kubelet evicts them under
// memory pressure: pods using more than they requested first, then lower
// priority first, then the larger use above the request first. The QoS
// class is not a key of its own: a BestEffort pod requests nothing, so
// any use exceeds its request. Ties keep their order.
// Reference: kubelet.md §9.4 (orderedBy(exceedMemoryRequests, priority,
// memory), pkg/kubelet/eviction/helpers.go).
func rankMemory(pods []podUsage) {
	slices.SortStableFunc(pods, func(a, b podUsage) int {
		return evictionOrder(a.usage, a.request, a.priority, b.usage, b.request, b.priority)
	})
}

// evictionOrder compares two pods as the kubelet ranks them for eviction
// of one resource (memory, or the disk), from each one's use, request and
// priority: a pod using more than it requested comes first, then the lower
// priority, then the larger use above the request.
// Reference: pkg/kubelet/eviction/helpers.go (orderedBy(exceedMemoryRequests,
// priority, memory) and orderedBy(exceedDiskRequests, priority, disk)).
func evictionOrder(usageA, requestA int64, priorityA int32, usageB, requestB int64, priorityB int32) int {
	ea, eb := usageA > requestA, usageB > requestB
	if ea != eb {
		if ea {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(priorityA, priorityB); c != 0 {
		return c
	}
	return cmp.Compare(usageB-requestB, usageA-requestA)
}

// evictionMessage is the message of an eviction for memory, in the words
// of the kubelet nucleus reports (v1.35): the resource, the threshold and
// what was available, then each container that uses more than it
// requested (regular containers first, then init containers and sidecars).
// Reference: pkg/kubelet/eviction/helpers.go (evictionMessage,
// nodeLowMessageFmt, thresholdMetMessageFmt, containerMessageFmt).
func evictionMessage(p *corev1.Pod, containers map[string]int64, available int64) string {
	var b strings.Builder
	b.WriteString("The node was low on resource: memory. ")
	fmt.Fprintf(&b, "Threshold quantity: %s, available: %s. ", evictionHardMemory.String(),
		resource.NewQuantity(available, resource.BinarySI).String())
	specs := append(slices.Clip(p.Spec.Containers), p.Spec.InitContainers...)
	for _, c := range specs {
		used, ok := containers[c.Name]
		if !ok {
			continue
		}
		usage := resource.NewQuantity(used, resource.BinarySI)
		req := c.Resources.Requests[corev1.ResourceMemory]
		if usage.Cmp(req) > 0 {
			fmt.Fprintf(&b, "Container %s was using %s, request is %s, has larger consumption of memory. ", c.Name, usage.String(), req.String())
		}
	}
	return b.String()
}

// evict sends a pod home: a Warning Evicted Event, then the pod fails
// with reason Evicted and the DisruptionTarget condition, and its
// containers are stopped with a grace period of 0 (a hard threshold).
// Reference: kubelet.md §9.4 (evictPod).
func (k *Kubelet) evict(pu podUsage, available int64) {
	k.evictWith(pu.w, evictionMessage(pu.w.pod, pu.containers, available), sim.Facts{})
}

// evictWith evicts a pod with message; facts.From, when set, names what
// the store is short of, for the narration.
func (k *Kubelet) evictWith(w *worker, msg string, facts sim.Facts) {
	k.podEvent(w, nil, sim.Warning, "Evicted", msg, facts)
	w.eviction = &eviction{grace: 0, message: msg}
	k.updateStatus(w, k.runtimeStatus(w))
	k.sync(w)
}

// applyEviction puts an eviction in a pod's status: phase Failed, reason
// Evicted, and the DisruptionTarget condition among the conditions conds
// the kubelet writes.
func applyEviction(st *corev1.PodStatus, e *eviction, conds []corev1.PodCondition) []corev1.PodCondition {
	st.Phase = corev1.PodFailed
	st.Reason = "Evicted"
	st.Message = e.message
	return append(conds, corev1.PodCondition{
		Type: corev1.DisruptionTarget, Status: corev1.ConditionTrue,
		Reason: corev1.PodReasonTerminationByKubelet, Message: e.message,
	})
}

// admitUnderPressure is the eviction manager's admission check. Under
// memory pressure alone a BestEffort pod is refused unless it tolerates
// the memory-pressure taint; under disk pressure every pod is refused. A
// critical pod (priority system-node-critical or system-cluster-critical
// and above) is always admitted.
// Reference: kubelet.md §8.3 ("The node had condition: [<cond>]. ");
// pkg/kubelet/eviction/eviction_manager.go Admit;
// pkg/kubelet/types/pod_update.go (IsCriticalPodBasedOnPriority).
func (k *Kubelet) admitUnderPressure(p *corev1.Pod) (reason, message string, ok bool) {
	now := k.loop.Now()
	var conds []corev1.NodeConditionType
	if k.pressure.underPressure(now) {
		conds = append(conds, corev1.NodeMemoryPressure)
	}
	if k.diskPressure.underPressure(now) {
		conds = append(conds, corev1.NodeDiskPressure)
	}
	if len(conds) == 0 || isCriticalPod(p) {
		return "", "", true
	}
	if len(conds) == 1 && conds[0] == corev1.NodeMemoryPressure &&
		(pod.QOSClass(p) != corev1.PodQOSBestEffort || toleratesMemoryPressure(p)) {
		return "", "", true
	}
	return "Evicted", fmt.Sprintf("The node had condition: %v. ", conds), false
}

// systemCriticalPriority is the priority from which a pod is critical:
// that of system-cluster-critical (system-node-critical is higher).
// Reference: pkg/apis/scheduling/types.go (SystemCriticalPriority = 2 * 10^9).
const systemCriticalPriority = 2_000_000_000

// isCriticalPod reports whether a pod is critical to the store, by its
// priority, as the kubelet's IsCriticalPodBasedOnPriority does (static
// and mirror pods, critical too, are not simulated).
func isCriticalPod(p *corev1.Pod) bool {
	return p.Spec.Priority != nil && *p.Spec.Priority >= systemCriticalPriority
}

// toleratesMemoryPressure reports whether one of the pod's tolerations
// matches the node.kubernetes.io/memory-pressure:NoSchedule taint.
func toleratesMemoryPressure(p *corev1.Pod) bool {
	for _, t := range p.Spec.Tolerations {
		keyOK := t.Key == corev1.TaintNodeMemoryPressure || (t.Key == "" && t.Operator == corev1.TolerationOpExists)
		effectOK := t.Effect == "" || t.Effect == corev1.TaintEffectNoSchedule
		valueOK := t.Operator == corev1.TolerationOpExists || t.Value == ""
		if keyOK && effectOK && valueOK {
			return true
		}
	}
	return false
}
