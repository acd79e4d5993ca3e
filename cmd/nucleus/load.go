package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
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

// readManifests reads and decodes every file in order ("-" reads in), and
// returns the documents in file order. Each decoding warning is printed to
// warn as one "warning: ..." line. The error, a failure, names the file.
func readManifests(files []string, in io.Reader, warn io.Writer) ([]manifest.Document, error) {
	dec := manifest.NewDecoder()
	var docs []manifest.Document
	for _, name := range files {
		data, err := readFile(name, in)
		if err != nil {
			return nil, fail(err)
		}
		label := name
		if name == stdinName {
			label = stdinLabel
		}
		got, warnings, err := dec.Decode(label, data)
		if err != nil {
			return nil, fail(err)
		}
		for _, w := range warnings {
			fmt.Fprintf(warn, "warning: %s\n", w)
		}
		docs = append(docs, got...)
	}
	return docs, nil
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

// startCluster builds a one-store chain with the seed, lets subscribe attach
// observers before anything happens, and applies every document in order at
// time zero. The error, a failure, names the file and line of the refused
// object.
func startCluster(seed uint64, docs []manifest.Document, subscribe func(*cluster.Cluster)) (*cluster.Cluster, error) {
	return startClusterWith(cluster.Config{Seed: seed}, docs, subscribe)
}

// startClusterWith is startCluster for a chain described by cfg (its seed,
// its kube-proxy mode) instead of the default one.
func startClusterWith(cfg cluster.Config, docs []manifest.Document, subscribe func(*cluster.Cluster)) (*cluster.Cluster, error) {
	c, err := cluster.New(cfg)
	if err != nil {
		return nil, fail(err)
	}
	if subscribe != nil {
		subscribe(c)
	}
	for _, d := range docs {
		if err := c.Apply(d.Object); err != nil {
			return nil, fail(fmt.Errorf("%s: %w", docPlace(d), err))
		}
	}
	return c, nil
}

// docPlace returns where a document starts, "FILE:LINE", or just the file
// when the line is not known.
func docPlace(d manifest.Document) string {
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d", d.File, d.Line)
	}
	return d.File
}
