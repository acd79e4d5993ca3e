package main

import (
	"fmt"
	"io"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// streams are the three standard streams a command reads and writes, and
// the wall clock it may pace itself by. Tests give buffers and a fake
// clock; main gives the process's own.
type streams struct {
	in          io.Reader
	out, errOut io.Writer
	clock       wallClock
	// errTerminal says errOut is a terminal, where a long run shows its
	// progress.
	errTerminal bool
	// crashDir is the folder for the details of an internal error; empty
	// means the system's temporary folder.
	crashDir string
}

// run executes the nucleus command line args (without the program name) and
// returns the process exit code: exitOK, exitFailure for bad input,
// exitUsage for a bad command line, or exitInternal for a bug in nucleus.
// It never panics on any args: a panic is caught here, at the command's
// edge, and reported in one line (see reportInternal).
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	return execute(args, streams{in: stdin, out: stdout, errOut: stderr, clock: systemClock{}, errTerminal: isTerminal(stderr)})
}

// execute is run with the streams and the clock given: tests give a fake
// clock. A panic anywhere below ends as reportInternal's one line and
// exitInternal.
func execute(args []string, s streams) (code int) {
	defer func() {
		if v := recover(); v != nil {
			code = reportInternal(s, args, v, debug.Stack())
		}
	}()
	root := newRootCommand(s)
	args, err := kubectlHabits(args)
	if err != nil {
		return report(s.errOut, root, err)
	}
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err != nil {
		return report(s.errOut, cmd, err)
	}
	return exitOK
}

// newRootCommand returns the `nucleus` command with its subcommands. Cobra's
// own error and usage printing is switched off: run prints errors the way
// kubectl does.
func newRootCommand(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "nucleus",
		Short: "nucleus simulates a Kubernetes node and the cluster around it",
		Long: "nucleus simulates a Kubernetes worker node and the cluster around it, in\n" +
			"virtual time, and tells what happens in Kubernetes terms and as a story\n" +
			"about a store (node = store, kubelet = store manager, pod = employee).\n\n" +
			"Exit codes: 0 done; 1 the input was refused (or check/soak found a\n" +
			"failure); 2 the command line is wrong; 70 an internal error, a bug in\n" +
			"nucleus: one \"error: internal:\" line names the seed and a file with\n" +
			"the details to report.",
		SilenceUsage:               true,
		SilenceErrors:              true,
		DisableSuggestions:         true,
		SuggestionsMinimumDistance: 2,
		Args:                       unknownCommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return cmd.Help()
		},
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetIn(s.in)
	root.SetOut(s.out)
	root.SetErr(s.errOut)
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(newRunCommand(s), newGetCommand(s), newDescribeCommand(s), newLogsCommand(s), newTopCommand(s),
		newEventsCommand(s), newProxyCommand(s), newCheckCommand(s), newTimelineCommand(s), newDiffCommand(s),
		newScenariosCommand(s), newCustomersCommand(s), newSoakCommand(s), newVersionCommand(s), newExportCommand(s),
		newServeCommand(s), newPictureCommand(s), newPlaygroundCommand(s))
	quietDefaults(root)
	return root
}

// unknownCommand refuses any argument given to the root command: it can
// only be the name of a command that does not exist. The error suggests the
// closest command names, on the same line.
func unknownCommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if s := cmd.SuggestionsFor(args[0]); args[0] != "" && len(s) > 0 {
		msg += "; did you mean " + quoteAll(s) + "?"
	}
	return usagef("%s", msg)
}
