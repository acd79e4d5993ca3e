package kubelet

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// sync asks the pod's worker to bring the pod in line with its work order.
func (k *Kubelet) sync(w *worker) {
	if w.state == terminated || w.dead {
		return
	}
	if w.busy {
		w.again = true
		return
	}
	w.busy = true
	k.loop.Cancel(w.retry)
	if w.removed || w.pod.DeletionTimestamp != nil || w.state == terminating || w.eviction != nil {
		k.terminate(w, k.syncDone)
		return
	}
	k.syncPod(w, k.syncDone)
}

// syncDone ends a sync: it reports the pod's status and runs a sync that
// was asked for meanwhile.
func (k *Kubelet) syncDone(w *worker) {
	w.busy = false
	if w.failed {
		w.failed = false
		k.requeueAfterError(w)
	}
	if w.state != terminated {
		if !w.reported {
			k.updateStatus(w, k.runtimeStatus(w))
		}
		w.reported = false
		k.loop.Cancel(w.resync)
		w.resync = k.loop.After(syncFrequency, func() { k.sync(w) })
	}
	if w.again {
		w.again = false
		k.sync(w)
	}
}

// podStatus is what the runtime knows about a pod: its sandbox and every
// container instance, newest last.
type podStatus struct {
	sandboxReady bool // the sandbox is up, with its network
	containers   []runtime.ContainerStatus
}

func (k *Kubelet) runtimeStatus(w *worker) podStatus {
	var ps podStatus
	if w.sandboxID == "" {
		return ps
	}
	if sb, err := k.rt.PodSandboxStatus(w.sandboxID); err == nil {
		ps.sandboxReady = sb.State == runtime.SandboxReady
	}
	ps.containers = k.containers(w)
	return ps
}

// containers returns the runtime's instances of the pod's containers,
// oldest first. The list only changes when the sandbox's version does: it
// is kept between calls, read-only, so that probes and syncs of an
// unchanged pod do not copy it again.
func (k *Kubelet) containers(w *worker) []runtime.ContainerStatus {
	if w.sandboxID == "" {
		return nil
	}
	v := k.rt.SandboxVersion(w.sandboxID)
	if w.listed.sandboxID != w.sandboxID || w.listed.version != v || v == 0 {
		w.listed.sandboxID, w.listed.version = w.sandboxID, v
		w.listed.containers = k.rt.ListContainers(w.sandboxID)
		if w.previousSandbox != "" {
			w.listed.containers = append(k.rt.ListContainers(w.previousSandbox), w.listed.containers...)
		}
	}
	return w.listed.containers
}

// newest returns the newest instance of a container, and the one before it.
func (ps podStatus) newest(name string) (latest, previous *runtime.ContainerStatus) {
	for i := len(ps.containers) - 1; i >= 0; i-- {
		c := &ps.containers[i]
		if c.Name != name {
			continue
		}
		if latest == nil {
			latest = c
		} else {
			return latest, c
		}
	}
	return latest, nil
}

// syncPod is one pass of the kubelet's SyncPod: report the status as it is,
// then compute what must change and do it, one step after another.
func (k *Kubelet) syncPod(w *worker, done func(*worker)) {
	k.handleResize(w)
	ps := k.runtimeStatus(w)
	k.updateStatus(w, ps)
	if isTerminal(w.status.Phase) {
		// A finished pod's worker moves on to terminating: stop whatever
		// still runs and give back the sandbox.
		w.state = terminating
		k.terminate(w, done)
		return
	}
	// The sync works on the pod as allocated: a resize the store has no
	// room for yet does not reach the containers.
	p := w.allocated()
	acts := computeActions(p, ps, workerProbes{k, w})
	resizeActions(p, ps, &acts)
	if acts.killPod {
		w.state = terminating
		k.terminate(w, done)
		return
	}
	if len(acts.start) > 0 || acts.createSandbox {
		// The volume manager: every volume is set up before a container
		// starts, and the ones from the API are refreshed.
		if !k.setUpVolumes(w) {
			done(w)
			return
		}
	} else {
		k.setUpVolumes(w)
	}
	var steps []func(next func())
	if acts.createSandbox {
		steps = append(steps, func(next func()) {
			if k.createSandbox(w) {
				next()
			} else {
				done(w)
			}
		})
	}
	for _, kill := range acts.kill {
		steps = append(steps, func(next func()) { k.killContainer(w, kill, next) })
	}
	if len(acts.resize) > 0 {
		steps = append(steps, func(next func()) { k.applyResize(w, p, acts.resize); next() })
	}
	for _, c := range acts.start {
		steps = append(steps, func(next func()) { k.startContainer(w, c, next) })
	}
	if len(steps) == 0 {
		// Nothing changed since the status above: no need to report again.
		w.reported = true
	}
	run(steps, func() { done(w) })
}

// run performs steps in order; each calls next when it is finished.
func run(steps []func(next func()), done func()) {
	if len(steps) == 0 {
		done()
		return
	}
	steps[0](func() { run(steps[1:], done) })
}

func isTerminal(p corev1.PodPhase) bool {
	return p == corev1.PodSucceeded || p == corev1.PodFailed
}

// createSandbox sets up the employee's desk: the pod sandbox with its
// network address.
func (k *Kubelet) createSandbox(w *worker) bool {
	if w.sandboxID != "" {
		// The old sandbox is stopped, not removed: its dead containers
		// still count for restartCount and lastState.
		k.podEvent(w, nil, sim.Normal, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.", sim.Facts{})
		_ = k.rt.StopPodSandbox(w.sandboxID)
		if w.previousSandbox != "" {
			_ = k.rt.RemovePodSandbox(w.previousSandbox)
		}
		w.previousSandbox = w.sandboxID
		w.attempt++
	}
	p := w.pod
	cfg := runtime.SandboxConfig{
		Name: p.Name, Namespace: p.Namespace, UID: string(p.UID), Attempt: w.attempt, Hostname: p.Spec.Hostname,
		SharePID: p.Spec.ShareProcessNamespace != nil && *p.Spec.ShareProcessNamespace,
	}
	if lim, ok := pod.PodLevelLimit(&p.Spec, corev1.ResourceMemory); ok {
		cfg.MemoryLimit = lim.Value() // the pod's memory cgroup
	}
	if lim, ok := pod.PodLevelLimit(&p.Spec, corev1.ResourceCPU); ok {
		cfg.CPUQuota = runtime.CFSQuota(lim.MilliValue()) // the pod cgroup's cpu.max
	}
	if wantsUserNamespace(p) {
		// Reference: pkg/kubelet/userns/userns_manager.go
		// (GetOrCreateUserNamespaceMappings' messages).
		if !k.userNamespaceSupported() {
			k.podEvent(w, nil, sim.Warning, "FailedCreatePodSandBox",
				"Failed to create pod sandbox: can't set `spec.hostUsers: false`, runtime does not support user namespaces", sim.Facts{})
			return false
		}
		m, ok := k.userns.mapping(p.UID)
		if !ok {
			k.podEvent(w, nil, sim.Warning, "FailedCreatePodSandBox",
				"Failed to create pod sandbox: create user namespace: could not find an empty slot to allocate a user namespace", sim.Facts{})
			return false
		}
		cfg.UserNamespace = m
	}
	id, err := k.rt.RunPodSandbox(cfg)
	if err != nil {
		k.podEvent(w, nil, sim.Warning, "FailedCreatePodSandBox", "Failed to create pod sandbox: "+err.Error(), sim.Facts{})
		return false
	}
	w.sandboxID = id
	sb, _ := k.rt.PodSandboxStatus(id)
	w.ip = sb.IP
	return true
}

// containerRef says which container of the pod an action is about.
type containerRef struct {
	spec *corev1.Container
	init bool
}

func (c containerRef) fieldPath() string {
	if c.init {
		return "spec.initContainers{" + c.spec.Name + "}"
	}
	return "spec.containers{" + c.spec.Name + "}"
}

// podEvent records an Event about the pod, or one of its containers.
func (k *Kubelet) podEvent(w *worker, c *containerRef, typ, reason, msg string, facts sim.Facts) {
	ref := sim.ObjectRef{Kind: "Pod", Namespace: w.pod.Namespace, Name: w.pod.Name, UID: string(w.pod.UID)}
	if c != nil {
		ref.FieldPath = c.fieldPath()
		facts.Container = c.spec.Name
	}
	k.record(sim.Record{Kind: sim.Event, Type: typ, Object: ref, Reason: reason, Message: msg, Facts: facts})
}

// podChange records a change of the pod's state that Kubernetes keeps in
// its status rather than in an Event.
func (k *Kubelet) podChange(w *worker, reason, msg string, facts sim.Facts) {
	ref := sim.ObjectRef{Kind: "Pod", Namespace: w.pod.Namespace, Name: w.pod.Name, UID: string(w.pod.UID)}
	k.record(sim.Record{Kind: sim.Change, Object: ref, Reason: reason, Message: msg, Facts: facts})
}

// workerProbes answers computeActions' questions about one pod from the
// probe workers.
type workerProbes struct {
	k *Kubelet
	w *worker
}

func (wp workerProbes) started(c *corev1.Container, st *runtime.ContainerStatus) bool {
	running := st != nil && st.State == runtime.ContainerRunning
	return running && wp.k.probes.Started(string(wp.w.pod.UID), c, running)
}

func (wp workerProbes) failed(c *corev1.Container) (prober.Kind, bool) {
	uid := string(wp.w.pod.UID)
	for _, kind := range []prober.Kind{prober.Startup, prober.Liveness} {
		if r, ok := wp.k.probes.Result(uid, c.Name, kind); ok && r == prober.Failure {
			return kind, true
		}
	}
	return 0, false
}

// killContainer stops one container whose probe failed, with the probe's
// grace period if it sets one, else the pod's; its preStop hook runs
// first.
// Reference: kubelet.md §2.2 (setTerminationGracePeriod), §4.3, §6.2.
func (k *Kubelet) killContainer(w *worker, kill killAction, next func()) {
	grace := containerGrace(w, probeOf(kill.ref.spec, kill.probe))
	from := kill.probe.String()
	if kill.resize {
		from = "Resize"
	}
	k.podEvent(w, &kill.ref, sim.Normal, "Killing", kill.message,
		sim.Facts{Duration: max(sim.Seconds(grace), minimumGracePeriod), From: from})
	k.stopOne(w, kill.ref, kill.id, grace, "", nil, func() {
		// Report the exit before anything restarts, as the relist would.
		k.updateStatus(w, k.runtimeStatus(w))
		next()
	})
}

// podFullName is how the kubelet names a pod in messages: name_namespace(uid).
func podFullName(p *corev1.Pod) string {
	return p.Name + "_" + p.Namespace + "(" + string(p.UID) + ")"
}
