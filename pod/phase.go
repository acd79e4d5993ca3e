package pod

import (
	corev1 "k8s.io/api/core/v1"
)

// configSourceAnnotation is the annotation the kubelet puts on every pod it
// learns about, naming where the pod came from ("api", "file", "http").
// A pod from any source other than the API server is a static pod.
const configSourceAnnotation = "kubernetes.io/config.source"

// IsSidecar reports whether c is a restartable init container: an init
// container with restartPolicy Always, which the kubelet starts in order with
// the other init containers but then keeps running alongside the regular
// containers for the pod's whole life. In the store, a sidecar is the assistant
// who works alongside the employee for the whole shift. A nil container is not
// a sidecar.
func IsSidecar(c *corev1.Container) bool {
	return c != nil && c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// isStaticPod reports whether the pod came from a manifest on the node
// rather than from the API server, as the kubelet's config-source annotation
// records it.
func isStaticPod(pod *corev1.Pod) bool {
	source, ok := pod.Annotations[configSourceAnnotation]
	return ok && source != "api"
}

// phaseCounts tallies the containers of a pod by what their statuses say,
// the way the kubelet's getPhase does before it decides.
type phaseCounts struct {
	pendingRegularInit     int // regular init containers not yet exited 0
	failedInit             int // regular init containers that exited non-zero and will not be restarted
	pendingRestartableInit int // sidecars that are not started yet
	running                int
	waiting                int
	stopped                int
	stoppedForGood         int // stopped regular containers that will not be restarted
	succeeded              int
	unknown                int
}

// statusByName returns the status named name from statuses, and whether
// there was one.
func statusByName(statuses []corev1.ContainerStatus, name string) (corev1.ContainerStatus, bool) {
	for _, s := range statuses {
		if s.Name == name {
			return s, true
		}
	}
	return corev1.ContainerStatus{}, false
}

// countRegularInit counts one regular (non-sidecar) init container: it is
// pending until it has exited 0, and failed when it (or, while it waits to be
// restarted, its last run) exited non-zero and its restart policy (its own,
// else the pod's) will not run it again.
// Reference: kubelet.md §1.1 step A; pkg/kubelet/kubelet_pods.go getPhase
// (ContainerRestartRules: failedInitializationNotRestartable).
func (n *phaseCounts) countRegularInit(spec *corev1.PodSpec, c *corev1.Container, s corev1.ContainerStatus, found bool) {
	switch {
	case !found:
		n.pendingRegularInit++
	case s.State.Running != nil:
		n.pendingRegularInit++
	case s.State.Terminated != nil:
		if code := s.State.Terminated.ExitCode; code != 0 && !ShouldRestart(spec, c, code) {
			n.failedInit++
		}
	case s.State.Waiting != nil:
		if last := s.LastTerminationState.Terminated; last != nil {
			if last.ExitCode != 0 && !ShouldRestart(spec, c, last.ExitCode) {
				n.failedInit++
			}
		} else {
			n.pendingRegularInit++
		}
	default:
		n.pendingRegularInit++
	}
}

// countSidecar counts one restartable init container: it holds the pod in
// Pending until it has started, and then counts as running. A stopped sidecar
// or one waiting for a restart is not counted at all.
// Reference: kubelet.md §1.1 step B.
func (n *phaseCounts) countSidecar(s corev1.ContainerStatus, found bool) {
	switch {
	case !found:
		n.unknown++
	case s.State.Running != nil:
		n.running++
		if s.Started == nil || !*s.Started {
			n.pendingRestartableInit++
		}
	case s.State.Terminated != nil:
		// A stopped sidecar does not change the phase.
	case s.State.Waiting != nil:
		if s.LastTerminationState.Terminated == nil {
			n.pendingRestartableInit++
			n.waiting++
		}
	default:
		n.pendingRestartableInit++
		n.unknown++
	}
}

// countRegular counts one regular container. A container waiting to be
// restarted (CrashLoopBackOff) counts as stopped, not waiting, and never as
// succeeded. A stopped container whose restart policy (its own, else the
// pod's) will not run it again is stopped for good.
// Reference: kubelet.md §1.1 step C; pkg/kubelet/kubelet_pods.go getPhase
// (ContainerRestartRules: stoppedNotRestartable).
func (n *phaseCounts) countRegular(spec *corev1.PodSpec, c *corev1.Container, s corev1.ContainerStatus, found bool) {
	switch {
	case !found:
		n.unknown++
	case s.State.Running != nil:
		n.running++
	case s.State.Terminated != nil:
		n.stopped++
		if s.State.Terminated.ExitCode == 0 {
			n.succeeded++
		}
		if !ShouldRestart(spec, c, s.State.Terminated.ExitCode) {
			n.stoppedForGood++
		}
	case s.State.Waiting != nil:
		if last := s.LastTerminationState.Terminated; last != nil {
			n.stopped++
			if !ShouldRestart(spec, c, last.ExitCode) {
				n.stoppedForGood++
			}
		} else {
			n.waiting++
		}
	default:
		n.unknown++
	}
}

// Phase returns the pod phase the kubelet computes from its containers'
// statuses, exactly as the kubelet's getPhase does in Kubernetes 1.35: with
// sidecars, with ContainerRestartRules (beta, on: a container's own
// restartPolicy and restartPolicyRules decide whether it is stopped for
// good) and with the alpha feature gates off.
//
// statuses holds the regular and the init container statuses together (the
// kubelet passes regular ++ init); they are matched to the spec by name.
// podIsTerminal says the kubelet has decided the pod will never run again
// (it is being shut down for good), and podHasInitialized says some regular
// container has already started, so a restarting sidecar cannot send the pod
// back to Pending. Phase never returns Unknown: the kubelet never sets it.
//
// In the store: Pending while the paperwork (init containers) is not done or
// some job has not begun; Running while any job is being done; Succeeded or
// Failed once every job is over for good.
func Phase(pod *corev1.Pod, statuses []corev1.ContainerStatus, podIsTerminal, podHasInitialized bool) corev1.PodPhase {
	if pod == nil {
		panic("pod.Phase: nil pod")
	}
	var n phaseCounts
	for i := range pod.Spec.InitContainers {
		c := &pod.Spec.InitContainers[i]
		s, found := statusByName(statuses, c.Name)
		if IsSidecar(c) {
			n.countSidecar(s, found)
		} else {
			n.countRegularInit(&pod.Spec, c, s, found)
		}
	}
	for i := range pod.Spec.Containers {
		c := &pod.Spec.Containers[i]
		s, found := statusByName(statuses, c.Name)
		n.countRegular(&pod.Spec, c, s, found)
	}
	return n.decide(pod, podIsTerminal, podHasInitialized)
}

// decide turns the counts into a phase, in the kubelet's order of rules.
// Reference: kubelet.md §1.1 step D.
func (n phaseCounts) decide(pod *corev1.Pod, podIsTerminal, podHasInitialized bool) corev1.PodPhase {
	switch {
	case n.failedInit > 0:
		return corev1.PodFailed // D.1
	case n.pendingRegularInit > 0 || (n.pendingRestartableInit > 0 && !podHasInitialized):
		return corev1.PodPending // D.2
	case n.waiting > 0:
		return corev1.PodPending // D.3
	case n.running > 0 && n.unknown == 0:
		return corev1.PodRunning // D.4
	case n.running == 0 && n.stopped > 0 && n.unknown == 0:
		return n.decideStopped(pod, podIsTerminal) // D.5
	}
	return corev1.PodPending // D.6
}

// decideStopped returns the phase of a pod whose containers have all stopped.
// Reference: kubelet.md §1.1 step D.5.
func (n phaseCounts) decideStopped(pod *corev1.Pod, podIsTerminal bool) corev1.PodPhase {
	if podIsTerminal && !isStaticPod(pod) {
		if n.stopped == n.succeeded {
			return corev1.PodSucceeded
		}
		return corev1.PodFailed
	}
	switch {
	case n.stopped != n.stoppedForGood:
		return corev1.PodRunning // some container is going to be restarted
	case n.stopped == n.succeeded:
		return corev1.PodSucceeded
	}
	return corev1.PodFailed
}

// Finished reports whether p has reached a terminal phase, Succeeded or
// Failed: its containers will not run again, and it no longer takes room
// on its node (pkg/api/v1/pod IsPodTerminal).
func Finished(p *corev1.Pod) bool {
	return p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed
}
