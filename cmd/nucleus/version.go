package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
)

// modulePath is the nucleus module, named in the version line.
const modulePath = "github.com/nodenucleus/nucleus"

// newVersionCommand returns `nucleus version`.
func newVersionCommand(s streams) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of nucleus",
		Args:  cobra.NoArgs,
		RunE: func(*cobra.Command, []string) error {
			if _, err := fmt.Fprintln(s.out, versionLine(debug.ReadBuildInfo())); err != nil {
				return fail(err)
			}
			return nil
		},
	}
}

// versionLine returns "nucleus <module> <version>", the version being the
// one the binary was built from, or "(devel)" for a build from a working
// tree (and when the build information is missing).
func versionLine(info *debug.BuildInfo, ok bool) string {
	version := "(devel)"
	if ok && info.Main.Version != "" {
		version = info.Main.Version
	}
	return fmt.Sprintf("nucleus %s %s", modulePath, version)
}
