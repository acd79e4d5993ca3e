package kubelet

import (
	"fmt"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// gracePeriod is how long the pod's containers get to stop, as the
// narration states it: the grace period of containerGrace, never less
// than the two seconds a container always gets.
func gracePeriod(w *worker) time.Duration {
	return max(sim.Seconds(containerGrace(w, nil)), minimumGracePeriod)
}

// containerGrace is the kubelet's setTerminationGracePeriod, in seconds:
// the deletion's grace period if head office gave one; else, for a kill
// after a failed liveness or startup probe, the probe's own
// terminationGracePeriodSeconds if set; else the pod's
// terminationGracePeriodSeconds; else 2. An eviction's override (0 for a
// hard threshold) replaces it. The two-second floor is applied later, at
// the stop, after the preStop hook and the wait for the container's turn.
// Reference: kubelet.md §6.2 (killContainer steps 1, 3 and 6), §9.4.
func containerGrace(w *worker, probe *corev1.Probe) int64 {
	p := w.pod
	var secs int64 = 2
	switch {
	case p.DeletionGracePeriodSeconds != nil:
		secs = *p.DeletionGracePeriodSeconds
	case probe != nil && probe.TerminationGracePeriodSeconds != nil:
		secs = *probe.TerminationGracePeriodSeconds
	case p.Spec.TerminationGracePeriodSeconds != nil:
		secs = *p.Spec.TerminationGracePeriodSeconds
	}
	if w.eviction != nil {
		secs = w.eviction.grace
	}
	return secs
}

// stopOne is the kubelet's killContainer after its Killing event: run the
// preStop hook within the grace period, wait for the container's turn
// (a sidecar waits for the containers it serves) with what is left, then
// ask the runtime to stop the container with what is left after that,
// never less than two seconds. done is called once the container has
// exited.
// Reference: kubelet.md §6.2 steps 4-7 (kuberuntime_container.go
// killContainer).
func (k *Kubelet) stopOne(w *worker, ref containerRef, id string, grace int64, killMsg string, order *stopOrder, done func()) {
	if killMsg != "" {
		k.podEvent(w, &ref, sim.Normal, "Killing", killMsg, sim.Facts{Duration: max(sim.Seconds(grace), minimumGracePeriod)})
	}
	k.preStop(w, ref, id, grace, func(left int64) {
		k.waitForTurn(order, ref.spec.Name, left, func(left int64) {
			stop := max(sim.Seconds(left), minimumGracePeriod)
			stopped := func() {
				order.exited(ref.spec.Name)
				done()
			}
			if err := k.rt.StopContainer(id, stop, stopped); err != nil {
				stopped()
			}
		})
	})
}

// terminate stops every running container of the pod, then the sandbox;
// a deleted pod is then removed from head office. Containers stop all at
// once, except that sidecars wait for the regular containers, and for the
// sidecars after them, to stop first.
func (k *Kubelet) terminate(w *worker, done func(*worker)) {
	deleting := w.removed || w.pod.DeletionTimestamp != nil
	// No liveness kills while the pod winds down.
	// Reference: kubelet.md §4.2 step 6.
	k.probes.StopLivenessAndStartup(string(w.pod.UID))
	if w.state == syncing {
		// The status is worked out once more before the kill, so that it
		// names the generation that asked for it (the deletion's).
		// Reference: pkg/kubelet/kubelet.go (SyncTerminatingPod:
		// generateAPIPodStatus and SetPodStatus before killPod).
		k.updateStatus(w, k.runtimeStatus(w))
		w.state = terminating
		if deleting && w.eviction == nil {
			grace := gracePeriod(w)
			k.podChange(w, "Terminating", fmt.Sprintf("Pod is terminating with a grace period of %s", grace), sim.Facts{Duration: grace})
		}
	}
	var running []runtime.ContainerStatus
	for _, c := range k.runtimeStatus(w).containers {
		if c.State == runtime.ContainerRunning {
			running = append(running, c)
		}
	}
	remaining := len(running)
	finish := func() {
		if w.sandboxID != "" {
			_ = k.rt.StopPodSandbox(w.sandboxID)
		}
		w.state = terminated
		k.updateStatus(w, k.runtimeStatus(w))
		k.tearDownVolumes(w)
		k.retryDeferredResizes() // the pod's room is free
		if deleting && !w.removed {
			k.confirmDeletion(w)
		}
		if w.removed {
			k.forget(w)
		}
		done(w)
	}
	if remaining == 0 {
		finish()
		return
	}
	grace := containerGrace(w, nil)
	order := newStopOrder(w.pod, running)
	var refs []*containerRef
	for _, c := range running {
		ref := k.specRef(w, c.Name)
		refs = append(refs, ref)
		if ref != nil {
			k.podEvent(w, ref, sim.Normal, "Killing", "Stopping container "+c.Name, sim.Facts{Duration: max(sim.Seconds(grace), minimumGracePeriod)})
		}
	}
	stopped := func() {
		// Report each container as it stops, as the relist would.
		k.updateStatus(w, k.runtimeStatus(w))
		remaining--
		if remaining == 0 {
			finish()
		}
	}
	for i, c := range running {
		if refs[i] == nil {
			_ = k.rt.StopContainer(c.ID, max(sim.Seconds(grace), minimumGracePeriod), stopped)
			continue
		}
		k.stopOne(w, *refs[i], c.ID, grace, "", order, stopped)
	}
}

// stopOrder is the kubelet's terminationOrdering: which running
// containers each container must see stopped before its own turn comes.
// Regular containers wait for nobody; a sidecar waits for every regular
// container and for the sidecar after it in the spec, so sidecars stop
// last, in reverse spec order.
// Reference: kubelet.md §6.2 step 5 (kuberuntime_termination_order.go).
type stopOrder struct {
	prereqs map[string][]string
	running map[string]bool
	waiters map[string]func()
}

// newStopOrder works out the order for the pod's running containers.
func newStopOrder(p *corev1.Pod, running []runtime.ContainerStatus) *stopOrder {
	o := &stopOrder{prereqs: map[string][]string{}, running: map[string]bool{}, waiters: map[string]func(){}}
	for _, c := range running {
		o.running[c.Name] = true
	}
	var regular []string
	for _, c := range p.Spec.Containers {
		if o.running[c.Name] {
			regular = append(regular, c.Name)
		}
	}
	later := ""
	for i := len(p.Spec.InitContainers) - 1; i >= 0; i-- {
		c := &p.Spec.InitContainers[i]
		if !pod.IsSidecar(c) {
			continue
		}
		pre := append([]string{}, regular...)
		if later != "" && o.running[later] {
			pre = append(pre, later)
		}
		o.prereqs[c.Name] = pre
		later = c.Name
	}
	return o
}

// ready reports whether every container name waits for has stopped.
func (o *stopOrder) ready(name string) bool {
	for _, pre := range o.prereqs[name] {
		if o.running[pre] {
			return false
		}
	}
	return true
}

// exited notes that a container has stopped, and wakes the containers
// whose turn has now come.
func (o *stopOrder) exited(name string) {
	if o == nil {
		return
	}
	delete(o.running, name)
	for _, other := range sortedKeys(o.waiters) {
		if o.ready(other) {
			wake := o.waiters[other]
			delete(o.waiters, other)
			wake()
		}
	}
}

// waitForTurn calls next once the container's turn to stop has come, or
// once the grace period left has run out, whichever is first, with the
// grace period left after the wait (whole seconds subtracted).
func (k *Kubelet) waitForTurn(o *stopOrder, name string, grace int64, next func(left int64)) {
	if o == nil || grace <= 0 || o.ready(name) {
		next(grace)
		return
	}
	start := k.loop.Now()
	var deadline sim.Handle
	resume := func() {
		k.loop.Cancel(deadline)
		delete(o.waiters, name)
		next(grace - wholeSeconds(k.loop.Now().Sub(start)))
	}
	o.waiters[name] = resume
	deadline = k.loop.After(sim.Seconds(grace), resume)
}

// tearDownVolumes unmounts a finished pod's volumes: an emptyDir is
// deleted with its content, which frees the store's disk even while the
// pod's object stays at head office (Failed or Succeeded). What lies
// elsewhere (a hostPath on the store's own disk, a claim's data) stays.
// Reference: pkg/kubelet/volumemanager/populator
// (desired_state_of_world_populator.go: a terminated pod's volumes are
// removed from the desired state, so the reconciler unmounts them);
// pkg/volume/emptydir (TearDownAt removes the directory).
func (k *Kubelet) tearDownVolumes(w *worker) {
	delete(k.podDirs, w.pod.UID)
	w.volumes = nil
}

// forget drops a pod the store no longer has to know about.
func (k *Kubelet) forget(w *worker) {
	if w.sandboxID != "" {
		_ = k.rt.RemovePodSandbox(w.sandboxID)
	}
	if w.previousSandbox != "" {
		_ = k.rt.RemovePodSandbox(w.previousSandbox)
	}
	k.loop.Cancel(w.retry)
	k.loop.Cancel(w.resync)
	k.probes.RemovePod(string(w.pod.UID))
	k.userns.release(w.pod.UID)
	delete(k.workers, w.pod.UID)
	delete(k.podDirs, w.pod.UID) // the pod's volumes go with it
	k.ordered = slices.DeleteFunc(k.ordered, func(x *worker) bool { return x == w })
	k.podChange(w, "Deleted", "Pod removed from head office", sim.Facts{})
}

// specRef finds a container of the pod by name.
func (k *Kubelet) specRef(w *worker, name string) *containerRef {
	for i := range w.pod.Spec.Containers {
		if w.pod.Spec.Containers[i].Name == name {
			return &containerRef{spec: &w.pod.Spec.Containers[i]}
		}
	}
	for i := range w.pod.Spec.InitContainers {
		if w.pod.Spec.InitContainers[i].Name == name {
			return &containerRef{spec: &w.pod.Spec.InitContainers[i], init: true}
		}
	}
	return nil
}

// probeOf returns the container's probe of a kind, or nil.
func probeOf(c *corev1.Container, kind prober.Kind) *corev1.Probe {
	switch kind {
	case prober.Liveness:
		return c.LivenessProbe
	case prober.Startup:
		return c.StartupProbe
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// confirmDeletion tells head office that a deleted pod has stopped, so
// that its object goes; a store that is cut off confirms once it is back.
func (k *Kubelet) confirmDeletion(w *worker) {
	if k.offline {
		w.unconfirmed = true
		return
	}
	w.unconfirmed = false
	_ = k.api.DeletePod(w.pod.Namespace, w.pod.Name, ptr(int64(0)))
}
