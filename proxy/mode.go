package proxy

import (
	"fmt"
	"math"
	"strconv"
)

// Mode is kube-proxy's --proxy-mode: how the rule book is written into the
// kernel.
type Mode string

// The proxy modes. An empty Mode means iptables, the Linux default.
const (
	ModeIPTables Mode = "iptables"
	ModeNFTables Mode = "nftables"
	ModeIPVS     Mode = "ipvs"
)

// IPVSScheduler is the IPVS scheduling algorithm (--ipvs-scheduler).
type IPVSScheduler string

// The supported IPVS schedulers. An empty scheduler means rr.
const (
	SchedulerRoundRobin      IPVSScheduler = "rr"
	SchedulerLeastConnection IPVSScheduler = "lc"
	SchedulerSourceHashing   IPVSScheduler = "sh"
)

// Config describes one store's kube-proxy.
type Config struct {
	// Mode is the proxy mode; "" means iptables.
	Mode Mode
	// Scheduler is the IPVS scheduler in ipvs mode; "" means rr.
	Scheduler IPVSScheduler
	// NodeName is this store's node name; endpoints with this nodeName are local.
	NodeName string
	// NodeIPs are the store's addresses; NodePorts are reachable on each.
	NodeIPs []string
	// ClusterCIDR is the pod network (e.g. 10.244.0.0/16); when set, traffic to
	// a cluster IP from outside it is masqueraded, as with --cluster-cidr.
	ClusterCIDR string
}

// Validate returns an error naming the field when the mode or scheduler is
// not one nucleus simulates.
func (c Config) Validate() error {
	switch c.Mode {
	case "", ModeIPTables, ModeNFTables, ModeIPVS:
	default:
		return fmt.Errorf("mode: Unsupported value: %q: supported values: %q, %q, %q", c.Mode, ModeIPTables, ModeNFTables, ModeIPVS)
	}
	switch c.Scheduler {
	case "", SchedulerRoundRobin, SchedulerLeastConnection, SchedulerSourceHashing:
	default:
		return fmt.Errorf("scheduler: Unsupported value: %q: supported values: %q, %q, %q", c.Scheduler,
			SchedulerRoundRobin, SchedulerLeastConnection, SchedulerSourceHashing)
	}
	return nil
}

func (c Config) withDefaults() Config {
	if c.Mode == "" {
		c.Mode = ModeIPTables
	}
	if c.Scheduler == "" {
		c.Scheduler = SchedulerRoundRobin
	}
	return c
}

// ComputeProbability returns the probability kube-proxy writes in the i-th
// rule when n endpoints remain: 1/n with ten decimals, e.g. "0.3333333333".
func ComputeProbability(n int) string {
	return fmt.Sprintf("%0.10f", 1.0/float64(n))
}

// statisticThreshold returns the 31-bit threshold the kernel's statistic match
// compares a random number against for probability p, as iptables computes it
// (lround(0x80000000 * p)).
func statisticThreshold(p string) uint32 {
	f, err := strconv.ParseFloat(p, 64)
	if err != nil {
		panic("proxy.statisticThreshold: " + err.Error())
	}
	return uint32(math.Round(float64(1<<31) * f))
}

// thresholds returns, for a chain of n endpoints, the threshold of each rule
// but the last (which always matches).
func thresholds(n int) []uint32 {
	if n <= 1 {
		return nil
	}
	out := make([]uint32, n-1)
	for i := range out {
		out[i] = statisticThreshold(ComputeProbability(n - i))
	}
	return out
}
