package main

import (
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
)

// getOptions are the flags of `nucleus get`, shared by its resource types.
type getOptions struct {
	seed      uint64
	at        time.Duration
	output    string
	namespace string
}

// newGetCommand returns `nucleus get`, whose subcommands name a resource
// type as kubectl's do: `nucleus get pods` (or pod, po).
func newGetCommand(s streams) *cobra.Command {
	o := &getOptions{}
	cmd := &cobra.Command{
		Use:   "get TYPE [--seed N] [--at DURATION] [-o wide|json|yaml] FILE...",
		Short: "Apply manifests, run quietly, and show resources as kubectl get does",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("you must specify the type of resource to get: pods")
			}
			return usagef("the server doesn't have a resource type %q", args[0])
		},
	}
	f := cmd.PersistentFlags()
	f.Uint64Var(&o.seed, "seed", 1, "seed of the simulation's randomness; the same seed gives the same run")
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVarP(&o.output, "output", "o", "", "output format: wide, json or yaml (default: table)")
	f.StringVarP(&o.namespace, "namespace", "n", corev1.NamespaceDefault, "namespace whose resources to show")
	cmd.AddCommand(newGetPodsCommand(s, o))
	return cmd
}

// newGetPodsCommand returns `nucleus get pods`.
func newGetPodsCommand(s streams, o *getOptions) *cobra.Command {
	return &cobra.Command{
		Use:     "pods FILE...",
		Aliases: []string{"pod", "po"},
		Short:   "Show the pods at --at as `kubectl get pods` does",
		Example: "  nucleus get pods --at 10s busybox.yaml\n  nucleus get pods -o json busybox.yaml",
		Args:    requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.pods(s, files)
		},
	}
}

// pods carries out `nucleus get pods` for files: apply, run to --at without
// narration, print the pods of the namespace.
func (o *getOptions) pods(s streams, files []string) error {
	if err := checkDuration("at", o.at); err != nil {
		return err
	}
	if err := checkOutput(o.output); err != nil {
		return err
	}
	docs, err := readManifests(files, s.in, s.errOut)
	if err != nil {
		return err
	}
	c, err := startCluster(o.seed, docs, nil)
	if err != nil {
		return err
	}
	c.RunFor(o.at)
	var pods []*corev1.Pod
	for _, p := range c.Pods() {
		if p.Namespace == o.namespace {
			pods = append(pods, p)
		}
	}
	return printPods(s, pods, c.Now(), o.output, o.namespace)
}
