package proxy

import (
	"bufio"
	"fmt"
	"io"
	"sort"
)

// virtualServer is one IPVS virtual service and its real servers.
type virtualServer struct {
	proto, addr string
	sticky      int32
	real        []Endpoint
}

// WriteIPVS writes the IPVS table in "ipvsadm -Ln" form: one virtual server
// per cluster IP, external IP, load-balancer IP and node IP + NodePort, each
// with its real servers (Masq forwarding, weight 1, zero connection counts).
// Services without usable endpoints appear without real servers.
func (r *Rules) WriteIPVS(w io.Writer) error {
	lw := &lineWriter{w: bufio.NewWriter(w)}
	lw.line("IP Virtual Server version 1.2.1 (size=4096)")
	lw.line("Prot LocalAddress:Port Scheduler Flags")
	lw.line("  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn")
	vs := r.virtualServers()
	for _, v := range vs {
		head := fmt.Sprintf("%s  %s %s", v.proto, v.addr, r.Config.Scheduler)
		if v.sticky > 0 {
			head += fmt.Sprintf(" persistent %d", v.sticky)
		}
		lw.line(head)
		for _, e := range v.real {
			lw.line(fmt.Sprintf("  -> %-28s %-7s %-6d %-10d %d", e.String(), "Masq", 1, 0, 0))
		}
	}
	return lw.flush()
}

func (r *Rules) virtualServers() []virtualServer {
	var out []virtualServer
	for _, sp := range r.Ports {
		internal := sp.Cluster
		if sp.InternalPolicyLocal {
			internal = sp.Local
		}
		external := sp.Cluster
		if sp.ExternalPolicyLocal {
			external = sp.Local
		}
		add := func(ip string, port int32, real []Endpoint) {
			out = append(out, virtualServer{proto: string(sp.Protocol), addr: fmt.Sprintf("%s:%d", ip, port),
				sticky: sp.StickySeconds, real: real})
		}
		add(sp.ClusterIP, sp.Port, internal)
		for _, ip := range sp.ExternalIPs {
			add(ip, sp.Port, external)
		}
		for _, ip := range sp.LoadBalancerIPs {
			add(ip, sp.Port, external)
		}
		if sp.NodePort != 0 {
			for _, ip := range r.Config.NodeIPs {
				add(ip, sp.NodePort, external)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].proto != out[j].proto {
			return out[i].proto < out[j].proto
		}
		return out[i].addr < out[j].addr
	})
	return out
}
