package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/picture"
)

// pictureOptions are the flags of `nucleus picture`.
type pictureOptions struct {
	seed   seedFlag
	at     time.Duration
	output string
}

// newPictureCommand returns `nucleus picture`: the chain at one instant,
// drawn as the storefront analogy.
func newPictureCommand(s streams) *cobra.Command {
	o := &pictureOptions{}
	cmd := &cobra.Command{
		Use:   "picture [--at DURATION] [--seed N] -o FILE.svg FILE...",
		Short: "Draw the chain at one instant as a store: head office, managers, desks, employees",
		Long: "Apply every object at time zero, run quietly to --at, and draw the chain as\n" +
			"the storefront analogy, labelled in both vocabularies: head office (the\n" +
			"control plane) above, each store (node) below with its manager (kubelet),\n" +
			"service desk (kube-proxy), training department (container runtime), and\n" +
			"its employees (pods) coloured by how they are doing. -o - writes the SVG\n" +
			"to standard output.",
		Example: "  nucleus picture --at 30s -o store.svg scenarios/readiness-desk.yaml",
		Args:    requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.at, "at", time.Minute, "virtual time at which to draw (at most 24h)")
	f.StringVarP(&o.output, "output", "o", "", "the .svg file to write, or - for standard output (required)")
	return cmd
}

// run carries out `nucleus picture` for files.
func (o *pictureOptions) run(s streams, files []string) error {
	if o.output == "" {
		return usagef("-o FILE.svg is required: the picture is an SVG file (- for standard output)")
	}
	if o.output != stdinName && filepath.Ext(o.output) != ".svg" {
		return usagef("-o %s: the picture is an SVG: want a .svg file, or - for standard output", o.output)
	}
	w, err := simulate(s, files, o.at, "at", o.seed.adjust)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := picture.Take(w.c, w.sc.Name).WriteSVG(&b); err != nil {
		return fail(err)
	}
	if o.output == stdinName {
		_, err = s.out.Write(b.Bytes())
		return failIf(err)
	}
	if err := os.WriteFile(o.output, b.Bytes(), 0o644); err != nil {
		return fail(fmt.Errorf("writing the picture: %w", err))
	}
	return nil
}
