package proxy

import (
	"bufio"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"io"
	"strings"
)

// portProtoHash is kube-proxy's chain-name hash: sha256 of the service port
// name and lower-case protocol, base32-encoded, first 16 characters.
func portProtoHash(spn, proto string) string {
	hash := sha256.Sum256([]byte(spn + proto))
	return base32.StdEncoding.EncodeToString(hash[:])[:16]
}

func lower(sp *ServicePort) string { return strings.ToLower(string(sp.Protocol)) }

// SVCChain returns the Cluster-policy chain of sp, KUBE-SVC-<hash>.
func (sp *ServicePort) SVCChain() string {
	return "KUBE-SVC-" + portProtoHash(sp.Name.String(), lower(sp))
}

// SVLChain returns the Local-policy chain of sp, KUBE-SVL-<hash>.
func (sp *ServicePort) SVLChain() string {
	return "KUBE-SVL-" + portProtoHash(sp.Name.String(), lower(sp))
}

// EXTChain returns the external-traffic chain of sp, KUBE-EXT-<hash>.
func (sp *ServicePort) EXTChain() string {
	return "KUBE-EXT-" + portProtoHash(sp.Name.String(), lower(sp))
}

// SEPChain returns the per-endpoint chain of e in sp, KUBE-SEP-<hash>.
func (sp *ServicePort) SEPChain(e Endpoint) string {
	hash := sha256.Sum256([]byte(sp.Name.String() + lower(sp) + e.String()))
	return "KUBE-SEP-" + base32.StdEncoding.EncodeToString(hash[:])[:16]
}

// lineWriter collects lines and remembers the first write error.
type lineWriter struct {
	w   *bufio.Writer
	err error
}

func (lw *lineWriter) line(parts ...string) {
	if lw.err != nil {
		return
	}
	_, lw.err = lw.w.WriteString(strings.Join(parts, " ") + "\n")
}

func (lw *lineWriter) flush() error {
	if lw.err != nil {
		return lw.err
	}
	return lw.w.Flush()
}

func quote(s string) string { return `"` + s + `"` }

// WriteIPTables writes the rules as kube-proxy hands them to
// iptables-restore: a filter table with the REJECT and DROP rules for
// Services without (local) endpoints, then the nat table with KUBE-SERVICES,
// KUBE-NODEPORTS, KUBE-SVC/SVL/EXT and KUBE-SEP chains, in Service order.
func (r *Rules) WriteIPTables(w io.Writer) error {
	lw := &lineWriter{w: bufio.NewWriter(w)}
	r.writeFilter(lw)
	lw.line("*nat")
	for _, c := range []string{"KUBE-SERVICES", "KUBE-NODEPORTS", "KUBE-POSTROUTING", "KUBE-MARK-MASQ"} {
		lw.line(":" + c + " - [0:0]")
	}
	var chains, rules []string
	for _, sp := range r.Ports {
		c, rs := r.natRules(sp)
		chains, rules = append(chains, c...), append(rules, rs...)
	}
	for _, c := range chains {
		lw.line(":" + c + " - [0:0]")
	}
	lw.line("-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN")
	lw.line("-A KUBE-POSTROUTING -j MARK --xor-mark 0x4000")
	lw.line(`-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully`)
	lw.line("-A KUBE-MARK-MASQ -j MARK --or-mark 0x4000")
	for _, rule := range rules {
		lw.line(rule)
	}
	lw.line(`-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j KUBE-NODEPORTS`)
	lw.line("COMMIT")
	return lw.flush()
}

// writeFilter writes the filter table's per-Service REJECT/DROP rules.
func (r *Rules) writeFilter(lw *lineWriter) {
	lw.line("*filter")
	lw.line(":KUBE-SERVICES - [0:0]")
	lw.line(":KUBE-EXTERNAL-SERVICES - [0:0]")
	for _, sp := range r.Ports {
		p := lower(sp)
		internal, external, comment := filterTargets(sp)
		match := fmt.Sprintf("-m %s -p %s", p, p)
		if internal != "" {
			lw.line("-A KUBE-SERVICES -m comment --comment", comment(internal), match,
				"-d", sp.ClusterIP, "--dport", fmt.Sprint(sp.Port), "-j", internal)
		}
		if external == "" {
			continue
		}
		for _, ip := range append(append([]string{}, sp.ExternalIPs...), sp.LoadBalancerIPs...) {
			lw.line("-A KUBE-EXTERNAL-SERVICES -m comment --comment", comment(external), match,
				"-d", ip, "--dport", fmt.Sprint(sp.Port), "-j", external)
		}
		if sp.NodePort != 0 {
			lw.line("-A KUBE-EXTERNAL-SERVICES -m comment --comment", comment(external), "-m addrtype --dst-type LOCAL",
				match, "--dport", fmt.Sprint(sp.NodePort), "-j", external)
		}
	}
	lw.line("COMMIT")
}

// filterTargets returns REJECT/DROP (or "") for internal and external traffic
// of sp, and the comment for a target.
func filterTargets(sp *ServicePort) (internal, external string, comment func(string) string) {
	comment = func(target string) string {
		if target == "REJECT" {
			return quote(sp.Name.String() + " has no endpoints")
		}
		return quote(sp.Name.String() + " has no local endpoints")
	}
	if !sp.HasEndpoints {
		return "REJECT", "REJECT", comment
	}
	if sp.InternalPolicyLocal && len(sp.Local) == 0 {
		internal = "DROP"
	}
	if sp.ExternalPolicyLocal && len(sp.Local) == 0 {
		external = "DROP"
	}
	return internal, external, comment
}

// natRules returns the nat chains and rules of one Service port.
func (r *Rules) natRules(sp *ServicePort) (chains, rules []string) {
	if !sp.HasEndpoints {
		return nil, nil
	}
	p := lower(sp)
	name := sp.Name.String()
	match := fmt.Sprintf("-m %s -p %s", p, p)
	clusterIP := fmt.Sprintf("-m comment --comment %s %s -d %s --dport %d", quote(name+" cluster IP"), match, sp.ClusterIP, sp.Port)
	internalChain, hasInternal := sp.SVCChain(), true
	if sp.InternalPolicyLocal {
		internalChain, hasInternal = sp.SVLChain(), len(sp.Local) > 0
	}
	if hasInternal {
		rules = append(rules, "-A KUBE-SERVICES "+clusterIP+" -j "+internalChain)
	}
	if sp.ExternallyAccessible() {
		for _, ip := range sp.ExternalIPs {
			rules = append(rules, fmt.Sprintf("-A KUBE-SERVICES -m comment --comment %s %s -d %s --dport %d -j %s",
				quote(name+" external IP"), match, ip, sp.Port, sp.EXTChain()))
		}
		for _, ip := range sp.LoadBalancerIPs {
			rules = append(rules, fmt.Sprintf("-A KUBE-SERVICES -m comment --comment %s %s -d %s --dport %d -j %s",
				quote(name+" loadbalancer IP"), match, ip, sp.Port, sp.EXTChain()))
		}
		if sp.NodePort != 0 {
			rules = append(rules, fmt.Sprintf("-A KUBE-NODEPORTS -m comment --comment %s %s --dport %d -j %s",
				name, match, sp.NodePort, sp.EXTChain()))
		}
	}
	if hasInternal && r.Config.ClusterCIDR != "" {
		rules = append(rules, fmt.Sprintf("-A %s %s ! -s %s -j KUBE-MARK-MASQ", internalChain, clusterIP, r.Config.ClusterCIDR))
	}
	if sp.ExternallyAccessible() {
		chains = append(chains, sp.EXTChain())
		rules = append(rules, extRules(sp, r.Config.ClusterCIDR)...)
	}
	if len(sp.Cluster) > 0 && sp.UsesClusterEndpoints() {
		chains = append(chains, sp.SVCChain())
		rules = append(rules, lbRules(sp, sp.SVCChain(), sp.Cluster)...)
	}
	if len(sp.Local) > 0 && sp.UsesLocalEndpoints() {
		chains = append(chains, sp.SVLChain())
		rules = append(rules, lbRules(sp, sp.SVLChain(), sp.Local)...)
	}
	for _, e := range sp.AllReachable {
		chains = append(chains, sp.SEPChain(e))
		rules = append(rules, sepRules(sp, e)...)
	}
	return chains, rules
}

// extRules returns the KUBE-EXT chain: masquerade and Cluster policy, or, for
// Local policy, the short-circuit of pod and host traffic.
func extRules(sp *ServicePort, clusterCIDR string) []string {
	name, ext := sp.Name.String(), sp.EXTChain()
	if !sp.ExternalPolicyLocal {
		return []string{
			fmt.Sprintf("-A %s -m comment --comment %s -j KUBE-MARK-MASQ", ext, quote("masquerade traffic for "+name+" external destinations")),
			fmt.Sprintf("-A %s -j %s", ext, sp.SVCChain()),
		}
	}
	var out []string
	if clusterCIDR != "" {
		out = append(out, fmt.Sprintf("-A %s -m comment --comment %s -s %s -j %s", ext,
			quote("pod traffic for "+name+" external destinations"), clusterCIDR, sp.SVCChain()))
	}
	out = append(out,
		fmt.Sprintf("-A %s -m comment --comment %s -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ", ext,
			quote("masquerade LOCAL traffic for "+name+" external destinations")),
		fmt.Sprintf("-A %s -m comment --comment %s -m addrtype --src-type LOCAL -j %s", ext,
			quote("route LOCAL traffic for "+name+" external destinations"), sp.SVCChain()))
	if len(sp.Local) > 0 {
		out = append(out, fmt.Sprintf("-A %s -j %s", ext, sp.SVLChain()))
	}
	return out
}

// lbRules returns the affinity and load-balancing rules of a SVC/SVL chain.
func lbRules(sp *ServicePort, chain string, eps []Endpoint) []string {
	var out []string
	name := sp.Name.String()
	if sp.StickySeconds > 0 {
		for _, e := range eps {
			sep := sp.SEPChain(e)
			out = append(out, fmt.Sprintf("-A %s -m comment --comment %s -m recent --name %s --rcheck --seconds %d --reap -j %s",
				chain, quote(name+" -> "+e.String()), sep, sp.StickySeconds, sep))
		}
	}
	n := len(eps)
	for i, e := range eps {
		stat := ""
		if i < n-1 {
			stat = " -m statistic --mode random --probability " + ComputeProbability(n-i)
		}
		out = append(out, fmt.Sprintf("-A %s -m comment --comment %s%s -j %s", chain, quote(name+" -> "+e.String()), stat, sp.SEPChain(e)))
	}
	return out
}

// sepRules returns an endpoint chain: hairpin masquerade, then DNAT.
func sepRules(sp *ServicePort, e Endpoint) []string {
	sep, name, p := sp.SEPChain(e), sp.Name.String(), lower(sp)
	recent := ""
	if sp.StickySeconds > 0 {
		recent = " -m recent --name " + sep + " --set"
	}
	return []string{
		fmt.Sprintf("-A %s -m comment --comment %s -s %s -j KUBE-MARK-MASQ", sep, name, e.IP),
		fmt.Sprintf("-A %s -m comment --comment %s%s -m %s -p %s -j DNAT --to-destination %s", sep, name, recent, p, p, e.String()),
	}
}
