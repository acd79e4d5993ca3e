package proxy

import (
	"math/rand/v2"
	"time"

	corev1 "k8s.io/api/core/v1"
)

// Outcome is what happens to a new connection at the desk.
type Outcome int

// The outcomes of Route.
const (
	// NoRoute: the destination is not a Service address of this node; the
	// connection goes on unchanged (nothing kube-proxy does).
	NoRoute Outcome = iota
	// Forwarded: DNATed to Decision.Endpoint.
	Forwarded
	// Rejected: the Service has no usable endpoint; the client gets an ICMP
	// port-unreachable and sees "connection refused".
	Rejected
	// Dropped: Local traffic policy and no endpoint on this node; the packet
	// is dropped and the client times out.
	Dropped
)

// String returns the outcome's name.
func (o Outcome) String() string {
	switch o {
	case Forwarded:
		return "Forwarded"
	case Rejected:
		return "Rejected"
	case Dropped:
		return "Dropped"
	}
	return "NoRoute"
}

// Request is the first packet of a new connection as the desk sees it.
type Request struct {
	ClientIP string
	DestIP   string
	Port     int32
	// Protocol is TCP when empty.
	Protocol corev1.Protocol
	// FromPod is true for a connection from a pod on this node.
	FromPod bool
	// External is true for a connection arriving from outside the node (at a
	// NodePort, external IP or load-balancer IP). A connection that is
	// neither FromPod nor External comes from the host itself.
	External bool
}

// Decision is where Route sent a connection.
type Decision struct {
	Outcome  Outcome
	Service  ServicePortName
	Protocol corev1.Protocol
	// Endpoint is set when Outcome is Forwarded.
	Endpoint Endpoint

	state *endpointState
}

// Dataplane is one store's programmed rules plus the state the kernel keeps
// across syncs: per-endpoint ClientIP affinity entries (the "recent" lists or
// nftables sets), IPVS round-robin positions and active-connection counts.
// The zero value routes nothing until Program is called.
type Dataplane struct {
	rules     *Rules
	ports     []portState
	dests     map[destKey]destRef
	nodePorts map[nodePortKey]int
	nodeIPs   map[string]bool
	endpoints map[string]*endpointState // by service port, protocol and endpoint
}

type destKey struct {
	ip    string
	port  int32
	proto corev1.Protocol
}

type nodePortKey struct {
	port  int32
	proto corev1.Protocol
}

type destRef struct {
	port     int
	external bool
}

// portState is the routing table of one Service port.
type portState struct {
	sp                         *ServicePort
	cluster, local             []*endpointState
	clusterThresh, localThresh []uint32
	rrInternal, rrExternal     int
	sticky                     time.Duration
}

// endpointState is what the kernel remembers about one endpoint of one
// Service port.
type endpointState struct {
	ep     Endpoint
	recent map[string]time.Duration // client IP -> time of its last new connection
	active int
}

// Program installs r, as a sync does. Affinity entries, round-robin positions
// and connection counts of endpoints that are still present are kept; those
// of removed endpoints are forgotten. now is the time of the sync; entries
// that expired by then are dropped.
func (d *Dataplane) Program(r *Rules, now time.Duration) {
	if r == nil {
		panic("proxy.Dataplane.Program: nil rules")
	}
	old := d.endpoints
	oldPorts := map[string]portState{}
	for _, ps := range d.ports {
		oldPorts[portID(ps.sp)] = ps
	}
	d.rules = r
	d.ports = make([]portState, len(r.Ports))
	d.dests = map[destKey]destRef{}
	d.nodePorts = map[nodePortKey]int{}
	d.nodeIPs = map[string]bool{}
	d.endpoints = map[string]*endpointState{}
	for _, ip := range r.Config.NodeIPs {
		d.nodeIPs[ip] = true
	}
	for i, sp := range r.Ports {
		ps := portState{sp: sp, sticky: time.Duration(sp.StickySeconds) * time.Second}
		if prev, ok := oldPorts[portID(sp)]; ok {
			ps.rrInternal, ps.rrExternal = prev.rrInternal, prev.rrExternal
		}
		ps.cluster = d.states(sp, sp.Cluster, old, now, ps.sticky)
		ps.local = d.states(sp, sp.Local, old, now, ps.sticky)
		ps.clusterThresh, ps.localThresh = thresholds(len(sp.Cluster)), thresholds(len(sp.Local))
		d.ports[i] = ps
		d.index(i, sp)
	}
}

func portID(sp *ServicePort) string { return sp.Name.String() + "/" + string(sp.Protocol) }

// states returns the endpoint states for eps, reusing those from old.
func (d *Dataplane) states(sp *ServicePort, eps []Endpoint, old map[string]*endpointState, now, sticky time.Duration) []*endpointState {
	out := make([]*endpointState, len(eps))
	for i, e := range eps {
		id := portID(sp) + "/" + e.String()
		st := d.endpoints[id]
		if st == nil {
			st = old[id]
			if st == nil {
				st = &endpointState{recent: map[string]time.Duration{}}
			}
			st.ep = e
			expire(st, now, sticky)
			d.endpoints[id] = st
		}
		out[i] = st
	}
	return out
}

func expire(st *endpointState, now, sticky time.Duration) {
	for client, last := range st.recent {
		if sticky == 0 || now-last > sticky {
			delete(st.recent, client)
		}
	}
}

// index records the addresses at which port i is reached.
func (d *Dataplane) index(i int, sp *ServicePort) {
	d.dests[destKey{sp.ClusterIP, sp.Port, sp.Protocol}] = destRef{port: i}
	for _, ip := range sp.ExternalIPs {
		d.dests[destKey{ip, sp.Port, sp.Protocol}] = destRef{port: i, external: true}
	}
	for _, ip := range sp.LoadBalancerIPs {
		d.dests[destKey{ip, sp.Port, sp.Protocol}] = destRef{port: i, external: true}
	}
	if sp.NodePort != 0 {
		d.nodePorts[nodePortKey{sp.NodePort, sp.Protocol}] = i
	}
}

// Rules returns the rules last programmed, or nil.
func (d *Dataplane) Rules() *Rules { return d.rules }

// Route sends one new connection, drawing from rng as the kernel would for
// the programmed mode, and returns where it went. now is the virtual time of
// the connection, used for ClientIP affinity. Route does not allocate,
// except to remember a new client under ClientIP affinity.
func (d *Dataplane) Route(req Request, rng *rand.Rand, now time.Duration) Decision {
	proto := req.Protocol
	if proto == "" {
		proto = corev1.ProtocolTCP
	}
	ref, ok := d.dests[destKey{req.DestIP, req.Port, proto}]
	if !ok {
		i, isNodePort := d.nodePorts[nodePortKey{req.Port, proto}]
		if !isNodePort || !d.nodeIPs[req.DestIP] {
			return Decision{}
		}
		ref = destRef{port: i, external: true}
	}
	ps := &d.ports[ref.port]
	dec := Decision{Service: ps.sp.Name, Protocol: proto}
	if !ps.sp.HasEndpoints {
		dec.Outcome = Rejected
		return dec
	}
	list, thresh, rr := ps.choose(ref.external, req)
	if len(list) == 0 {
		dec.Outcome = Dropped
		return dec
	}
	st := d.pick(ps, list, thresh, rr, req.ClientIP, rng, now)
	if ps.sticky > 0 {
		st.recent[req.ClientIP] = now
	}
	st.active++
	dec.Outcome, dec.Endpoint, dec.state = Forwarded, st.ep, st
	return dec
}

// choose returns the endpoint list (with its iptables thresholds and IPVS
// round-robin position) that this kind of traffic uses.
func (ps *portState) choose(external bool, req Request) ([]*endpointState, []uint32, *int) {
	if !external {
		if ps.sp.InternalPolicyLocal {
			return ps.local, ps.localThresh, &ps.rrInternal
		}
		return ps.cluster, ps.clusterThresh, &ps.rrInternal
	}
	if ps.sp.ExternalPolicyLocal && req.External {
		return ps.local, ps.localThresh, &ps.rrExternal
	}
	// Cluster policy, or Local policy short-circuited for pod and host traffic.
	return ps.cluster, ps.clusterThresh, &ps.rrExternal
}

// Done records that a connection Route forwarded has closed, for the IPVS lc
// scheduler's active-connection count. Other decisions are ignored.
func (d *Dataplane) Done(dec Decision) {
	if dec.state != nil && dec.state.active > 0 {
		dec.state.active--
	}
}

// ActiveConnections returns the open connections Route has counted for the
// endpoint "IP:port" of a Service port.
func (d *Dataplane) ActiveConnections(name ServicePortName, proto corev1.Protocol, endpoint string) int {
	if st := d.endpoints[name.String()+"/"+string(proto)+"/"+endpoint]; st != nil {
		return st.active
	}
	return 0
}
