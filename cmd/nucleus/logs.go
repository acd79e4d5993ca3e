package main

import (
	"time"

	"github.com/spf13/cobra"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/view"
)

// logsOptions are the flags of `nucleus logs`.
type logsOptions struct {
	seed       seedFlag
	at         time.Duration
	namespace  string
	container  string
	previous   bool
	timestamps bool
	tail       int64
}

// newLogsCommand returns `nucleus logs`: the log lines of one container of
// a pod, as the training department kept them.
func newLogsCommand(s streams) *cobra.Command {
	o := &logsOptions{}
	cmd := &cobra.Command{
		Use:   "logs POD [-c CONTAINER] [--previous] [--timestamps] [--tail N] [--seed N] [--at DURATION] [-n NAMESPACE] FILE...",
		Short: "Apply manifests, run quietly, and print a container's log as kubectl logs does",
		Long: "Apply every object at time zero, run quietly to --at, and print what one\n" +
			"container of POD wrote to standard output and standard error, as\n" +
			"`kubectl logs` does. --previous prints the instance before the current one\n" +
			"(the one that crashed); --timestamps starts each line with its time;\n" +
			"--tail N prints only the last N lines.",
		Example: "  nucleus logs web --at 2m web.yaml\n  nucleus logs crash --previous --timestamps crash.yaml",
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("expected POD, and one or more manifest files")
			}
			return requireFiles(cmd, args[1:])
		},
		RunE: func(_ *cobra.Command, args []string) error {
			return o.logs(s, args[0], args[1:])
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to look (at most 24h)")
	f.StringVarP(&o.namespace, "namespace", "n", corev1.NamespaceDefault, "namespace of the pod")
	f.StringVarP(&o.container, "container", "c", "", "the container whose log to print (needed when the pod has several)")
	f.BoolVarP(&o.previous, "previous", "p", false, "print the log of the previous, terminated instance of the container")
	f.BoolVar(&o.timestamps, "timestamps", false, "start each line with its time (RFC3339 with nanoseconds)")
	f.Int64Var(&o.tail, "tail", -1, "print only the last N lines, as kubectl logs --tail does (a negative N: all)")
	return cmd
}

// logs carries out `nucleus logs name` for files. Errors are failures in
// kubectl's and the kubelet's words.
func (o *logsOptions) logs(s streams, name string, files []string) error {
	w, err := simulate(s, files, o.at, "at", o.seed.adjust)
	if err != nil {
		return err
	}
	err = view.Logs(s.out, w.c, o.namespace, name, view.LogOptions{
		Container: o.container, Previous: o.previous, Timestamps: o.timestamps, Tail: o.tail})
	return failIf(err)
}
