package main

import (
	"os"

	"github.com/nodenucleus/nucleus/internal/gctune"
)

func main() {
	// A large run keeps gigabytes alive: let the collector run less often,
	// under a soft limit, unless the user set GOGC or GOMEMLIMIT.
	gctune.Apply(os.Getenv)
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
