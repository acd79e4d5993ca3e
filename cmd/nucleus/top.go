package main

import (
	"io"
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/metrics"
)

// describeHPA writes `kubectl describe hpa`: the autoscaler and the Events
// about it.
func describeHPA(w *world, out io.Writer, ns, name string) error {
	h, err := w.c.API().HPAs.Get(ns, name)
	if err != nil {
		return err
	}
	return kubectl.DescribeHPA(out, h, w.log.For("HorizontalPodAutoscaler", ns, name), w.now())
}

// topOptions are the flags of `nucleus top`.
type topOptions struct {
	seed      seedFlag
	at        time.Duration
	namespace string
}

// newTopCommand returns `nucleus top pods|nodes`: the metrics-server's
// latest CPU and memory figures, as `kubectl top` prints them.
func newTopCommand(s streams) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "top pods|nodes [--seed N] [--at DURATION] [-n NAMESPACE] FILE...",
		Short: "Apply manifests, run quietly, and print CPU and memory use as kubectl top does",
		Long: "Apply every object at time zero, run quietly to --at, and print the\n" +
			"metrics-server's latest figures (it scrapes every store every 15s; a pod\n" +
			"appears once it has been scraped twice), as `kubectl top pods` or\n" +
			"`kubectl top nodes` prints them.",
		Example: "  nucleus top pods --at 5m php-apache.yaml\n  nucleus top nodes php-apache.yaml",
		Args: func(_ *cobra.Command, _ []string) error {
			return usagef("expected pods or nodes, and one or more manifest files")
		},
		RunE: func(*cobra.Command, []string) error { return nil },
	}
	cmd.AddCommand(newTopKindCommand(s, "pods", []string{"pod", "po"}), newTopKindCommand(s, "nodes", []string{"node", "no"}))
	return cmd
}

// newTopKindCommand returns `nucleus top pods` or `nucleus top nodes`.
func newTopKindCommand(s streams, kind string, aliases []string) *cobra.Command {
	o := &topOptions{}
	cmd := &cobra.Command{
		Use:     kind + " [--seed N] [--at DURATION] [-n NAMESPACE] FILE...",
		Aliases: aliases,
		Short:   "Print the " + kind + "' CPU and memory use as kubectl top " + kind + " does",
		Args: func(cmd *cobra.Command, args []string) error {
			return requireFiles(cmd, args)
		},
		RunE: func(_ *cobra.Command, args []string) error {
			w, err := simulate(s, args, o.at, "at", o.seed.adjust)
			if err != nil {
				return err
			}
			m := w.c.Metrics()
			if kind == "nodes" {
				return kubectl.PrintTopNodes(s.out, w.c.API().Nodes.List(), m)
			}
			var pods []metrics.PodMetrics
			for _, pm := range m.AllPodMetrics() {
				if pm.Namespace == o.namespace {
					pods = append(pods, pm)
				}
			}
			return kubectl.PrintTopPods(s.out, pods)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVarP(&o.namespace, "namespace", "n", corev1.NamespaceDefault, "namespace of the pods")
	return cmd
}
