package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/nodenucleus/nucleus/scenario"
)

// exitInternal is the exit code of a failure of nucleus itself: a bug,
// never the user's input. It is sysexits.h's EX_SOFTWARE ("an internal
// software error has been detected"), kept apart from exitFailure and
// exitUsage so that a script, or a teacher, can tell the two apart.
const exitInternal = 70

// reportURL is where a learner reports a bug in nucleus.
const reportURL = "https://github.com/nodenucleus/nucleus/issues"

// simPanic is a panic raised while a scenario ran, carrying the run's
// seed and the stack where it was raised, so that the command's edge can
// name them.
type simPanic struct {
	seed  uint64
	value any
	stack []byte
}

// rethrowWithSeed, deferred around a run of sc, turns a panic into a
// simPanic that names sc's seed, and raises it again for the command's edge
// to report. A simPanic from a nested run passes through unchanged.
func rethrowWithSeed(sc *scenario.Scenario) {
	v := recover()
	if v == nil {
		return
	}
	if _, ok := v.(*simPanic); ok {
		panic(v)
	}
	panic(&simPanic{seed: sc.Seed(), value: v, stack: debug.Stack()})
}

// injectPanic, when a test sets it, is called from inside the simulation
// (as the first record is observed), so that a test can prove a panic in
// simulation code ends as one line and exitInternal. It is nil outside
// tests.
var injectPanic func()

// reportInternal reports a panic caught at the command's edge: the whole
// story (args, seed, value, stack) goes to a new file in dir, and one line
// to s.errOut naming the seed, the file, and where to report it. It
// returns exitInternal.
func reportInternal(s streams, args []string, v any, stack []byte) int {
	seed := "unknown"
	if p, ok := v.(*simPanic); ok {
		seed = fmt.Sprint(p.seed)
		v, stack = p.value, p.stack
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: internal error\n", versionLine(debug.ReadBuildInfo()))
	fmt.Fprintf(&b, "args: %q\nseed: %s\npanic: %v\n\n%s", args, seed, v, stack)
	where := "details could not be written"
	if path, err := writeCrashFile(s.crashDir, b.String()); err == nil {
		where = "details in " + path
	} else {
		where += ": " + err.Error()
	}
	fmt.Fprintf(s.errOut, "error: internal: %s (seed %s); this is a bug in nucleus, not in your input: %s; please report it at %s\n",
		oneLine(fmt.Sprint(v)), seed, where, reportURL)
	return exitInternal
}

// writeCrashFile writes text to a new nucleus-crash-*.txt file in dir (the
// system's temporary folder when dir is empty) and returns its path.
func writeCrashFile(dir, text string) (string, error) {
	if dir == "" {
		dir = os.TempDir()
	}
	f, err := os.CreateTemp(dir, "nucleus-crash-*.txt")
	if err != nil {
		return "", err
	}
	_, werr := f.WriteString(text)
	if err := f.Close(); werr == nil {
		werr = err
	}
	return f.Name(), werr
}
