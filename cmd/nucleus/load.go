package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"
)

// maxVirtualTime is the longest stretch of virtual time one command may
// simulate. It keeps every run bounded; a day is far more than any lesson
// needs.
const maxVirtualTime = 24 * time.Hour

// stdinName is the FILE argument that means standard input, as in kubectl's
// `-f -`; messages call standard input stdinLabel, as kubectl does.
const (
	stdinName  = "-"
	stdinLabel = "STDIN"
)

// requireFiles is a cobra argument check: at least one FILE.
func requireFiles(_ *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usagef("must specify one or more manifest files (FILE, or %s for standard input)", stdinName)
	}
	return nil
}

// checkDuration returns a usage error when a duration flag is negative or
// longer than maxVirtualTime.
func checkDuration(flag string, d time.Duration) error {
	switch {
	case d < 0:
		return usagef("--%s: must not be negative, got %s", flag, d)
	case d > maxVirtualTime:
		return usagef("--%s: at most 24h, got %s", flag, d)
	}
	return nil
}

// readFile returns the contents of the file called name, or of in when name
// is "-". A missing file is reported in kubectl's words.
func readFile(name string, in io.Reader) ([]byte, error) {
	if name == stdinName {
		data, err := io.ReadAll(in)
		if err != nil {
			return nil, fmt.Errorf("reading standard input: %w", err)
		}
		return data, nil
	}
	data, err := os.ReadFile(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("the path %q does not exist", name)
	case err != nil:
		return nil, fmt.Errorf("the path %q cannot be read: %w", name, err)
	}
	return data, nil
}
