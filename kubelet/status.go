package kubelet

import (
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// updateStatus computes the pod's status from what the runtime reports and
// sends it to head office if it changed, as the kubelet's status manager
// does.
func (k *Kubelet) updateStatus(w *worker, ps podStatus) {
	st := k.generateStatus(w, ps)
	old := w.status
	if statusEqual(old, &st) {
		return
	}
	k.narrateStatus(w, *old, st)
	k.sendStatus(w, st)
}

// sendStatus makes st the worker's status and writes it to head office,
// unless the store is cut off: then it is sent once the store is back.
func (k *Kubelet) sendStatus(w *worker, st corev1.PodStatus) {
	if !w.removed {
		w.unsent = k.offline || k.down
	}
	if !w.removed && !w.unsent {
		// Head office keeps the status as sent, without a copy: the store
		// manager never changes a status it has sent, only builds the next
		// one around it (generateStatus). The worker keeps head office's
		// copy, not one of its own.
		if p, err := k.api.UpdatePodStatusShared(w.pod.Namespace, w.pod.Name, w.pod.UID, st); err == nil {
			w.noteSpec(p)
			w.pod = p
			w.status = &p.Status
			return
		}
	}
	own := new(corev1.PodStatus)
	*own = st
	w.status = own
}

// generateStatus is the kubelet's generateAPIPodStatus.
// Reference: kubelet.md §1 (getPhase and the rules around it), §5
// (conditions), §8 (container states).
func (k *Kubelet) generateStatus(w *worker, ps podStatus) corev1.PodStatus {
	p := w.pod
	now := k.now()
	// Every field generateStatus writes gets a new value, or the old one
	// when it is unchanged; all are shared, read-only, with the status last
	// sent.
	st := *w.status
	if !w.started {
		w.started = true
		t := now
		// The last status, shared, is not changed: it is replaced by one
		// with the start time.
		last := *w.status
		last.StartTime = &t
		w.status = &last
		st.StartTime = &t
	}
	st.HostIP = k.cfg.NodeIP
	if len(st.HostIPs) != 1 || st.HostIPs[0].IP != k.cfg.NodeIP {
		st.HostIPs = []corev1.HostIP{{IP: k.cfg.NodeIP}}
	}
	if w.ip != "" {
		st.PodIP = w.ip
		if len(st.PodIPs) != 1 || st.PodIPs[0].IP != w.ip {
			st.PodIPs = []corev1.PodIP{{IP: w.ip}}
		}
	}
	st.QOSClass = pod.QOSClass(p)
	hasInit := len(p.Spec.InitContainers) > 0
	alloc := w.allocated()
	st.InitContainerStatuses = k.containerStatuses(w, ps, p.Spec.InitContainers, alloc.Spec.InitContainers, true, hasInit)
	st.ContainerStatuses = k.containerStatuses(w, ps, p.Spec.Containers, alloc.Spec.Containers, false, hasInit)
	all := st.ContainerStatuses
	if hasInit {
		all = append(slices.Clip(all), st.InitContainerStatuses...)
	}
	podIsTerminal := w.state != syncing
	phase := pod.Phase(p, all, podIsTerminal, regularContainerCreated(p, ps))
	// Terminal phases are never left.
	if isTerminal(w.status.Phase) {
		phase = w.status.Phase
	}
	if isTerminal(p.Status.Phase) {
		phase = p.Status.Phase
	}
	if w.eviction != nil {
		phase = corev1.PodFailed
	}
	st.Phase = phase
	// The conditions are worked out in a scratch slice: MergeConditions
	// copies them when they changed.
	conds := k.resizeConditions(w, ps, k.conds[:0])
	conds = pod.AppendConditions(conds, p, phase, ps.sandboxReady, st.InitContainerStatuses, st.ContainerStatuses)
	if w.eviction != nil {
		conds = applyEviction(&st, w.eviction, conds)
	}
	// The status, and each condition the store manager writes, say which
	// generation of the work order they were worked out from
	// (PodObservedGenerationTracking, GA and always on in v1.35).
	// Reference: pkg/kubelet/kubelet_pods.go generateAPIPodStatus and
	// pkg/api/v1/pod/util.go (CalculatePodStatusObservedGeneration,
	// CalculatePodConditionObservedGeneration).
	st.ObservedGeneration = p.Generation
	for i := range conds {
		conds[i].ObservedGeneration = p.Generation
	}
	st.Conditions = k.recentConds.share(p.Status.Conditions, pod.MergeConditions(p.Status.Conditions, conds, now))
	k.conds = conds
	return st
}

// conditionRing holds the last few distinct condition lists the store
// manager sent. Pods that start together carry the same conditions with
// the same times, so most pods of a store share one of a few lists: a new
// list equal to one in the ring is dropped for the ring's copy. The lists
// are read-only, as every status sent is; a pod whose conditions change
// gets a new list (MergeConditions never writes into old).
type conditionRing struct {
	lists [8][]corev1.PodCondition
	next  int
}

// share returns merged, or a list in the ring equal to it. old is the
// pod's current list, which merged is when nothing changed.
func (r *conditionRing) share(old, merged []corev1.PodCondition) []corev1.PodCondition {
	if len(merged) == 0 || len(old) == len(merged) && &old[0] == &merged[0] {
		return merged
	}
	for _, l := range r.lists {
		if slices.Equal(l, merged) {
			return l
		}
	}
	r.lists[r.next] = merged
	r.next = (r.next + 1) % len(r.lists)
	return merged
}

// containerStatuses converts the runtime's instances of each container into
// Kubernetes' ContainerStatus, as the kubelet's
// convertToAPIContainerStatuses does: the newest instance gives the state,
// the one before it the last state.
// allocs are the same containers as the store manager allocated them.
func (k *Kubelet) containerStatuses(w *worker, ps podStatus, specs, allocs []corev1.Container, init, podHasInit bool) []corev1.ContainerStatus {
	if len(specs) == 0 {
		return nil
	}
	out := make([]corev1.ContainerStatus, 0, len(specs))
	for i := range specs {
		c := &specs[i]
		latest, previous := ps.newest(c.Name)
		cs := corev1.ContainerStatus{Name: c.Name, Image: c.Image}
		if latest == nil {
			cs.State.Waiting = &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}
			if podHasInit {
				cs.State.Waiting.Reason = "PodInitializing"
			}
		} else {
			cs.ContainerID = "containerd://" + latest.ID
			cs.Image = latest.Image
			cs.ImageID = k.imageID(latest)
			cs.RestartCount = latest.RestartCount
			cs.State = apiState(latest)
			if previous != nil {
				cs.LastTerminationState = apiState(previous)
			}
		}
		if r, ok := w.reasons[c.Name]; ok && (latest == nil || latest.State != runtime.ContainerRunning) && shouldRestart(w.pod, c, latest) {
			if latest != nil && latest.State == runtime.ContainerExited {
				cs.LastTerminationState = cs.State
			}
			cs.State = corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: r.Reason, Message: r.Message}}
		}
		if !init || pod.IsSidecar(c) {
			prev := w.status.ContainerStatuses
			if init {
				prev = w.status.InitContainerStatuses
			}
			var last *corev1.ContainerStatus
			if i < len(prev) && prev[i].Name == c.Name {
				last = &prev[i]
			}
			setContainerResources(&cs, &allocs[i], latest, last)
		}
		running := cs.State.Running != nil
		switch {
		case init && !pod.IsSidecar(c):
			cs.Ready = cs.State.Terminated != nil && cs.State.Terminated.ExitCode == 0
		default:
			// Reference: kubelet.md §4.3 (UpdatePodStatus: Started, then
			// Ready only once started).
			uid := string(w.pod.UID)
			started := running && k.probes.Started(uid, c, running)
			cs.Started = &started
			cs.Ready = started && k.probes.Ready(uid, c, running, started)
		}
		out = append(out, cs)
	}
	return out
}

// imageID is a status's imageID for an instance: the image's repository
// and the digest it ran (docker.io/library/nginx@sha256:...).
func (k *Kubelet) imageID(c *runtime.ContainerStatus) string {
	key := imageKey{c.Image, c.ImageRef}
	if id, ok := k.imageIDs[key]; ok {
		return id
	}
	id := c.ImageRef
	if ref, err := runtime.ParseReference(c.Image); err == nil {
		id = ref.Repository() + "@" + c.ImageRef
	}
	k.imageIDs[key] = id
	return id
}

// imageKey is an image as a container names it, and the digest it ran.
type imageKey struct{ image, ref string }

// apiState turns a runtime instance into Kubernetes' ContainerState.
func apiState(c *runtime.ContainerStatus) corev1.ContainerState {
	switch c.State {
	case runtime.ContainerRunning:
		return corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: metav1.NewTime(c.StartedAt.Wall())}}
	case runtime.ContainerExited:
		return corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
			ExitCode: c.ExitCode, Reason: c.Reason, Message: c.Message,
			StartedAt: metav1.NewTime(c.StartedAt.Wall()), FinishedAt: metav1.NewTime(c.FinishedAt.Wall()),
			ContainerID: "containerd://" + c.ID,
		}}
	case runtime.ContainerCreated:
		return corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{}}
	}
	return corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{}}
}

// narrateStatus records the changes of status that a learner should see
// even though Kubernetes records no Event for them: the phase, a container
// ending, readiness.
func (k *Kubelet) narrateStatus(w *worker, old, cur corev1.PodStatus) {
	oldEnded := map[string]string{}
	for _, cs := range append(append([]corev1.ContainerStatus{}, old.InitContainerStatuses...), old.ContainerStatuses...) {
		if t := cs.State.Terminated; t != nil {
			oldEnded[cs.Name] = t.ContainerID
		} else if t := cs.LastTerminationState.Terminated; t != nil {
			oldEnded[cs.Name+"/last"] = t.ContainerID
		}
	}
	for _, cs := range append(append([]corev1.ContainerStatus{}, cur.InitContainerStatuses...), cur.ContainerStatuses...) {
		t := cs.State.Terminated
		if t == nil {
			t = cs.LastTerminationState.Terminated
		}
		if t == nil || oldEnded[cs.Name] == t.ContainerID || oldEnded[cs.Name+"/last"] == t.ContainerID {
			continue
		}
		k.podChange(w, "ContainerExited",
			fmt.Sprintf("Container %s exited with code %d (%s)", cs.Name, t.ExitCode, t.Reason),
			sim.Facts{Container: cs.Name, ExitCode: t.ExitCode, To: t.Reason})
	}
	if old.Phase != cur.Phase && cur.Phase != "" {
		from := string(old.Phase)
		k.podChange(w, "PhaseChanged", fmt.Sprintf("Pod phase %s -> %s", orNone(from), cur.Phase), sim.Facts{From: from, To: string(cur.Phase)})
	}
	if o, c := readyStatus(old), readyStatus(cur); o != c && c != "" && !(o == "" && c == "False") {
		k.podChange(w, "ReadyChanged", "Pod Ready condition is now "+c, sim.Facts{From: o, To: c})
	}
}

func orNone(s string) string {
	if s == "" {
		return "<none>"
	}
	return s
}

func readyStatus(st corev1.PodStatus) string {
	for _, c := range st.Conditions {
		if c.Type == corev1.PodReady {
			return string(c.Status)
		}
	}
	return ""
}
