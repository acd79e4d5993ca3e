package proxy

import (
	"net"
	"strconv"

	"k8s.io/apimachinery/pkg/types"
)

// ServicePortName names one port of one Service, as kube-proxy keys it:
// namespace, Service name and port name.
type ServicePortName struct {
	Namespace, Name, Port string
}

// String returns "namespace/name:port", or "namespace/name" for an unnamed
// port: the text kube-proxy hashes into chain names and writes in comments.
func (n ServicePortName) String() string {
	s := n.Namespace + "/" + n.Name
	if n.Port != "" {
		s += ":" + n.Port
	}
	return s
}

// Endpoint is one address a Service port can send a connection to, as
// kube-proxy reads it from an EndpointSlice.
type Endpoint struct {
	IP   string
	Port int32
	// NodeName is the node the endpoint runs on, "" when unknown.
	NodeName string
	// Pod is the endpoint's pod, empty when the slice names none.
	Pod types.NamespacedName
	// Ready, Serving and Terminating are the slice's conditions, with
	// kube-proxy's nil defaults (ready and serving when unset).
	Ready, Serving, Terminating bool
	// IsLocal is true when NodeName is this proxy's node.
	IsLocal bool

	addr string
}

func newEndpoint(ip string, port int32) Endpoint {
	return Endpoint{IP: ip, Port: port, addr: net.JoinHostPort(ip, strconv.Itoa(int(port)))}
}

// String returns "IP:port", the key kube-proxy sorts endpoints by.
func (e Endpoint) String() string {
	if e.addr == "" {
		return net.JoinHostPort(e.IP, strconv.Itoa(int(e.Port)))
	}
	return e.addr
}

// trafficPolicy is the part of a Service port that CategorizeEndpoints reads.
type trafficPolicy interface {
	UsesClusterEndpoints() bool
	UsesLocalEndpoints() bool
}

// CategorizeEndpoints splits a Service port's endpoints the way kube-proxy
// does for one node: clusterEndpoints for Cluster traffic policy (the ready
// ones, or, when none is ready, those serving and terminating),
// localEndpoints for Local policy (the local ready ones, else the local
// serving-and-terminating ones), allReachable as their union, and hasAny
// when some endpoint anywhere is usable. Topology hints are not simulated.
func CategorizeEndpoints(endpoints []Endpoint, sp trafficPolicy) (cluster, local, allReachable []Endpoint, hasAny bool) {
	if len(endpoints) == 0 {
		return nil, nil, nil, false
	}
	if sp.UsesClusterEndpoints() {
		cluster = filter(endpoints, func(e Endpoint) bool { return e.Ready })
		if len(cluster) == 0 {
			cluster = filter(endpoints, servingTerminating)
		}
		hasAny = len(cluster) > 0
	}
	if !sp.UsesLocalEndpoints() {
		return cluster, nil, cluster, hasAny
	}
	for _, e := range endpoints {
		if e.Ready || servingTerminating(e) {
			hasAny = true
			break
		}
	}
	local = filter(endpoints, func(e Endpoint) bool { return e.IsLocal && e.Ready })
	if len(local) == 0 {
		local = filter(endpoints, func(e Endpoint) bool { return e.IsLocal && servingTerminating(e) })
	}
	switch {
	case len(cluster) == 0:
		return cluster, local, local, hasAny
	case len(local) == 0:
		return cluster, local, cluster, hasAny
	}
	in := map[string]bool{}
	for _, e := range cluster {
		in[e.String()] = true
	}
	for _, e := range local {
		in[e.String()] = true
	}
	allReachable = filter(endpoints, func(e Endpoint) bool { return in[e.String()] })
	return cluster, local, allReachable, hasAny
}

func servingTerminating(e Endpoint) bool { return e.Serving && e.Terminating }

func filter(eps []Endpoint, keep func(Endpoint) bool) []Endpoint {
	var out []Endpoint
	for _, e := range eps {
		if keep(e) {
			out = append(out, e)
		}
	}
	return out
}
