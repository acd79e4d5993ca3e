package endpointslice

import (
	"net/netip"
	"sort"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// selectPods returns the pods the controller turns into endpoints: same
// namespace as svc, matching its selector, not terminal, with an IP.
func selectPods(svc *corev1.Service, pods []*corev1.Pod) []*corev1.Pod {
	sel := labels.Set(svc.Spec.Selector).AsSelectorPreValidated()
	var out []*corev1.Pod
	for _, pod := range pods {
		if pod == nil || pod.Namespace != svc.Namespace || !sel.Matches(labels.Set(pod.Labels)) {
			continue
		}
		if ShouldPodBeInEndpoints(pod) {
			out = append(out, pod)
		}
	}
	return out
}

// ShouldPodBeInEndpoints reports whether a pod can be an endpoint at all: it is
// not terminal (Succeeded or Failed) and has an IP. Terminating pods are
// included, as the EndpointSlice controller always includes them.
func ShouldPodBeInEndpoints(pod *corev1.Pod) bool {
	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		return false
	}
	return pod.Status.PodIP != "" || len(pod.Status.PodIPs) > 0
}

// IsPodReady reports whether the pod's Ready condition is True.
func IsPodReady(pod *corev1.Pod) bool {
	for _, c := range pod.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

// podAddress returns the pod's first IP of the given family, or "".
func podAddress(pod *corev1.Pod, family discoveryv1.AddressType) string {
	ips := pod.Status.PodIPs
	if len(ips) == 0 {
		ips = []corev1.PodIP{{IP: pod.Status.PodIP}}
	}
	for _, ip := range ips {
		addr, err := netip.ParseAddr(ip.IP)
		if err != nil {
			continue
		}
		if (family == discoveryv1.AddressTypeIPv4) == addr.Is4() {
			return ip.IP
		}
	}
	return ""
}

// podToEndpoint describes one pod as an Endpoint with the conditions the
// controller sets (serving = Ready, terminating = deletionTimestamp set,
// ready = publishNotReadyAddresses || (serving && !terminating)).
func podToEndpoint(svc *corev1.Service, pod *corev1.Pod, addr string, nodeZone func(string) string) discoveryv1.Endpoint {
	serving := IsPodReady(pod)
	terminating := pod.DeletionTimestamp != nil
	ready := svc.Spec.PublishNotReadyAddresses || (serving && !terminating)
	ep := discoveryv1.Endpoint{
		Addresses: []string{addr},
		Conditions: discoveryv1.EndpointConditions{
			Ready: &ready, Serving: &serving, Terminating: &terminating,
		},
		TargetRef: &corev1.ObjectReference{
			Kind: "Pod", Namespace: pod.Namespace, Name: pod.Name, UID: pod.UID,
		},
	}
	if pod.Spec.NodeName != "" {
		node := pod.Spec.NodeName
		ep.NodeName = &node
		if nodeZone != nil {
			if zone := nodeZone(node); zone != "" {
				ep.Zone = &zone
			}
		}
	}
	if pod.Spec.Hostname != "" && pod.Spec.Subdomain == svc.Name {
		hostname := pod.Spec.Hostname
		ep.Hostname = &hostname
	}
	return ep
}

// endpointPorts resolves each Service port against pod; a port whose named
// targetPort the pod does not declare is left out.
func endpointPorts(svc *corev1.Service, pod *corev1.Pod) []discoveryv1.EndpointPort {
	ports := []discoveryv1.EndpointPort{}
	for i := range svc.Spec.Ports {
		sp := &svc.Spec.Ports[i]
		num, ok := FindPort(pod, sp)
		if !ok {
			continue
		}
		name, proto := sp.Name, sp.Protocol
		ports = append(ports, discoveryv1.EndpointPort{
			Name: &name, Port: &num, Protocol: &proto, AppProtocol: sp.AppProtocol,
		})
	}
	return ports
}

// FindPort returns the container port a Service port reaches on pod: a
// numeric targetPort as is; a named one looked up by name and protocol in the
// pod's containers, then in its sidecars (init containers with restartPolicy
// Always). It reports false when the name is not found.
func FindPort(pod *corev1.Pod, sp *corev1.ServicePort) (int32, bool) {
	if sp.TargetPort.Type == intstr.Int {
		return int32(sp.TargetPort.IntValue()), true
	}
	name := sp.TargetPort.StrVal
	for _, c := range pod.Spec.Containers {
		if p, ok := namedPort(c, name, sp.Protocol); ok {
			return p, true
		}
	}
	for _, c := range pod.Spec.InitContainers {
		if c.RestartPolicy == nil || *c.RestartPolicy != corev1.ContainerRestartPolicyAlways {
			continue
		}
		if p, ok := namedPort(c, name, sp.Protocol); ok {
			return p, true
		}
	}
	return 0, false
}

func namedPort(c corev1.Container, name string, proto corev1.Protocol) (int32, bool) {
	for _, p := range c.Ports {
		pp := p.Protocol
		if pp == "" {
			pp = corev1.ProtocolTCP
		}
		if p.Name == name && pp == proto {
			return p.ContainerPort, true
		}
	}
	return 0, false
}

// sortEndpoints orders endpoints by address, then by pod name, so output is
// deterministic.
func sortEndpoints(eps []discoveryv1.Endpoint) {
	sort.SliceStable(eps, func(i, j int) bool {
		if eps[i].Addresses[0] != eps[j].Addresses[0] {
			return eps[i].Addresses[0] < eps[j].Addresses[0]
		}
		return refName(eps[i]) < refName(eps[j])
	})
}

func refName(ep discoveryv1.Endpoint) string {
	if ep.TargetRef == nil {
		return ""
	}
	return ep.TargetRef.Namespace + "/" + ep.TargetRef.Name
}
