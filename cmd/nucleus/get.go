package main

import (
	"strings"
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/view"
)

// getOptions are the flags of `nucleus get`, shared by its resource types.
type getOptions struct {
	seed          seedFlag
	at            time.Duration
	output        string
	namespace     string
	allNamespaces bool
}

// newGetCommand returns `nucleus get`, whose subcommands name a resource
// type as kubectl's do: `nucleus get pods` (or pod, po), `get svc`, ...
func newGetCommand(s streams) *cobra.Command {
	o := &getOptions{}
	cmd := &cobra.Command{
		Use:   "get TYPE[,TYPE...] [--seed N] [--at DURATION] [-o wide|json|yaml] [-n NAMESPACE | -A] FILE...",
		Short: "Apply manifests, run quietly, and show resources as kubectl get does",
		Long: "Apply every object at time zero, run quietly to --at, and show one type of\n" +
			"resource as `kubectl get TYPE` does. TYPE is one of: " + strings.Join(view.TypeNames(), ", ") + ";\n" +
			"several, separated by commas (pods,pvc), or all (kubectl's all category), print one table each.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("you must specify the type of resource to get: %s", strings.Join(view.TypeNames(), ", "))
			}
			if strings.Contains(args[0], ",") || args[0] == "all" { // a single name is a subcommand
				rs, unknown := view.TypesNamed(args[0])
				if unknown != "" {
					return unknownType(cmd, unknown, strings.Join(view.TypeNames(), ", "))
				}
				if err := requireFiles(cmd, args[1:]); err != nil {
					return err
				}
				return o.getMany(s, rs, args[1:])
			}
			return unknownType(cmd, args[0], strings.Join(view.TypeNames(), ", "))
		},
	}
	f := cmd.PersistentFlags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVarP(&o.output, "output", "o", "", "output format: wide, json or yaml (default: table)")
	f.StringVarP(&o.namespace, "namespace", "n", corev1.NamespaceDefault, "namespace whose resources to show")
	f.BoolVarP(&o.allNamespaces, "all-namespaces", "A", false, "show the resources of every namespace")
	for _, r := range view.Types() {
		cmd.AddCommand(newGetResourceCommand(s, o, r))
	}
	return cmd
}

// newGetResourceCommand returns `nucleus get <r.Name>`.
func newGetResourceCommand(s streams, o *getOptions, r view.Type) *cobra.Command {
	return &cobra.Command{
		Use:     r.Name + " FILE...",
		Aliases: r.Aliases,
		Short:   "Show the " + r.Name + " at --at as `kubectl get " + r.Name + "` does",
		Example: "  nucleus get " + r.Name + " --at 10s pod.yaml\n  nucleus get " + r.Name + " -o json pod.yaml",
		Args:    requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.get(s, r, files)
		},
	}
}

// get carries out `nucleus get <r>` for files: apply, run to --at without
// narration, print the objects of type r in the namespace (or all of them).
func (o *getOptions) get(s streams, r view.Type, files []string) error {
	return o.getMany(s, []view.Type{r}, files)
}
