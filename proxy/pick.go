package proxy

import (
	"math/rand/v2"
	"net/netip"
	"time"
)

// pick chooses the endpoint for a new connection: first ClientIP affinity,
// then the mode's own choice.
func (d *Dataplane) pick(ps *portState, list []*endpointState, thresh []uint32, rr *int, client string,
	rng *rand.Rand, now time.Duration) *endpointState {
	if ps.sticky > 0 {
		if st := affinityHit(list, client, now, ps.sticky); st != nil {
			return st
		}
	}
	cfg := d.rules.Config
	switch cfg.Mode {
	case ModeNFTables:
		return list[numgenRandom(rng, len(list))]
	case ModeIPVS:
		return pickIPVS(cfg.Scheduler, list, rr, client)
	}
	return list[statisticWalk(rng, thresh, len(list))]
}

// affinityHit returns the first endpoint, in order, whose recent list holds
// client no longer than sticky ago (the "-m recent --rcheck --seconds"
// rules); older entries are reaped as they are checked.
func affinityHit(list []*endpointState, client string, now, sticky time.Duration) *endpointState {
	for _, st := range list {
		last, ok := st.recent[client]
		if !ok {
			continue
		}
		if now-last <= sticky {
			return st
		}
		delete(st.recent, client)
	}
	return nil
}

// statisticWalk walks an iptables KUBE-SVC chain: rule i of n is taken when
// a 31-bit random draw falls below its threshold (probability 1/(n-i)); the
// last rule always matches. It returns the index taken.
func statisticWalk(rng *rand.Rand, thresh []uint32, n int) int {
	for i := 0; i < n-1; i++ {
		if rng.Uint32()&0x7fffffff < thresh[i] {
			return i
		}
	}
	return n - 1
}

// numgenRandom is nftables' "numgen random mod n": a 32-bit random draw
// scaled into [0, n) as the kernel's reciprocal_scale does.
func numgenRandom(rng *rand.Rand, n int) int {
	return int((uint64(rng.Uint32()) * uint64(n)) >> 32)
}

// pickIPVS applies an IPVS scheduler to the real servers in list.
func pickIPVS(s IPVSScheduler, list []*endpointState, rr *int, client string) *endpointState {
	switch s {
	case SchedulerLeastConnection:
		best := list[0]
		for _, st := range list[1:] {
			if st.active < best.active {
				best = st
			}
		}
		return best
	case SchedulerSourceHashing:
		return list[sourceHash(client, len(list))]
	}
	i := *rr % len(list)
	*rr = i + 1
	return list[i]
}

// sourceHash is IPVS sh with every weight 1: a 256-bucket table filled with
// the servers in turn, indexed by the golden-ratio hash of the client IPv4
// address. An unparsable address maps to the first server.
func sourceHash(client string, n int) int {
	a, err := netip.ParseAddr(client)
	if err != nil || !a.Is4() {
		return 0
	}
	b := a.As4()
	v := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	bucket := (v * 0x61C88647) >> (32 - 8)
	return int(bucket) % n
}
