package main

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/view"
)

// defaultScenarioDir is the folder `nucleus scenarios` lists when given
// none: the example scenarios at the top of the repository.
const defaultScenarioDir = "scenarios"

// newScenariosCommand returns `nucleus scenarios`: the example scenarios
// of a folder, with what each teaches.
func newScenariosCommand(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "scenarios [DIR]",
		Short: "List the scenarios in a folder and what each teaches",
		Long: "List every scenario file (*.yaml, *.yml) in DIR (default: ./scenarios),\n" +
			"and every file in its subfolders that holds a Scenario document, with its\n" +
			"name and what it teaches (its nucleus.dev/teaches\n" +
			"annotation, or the first paragraph of its opening comment). A file that\n" +
			"does not load is an error naming its line and field.",
		Example: "  nucleus scenarios\n  nucleus scenarios ../course/week1",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			dir := defaultScenarioDir
			if len(args) == 1 {
				dir = args[0]
			} else if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
				return usagef("no DIR given, and there is no ./%s folder here", defaultScenarioDir)
			}
			return listScenarios(s, dir)
		},
	}
}

// listScenarios writes the scenarios of dir as a table: NAME, FILE and
// TEACHES. A missing folder or a file that does not load is a failure.
func listScenarios(s streams, dir string) error {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return fail(fmt.Errorf("the path %q is not a folder", dir))
	}
	list, err := scenario.List(dir)
	if err != nil {
		return fail(err)
	}
	if len(list) == 0 {
		_, err := fmt.Fprintf(s.errOut, "No scenarios found in %s\n", dir)
		return failIf(err)
	}
	tw := tabwriter.NewWriter(s.out, 6, 4, view.TablePadding, ' ', 0)
	fmt.Fprintln(tw, "NAME\tFILE\tTEACHES")
	for _, sum := range list {
		teaches := cmp.Or(sum.Teaches, sum.About)
		fmt.Fprintf(tw, "%s\t%s\t%s\n", sum.Name, sum.File, strings.ReplaceAll(teaches, "\t", " "))
	}
	return failIf(tw.Flush())
}

// failIf returns err as a failure, or nil.
func failIf(err error) error {
	if err != nil {
		return fail(err)
	}
	return nil
}
