package proxy

import (
	"bufio"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"io"
	"strings"
)

// nftChainBase is kube-proxy's nftables chain suffix: an 8-character hash
// then the readable name, e.g. "ULMVA6XW-ns1/svc1/tcp/p80".
func nftChainBase(name string) string {
	hash := sha256.Sum256([]byte(name))
	name = base32.StdEncoding.EncodeToString(hash[:])[:8] + "-" + name
	if len(name) > 240 {
		name = name[:237] + "..."
	}
	return name
}

func (sp *ServicePort) nftBase() string {
	return nftChainBase(fmt.Sprintf("%s/%s/%s/%s", sp.Name.Namespace, sp.Name.Name, lower(sp), sp.Name.Port))
}

func (sp *ServicePort) nftEndpointBase(e Endpoint) string {
	return nftChainBase(fmt.Sprintf("%s/%s/%s/%s__%s/%d", sp.Name.Namespace, sp.Name.Name, lower(sp), sp.Name.Port, e.IP, e.Port))
}

// WriteNFTables writes the rules as the nft transaction kube-proxy's nftables
// mode sends ("add ..." lines of table ip kube-proxy): per Service port a
// service chain with a "numgen random mod n vmap" rule, endpoint chains with
// the DNAT, and the service-ips, service-nodeports and no-endpoint-* map
// elements that dispatch to them.
func (r *Rules) WriteNFTables(w io.Writer) error {
	lw := &lineWriter{w: bufio.NewWriter(w)}
	const t = "ip kube-proxy"
	lw.line("add table", t, `{ comment "rules for kube-proxy" ; }`)
	lw.line("add chain", t, "mark-for-masquerade")
	lw.line("add rule", t, "mark-for-masquerade mark set mark or 0x4000")
	lw.line("add chain", t, "reject-chain", `{ comment "helper for @no-endpoint-services / @no-endpoint-nodeports" ; }`)
	lw.line("add rule", t, "reject-chain reject")
	for _, sp := range r.Ports {
		for _, l := range r.nftPort(sp) {
			lw.line(l)
		}
	}
	return lw.flush()
}

// nftPort returns the nft lines of one Service port.
func (r *Rules) nftPort(sp *ServicePort) []string {
	const t = "add rule ip kube-proxy "
	var out []string
	p := lower(sp)
	svcChain, localChain, extChain := "service-"+sp.nftBase(), "local-"+sp.nftBase(), "external-"+sp.nftBase()
	internal, external, _ := filterTargets(sp)
	if sp.HasEndpoints && len(sp.Cluster) > 0 && sp.UsesClusterEndpoints() {
		out = append(out, "add chain ip kube-proxy "+svcChain)
		if r.Config.ClusterCIDR != "" {
			out = append(out, fmt.Sprintf("%s%s ip daddr %s %s dport %d ip saddr != %s jump mark-for-masquerade",
				t, svcChain, sp.ClusterIP, p, sp.Port, r.Config.ClusterCIDR))
		}
		out = append(out, nftLB(sp, svcChain, sp.Cluster)...)
	}
	if sp.HasEndpoints && len(sp.Local) > 0 && sp.UsesLocalEndpoints() {
		out = append(out, "add chain ip kube-proxy "+localChain)
		out = append(out, nftLB(sp, localChain, sp.Local)...)
	}
	if sp.HasEndpoints && sp.ExternallyAccessible() {
		out = append(out, "add chain ip kube-proxy "+extChain)
		if !sp.ExternalPolicyLocal {
			out = append(out, t+extChain+" jump mark-for-masquerade", t+extChain+" goto "+svcChain)
		} else {
			if r.Config.ClusterCIDR != "" {
				out = append(out, fmt.Sprintf("%s%s ip saddr %s goto %s", t, extChain, r.Config.ClusterCIDR, svcChain))
			}
			out = append(out, t+extChain+" fib saddr type local jump mark-for-masquerade",
				t+extChain+" fib saddr type local goto "+svcChain)
			if len(sp.Local) > 0 {
				out = append(out, t+extChain+" goto "+localChain)
			}
		}
	}
	for _, e := range sp.AllReachable {
		out = append(out, nftEndpoint(sp, e)...)
	}
	return append(out, nftElements(sp, internal, external, svcChain, localChain, extChain)...)
}

// nftLB returns the affinity rules and the numgen rule of a service chain.
func nftLB(sp *ServicePort, chain string, eps []Endpoint) []string {
	var out []string
	if sp.StickySeconds > 0 {
		for _, e := range eps {
			b := sp.nftEndpointBase(e)
			out = append(out, fmt.Sprintf("add rule ip kube-proxy %s ip saddr @affinity-%s goto endpoint-%s", chain, b, b))
		}
	}
	elems := make([]string, len(eps))
	for i, e := range eps {
		elems[i] = fmt.Sprintf("%d : goto endpoint-%s", i, sp.nftEndpointBase(e))
	}
	return append(out, fmt.Sprintf("add rule ip kube-proxy %s numgen random mod %d vmap { %s }",
		chain, len(eps), strings.Join(elems, " , ")))
}

// nftEndpoint returns one endpoint chain (and its affinity set).
func nftEndpoint(sp *ServicePort, e Endpoint) []string {
	b := sp.nftEndpointBase(e)
	chain := "endpoint-" + b
	out := []string{
		"add chain ip kube-proxy " + chain,
		fmt.Sprintf("add rule ip kube-proxy %s ip saddr %s jump mark-for-masquerade", chain, e.IP),
	}
	if sp.StickySeconds > 0 {
		out = append(out,
			fmt.Sprintf("add set ip kube-proxy affinity-%s { type ipv4_addr ; flags dynamic,timeout ; timeout %ds ; }", b, sp.StickySeconds),
			fmt.Sprintf("add rule ip kube-proxy %s update @affinity-%s { ip saddr }", chain, b))
	}
	return append(out, fmt.Sprintf("add rule ip kube-proxy %s meta l4proto %s dnat to %s", chain, lower(sp), e.String()))
}

// nftElements returns the dispatch map elements of a Service port.
func nftElements(sp *ServicePort, internal, external, svcChain, localChain, extChain string) []string {
	const e = "add element ip kube-proxy "
	p := lower(sp)
	verdict := func(target string) string {
		if target == "REJECT" {
			return "goto reject-chain"
		}
		return "drop"
	}
	var out []string
	key := fmt.Sprintf("%s . %s . %d", sp.ClusterIP, p, sp.Port)
	switch {
	case internal != "":
		out = append(out, fmt.Sprintf("%sno-endpoint-services { %s : %s }", e, key, verdict(internal)))
	case sp.InternalPolicyLocal:
		out = append(out, fmt.Sprintf("%sservice-ips { %s : goto %s }", e, key, localChain))
	default:
		out = append(out, fmt.Sprintf("%sservice-ips { %s : goto %s }", e, key, svcChain))
	}
	var extIPs []string
	extIPs = append(append(extIPs, sp.ExternalIPs...), sp.LoadBalancerIPs...)
	for _, ip := range extIPs {
		k := fmt.Sprintf("%s . %s . %d", ip, p, sp.Port)
		if sp.HasEndpoints {
			out = append(out, fmt.Sprintf("%sservice-ips { %s : goto %s }", e, k, extChain))
		}
		if external != "" {
			out = append(out, fmt.Sprintf("%sno-endpoint-services { %s : %s }", e, k, verdict(external)))
		}
	}
	if sp.NodePort != 0 {
		k := fmt.Sprintf("%s . %d", p, sp.NodePort)
		if sp.HasEndpoints {
			out = append(out, fmt.Sprintf("%sservice-nodeports { %s : goto %s }", e, k, extChain))
		}
		if external != "" {
			out = append(out, fmt.Sprintf("%sno-endpoint-nodeports { %s : %s }", e, k, verdict(external)))
		}
	}
	return out
}
