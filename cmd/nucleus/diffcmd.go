package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// diffOptions are the flags of `nucleus diff`.
type diffOptions struct {
	seed     seedFlag
	duration time.Duration
	// forSet says --for was given; otherwise both run as long as the
	// longer of the two scenarios.
	forSet bool
}

// diffContext is how many shared lines of narration `diff` shows before
// the first difference, and diffShown how many lines of each side after.
const (
	diffContext = 3
	diffShown   = 5
)

// newDiffCommand returns `nucleus diff`: two scenarios run side by side,
// and where they part.
func newDiffCommand(s streams) *cobra.Command {
	o := &diffOptions{}
	cmd := &cobra.Command{
		Use:   "diff A.yaml B.yaml [--for DURATION] [--seed N]",
		Short: "Run two scenarios with the same seed and show where they part",
		Long: "Run scenario A and scenario B with the same seed (A's, or --seed) for the\n" +
			"same virtual time (--for, default: the longer spec.duration), and show\n" +
			"where they part: the first instant their narrations differ, as a unified\n" +
			"diff of the Kubernetes narration with a few lines of context; then each\n" +
			"pod's phase, restarts and STATUS at the end, side by side; then each\n" +
			"scenario's check report, if it has expectations.",
		Example: "  nucleus diff crash-loop.yaml crash-loop-fixed.yaml",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 2 {
				return usagef("expected two scenario files, A and B; got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, files []string) error {
			o.forSet = cmd.Flags().Changed("for")
			return o.run(s, files[0], files[1])
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", "seed of both runs (default: A's spec.seed, or 1)")
	f.DurationVar(&o.duration, "for", 5*time.Minute, "how much virtual time to simulate (at most 24h; default: the longer spec.duration)")
	return cmd
}

// side is one of the two runs `diff` compares.
type side struct {
	file   string
	sc     *scenario.Scenario
	result *scenario.Result
	lines  []narrated
}

// narrated is one line of the Kubernetes narration, and its instant.
type narrated struct {
	at   sim.Time
	text string
}

// run carries out `nucleus diff` for files a and b.
func (o *diffOptions) run(s streams, a, b string) error {
	if err := checkDuration("for", o.duration); err != nil {
		return err
	}
	sides := []*side{{file: a}, {file: b}}
	for _, sd := range sides {
		sc, err := loadScenario([]string{sd.file}, s.in, s.errOut)
		if err != nil {
			return err
		}
		sd.sc = sc
	}
	seed := sides[0].sc.Seed()
	if o.seed.set {
		seed = o.seed.value
	}
	end := o.duration
	if !o.forSet {
		end = max(sides[0].sc.Spec.Duration.D(), sides[1].sc.Spec.Duration.D())
	}
	for _, sd := range sides {
		if err := sd.play(seed, end); err != nil {
			return err
		}
	}
	var out bytes.Buffer
	writeNarrationDiff(&out, sides[0], sides[1])
	fmt.Fprintf(&out, "\nAt %s:\n", sim.Time(end))
	if err := writePodsSideBySide(&out, sides[0], sides[1]); err != nil {
		return fail(err)
	}
	for _, sd := range sides {
		if len(sd.sc.Spec.Expect) > 0 || len(sd.result.Errors) > 0 {
			fmt.Fprintf(&out, "\nChecks of %s:\n", sd.file)
			sd.result.Report(&out)
		}
	}
	_, err := s.out.Write(out.Bytes())
	return failIf(err)
}

// play runs the side's scenario with seed to end, keeping its narration
// and its checks.
func (sd *side) play(seed uint64, end time.Duration) error {
	f := seedFlag{value: seed, set: true}
	keep := sim.ObserverFunc(func(r sim.Record) {
		sd.lines = append(sd.lines, narrated{at: r.Time, text: narrate.Technical(r)})
	})
	r, err := play(f.withSeed(sd.sc), playOptions{end: end, checks: true}, keep)
	if err != nil {
		return err
	}
	sd.result = r
	return nil
}
