package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/timeline"
	"github.com/nodenucleus/nucleus/view"
)

// timelineOptions are the flags of `nucleus timeline`.
type timelineOptions struct {
	seed     seedFlag
	duration time.Duration
	output   string
	width    int
	// forSet says --for was given; otherwise the picture covers the
	// scenario's spec.duration.
	forSet bool
}

// The forms `nucleus timeline` writes, chosen by the -o file's extension.
const (
	timelineSVG     = ".svg"
	timelineMermaid = ".md"
	timelineText    = ".txt"
)

// newTimelineCommand returns `nucleus timeline`: each pod's containers over
// the whole run, as a picture, a Mermaid chart or text.
func newTimelineCommand(s streams) *cobra.Command {
	o := &timelineOptions{}
	cmd := &cobra.Command{
		Use:   "timeline [-o FILE.svg|FILE.md|FILE.txt|-] [--width N] [--for DURATION] [--seed N] FILE...",
		Short: "Run quietly and draw each pod's containers over time",
		Long: "Run the scenario the files make for --for of virtual time (default: its\n" +
			"spec.duration, or 5m) and draw what each container of each pod did:\n" +
			"waiting, running (ready or not), terminated, with restarts, probe\n" +
			"failures and kills. -o names the file to write, in the form its extension\n" +
			"says: .svg a picture for a slide, .md a Mermaid chart for a Markdown page,\n" +
			".txt text; without -o (or with -o -) the text goes to standard output,\n" +
			"--width characters wide.",
		Example: "  nucleus timeline scenarios/crash-loop.yaml\n" +
			"  nucleus timeline -o crash-loop.svg scenarios/crash-loop.yaml",
		Args: requireFiles,
		RunE: func(cmd *cobra.Command, files []string) error {
			o.forSet = cmd.Flags().Changed("for")
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.duration, "for", 5*time.Minute, "how much virtual time to draw (at most 24h; default: the scenario's spec.duration, or 5m)")
	f.StringVarP(&o.output, "output", "o", stdinName, "the file to write: .svg, .md or .txt; - for text on standard output")
	f.IntVar(&o.width, "width", 100, "width of the text version, in characters")
	return cmd
}

// form returns the extension that chooses the form to write, or a usage
// error for one nucleus cannot write.
func (o *timelineOptions) form() (string, error) {
	if o.output == stdinName || o.output == "" {
		return timelineText, nil
	}
	switch ext := filepath.Ext(o.output); ext {
	case timelineSVG, timelineMermaid, timelineText:
		return ext, nil
	default:
		return "", usagef("-o %s: unknown extension %q: want .svg (a picture), .md (a Mermaid chart), .txt or - (text)", o.output, ext)
	}
}

// run carries out `nucleus timeline` for files.
func (o *timelineOptions) run(s streams, files []string) error {
	form, err := o.form()
	if err != nil {
		return err
	}
	if err := checkDuration("for", o.duration); err != nil {
		return err
	}
	sc, err := loadScenario(files, s.in, s.errOut)
	if err != nil {
		return err
	}
	end, err := forOrDuration(sc, o.forSet, o.duration)
	if err != nil {
		return err
	}
	tl, err := recordTimeline(o.seed.withSeed(sc), end)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	switch form {
	case timelineSVG:
		err = tl.WriteSVG(&b)
	case timelineMermaid:
		err = tl.WriteMermaid(&b)
	default:
		if err := tl.WriteText(&b, o.width); err != nil {
			return usagef("--%v", err)
		}
	}
	if err != nil {
		return fail(err)
	}
	if o.output == stdinName || o.output == "" {
		_, err = s.out.Write(b.Bytes())
		return failIf(err)
	}
	if err := os.WriteFile(o.output, b.Bytes(), 0o644); err != nil {
		return fail(fmt.Errorf("writing the timeline: %w", err))
	}
	return nil
}

// recordTimeline runs sc to end with a timeline recorder (view.Timeline)
// and returns what it drew. The error, a failure, names the file and line
// of an object head office refused.
func recordTimeline(sc *scenario.Scenario, end time.Duration) (*timeline.Timeline, error) {
	defer rethrowWithSeed(sc)
	tl, err := view.Timeline(sc, end)
	if err != nil {
		return nil, fail(err)
	}
	return tl, nil
}
