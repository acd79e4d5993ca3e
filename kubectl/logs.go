package kubectl

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// DefaultContainerAnnotation names the container kubectl picks when a pod
// has several and -c is not given (KEP-2227).
const DefaultContainerAnnotation = "kubectl.kubernetes.io/default-container"

// LogContainer returns the container whose log `kubectl logs` reads:
// the one named by -c (a regular or an init container), else the one the
// default-container annotation names, else the pod's only container. With
// several and no choice it returns kubectl's error listing them.
// Reference: kubectl polymorphichelpers logsforobject.go.
func LogContainer(p *corev1.Pod, name string) (string, error) {
	if name == "" {
		if d := p.Annotations[DefaultContainerAnnotation]; d != "" && hasContainer(p, d) {
			name = d
		}
	}
	if name == "" {
		if len(p.Spec.Containers) != 1 {
			msg := fmt.Sprintf("a container name must be specified for pod %s, choose one of: [%s]",
				p.Name, containerNames(p.Spec.Containers))
			if len(p.Spec.InitContainers) > 0 {
				msg += fmt.Sprintf(" or one of the init containers: [%s]", containerNames(p.Spec.InitContainers))
			}
			return "", fmt.Errorf("%s", msg)
		}
		name = p.Spec.Containers[0].Name
	}
	if !hasContainer(p, name) {
		return "", fmt.Errorf("container %s is not valid for pod %s", name, p.Name)
	}
	return name, nil
}

// containerNames returns the names of cs, separated by spaces.
func containerNames(cs []corev1.Container) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.Name
	}
	return strings.Join(names, " ")
}

// hasContainer reports whether p has a container or init container name.
func hasContainer(p *corev1.Pod, name string) bool {
	for _, cs := range [][]corev1.Container{p.Spec.Containers, p.Spec.InitContainers} {
		for _, c := range cs {
			if c.Name == name {
				return true
			}
		}
	}
	return false
}

// LogContainerID returns the runtime's ID of the container instance whose
// log the kubelet serves for container of p: with previous the instance in
// lastState.terminated, else the current one (the running or terminated
// instance, or the last terminated one while the container waits to be
// called back). The errors are the kubelet's, for a container that never
// ran or has no previous instance.
// Reference: pkg/kubelet/kubelet_pods.go validateContainerLogStatus.
func LogContainerID(p *corev1.Pod, container string, previous bool) (string, error) {
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
	return RuntimeID(id), nil
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

// RuntimeID returns a status's containerID ("containerd://<id>") without
// the runtime's name: the ID the runtime knows the container by.
func RuntimeID(containerID string) string {
	if _, id, ok := strings.Cut(containerID, "://"); ok {
		return id
	}
	return containerID
}
