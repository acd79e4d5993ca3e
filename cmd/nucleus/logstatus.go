package main

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// logContainerID returns the runtime's ID of the container instance whose
// log the kubelet serves for container of p: with previous the instance in
// lastState.terminated, else the current one (the running or terminated
// instance, or the last terminated one while the container waits to be
// called back). The errors are the kubelet's, for a container that never
// ran or has no previous instance.
// Reference: pkg/kubelet/kubelet_pods.go validateContainerLogStatus.
func logContainerID(p *corev1.Pod, container string, previous bool) (string, error) {
	cs, ok := logContainerStatus(p, container)
	if !ok {
		return "", fmt.Errorf("container %q in pod %q is not available", container, p.Name)
	}
	last := cs.LastTerminationState.Terminated
	state := cs.State
	var id string
	switch {
	case previous:
		if last == nil || last.ContainerID == "" {
			return "", fmt.Errorf("previous terminated container %q in pod %q not found", container, p.Name)
		}
		id = last.ContainerID
	case state.Running != nil:
		id = cs.ContainerID
	case state.Terminated != nil && state.Terminated.ContainerID != "":
		id = state.Terminated.ContainerID
	case last != nil && last.ContainerID != "":
		id = last.ContainerID
	case state.Terminated != nil || last != nil:
		return "", fmt.Errorf("container %q in pod %q is terminated", container, p.Name)
	case state.Waiting != nil:
		return "", fmt.Errorf("container %q in pod %q is waiting to start: %s", container, p.Name, waitingReason(state.Waiting.Reason))
	default:
		return "", fmt.Errorf("container %q in pod %q is waiting to start - no logs yet", container, p.Name)
	}
	return runtimeID(id), nil
}

// waitingReason returns how the kubelet words a waiting container's reason
// when it refuses its log.
func waitingReason(reason string) string {
	switch reason {
	case "ErrImagePull":
		return "image can't be pulled"
	case "ImagePullBackOff":
		return "trying and failing to pull image"
	}
	return reason
}

// logContainerStatus returns the status of the container or init container
// called name.
func logContainerStatus(p *corev1.Pod, name string) (corev1.ContainerStatus, bool) {
	for _, list := range [][]corev1.ContainerStatus{p.Status.ContainerStatuses, p.Status.InitContainerStatuses} {
		for _, cs := range list {
			if cs.Name == name {
				return cs, true
			}
		}
	}
	return corev1.ContainerStatus{}, false
}

// runtimeID returns a status's containerID ("containerd://<id>") without
// the runtime's name: the ID the runtime knows the container by.
func runtimeID(containerID string) string {
	if _, id, ok := strings.Cut(containerID, "://"); ok {
		return id
	}
	return containerID
}
