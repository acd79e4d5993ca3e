package cluster

import (
	"net/netip"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/endpointslice"

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

// LookupHost resolves a name the way cluster DNS does for a pod in
// namespace, trying the pod's search path (<ns>.svc.cluster.local,
// svc.cluster.local, cluster.local) in order:
//
//   - "svc", "svc.ns", "svc.ns.svc" and "svc.ns.svc.cluster.local" give a
//     Service's ClusterIP; for a headless Service, the address of its first
//     ready pod (by name; real DNS answers with all of them);
//   - "host.svc" and "host.svc.ns[.svc[.cluster.local]]" give the address
//     of the pod whose hostname is host and whose subdomain is the headless
//     Service svc: a StatefulSet's web-0.nginx. The pod must be ready, unless
//     the Service sets publishNotReadyAddresses.
//
// Reference: kubernetes/dns docs/specification.md (A records for
// Services, headless Services and pods with hostname and subdomain);
// the DNS for Services and Pods page.
func (n *network) LookupHost(namespace, host string) (string, bool) {
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimSuffix(host, ".cluster.local")
	host = strings.TrimSuffix(host, ".svc")
	parts := strings.Split(host, ".")
	switch len(parts) {
	case 1:
		return n.c.serviceAddress(namespace, parts[0])
	case 2:
		// web-0.nginx (a pod in the caller's namespace) before nginx.ns.
		if addr, ok := n.c.podAddress(namespace, parts[1], parts[0]); ok {
			return addr, true
		}
		return n.c.serviceAddress(parts[1], parts[0])
	case 3:
		return n.c.podAddress(parts[2], parts[1], parts[0])
	}
	return "", false
}

// serviceAddress is the A record of Service name in ns.
func (c *Cluster) serviceAddress(ns, name string) (string, bool) {
	svc, err := c.api.Services.Get(ns, name)
	if err != nil || svc.Spec.Type == corev1.ServiceTypeExternalName {
		return "", false
	}
	if svc.Spec.ClusterIP != "" && svc.Spec.ClusterIP != corev1.ClusterIPNone {
		return svc.Spec.ClusterIP, true
	}
	if svc.Spec.ClusterIP != corev1.ClusterIPNone || len(svc.Spec.Selector) == 0 {
		return "", false
	}
	sel := labels.SelectorFromSet(svc.Spec.Selector)
	for _, p := range c.api.Pods.ListShared() { // sorted by namespace and name
		if p.Namespace == ns && sel.Matches(labels.Set(p.Labels)) && published(svc, p) {
			return p.Status.PodIP, true
		}
	}
	return "", false
}

// podAddress is the A record host.subdomain.ns.svc.cluster.local: the pod
// of that hostname whose subdomain names a headless Service that selects it.
func (c *Cluster) podAddress(ns, subdomain, host string) (string, bool) {
	svc, err := c.api.Services.Get(ns, subdomain)
	if err != nil || svc.Spec.ClusterIP != corev1.ClusterIPNone || len(svc.Spec.Selector) == 0 {
		return "", false
	}
	sel := labels.SelectorFromSet(svc.Spec.Selector)
	for _, p := range c.api.Pods.ListShared() {
		if p.Namespace == ns && p.Spec.Hostname == host && p.Spec.Subdomain == subdomain &&
			sel.Matches(labels.Set(p.Labels)) && published(svc, p) {
			return p.Status.PodIP, true
		}
	}
	return "", false
}

// published reports whether DNS lists a pod of a headless Service: it has
// an address and is ready (or the Service publishes pods not ready), and
// is not on its way out.
func published(svc *corev1.Service, p *corev1.Pod) bool {
	return p.Status.PodIP != "" && p.DeletionTimestamp == nil &&
		(svc.Spec.PublishNotReadyAddresses || endpointslice.IsPodReady(p))
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

// dialPod connects to a pod address on whichever store owns it, or to
// head office's API server.
func (c *Cluster) dialPod(ip string, port int) (runtime.Listener, bool) {
	if l, ok := dialHeadOffice(ip, port); ok {
		return l, true
	}
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
