package proxy

import (
	"net/netip"
	"sort"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/types"
)

// Rules is what one kube-proxy sync programs on a store: every proxied
// Service port with the endpoints each kind of traffic may reach. It is
// immutable once built.
type Rules struct {
	Config Config
	// Ports are the proxied Service ports, sorted by namespace, name, port
	// name and protocol.
	Ports []*ServicePort
}

// ServicePort is one proxied port of a Service and what this node does with
// traffic for it.
type ServicePort struct {
	Name      ServicePortName
	Protocol  corev1.Protocol
	ClusterIP string
	Port      int32
	// NodePort is 0 when the Service has none.
	NodePort        int32
	ExternalIPs     []string
	LoadBalancerIPs []string
	// InternalPolicyLocal and ExternalPolicyLocal are the effective traffic
	// policies (externalTrafficPolicy counts only when externally accessible).
	InternalPolicyLocal, ExternalPolicyLocal bool
	// StickySeconds is the ClientIP affinity timeout; 0 means no affinity.
	StickySeconds int32
	// Endpoints are all endpoints, sorted by "IP:port" string.
	Endpoints []Endpoint
	// Cluster and Local are CategorizeEndpoints' lists; AllReachable is
	// their union; HasEndpoints is false when no endpoint is usable anywhere.
	Cluster, Local, AllReachable []Endpoint
	HasEndpoints                 bool
}

// ExternallyAccessible reports whether traffic can reach the port other than
// through its cluster IP: a NodePort, an external IP or a load-balancer IP.
func (sp *ServicePort) ExternallyAccessible() bool {
	return sp.NodePort != 0 || len(sp.ExternalIPs) > 0 || len(sp.LoadBalancerIPs) > 0
}

// UsesClusterEndpoints reports whether some traffic uses Cluster policy.
func (sp *ServicePort) UsesClusterEndpoints() bool {
	return !sp.InternalPolicyLocal || sp.ExternallyAccessible()
}

// UsesLocalEndpoints reports whether some traffic uses Local policy.
func (sp *ServicePort) UsesLocalEndpoints() bool {
	return sp.InternalPolicyLocal || (sp.ExternalPolicyLocal && sp.ExternallyAccessible())
}

// ShouldSkipService reports whether kube-proxy ignores svc: headless
// (clusterIP None or empty) or ExternalName Services get no rules.
func ShouldSkipService(svc *corev1.Service) bool {
	return svc.Spec.ClusterIP == "" || svc.Spec.ClusterIP == corev1.ClusterIPNone ||
		svc.Spec.Type == corev1.ServiceTypeExternalName
}

// Build returns the rules a sync programs for cfg's node from the Services
// and EndpointSlices it has seen. Slices are matched to Services by the
// kubernetes.io/service-name label; a slice without it is ignored.
func Build(cfg Config, services []*corev1.Service, slices []*discoveryv1.EndpointSlice) *Rules {
	cfg = cfg.withDefaults()
	bySvc := map[types.NamespacedName][]*discoveryv1.EndpointSlice{}
	for _, s := range slices {
		name, ok := s.Labels[discoveryv1.LabelServiceName]
		if !ok || s.AddressType != discoveryv1.AddressTypeIPv4 {
			continue
		}
		key := types.NamespacedName{Namespace: s.Namespace, Name: name}
		bySvc[key] = append(bySvc[key], s)
	}
	r := &Rules{Config: cfg}
	for _, svc := range services {
		if svc == nil || ShouldSkipService(svc) {
			continue
		}
		key := types.NamespacedName{Namespace: svc.Namespace, Name: svc.Name}
		for i := range svc.Spec.Ports {
			r.Ports = append(r.Ports, buildPort(cfg, svc, &svc.Spec.Ports[i], bySvc[key]))
		}
	}
	sort.Slice(r.Ports, func(i, j int) bool {
		a, b := r.Ports[i], r.Ports[j]
		if a.Name != b.Name {
			return a.Name.String() < b.Name.String()
		}
		return a.Protocol < b.Protocol
	})
	return r
}

func buildPort(cfg Config, svc *corev1.Service, p *corev1.ServicePort, slices []*discoveryv1.EndpointSlice) *ServicePort {
	proto := p.Protocol
	if proto == "" {
		proto = corev1.ProtocolTCP
	}
	sp := &ServicePort{
		Name:      ServicePortName{Namespace: svc.Namespace, Name: svc.Name, Port: p.Name},
		Protocol:  proto,
		ClusterIP: svc.Spec.ClusterIP,
		Port:      p.Port,
	}
	if svc.Spec.Type == corev1.ServiceTypeNodePort || svc.Spec.Type == corev1.ServiceTypeLoadBalancer {
		sp.NodePort = p.NodePort
	}
	sp.ExternalIPs = ipv4Only(svc.Spec.ExternalIPs)
	for _, ing := range svc.Status.LoadBalancer.Ingress {
		if ing.IP != "" && (ing.IPMode == nil || *ing.IPMode == corev1.LoadBalancerIPModeVIP) {
			sp.LoadBalancerIPs = append(sp.LoadBalancerIPs, ing.IP)
		}
	}
	sp.LoadBalancerIPs = ipv4Only(sp.LoadBalancerIPs)
	sp.InternalPolicyLocal = svc.Spec.InternalTrafficPolicy != nil &&
		*svc.Spec.InternalTrafficPolicy == corev1.ServiceInternalTrafficPolicyLocal
	sp.ExternalPolicyLocal = serviceExternallyAccessible(svc) &&
		svc.Spec.ExternalTrafficPolicy == corev1.ServiceExternalTrafficPolicyLocal
	if svc.Spec.SessionAffinity == corev1.ServiceAffinityClientIP {
		sp.StickySeconds = 10800
		if c := svc.Spec.SessionAffinityConfig; c != nil && c.ClientIP != nil && c.ClientIP.TimeoutSeconds != nil {
			sp.StickySeconds = *c.ClientIP.TimeoutSeconds
		}
	}
	sp.Endpoints = endpointsFor(cfg.NodeName, p.Name, proto, slices)
	sp.Cluster, sp.Local, sp.AllReachable, sp.HasEndpoints = CategorizeEndpoints(sp.Endpoints, sp)
	return sp
}

func serviceExternallyAccessible(svc *corev1.Service) bool {
	switch svc.Spec.Type {
	case corev1.ServiceTypeNodePort, corev1.ServiceTypeLoadBalancer:
		return true
	}
	return svc.Spec.Type == corev1.ServiceTypeClusterIP && len(svc.Spec.ExternalIPs) > 0
}

// endpointsFor collects the endpoints of one Service port from its slices:
// the slice port with the same name and protocol, the first address of each
// endpoint, duplicates merged (a local copy wins), sorted by "IP:port".
func endpointsFor(nodeName, portName string, proto corev1.Protocol, slices []*discoveryv1.EndpointSlice) []Endpoint {
	byAddr := map[string]Endpoint{}
	for _, s := range slices {
		for _, port := range s.Ports {
			if port.Name == nil || port.Port == nil || *port.Port == 0 || port.Protocol == nil ||
				*port.Name != portName || *port.Protocol != proto {
				continue
			}
			for _, se := range s.Endpoints {
				if len(se.Addresses) == 0 {
					continue
				}
				e := fromSlice(se, *port.Port, nodeName)
				if old, dup := byAddr[e.String()]; dup && old.IsLocal {
					continue
				}
				byAddr[e.String()] = e
			}
		}
	}
	keys := make([]string, 0, len(byAddr))
	for k := range byAddr {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]Endpoint, 0, len(keys))
	for _, k := range keys {
		out = append(out, byAddr[k])
	}
	return out
}

func fromSlice(se discoveryv1.Endpoint, port int32, nodeName string) Endpoint {
	e := newEndpoint(se.Addresses[0], port)
	c := se.Conditions
	e.Ready = c.Ready == nil || *c.Ready
	e.Serving = c.Serving == nil || *c.Serving
	e.Terminating = c.Terminating != nil && *c.Terminating
	if se.NodeName != nil {
		e.NodeName = *se.NodeName
		e.IsLocal = nodeName != "" && e.NodeName == nodeName
	}
	if se.TargetRef != nil && se.TargetRef.Kind == "Pod" {
		e.Pod = types.NamespacedName{Namespace: se.TargetRef.Namespace, Name: se.TargetRef.Name}
	}
	return e
}

func ipv4Only(ips []string) []string {
	var out []string
	for _, ip := range ips {
		if a, err := netip.ParseAddr(ip); err == nil && a.Is4() {
			out = append(out, ip)
		}
	}
	return out
}
