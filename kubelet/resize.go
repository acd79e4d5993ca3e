package kubelet

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/scheduler"
	"github.com/nodenucleus/nucleus/sim"
)

// In-place resize: head office changes a running pod's cpu and memory
// (its resize subresource) and the store manager re-budgets the
// employee's desk space without a rehire, or with one when the job's
// resizePolicy says RestartContainer. It goes in three steps, as the
// kubelet's allocation manager and runtime manager take it:
//
//	spec changed ──▶ allocate (room on the store?) ──▶ actuate (the cgroups) ──▶ done
//	                   │ no: PodResizePending           PodResizeInProgress
//	                   │     Deferred (retried when room frees) or
//	                   │     Infeasible (more than the whole store)
//
// Reference: pkg/kubelet/allocation/allocation_manager.go
// (handlePodResourcesResize, canResizePod, IsPodResizeInProgress),
// pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodResizeAction,
// doPodResizeAction).

// resizeState is what the store manager knows of a pod's resize.
type resizeState struct {
	// alloc holds the resources allocated to each resizable container
	// (regular containers and sidecars), by name, while they differ from
	// the spec's; nil when the spec's are the allocated ones.
	alloc map[string]corev1.ResourceRequirements
	// pod is the work order as allocated, made for spec (see allocated).
	pod, spec *corev1.Pod
	// pending is the PodResizePending condition, or nil (as nearly every
	// pod has none, it sits behind a pointer); failed is the error of the
	// last attempt to apply the resize (reason Error of
	// PodResizeInProgress).
	pending *corev1.PodCondition
	failed  string
	// applied: a resize was applied in place and the relist has not seen
	// it yet, so it is still in progress.
	applied bool
}

// resizable calls f for each container whose resources a resize changes:
// the regular containers and the sidecars.
func resizable(p *corev1.Pod, f func(c *corev1.Container, init bool)) {
	for i := range p.Spec.InitContainers {
		if pod.IsSidecar(&p.Spec.InitContainers[i]) {
			f(&p.Spec.InitContainers[i], true)
		}
	}
	for i := range p.Spec.Containers {
		f(&p.Spec.Containers[i], false)
	}
}

// noteSpec keeps what was allocated to the pod before next replaces it as
// the work order: a changed spec does not change the allocation until the
// store manager accepts the resize.
func (w *worker) noteSpec(next *corev1.Pod) {
	if w.resize.alloc != nil || w.pod.Generation == next.Generation {
		return
	}
	changed := false
	resizable(w.pod, func(c *corev1.Container, _ bool) {
		if n := containerNamed(next, c.Name); n != nil && !cpuMemoryEqual(c.Resources, n.Resources) {
			changed = true
		}
	})
	if !changed {
		return
	}
	w.resize.alloc = map[string]corev1.ResourceRequirements{}
	resizable(w.pod, func(c *corev1.Container, _ bool) { w.resize.alloc[c.Name] = c.Resources })
}

// containerNamed returns the regular container or init container of p
// named name, or nil.
func containerNamed(p *corev1.Pod, name string) *corev1.Container {
	for i := range p.Spec.Containers {
		if p.Spec.Containers[i].Name == name {
			return &p.Spec.Containers[i]
		}
	}
	for i := range p.Spec.InitContainers {
		if p.Spec.InitContainers[i].Name == name {
			return &p.Spec.InitContainers[i]
		}
	}
	return nil
}

// allocated returns the work order as the store manager allocated it:
// the pod with each resizable container's allocated resources. It is the
// pod itself unless a resize is waiting.
func (w *worker) allocated() *corev1.Pod {
	if w.resize.alloc == nil {
		return w.pod
	}
	if w.resize.spec != w.pod {
		p := w.pod.DeepCopy()
		resizable(p, func(c *corev1.Container, _ bool) {
			if r, ok := w.resize.alloc[c.Name]; ok {
				c.Resources = *r.DeepCopy()
			}
		})
		w.resize.pod, w.resize.spec = p, w.pod
	}
	return w.resize.pod
}

// handleResize is the allocation manager's handlePodResourcesResize, at
// the start of every sync: when the spec asks for other resources than
// were allocated, the resize is allocated if the store has room for it,
// and left pending otherwise: Infeasible when the pod asks for more than
// the store's whole allocatable, Deferred when other pods hold the room.
// Reference: pkg/kubelet/allocation/allocation_manager.go
// (handlePodResourcesResize, canResizePod).
func (k *Kubelet) handleResize(w *worker) {
	if w.resize.alloc == nil {
		w.resize.pending = nil
		return
	}
	same := true
	resizable(w.pod, func(c *corev1.Container, _ bool) {
		if r, ok := w.resize.alloc[c.Name]; ok && !cpuMemoryEqual(r, c.Resources) {
			same = false
		}
	})
	if same {
		w.resize.alloc, w.resize.pod, w.resize.spec = nil, nil, nil
		w.resize.pending = nil
		return
	}
	reason, msg := k.canResize(w)
	if reason != "" {
		if p := w.resize.pending; p == nil || p.Reason != reason || p.Message != msg {
			since := k.now()
			if p != nil && p.Reason == reason {
				since = p.LastTransitionTime
			}
			w.resize.pending = &corev1.PodCondition{Type: corev1.PodResizePending, Status: corev1.ConditionTrue,
				Reason: reason, Message: msg, LastProbeTime: k.now(), LastTransitionTime: since}
			k.podChange(w, "ResizePending", "Pod resize "+reason+": "+msg, sim.Facts{To: reason})
		}
		return
	}
	before := w.requests
	w.resize.alloc, w.resize.pod, w.resize.spec = nil, nil, nil
	w.resize.pending, w.resize.failed = nil, ""
	w.requests = scheduler.PodSpecRequests(w.pod)
	k.podChange(w, "ResizeAllocated", "Pod resize allocated: "+describeRequests(w.requests), sim.Facts{})
	if w.requests.MilliCPU < before.MilliCPU || w.requests.Memory < before.Memory {
		k.retryDeferredResizes() // the room it gave back may fit another
	}
}

// canResize returns why the store cannot take the pod's resize now, as a
// reason (Infeasible, Deferred) and the kubelet's message; "" when it can.
func (k *Kubelet) canResize(w *worker) (reason, message string) {
	want := scheduler.PodSpecRequests(w.pod)
	capacity := k.allocatable()
	cpu, mem := capacity.Cpu().MilliValue(), capacity.Memory().Value()
	switch {
	case want.Memory > mem:
		return corev1.PodReasonInfeasible, fmt.Sprintf("Node didn't have enough capacity: memory, requested: %d, capacity: %d", want.Memory, mem)
	case want.MilliCPU > cpu:
		return corev1.PodReasonInfeasible, fmt.Sprintf("Node didn't have enough capacity: cpu, requested: %d, capacity: %d", want.MilliCPU, cpu)
	}
	if _, msg, ok := k.fits(w.pod, want); !ok {
		return corev1.PodReasonDeferred, msg
	}
	return "", ""
}

// retryDeferredResizes asks every pod whose resize is deferred to try
// again: another pod left, or gave back room. They try in the allocation
// manager's order, so that the room goes first to a resize that asks for
// no more than it holds, then to the pod of higher priority, then to a
// Guaranteed pod before a Burstable one, and last to the one that has
// waited longest.
// Reference: pkg/kubelet/allocation/allocation_manager.go
// (RetryPendingResizes, sortPendingResizes, isResizeIncreasingRequests).
func (k *Kubelet) retryDeferredResizes() {
	var waiting []*worker
	for _, w := range k.ordered {
		if p := w.resize.pending; p != nil && p.Reason == corev1.PodReasonDeferred && w.state == syncing {
			waiting = append(waiting, w)
		}
	}
	slices.SortStableFunc(waiting, retryOrder)
	for _, w := range waiting {
		k.loop.After(0, func() { k.sync(w) })
	}
}

// retryOrder compares two pods with deferred resizes: which one's resize
// the store manager tries first.
func retryOrder(a, b *worker) int {
	// A resize that asks for no more (it will fit) goes first.
	if c := firstWhen(!a.resizeGrows(), !b.resizeGrows()); c != 0 {
		return c
	}
	if c := cmp.Compare(pod.Priority(b.pod), pod.Priority(a.pod)); c != 0 {
		return c
	}
	if c := firstWhen(pod.QOSClass(a.pod) == corev1.PodQOSGuaranteed, pod.QOSClass(b.pod) == corev1.PodQOSGuaranteed); c != 0 {
		return c
	}
	return a.resize.pending.LastTransitionTime.Compare(b.resize.pending.LastTransitionTime.Time)
}

// firstWhen orders a before b when only a has the property, b before a
// when only b has it, and leaves them be otherwise.
func firstWhen(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// resizeGrows reports whether the pod's waiting resize asks for more cpu
// or memory than the pod was allocated.
func (w *worker) resizeGrows() bool {
	want, have := scheduler.PodSpecRequests(w.pod), scheduler.PodSpecRequests(w.allocated())
	return want.MilliCPU > have.MilliCPU || want.Memory > have.Memory
}

// describeRequests is a short list of a pod's cpu and memory requests.
func describeRequests(r scheduler.Resources) string {
	return fmt.Sprintf("cpu %s, memory %s",
		resource.NewMilliQuantity(r.MilliCPU, resource.DecimalSI), resource.NewQuantity(r.Memory, resource.BinarySI))
}

// resizeAction is a running container to give its allocated resources in
// place.
type resizeAction struct {
	ref containerRef
	id  string
}

// resizeActions adds to acts what the running containers of p (the pod as
// allocated) need to run with their allocated resources: a restart where
// a changed resource's resizePolicy says RestartContainer, else an update
// in place. A container that acts already stops is left alone.
// Reference: pkg/kubelet/kuberuntime/kuberuntime_manager.go
// (computePodResizeAction: a memory limit, or a cpu request or limit, to
// change under RestartContainer restarts the container, "Container %s
// resize requires restart").
func resizeActions(p *corev1.Pod, ps podStatus, acts *actions) {
	if acts.killPod || acts.createSandbox {
		return
	}
	resizable(p, func(c *corev1.Container, init bool) {
		latest, _ := ps.newest(c.Name)
		if latest == nil || latest.State != runtime.ContainerRunning {
			return
		}
		for _, k := range acts.kill {
			if k.id == latest.ID {
				return
			}
		}
		want := runtimeResources(p, c)
		have := latest.Resources
		if want == have {
			return
		}
		ref := containerRef{spec: c, init: init}
		restart := want.MemoryLimit != have.MemoryLimit && policyOf(c, corev1.ResourceMemory) == corev1.RestartContainer ||
			(want.CPUQuota != have.CPUQuota || want.CPURequest != have.CPURequest) && policyOf(c, corev1.ResourceCPU) == corev1.RestartContainer
		if restart {
			acts.kill = append(acts.kill, killAction{ref: ref, id: latest.ID, message: fmt.Sprintf("Container %s resize requires restart", c.Name), resize: true})
			acts.start = append(acts.start, ref)
			return
		}
		acts.resize = append(acts.resize, resizeAction{ref: ref, id: latest.ID})
	})
}

// policyOf returns the container's resizePolicy for a resource:
// NotRequired unless it says otherwise.
func policyOf(c *corev1.Container, name corev1.ResourceName) corev1.ResourceResizeRestartPolicy {
	for _, rp := range c.ResizePolicy {
		if rp.ResourceName == name {
			return rp.RestartPolicy
		}
	}
	return corev1.NotRequired
}

// runtimeResources returns the cgroup limits the kubelet gives container
// c of pod p: its own limits, else the pod-level ones (see effectiveLimit).
func runtimeResources(p *corev1.Pod, c *corev1.Container) runtime.ContainerResources {
	var out runtime.ContainerResources
	if q, ok := effectiveLimit(p, c, corev1.ResourceMemory); ok {
		out.MemoryLimit = q.Value()
	}
	if q, ok := effectiveLimit(p, c, corev1.ResourceCPU); ok {
		out.CPUQuota = runtime.CFSQuota(q.MilliValue())
	}
	if q, ok := c.Resources.Requests[corev1.ResourceCPU]; ok {
		out.CPURequest = q.MilliValue()
	}
	return out
}

// applyResize gives running containers their allocated resources in
// place, as doPodResizeAction does. Before it lowers the pod's memory
// limit it checks the pod's memory use: a limit at or below what the pod
// uses now is not set (it would OOM-kill), and the resize stays in
// progress with reason Error until a later sync finds room.
// Reference: pkg/kubelet/kuberuntime/kuberuntime_manager.go
// (doPodResizeAction: "aborting attempt to set pod memory limit less than
// current memory usage"); the resize-container-resources page
// ("Memory Decrease").
func (k *Kubelet) applyResize(w *worker, p *corev1.Pod, list []resizeAction) {
	if limit, ok := podMemoryLimit(p); ok && k.memoryChanges(p, list) {
		var used int64
		for _, c := range k.containers(w) {
			used += k.rt.MemoryUsage(c.ID)
		}
		if used >= limit {
			msg := "aborting attempt to set pod memory limit less than current memory usage for pod " + p.Name
			if w.resize.failed != msg {
				k.podChange(w, "ResizeError", msg, sim.Facts{})
			}
			w.resize.failed = msg
			w.failed = true
			return
		}
	}
	w.resize.failed = ""
	for _, a := range list {
		r := runtimeResources(p, a.ref.spec)
		if err := k.rt.UpdateContainerResources(a.id, r); err != nil {
			w.resize.failed = err.Error()
			w.failed = true
			return
		}
		w.resize.applied = true
		k.podChange(w, "Resized", fmt.Sprintf("Container %s resized in place: %s", a.ref.spec.Name, describeContainer(a.ref.spec.Resources)),
			sim.Facts{Container: a.ref.spec.Name})
	}
}

// memoryChanges reports whether an update of list changes a memory limit.
func (k *Kubelet) memoryChanges(p *corev1.Pod, list []resizeAction) bool {
	for _, a := range list {
		st, err := k.rt.ContainerStatus(a.id)
		if err == nil && st.Resources.MemoryLimit != runtimeResources(p, a.ref.spec).MemoryLimit {
			return true
		}
	}
	return false
}

// podMemoryLimit returns the pod's memory limit, the sum of its regular
// containers' and sidecars' limits, when every one of them has one.
func podMemoryLimit(p *corev1.Pod) (int64, bool) {
	var sum int64
	ok := true
	resizable(p, func(c *corev1.Container, _ bool) {
		q, has := c.Resources.Limits[corev1.ResourceMemory]
		ok = ok && has
		sum += q.Value()
	})
	return sum, ok
}

// describeContainer lists a container's cpu and memory limits, or its
// requests when it has no limits.
func describeContainer(r corev1.ResourceRequirements) string {
	var parts []string
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if q, ok := r.Limits[name]; ok {
			parts = append(parts, string(name)+" limit "+q.String())
		} else if q, ok := r.Requests[name]; ok {
			parts = append(parts, string(name)+" request "+q.String())
		}
	}
	return strings.Join(parts, ", ")
}

// resizeConditions returns the pod's resize conditions, as the status
// manager keeps them: PodResizePending while a resize waits for room, and
// PodResizeInProgress while an allocated resize is not yet what the
// running containers have (reason Error when applying it failed).
// Reference: pkg/kubelet/status/status_manager.go
// (SetPodResizePendingCondition, SetPodResizeInProgressCondition).
func (k *Kubelet) resizeConditions(w *worker, ps podStatus, dst []corev1.PodCondition) []corev1.PodCondition {
	if w.resize.pending != nil {
		dst = append(dst, *w.resize.pending)
	}
	if w.state != syncing {
		return dst
	}
	inProgress := w.resize.applied || w.resize.failed != ""
	if !inProgress {
		alloc := w.allocated()
		resizable(alloc, func(c *corev1.Container, _ bool) {
			if latest, _ := ps.newest(c.Name); latest != nil && latest.State == runtime.ContainerRunning &&
				latest.Resources != runtimeResources(alloc, c) {
				inProgress = true
			}
		})
	}
	if inProgress {
		c := corev1.PodCondition{Type: corev1.PodResizeInProgress, Status: corev1.ConditionTrue}
		if w.resize.failed != "" {
			c.Reason, c.Message = corev1.PodReasonError, w.resize.failed
		}
		dst = append(dst, c)
	}
	return dst
}

// setContainerResources fills in a container status's allocatedResources
// (the requests allocated to it) and resources (what it runs with: the
// cgroup's limits and cpu request while it runs, else what it will start
// with), for the cpu and memory the allocation names.
// Reference: pkg/kubelet/kubelet_pods.go (convertToAPIContainerStatuses,
// convertContainerStatusResources).
//
// prev is the container's status last sent, or nil: when its resources
// say the same, they are kept, so that a sync of an unchanged pod makes
// no new lists.
func setContainerResources(cs *corev1.ContainerStatus, alloc *corev1.Container, latest *runtime.ContainerStatus, prev *corev1.ContainerStatus) {
	r := alloc.Resources
	if len(r.Requests) == 0 && len(r.Limits) == 0 {
		return
	}
	cs.AllocatedResources = r.Requests
	running := latest != nil && latest.State == runtime.ContainerRunning
	if prev != nil && prev.Resources != nil && sameResources(prev.Resources, r, running, latest) {
		cs.Resources = prev.Resources
		return
	}
	out := &corev1.ResourceRequirements{}
	if !running {
		out.Limits, out.Requests = cpuMemory(r.Limits), cpuMemory(r.Requests)
		cs.Resources = out
		return
	}
	have := latest.Resources
	if len(r.Limits) > 0 {
		out.Limits = corev1.ResourceList{}
		if _, ok := r.Limits[corev1.ResourceCPU]; ok {
			out.Limits[corev1.ResourceCPU] = *resource.NewMilliQuantity(have.MilliCPULimit(), resource.DecimalSI)
		}
		if _, ok := r.Limits[corev1.ResourceMemory]; ok {
			out.Limits[corev1.ResourceMemory] = *resource.NewQuantity(have.MemoryLimit, resource.BinarySI)
		}
	}
	if len(r.Requests) > 0 {
		out.Requests = corev1.ResourceList{}
		if _, ok := r.Requests[corev1.ResourceCPU]; ok {
			out.Requests[corev1.ResourceCPU] = *resource.NewMilliQuantity(have.CPURequest, resource.DecimalSI)
		}
		if q, ok := r.Requests[corev1.ResourceMemory]; ok {
			out.Requests[corev1.ResourceMemory] = q // memory requests are not a cgroup setting
		}
	}
	cs.Resources = out
}

// sameResources reports whether old is what setContainerResources would
// make of r (and of latest, when running), without making it.
func sameResources(old *corev1.ResourceRequirements, r corev1.ResourceRequirements, running bool, latest *runtime.ContainerStatus) bool {
	return sameList(old.Limits, r.Limits, true, running, latest) && sameList(old.Requests, r.Requests, false, running, latest)
}

// sameList reports whether got holds exactly the cpu and memory of spec,
// each as setContainerResources sets it.
func sameList(got, spec corev1.ResourceList, limits, running bool, latest *runtime.ContainerStatus) bool {
	n := 0
	for _, name := range [...]corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		q, ok := spec[name]
		if !ok {
			continue
		}
		n++
		g, has := got[name]
		if !has {
			return false
		}
		var same bool
		switch {
		case !running || (!limits && name == corev1.ResourceMemory):
			same = g.Cmp(q) == 0
		case limits && name == corev1.ResourceCPU:
			same = g.MilliValue() == latest.Resources.MilliCPULimit()
		case limits:
			same = g.Value() == latest.Resources.MemoryLimit
		default:
			same = g.MilliValue() == latest.Resources.CPURequest
		}
		if !same {
			return false
		}
	}
	return len(got) == n
}

// cpuMemory returns the cpu and memory of list, or nil.
func cpuMemory(list corev1.ResourceList) corev1.ResourceList {
	var out corev1.ResourceList
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if q, ok := list[name]; ok {
			if out == nil {
				out = corev1.ResourceList{}
			}
			out[name] = q
		}
	}
	return out
}

// cpuMemoryEqual reports whether two containers' resources ask for the
// same cpu and memory.
func cpuMemoryEqual(a, b corev1.ResourceRequirements) bool {
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if !quantityEqual(a.Limits, b.Limits, name) || !quantityEqual(a.Requests, b.Requests, name) {
			return false
		}
	}
	return true
}

func quantityEqual(a, b corev1.ResourceList, name corev1.ResourceName) bool {
	x, okA := a[name]
	y, okB := b[name]
	return okA == okB && x.Cmp(y) == 0
}
