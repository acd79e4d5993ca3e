package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/proxy"
)

// proxyRulesOptions are the flags of `nucleus proxy rules`.
type proxyRulesOptions struct {
	seed      uint64
	at        time.Duration
	store     string
	mode      string
	scheduler string
}

// newProxyCommand returns `nucleus proxy`, the customer service desk's
// commands: `nucleus proxy rules`.
func newProxyCommand(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "proxy rules --store NAME [--mode iptables|nftables|ipvs] [--scheduler rr|lc|sh] FILE...",
		Short: "Show what kube-proxy (the customer service desk) programmed on a store",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("you must specify what to show: rules")
			}
			return usagef("unknown command %q for \"nucleus proxy\"", args[0])
		},
	}
	cmd.AddCommand(newProxyRulesCommand(s))
	return cmd
}

// newProxyRulesCommand returns `nucleus proxy rules`.
func newProxyRulesCommand(s streams) *cobra.Command {
	o := &proxyRulesOptions{}
	cmd := &cobra.Command{
		Use:   "rules --store NAME [--mode iptables|nftables|ipvs] [--scheduler rr|lc|sh] [--seed N] [--at DURATION] FILE...",
		Short: "Print a store's Service rules as iptables-save, nft or ipvsadm -Ln prints them",
		Long: "Apply every object at time zero, run quietly to --at, and print the rules\n" +
			"the store's kube-proxy programmed at its last sync: in iptables mode as\n" +
			"iptables-restore input, in nftables mode as the nft transaction, in ipvs\n" +
			"mode as `ipvsadm -Ln` lists the virtual servers. --mode and --scheduler\n" +
			"configure every store's kube-proxy for the run.",
		Example: "  nucleus proxy rules --store store-1 web.yaml\n" +
			"  nucleus proxy rules --store store-1 --mode ipvs --scheduler lc web.yaml",
		Args: requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&o.seed, "seed", 1, "seed of the simulation's randomness; the same seed gives the same run")
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVar(&o.store, "store", "", "the store (node) whose rules to print")
	f.StringVar(&o.mode, "mode", string(proxy.ModeIPTables), "kube-proxy's --proxy-mode: iptables, nftables or ipvs")
	f.StringVar(&o.scheduler, "scheduler", string(proxy.SchedulerRoundRobin), "the IPVS scheduler in ipvs mode: rr, lc or sh")
	_ = cmd.MarkFlagRequired("store")
	return cmd
}

// run carries out `nucleus proxy rules` for files.
func (o *proxyRulesOptions) run(s streams, files []string) error {
	cfg := proxy.Config{Mode: proxy.Mode(o.mode), Scheduler: proxy.IPVSScheduler(o.scheduler)}
	if err := cfg.Validate(); err != nil {
		return usagef("invalid proxy configuration: %v", err)
	}
	w, err := simulate(s, files, cluster.Config{Seed: o.seed, Proxy: cfg}, o.at, "at")
	if err != nil {
		return err
	}
	store, ok := w.c.Store(o.store)
	if !ok {
		return fail(fmt.Errorf("nodes %q not found", o.store))
	}
	rules := store.Proxy.Rules()
	if rules == nil {
		return fail(fmt.Errorf("kube-proxy on %s has not synced its rules yet at %s", o.store, w.c.Now()))
	}
	if err := writeRules(s.out, rules, cfg.Mode); err != nil {
		return fail(err)
	}
	return nil
}

// writeRules writes rules in the form the tool of mode prints them.
func writeRules(w io.Writer, rules *proxy.Rules, mode proxy.Mode) error {
	switch mode {
	case proxy.ModeNFTables:
		return rules.WriteNFTables(w)
	case proxy.ModeIPVS:
		return rules.WriteIPVS(w)
	}
	return rules.WriteIPTables(w)
}
