package runtime

import (
	"fmt"
	"net/netip"
)

// ipam hands out pod addresses from a store's pod range the way the
// host-local IPAM plugin does: the first address is the gateway, and
// addresses are handed out in order, continuing after the last one given, so
// a released address is not reused at once.
type ipam struct {
	prefix netip.Prefix
	used   map[netip.Addr]bool
	last   netip.Addr
}

func newIPAM(cidr string) (*ipam, error) {
	if cidr == "" {
		cidr = "10.244.0.0/24"
	}
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() || p.Bits() > 30 {
		return nil, fmt.Errorf("pod CIDR %q: want an IPv4 range of at least 4 addresses, like 10.244.1.0/24", cidr)
	}
	p = p.Masked()
	gw := p.Addr().Next()
	return &ipam{prefix: p, used: map[netip.Addr]bool{}, last: gw}, nil
}

func (a *ipam) allocate() (string, error) {
	gw := a.prefix.Addr().Next()
	ip := a.last
	for {
		ip = ip.Next()
		if !a.prefix.Contains(ip) || isBroadcast(a.prefix, ip) {
			ip = gw.Next()
		}
		if !a.used[ip] {
			a.used[ip] = true
			a.last = ip
			return ip.String(), nil
		}
		if ip == a.last {
			return "", fmt.Errorf("no free address left in pod range %v", a.prefix)
		}
	}
}

func isBroadcast(p netip.Prefix, ip netip.Addr) bool {
	return !p.Contains(ip.Next())
}

func (a *ipam) release(ip string) {
	if addr, err := netip.ParseAddr(ip); err == nil {
		delete(a.used, addr)
	}
}

func (e *Engine) ownsIP(ip string) bool {
	addr, err := netip.ParseAddr(ip)
	return err == nil && e.ipam.prefix.Contains(addr)
}
