package scheduler

import corev1 "k8s.io/api/core/v1"

// hostPorts returns the ports with a hostPort that the pod holds for its whole
// life: those of its sidecars and of its regular containers.
func hostPorts(pod *corev1.Pod) []corev1.ContainerPort {
	var out []corev1.ContainerPort
	collect := func(c *corev1.Container) {
		for _, p := range c.Ports {
			if p.HostPort > 0 {
				out = append(out, p)
			}
		}
	}
	for i := range pod.Spec.InitContainers {
		if isSidecar(&pod.Spec.InitContainers[i]) {
			collect(&pod.Spec.InitContainers[i])
		}
	}
	for i := range pod.Spec.Containers {
		collect(&pod.Spec.Containers[i])
	}
	return out
}

// filterPorts rejects a node where a pod already holds one of the pod's host
// ports (nodeports.go): same protocol and port, and the same host IP or
// either side bound to every address (0.0.0.0).
func filterPorts(c *cycle, n NodeInfo) *status {
	if len(c.ports) == 0 {
		return nil
	}
	for _, other := range n.activePods() {
		for _, used := range hostPorts(other) {
			for _, want := range c.ports {
				if portsConflict(want, used) {
					return &status{code: unschedulable, reasons: []string{ReasonNodePorts}}
				}
			}
		}
	}
	return nil
}

// portsConflict reports whether two host ports collide.
func portsConflict(a, b corev1.ContainerPort) bool {
	if a.HostPort != b.HostPort || protocol(a) != protocol(b) {
		return false
	}
	ipA, ipB := hostIP(a), hostIP(b)
	return ipA == ipB || ipA == "0.0.0.0" || ipB == "0.0.0.0"
}

// protocol returns the port's protocol, TCP when unset.
func protocol(p corev1.ContainerPort) corev1.Protocol {
	if p.Protocol == "" {
		return corev1.ProtocolTCP
	}
	return p.Protocol
}

// hostIP returns the port's host IP, 0.0.0.0 when unset.
func hostIP(p corev1.ContainerPort) string {
	if p.HostIP == "" {
		return "0.0.0.0"
	}
	return p.HostIP
}
