package main

import (
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/scenario"
)

// proxyRulesOptions are the flags of `nucleus proxy rules`.
type proxyRulesOptions struct {
	seed      seedFlag
	at        time.Duration
	store     string
	mode      string
	scheduler string
	// modeSet and schedulerSet say which of --mode and --scheduler were
	// given: those override the scenario's spec.proxy.
	modeSet, schedulerSet bool
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
		RunE: func(cmd *cobra.Command, files []string) error {
			o.modeSet, o.schedulerSet = cmd.Flags().Changed("mode"), cmd.Flags().Changed("scheduler")
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVar(&o.store, "store", "", "the store (node) whose rules to print")
	f.StringVar(&o.mode, "mode", string(proxy.ModeIPTables), "kube-proxy's --proxy-mode: iptables, nftables or ipvs")
	f.StringVar(&o.scheduler, "scheduler", string(proxy.SchedulerRoundRobin), "the IPVS scheduler in ipvs mode: rr, lc or sh")
	_ = cmd.MarkFlagRequired("store")
	return cmd
}

// run carries out `nucleus proxy rules` for files.
func (o *proxyRulesOptions) run(s streams, files []string) error {
	if err := o.config(nil).Validate(); err != nil {
		return usagef("invalid proxy configuration: %v", err)
	}
	w, err := simulate(s, files, o.at, "at", o.adjust)
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
	if err := writeRules(s.out, rules, o.config(w.sc.Spec.Proxy).Mode); err != nil {
		return fail(err)
	}
	return nil
}

// config returns kube-proxy's configuration: the scenario's spec (nil for
// none) with the flags that were given over it, and the flags' defaults
// where neither says.
func (o *proxyRulesOptions) config(spec *scenario.ProxySpec) proxy.Config {
	cfg := proxy.Config{Mode: proxy.Mode(o.mode), Scheduler: proxy.IPVSScheduler(o.scheduler)}
	if spec == nil {
		return cfg
	}
	if !o.modeSet && spec.Mode != "" {
		cfg.Mode = proxy.Mode(spec.Mode)
	}
	if !o.schedulerSet && spec.Scheduler != "" {
		cfg.Scheduler = proxy.IPVSScheduler(spec.Scheduler)
	}
	return cfg
}

// adjust returns a copy of sc with the seed flag and the proxy
// configuration (config) in its spec.
func (o *proxyRulesOptions) adjust(sc *scenario.Scenario) (*scenario.Scenario, error) {
	cp := *o.seed.withSeed(sc)
	cfg := o.config(sc.Spec.Proxy)
	if err := cfg.Validate(); err != nil {
		return nil, usagef("invalid proxy configuration: %v", err)
	}
	cp.Spec.Proxy = &scenario.ProxySpec{Mode: string(cfg.Mode), Scheduler: string(cfg.Scheduler)}
	return &cp, nil
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
