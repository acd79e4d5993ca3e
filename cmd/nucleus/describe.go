package main

import (
	"io"
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"
)

// describeOptions are the flags of `nucleus describe`, shared by its types.
type describeOptions struct {
	seed      seedFlag
	at        time.Duration
	namespace string
}

// describable is one type `nucleus describe` knows, under kubectl's names.
type describable struct {
	// name is the singular kubectl's usage shows ("pod"); aliases are the
	// plural and short names ("pods", "po").
	name    string
	aliases []string
	// describe writes the object called name in namespace ns. For a
	// missing object it returns the API server's NotFound error, whose text
	// is kubectl's: `pods "web" not found`, `deployments.apps "web" not found`.
	describe func(w *world, out io.Writer, ns, name string) error
}

// newDescribeCommand returns `nucleus describe`, whose subcommands name a
// type as kubectl's do: `nucleus describe pod web FILE...`.
func newDescribeCommand(s streams) *cobra.Command {
	o := &describeOptions{}
	cmd := &cobra.Command{
		Use:   "describe TYPE NAME [--seed N] [--at DURATION] [-n NAMESPACE] FILE...",
		Short: "Apply manifests, run quietly, and describe one object as kubectl describe does",
		Args:  cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("you must specify the type of resource to describe: %s", describableNames())
			}
			return unknownType(cmd, args[0], describableNames())
		},
	}
	f := cmd.PersistentFlags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVarP(&o.namespace, "namespace", "n", corev1.NamespaceDefault, "namespace of the object")
	for _, d := range describables() {
		cmd.AddCommand(newDescribeTypeCommand(s, o, d))
	}
	return cmd
}

// describableNames returns the types `describe` knows, comma-separated.
func describableNames() string {
	names := ""
	for i, d := range describables() {
		if i > 0 {
			names += ", "
		}
		names += d.name
	}
	return names
}

// newDescribeTypeCommand returns `nucleus describe <d.name>`.
func newDescribeTypeCommand(s streams, o *describeOptions, d describable) *cobra.Command {
	return &cobra.Command{
		Use:     d.name + " NAME FILE...",
		Aliases: d.aliases,
		Short:   "Describe one " + d.name + " at --at as `kubectl describe " + d.name + "` does",
		Example: "  nucleus describe " + d.name + " web --at 2m web.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("you must specify the name of the %s to describe", d.name)
			}
			return requireFiles(cmd, args[1:])
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return o.describe(s, d, args[0], args[1:])
		},
	}
}

// describe carries out `nucleus describe <d> name` for files: apply, run to
// --at, and write what kubectl describe prints, with the object's Events
// from the logbook. A missing object is kubectl's NotFound error, a failure.
func (o *describeOptions) describe(s streams, d describable, name string, files []string) error {
	w, err := simulate(s, files, o.at, "at", o.seed.adjust)
	if err != nil {
		return err
	}
	if err := d.describe(w, s.out, o.namespace, name); err != nil {
		return fail(err)
	}
	return nil
}
