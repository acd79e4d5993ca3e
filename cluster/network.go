package cluster

import (
	"net/netip"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
)

// network is the chain's network as the programs on one store see it:
// cluster DNS for Service names, Service addresses routed through that
// store's desk (kube-proxy), and pod addresses on any store.
type network struct {
	c     *Cluster
	store string
}

// LookupHost resolves a Service name the way cluster DNS does for a pod in
// namespace: "name", "name.ns", "name.ns.svc" and
// "name.ns.svc.cluster.local" all give the Service's ClusterIP. A headless
// Service has no ClusterIP and does not resolve here.
func (n *network) LookupHost(namespace, host string) (string, bool) {
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimSuffix(host, ".cluster.local")
	host = strings.TrimSuffix(host, ".svc")
	name, ns, _ := strings.Cut(host, ".")
	if ns == "" {
		ns = namespace
	}
	svc, err := n.c.api.Services.Get(ns, name)
	if err != nil || svc.Spec.ClusterIP == "" || svc.Spec.ClusterIP == corev1.ClusterIPNone {
		return "", false
	}
	return svc.Spec.ClusterIP, true
}

// Dial connects from a pod on this store to ip:port: a Service address
// goes through the store's desk first.
func (n *network) Dial(ip string, port int) (runtime.Listener, bool) {
	from, ok := n.c.Store(n.store)
	if !ok {
		return nil, false
	}
	d := from.Proxy.Route(proxy.Request{ClientIP: from.IP, DestIP: ip, Port: int32(port), FromPod: true})
	switch d.Outcome {
	case proxy.Forwarded:
		from.Proxy.Done(d)
		return n.c.dialPod(d.Endpoint.IP, int(d.Endpoint.Port))
	case proxy.Rejected, proxy.Dropped:
		return nil, false
	}
	return n.c.dialPod(ip, port)
}

// dialPod connects to a pod address on whichever store owns it.
func (c *Cluster) dialPod(ip string, port int) (runtime.Listener, bool) {
	s := c.storeOwning(ip)
	if s == nil {
		return nil, false
	}
	return s.Runtime.Dial(ip, port)
}

// storeOwning returns the store whose pod range holds ip.
func (c *Cluster) storeOwning(ip string) *node.Store {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return nil
	}
	for _, s := range c.stores {
		if p, err := netip.ParsePrefix(s.PodCIDR); err == nil && p.Contains(addr) {
			return s
		}
	}
	return nil
}
