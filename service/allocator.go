package service

import (
	"fmt"
	"math/rand/v2"
	"net/netip"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DefaultServiceCIDR is the service range kubeadm and kind use, and that
// nucleus uses unless told otherwise.
const DefaultServiceCIDR = "10.96.0.0/12"

// Allocator hands out cluster IPs from a service CIDR and node ports from a
// port range, remembering which are taken. It represents the two allocators
// inside the API server's Service registry. The first address of the range
// (10.96.0.1 for 10.96.0.0/12) is reserved at construction for the
// "kubernetes" Service in the default namespace.
type Allocator struct {
	prefix netip.Prefix
	first  netip.Addr // first usable address (network + 1)
	ips    band
	ports  band
	base   int
	rng    *rand.Rand
}

// band tracks which offsets in [0, size) are taken. static is the size of the
// low sub-range that automatic choices avoid while the rest has room.
type band struct {
	size, static int
	used         map[int]bool
}

// NewAllocator returns an Allocator for the IPv4 serviceCIDR and the node
// ports [nodePortBase, nodePortBase+nodePortSize). rng supplies every random
// choice. It returns an error naming the argument when the CIDR does not parse,
// is not IPv4, or is too small, or when the port range is empty or leaves
// 1-65535.
func NewAllocator(serviceCIDR string, nodePortBase, nodePortSize int, rng *rand.Rand) (*Allocator, error) {
	if rng == nil {
		panic("service.NewAllocator: nil rng")
	}
	prefix, err := netip.ParsePrefix(serviceCIDR)
	if err != nil || !prefix.Addr().Is4() {
		return nil, field.Invalid(field.NewPath("serviceCIDR"), serviceCIDR, "must be an IPv4 CIDR, e.g. 10.96.0.0/12")
	}
	prefix = prefix.Masked()
	if prefix.Bits() > 30 {
		return nil, field.Invalid(field.NewPath("serviceCIDR"), serviceCIDR, "must hold at least 2 usable addresses")
	}
	if nodePortSize <= 0 || nodePortBase <= 0 || nodePortBase+nodePortSize-1 > 65535 {
		return nil, field.Invalid(field.NewPath("nodePortRange"),
			fmt.Sprintf("%d-%d", nodePortBase, nodePortBase+nodePortSize-1), "must be a non-empty range within 1-65535")
	}
	ipCount := 1<<(32-prefix.Bits()) - 2 // minus network and broadcast
	a := &Allocator{
		prefix: prefix,
		first:  prefix.Addr().Next(),
		ips:    band{size: ipCount, static: min(clamp(ipCount/16, 16, 256), ipCount), used: map[int]bool{}},
		ports:  band{size: nodePortSize, static: min(clamp(nodePortSize/32, 16, 128), nodePortSize), used: map[int]bool{}},
		base:   nodePortBase,
		rng:    rng,
	}
	a.ips.used[0] = true // the kubernetes Service
	return a, nil
}

// KubernetesServiceIP returns the address reserved for the "kubernetes"
// Service: the first address of the range, e.g. 10.96.0.1.
func (a *Allocator) KubernetesServiceIP() string { return a.first.String() }

// AllocateClusterIP reserves requested, or a free address chosen from rng when
// requested is "". It returns the address, or a field error at fldPath when the
// requested address does not parse, lies outside the range, or is taken.
func (a *Allocator) AllocateClusterIP(fldPath *field.Path, requested string) (string, error) {
	if requested == "" {
		off, ok := a.ips.next(a.rng)
		if !ok {
			return "", field.Invalid(fldPath, requested, "range is full")
		}
		return a.addrAt(off).String(), nil
	}
	ip, err := netip.ParseAddr(requested)
	if err != nil {
		return "", field.Invalid(fldPath, requested, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")
	}
	off, ok := a.offsetOf(ip)
	if !ok {
		return "", field.Invalid(fldPath, requested, fmt.Sprintf("failed to allocate IP %s: provided IP is not in "+
			"the valid range. The range of valid IPs is %s", requested, a.prefix))
	}
	if a.ips.used[off] {
		return "", field.Invalid(fldPath, requested, fmt.Sprintf(
			"failed to allocate IP %s: provided IP is already allocated", requested))
	}
	a.ips.used[off] = true
	return requested, nil
}

// AllocateNodePort reserves requested, or a free port chosen from rng when
// requested is 0. It returns the port, or a field error at fldPath when the
// port is outside the range or already taken.
func (a *Allocator) AllocateNodePort(fldPath *field.Path, requested int32) (int32, error) {
	if requested == 0 {
		off, ok := a.ports.next(a.rng)
		if !ok {
			return 0, field.Invalid(fldPath, requested, "range is full")
		}
		return int32(a.base + off), nil
	}
	off := int(requested) - a.base
	if off < 0 || off >= a.ports.size {
		return 0, field.Invalid(fldPath, requested, fmt.Sprintf(
			"provided port is not in the valid range. The range of valid ports is %d-%d", a.base, a.base+a.ports.size-1))
	}
	if a.ports.used[off] {
		return 0, field.Invalid(fldPath, requested, "provided port is already allocated")
	}
	a.ports.used[off] = true
	return requested, nil
}

// ReleaseClusterIP frees ip. Releasing an address that is not allocated, or
// the kubernetes Service's address, does nothing.
func (a *Allocator) ReleaseClusterIP(ip string) {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return
	}
	if off, ok := a.offsetOf(addr); ok && off != 0 {
		delete(a.ips.used, off)
	}
}

// ReleaseNodePort frees port; a port outside the range is ignored.
func (a *Allocator) ReleaseNodePort(port int32) {
	delete(a.ports.used, int(port)-a.base)
}

// Allocate gives svc its cluster IP (unless headless or ExternalName) and a
// node port for every port of a NodePort or LoadBalancer Service (unless
// allocateLoadBalancerNodePorts is false), keeping values the user asked for.
// On any error nothing stays allocated and the errors are returned.
func (a *Allocator) Allocate(svc *corev1.Service) field.ErrorList {
	var ips []string
	var ports []int32
	undo := func() {
		for _, ip := range ips {
			a.ReleaseClusterIP(ip)
		}
		for _, p := range ports {
			a.ReleaseNodePort(p)
		}
	}
	spec := &svc.Spec
	if spec.Type != corev1.ServiceTypeExternalName && spec.ClusterIP != corev1.ClusterIPNone {
		ip, err := a.AllocateClusterIP(field.NewPath("spec", "clusterIPs").Index(0), spec.ClusterIP)
		if err != nil {
			return field.ErrorList{err.(*field.Error)}
		}
		ips = append(ips, ip)
		spec.ClusterIP, spec.ClusterIPs = ip, []string{ip}
	}
	if !needsNodePorts(spec) {
		return nil
	}
	for i := range spec.Ports {
		p, err := a.AllocateNodePort(field.NewPath("spec", "ports").Index(i).Child("nodePort"), spec.Ports[i].NodePort)
		if err != nil {
			undo()
			return field.ErrorList{err.(*field.Error)}
		}
		ports = append(ports, p)
		spec.Ports[i].NodePort = p
	}
	return nil
}

// Release frees everything Allocate gave svc.
func (a *Allocator) Release(svc *corev1.Service) {
	for _, ip := range svc.Spec.ClusterIPs {
		a.ReleaseClusterIP(ip)
	}
	if len(svc.Spec.ClusterIPs) == 0 && svc.Spec.ClusterIP != "" {
		a.ReleaseClusterIP(svc.Spec.ClusterIP)
	}
	for _, p := range svc.Spec.Ports {
		if p.NodePort != 0 {
			a.ReleaseNodePort(p.NodePort)
		}
	}
}

func needsNodePorts(spec *corev1.ServiceSpec) bool {
	switch spec.Type {
	case corev1.ServiceTypeNodePort:
		return true
	case corev1.ServiceTypeLoadBalancer:
		return spec.AllocateLoadBalancerNodePorts == nil || *spec.AllocateLoadBalancerNodePorts
	}
	return false
}

func (a *Allocator) addrAt(off int) netip.Addr {
	b := a.first.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	v += uint32(off)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

func (a *Allocator) offsetOf(ip netip.Addr) (int, bool) {
	if !ip.Is4() || !a.prefix.Contains(ip) {
		return 0, false
	}
	f, b := a.first.As4(), ip.As4()
	off := int(be32(b)) - int(be32(f))
	return off, off >= 0 && off < a.ips.size
}

func be32(b [4]byte) uint32 {
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// next picks a free offset: a random start in the dynamic (upper) band and a
// scan upward that wraps inside that band, then the static (lower) band.
func (b *band) next(rng *rand.Rand) (int, bool) {
	if off, ok := b.scan(rng, b.static, b.size); ok {
		return off, true
	}
	return b.scan(rng, 0, b.static)
}

func (b *band) scan(rng *rand.Rand, lo, hi int) (int, bool) {
	n := hi - lo
	if n <= 0 {
		return 0, false
	}
	start := rng.IntN(n)
	for i := 0; i < n; i++ {
		off := lo + (start+i)%n
		if !b.used[off] {
			b.used[off] = true
			return off, true
		}
	}
	return 0, false
}

func clamp(v, lo, hi int) int {
	return min(max(v, lo), hi)
}
