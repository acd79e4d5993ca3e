package pod

import (
	"fmt"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reasons the kubelet puts on the conditions it owns
// (pkg/kubelet/status/generate.go).
const (
	// ReasonUnknownContainerStatuses says the kubelet has no container
	// statuses at all yet.
	ReasonUnknownContainerStatuses = "UnknownContainerStatuses"
	// ReasonPodCompleted says every container has finished successfully.
	ReasonPodCompleted = "PodCompleted"
	// ReasonPodFailed says the pod has failed, so its containers are not ready.
	ReasonPodFailed = "PodFailed"
	// ReasonContainersNotReady says one or more containers are not ready.
	ReasonContainersNotReady = "ContainersNotReady"
	// ReasonContainersNotInitialized says one or more init containers have
	// not finished.
	ReasonContainersNotInitialized = "ContainersNotInitialized"
	// ReasonReadinessGatesNotReady says one or more readiness gates are not
	// True.
	ReasonReadinessGatesNotReady = "ReadinessGatesNotReady"
)

// isKubeletCondition reports whether the kubelet owns conditions of type t:
// PodReadyToStartContainers, Initialized, Ready, ContainersReady and
// PodScheduled, which it writes afresh on every status update. Every other
// condition (DisruptionTarget, readiness-gate conditions) belongs to someone
// else and is kept.
func isKubeletCondition(t corev1.PodConditionType) bool {
	switch t {
	case corev1.PodReadyToStartContainers, corev1.PodInitialized, corev1.PodReady,
		corev1.ContainersReady, corev1.PodScheduled, corev1.PodResizePending, corev1.PodResizeInProgress:
		return true
	}
	return false
}

// Conditions returns the five conditions the kubelet writes on a pod, in the
// kubelet's order: PodReadyToStartContainers, Initialized, Ready,
// ContainersReady, PodScheduled. LastTransitionTime is left zero; MergeConditions
// fills it in.
//
// phase is the phase Phase computed; sandboxReady says the pod sandbox exists
// with its network configured (in the store: the employee has a desk and a
// phone). initStatuses and statuses are the init and regular container
// statuses; when both are nil the kubelet knows nothing of the containers yet.
// Readiness gates are looked up among the conditions in pod.Status that the
// kubelet does not own.
// Reference: kubelet.md §5.
func Conditions(pod *corev1.Pod, phase corev1.PodPhase, sandboxReady bool, initStatuses, statuses []corev1.ContainerStatus) []corev1.PodCondition {
	return AppendConditions(nil, pod, phase, sandboxReady, initStatuses, statuses)
}

// AppendConditions is [Conditions], appending the conditions to dst: a
// caller that works them out again and again can reuse one slice.
func AppendConditions(dst []corev1.PodCondition, pod *corev1.Pod, phase corev1.PodPhase, sandboxReady bool, initStatuses, statuses []corev1.ContainerStatus) []corev1.PodCondition {
	if pod == nil {
		panic("pod.Conditions: nil pod")
	}
	all := statuses
	if len(initStatuses) > 0 {
		all = append(slices.Clip(initStatuses), statuses...)
	}
	return append(dst,
		readyToStartContainersCondition(sandboxReady),
		initializedCondition(pod, all, phase),
		readyCondition(pod, all, phase),
		containersReadyCondition(pod, all, phase),
		corev1.PodCondition{Type: corev1.PodScheduled, Status: corev1.ConditionTrue},
	)
}

// readyToStartContainersCondition returns PodReadyToStartContainers: True
// once the sandbox is up with its network, with no reason or message.
// Reference: kubelet.md §5 item 1.
func readyToStartContainersCondition(sandboxReady bool) corev1.PodCondition {
	c := corev1.PodCondition{Type: corev1.PodReadyToStartContainers, Status: corev1.ConditionFalse}
	if sandboxReady {
		c.Status = corev1.ConditionTrue
	}
	return c
}

// notReadyMessage returns the kubelet's message listing containers by
// trouble, e.g. `containers with unknown status: [a], containers with unready
// status: [b c]`, or "" when both lists are empty.
func notReadyMessage(unknown []string, other string, others []string) string {
	var parts []string
	if len(unknown) > 0 {
		parts = append(parts, fmt.Sprintf("containers with unknown status: %s", unknown))
	}
	if len(others) > 0 {
		parts = append(parts, fmt.Sprintf("containers with %s status: %s", other, others))
	}
	return strings.Join(parts, ", ")
}

// initContainerDone reports whether an init container with status s counts
// as initialized: a sidecar once it has started, a regular init container once
// it is ready (it exited 0).
func initContainerDone(c *corev1.Container, s corev1.ContainerStatus) bool {
	if IsSidecar(c) {
		return s.Started != nil && *s.Started
	}
	return s.Ready
}

// anyRegularContainerStarted reports whether some regular container is
// running or has terminated, which means the pod got past initialization once.
func anyRegularContainerStarted(pod *corev1.Pod, all []corev1.ContainerStatus) bool {
	for _, c := range pod.Spec.Containers {
		s, ok := statusByName(all, c.Name)
		if ok && (s.State.Running != nil || s.State.Terminated != nil) {
			return true
		}
	}
	return false
}

// initializedCondition returns the Initialized condition.
// Reference: kubelet.md §5 item 2 (pkg/kubelet/status/generate.go GeneratePodInitializedCondition).
func initializedCondition(pod *corev1.Pod, all []corev1.ContainerStatus, phase corev1.PodPhase) corev1.PodCondition {
	c := corev1.PodCondition{Type: corev1.PodInitialized, Status: corev1.ConditionFalse}
	if all == nil && len(pod.Spec.InitContainers) > 0 {
		c.Reason = ReasonUnknownContainerStatuses
		return c
	}
	unknown, incomplete := []string{}, []string{}
	for i := range pod.Spec.InitContainers {
		ic := &pod.Spec.InitContainers[i]
		s, ok := statusByName(all, ic.Name)
		switch {
		case !ok:
			unknown = append(unknown, ic.Name)
		case !initContainerDone(ic, s):
			incomplete = append(incomplete, ic.Name)
		}
	}
	switch {
	case phase == corev1.PodSucceeded && len(unknown) == 0:
		c.Status, c.Reason = corev1.ConditionTrue, ReasonPodCompleted
	case anyRegularContainerStarted(pod, all):
		c.Status = corev1.ConditionTrue
	default:
		if msg := notReadyMessage(unknown, "incomplete", incomplete); msg != "" {
			c.Reason, c.Message = ReasonContainersNotInitialized, msg
		} else {
			c.Status = corev1.ConditionTrue
		}
	}
	return c
}

// containersReadyCondition returns the ContainersReady condition, which looks
// at the sidecars and the regular containers.
// Reference: kubelet.md §5 item 4 (pkg/kubelet/status/generate.go GenerateContainersReadyCondition).
func containersReadyCondition(pod *corev1.Pod, all []corev1.ContainerStatus, phase corev1.PodPhase) corev1.PodCondition {
	c := corev1.PodCondition{Type: corev1.ContainersReady, Status: corev1.ConditionFalse}
	if all == nil {
		c.Reason = ReasonUnknownContainerStatuses
		return c
	}
	unknown, unready := []string{}, []string{}
	check := func(name string) {
		s, ok := statusByName(all, name)
		switch {
		case !ok:
			unknown = append(unknown, name)
		case !s.Ready:
			unready = append(unready, name)
		}
	}
	for i := range pod.Spec.InitContainers {
		if IsSidecar(&pod.Spec.InitContainers[i]) {
			check(pod.Spec.InitContainers[i].Name)
		}
	}
	for _, rc := range pod.Spec.Containers {
		check(rc.Name)
	}
	switch {
	case phase == corev1.PodSucceeded && len(unknown) == 0:
		c.Reason = ReasonPodCompleted
	case phase == corev1.PodFailed:
		c.Reason = ReasonPodFailed
	default:
		if msg := notReadyMessage(unknown, "unready", unready); msg != "" {
			c.Reason, c.Message = ReasonContainersNotReady, msg
		} else {
			c.Status = corev1.ConditionTrue
		}
	}
	return c
}

// readyCondition returns the Ready condition: ContainersReady's status,
// reason and message while the containers are not all ready, and after that
// the verdict of the pod's readiness gates.
// Reference: kubelet.md §5 item 3 (pkg/kubelet/status/generate.go GeneratePodReadyCondition).
func readyCondition(pod *corev1.Pod, all []corev1.ContainerStatus, phase corev1.PodPhase) corev1.PodCondition {
	cr := containersReadyCondition(pod, all, phase)
	if cr.Status != corev1.ConditionTrue {
		return corev1.PodCondition{Type: corev1.PodReady, Status: cr.Status, Reason: cr.Reason, Message: cr.Message}
	}
	var msgs []string
	for _, gate := range pod.Spec.ReadinessGates {
		gc := foreignCondition(pod.Status.Conditions, gate.ConditionType)
		switch {
		case gc == nil:
			msgs = append(msgs, fmt.Sprintf("corresponding condition of pod readiness gate %q does not exist.", string(gate.ConditionType)))
		case gc.Status != corev1.ConditionTrue:
			msgs = append(msgs, fmt.Sprintf("the status of pod readiness gate %q is not \"True\", but %v", string(gate.ConditionType), gc.Status))
		}
	}
	if len(msgs) > 0 {
		return corev1.PodCondition{Type: corev1.PodReady, Status: corev1.ConditionFalse,
			Reason: ReasonReadinessGatesNotReady, Message: strings.Join(msgs, ", ")}
	}
	return corev1.PodCondition{Type: corev1.PodReady, Status: corev1.ConditionTrue}
}

// foreignCondition returns the first condition of type t in conditions that
// the kubelet does not own, or nil.
func foreignCondition(conditions []corev1.PodCondition, t corev1.PodConditionType) *corev1.PodCondition {
	if isKubeletCondition(t) {
		return nil
	}
	for i := range conditions {
		if conditions[i].Type == t {
			return &conditions[i]
		}
	}
	return nil
}

// MergeConditions returns the conditions a pod carries after the kubelet
// writes newConds over old, as the kubelet's status manager does: every
// condition in newConds gets LastTransitionTime now when its status differs
// from the old condition of the same type (or there was none), and keeps the
// old LastTransitionTime otherwise. Old conditions the kubelet does not own
// (DisruptionTarget, readiness-gate conditions) and that newConds does not
// replace are kept, first and in their old order; old kubelet-owned conditions
// missing from newConds are dropped. Neither input is modified. When the
// merge would change nothing, the result is old itself: the kubelet writes
// the same conditions again on every sync, and they are shared read-only.
// Reference: kubelet.md §5 (LastTransitionTime; preserved conditions).
func MergeConditions(old []corev1.PodCondition, newConds []corev1.PodCondition, now metav1.Time) []corev1.PodCondition {
	if slices.EqualFunc(old, newConds, sameButTransition) {
		return old
	}
	// The result is sized exactly: a pod keeps it for as long as its
	// conditions stay the same, and a condition holds only strings and
	// times, so a copy of its value is a deep copy.
	kept := func(c *corev1.PodCondition) bool {
		return !isKubeletCondition(c.Type) && conditionByType(newConds, c.Type) == nil
	}
	n := len(newConds)
	for i := range old {
		if kept(&old[i]) {
			n++
		}
	}
	out := make([]corev1.PodCondition, 0, n)
	for i := range old {
		if kept(&old[i]) {
			out = append(out, old[i])
		}
	}
	for _, c := range newConds {
		merged := c
		merged.LastTransitionTime = now
		if prev := conditionByType(old, c.Type); prev != nil && prev.Status == c.Status {
			merged.LastTransitionTime = prev.LastTransitionTime
		}
		out = append(out, merged)
	}
	return out
}

// sameButTransition reports whether two conditions are the same but for
// their LastTransitionTime.
func sameButTransition(a, b corev1.PodCondition) bool {
	a.LastTransitionTime = b.LastTransitionTime
	return a == b
}

// conditionByType returns the first condition of type t in conditions, or nil.
func conditionByType(conditions []corev1.PodCondition, t corev1.PodConditionType) *corev1.PodCondition {
	for i := range conditions {
		if conditions[i].Type == t {
			return &conditions[i]
		}
	}
	return nil
}
