package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes of the nucleus command, as kubectl uses them, with usage errors
// kept apart so a script can tell a typo on the command line from a bad
// manifest.
const (
	// exitOK means the command did what it was asked.
	exitOK = 0
	// exitFailure means the input could not be read, decoded or applied.
	exitFailure = 1
	// exitUsage means the command line itself is wrong: an unknown command
	// or flag, a bad flag value, a missing FILE.
	exitUsage = 2
)

// usageError is a mistake on the command line. The command prints it with a
// hint pointing at --help and exits with exitUsage.
type usageError struct{ msg string }

// Error returns the message without the "error: " prefix.
func (e *usageError) Error() string { return e.msg }

// usagef returns a usageError with a formatted message.
func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// flagError turns a flag parsing error from cobra (an unknown flag, a value
// that does not parse) into a usage error.
func flagError(_ *cobra.Command, err error) error {
	return &usageError{msg: err.Error()}
}

// failure is an error met while doing the work: a file that cannot be read,
// a manifest that does not decode, an object the API server refuses, output
// that cannot be written. The command exits with exitFailure.
type failure struct{ err error }

// Error returns the wrapped error's message.
func (f *failure) Error() string { return f.err.Error() }

// Unwrap returns the wrapped error.
func (f *failure) Unwrap() error { return f.err }

// fail marks err as a failure of the work rather than of the command line.
func fail(err error) error { return &failure{err: err} }

// report prints err the way kubectl does and returns the exit code:
// "error: <one line>" for a failure, plus a hint line naming cmd's --help
// for anything else. Every error that is not a failure (cobra's own unknown
// command or flag, a usageError) is a usage error.
func report(stderr io.Writer, cmd *cobra.Command, err error) int {
	fmt.Fprintf(stderr, "error: %s\n", oneLine(err.Error()))
	var f *failure
	if errors.As(err, &f) {
		return exitFailure
	}
	path := "nucleus"
	if cmd != nil {
		path = cmd.CommandPath()
	}
	fmt.Fprintf(stderr, "See '%s --help' for usage.\n", path)
	return exitUsage
}

// oneLine folds a message onto a single line, so that every error is exactly
// one line of output whatever produced it.
func oneLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, " ")
}
