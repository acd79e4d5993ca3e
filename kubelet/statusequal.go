package kubelet

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// statusEqual reports whether two pod statuses the kubelet generated say
// the same thing, so that an unchanged status is not sent again. It
// compares every field generateStatus and the eviction write; it is a
// fast, reflection-free stand-in for apiequality.Semantic.DeepEqual, which
// dominated the cost of the periodic resync.
func statusEqual(a, b *corev1.PodStatus) bool {
	return a.Phase == b.Phase && a.Reason == b.Reason && a.Message == b.Message &&
		a.ObservedGeneration == b.ObservedGeneration && a.HostIP == b.HostIP && a.PodIP == b.PodIP && a.QOSClass == b.QOSClass &&
		timePtrEqual(a.StartTime, b.StartTime) &&
		slices.Equal(a.HostIPs, b.HostIPs) && slices.Equal(a.PodIPs, b.PodIPs) &&
		slices.EqualFunc(a.Conditions, b.Conditions, podConditionEqual) &&
		slices.EqualFunc(a.InitContainerStatuses, b.InitContainerStatuses, containerStatusEqual) &&
		slices.EqualFunc(a.ContainerStatuses, b.ContainerStatuses, containerStatusEqual) &&
		len(a.EphemeralContainerStatuses) == 0 && len(b.EphemeralContainerStatuses) == 0
}

func timePtrEqual(a, b *metav1.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(b)
}

func podConditionEqual(a, b corev1.PodCondition) bool {
	return a.Type == b.Type && a.Status == b.Status && a.Reason == b.Reason && a.Message == b.Message &&
		a.ObservedGeneration == b.ObservedGeneration &&
		a.LastTransitionTime.Equal(&b.LastTransitionTime) && a.LastProbeTime.Equal(&b.LastProbeTime)
}

func containerStatusEqual(a, b corev1.ContainerStatus) bool {
	return a.Name == b.Name && a.Image == b.Image && a.ImageID == b.ImageID && a.ContainerID == b.ContainerID &&
		a.Ready == b.Ready && a.RestartCount == b.RestartCount && boolPtrEqual(a.Started, b.Started) &&
		stateEqual(a.State, b.State) && stateEqual(a.LastTerminationState, b.LastTerminationState) &&
		listEqual(a.AllocatedResources, b.AllocatedResources) && requirementsEqual(a.Resources, b.Resources)
}

func requirementsEqual(a, b *corev1.ResourceRequirements) bool {
	if a == nil || b == nil {
		return a == b
	}
	return listEqual(a.Limits, b.Limits) && listEqual(a.Requests, b.Requests)
}

func listEqual(a, b corev1.ResourceList) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for name, q := range a {
		if r, ok := b[name]; !ok || q.Cmp(r) != 0 {
			return false
		}
	}
	return true
}

func boolPtrEqual(a, b *bool) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func stateEqual(a, b corev1.ContainerState) bool {
	switch {
	case (a.Waiting == nil) != (b.Waiting == nil), (a.Running == nil) != (b.Running == nil), (a.Terminated == nil) != (b.Terminated == nil):
		return false
	case a.Waiting != nil && *a.Waiting != *b.Waiting:
		return false
	case a.Running != nil && !a.Running.StartedAt.Equal(&b.Running.StartedAt):
		return false
	}
	if t, u := a.Terminated, b.Terminated; t != nil {
		return t.ExitCode == u.ExitCode && t.Signal == u.Signal && t.Reason == u.Reason && t.Message == u.Message &&
			t.ContainerID == u.ContainerID && t.StartedAt.Equal(&u.StartedAt) && t.FinishedAt.Equal(&u.FinishedAt)
	}
	return true
}
