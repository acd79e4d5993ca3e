package main

import (
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server"
	"github.com/nodenucleus/nucleus/sim"
)

// runOptions are the flags of `nucleus run`.
type runOptions struct {
	seed     seedFlag
	duration time.Duration
	voice    string
	pace     string
	progress bool
	width    int
	uids     bool
	// forSet says --for was given; otherwise the run lasts the scenario's
	// spec.duration.
	forSet bool
}

// newRunCommand returns `nucleus run`: run the files' scenario (or apply
// plain manifests to a fresh cluster), narrate what happens, then show the
// pods and the checks.
func newRunCommand(s streams) *cobra.Command {
	o := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [--seed N] [--for DURATION] [--voice store|kubernetes|both] [--pace 10x] [--progress] [--width N] [--uids] FILE...",
		Short: "Run a scenario or manifests in a simulated cluster and narrate what happens",
		Long: "Read every FILE in order (- reads standard input), apply every object at\n" +
			"time zero, do a Scenario's timed actions, narrate each event for --for of\n" +
			"virtual time (default: the scenario's spec.duration, or 5m), then print the\n" +
			"pods the way `kubectl get pods` does and, for a scenario with expectations,\n" +
			"the check report. --pace 10x plays the narration at ten times real speed;\n" +
			"--progress shows how far a long run has got on standard error (shown\n" +
			"anyway when standard error is a terminal and the run is not paced).\n" +
			"--width 80 wraps the narration for a projector; --uids keeps the pod UIDs\n" +
			"some Kubernetes messages carry.",
		Example: "  nucleus run busybox.yaml\n  nucleus run --voice store --for 2m pod.yaml service.yaml\n" +
			"  nucleus run --pace 10x scenarios/crash-loop.yaml",
		Args: requireFiles,
		RunE: func(cmd *cobra.Command, files []string) error {
			o.forSet = cmd.Flags().Changed("for")
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.duration, "for", 5*time.Minute, "how much virtual time to simulate (at most 24h; default: the scenario's spec.duration, or 5m)")
	f.StringVar(&o.voice, "voice", narrate.Both.String(), "narration voice: store, kubernetes or both")
	f.StringVar(&o.pace, "pace", "", "play the narration at this speed, e.g. 10x (ten times real time); default: as fast as possible")
	f.IntVar(&o.width, "width", 0, "wrap the narration at this many characters, for a projector (default: no wrapping)")
	f.BoolVar(&o.uids, "uids", false, "keep the pod UIDs that some Kubernetes messages carry (left out by default)")
	f.BoolVar(&o.progress, "progress", false, "write a progress line to standard error every 2s of wall time (not with --pace)")
	return cmd
}

// run carries out `nucleus run` for files.
func (o *runOptions) run(s streams, files []string) error {
	if err := checkDuration("for", o.duration); err != nil {
		return err
	}
	voice, err := narrate.ParseVoice(o.voice)
	if err != nil {
		return usagef("invalid argument %q for \"--voice\" flag: %v", o.voice, err)
	}
	speed := 0.0
	if o.pace != "" {
		if speed, err = server.ParsePace(o.pace); err != nil {
			return usagef("invalid argument %q for \"--pace\" flag: %v", o.pace, err)
		}
	}
	sc, err := loadScenario(files, s.in, s.errOut)
	if err != nil {
		return err
	}
	end, err := forOrDuration(sc, o.forSet, o.duration)
	if err != nil {
		return err
	}
	if o.width != 0 && o.width < 40 {
		return usagef("--width %d: want 40 characters or more (0 for no wrapping)", o.width)
	}
	narrator := narrate.New(s.out, voice)
	narrator.SetOptions(narrate.Options{Width: o.width, UIDs: o.uids})
	r, err := play(o.seed.withSeed(sc), playOptions{end: end, checks: true}, o.observers(s, narrator, speed, end)...)
	if err != nil {
		return err
	}
	if err := narrator.Err(); err != nil {
		return fail(fmt.Errorf("writing the narration: %w", err))
	}
	if _, err := fmt.Fprintf(s.out, "\nAt %s:\n", r.Cluster.Now()); err != nil {
		return fail(err)
	}
	if err := printPods(s, r.Cluster.Pods(), r.Cluster.Now(), outputTable, ""); err != nil {
		return err
	}
	if len(r.Traffic) > 0 {
		if _, err := fmt.Fprintln(s.out, "\nCustomers:"); err != nil {
			return fail(err)
		}
		if err := writeCustomersTable(s.out, r.Traffic); err != nil {
			return fail(err)
		}
	}
	return writeChecks(s, sc, r, end)
}

// observers returns what watches the run: the narrator, behind a pacer at
// speed (0: no pacing), and, for an unpaced run with --progress or on a
// terminal, a progress line on standard error.
func (o *runOptions) observers(s streams, narrator *narrate.Narrator, speed float64, end time.Duration) []sim.Observer {
	if speed > 0 {
		return []sim.Observer{&pacer{next: narrator, speed: speed, sleep: s.clock.Sleep}}
	}
	out := []sim.Observer{narrator}
	if o.progress || s.errTerminal {
		out = append(out, newProgress(s.errOut, s.clock, sim.Time(end)))
	}
	return out
}

// writeChecks writes, after a run to end, the check report of a scenario
// with expectations (or with actions that failed), and how many
// expectations fell after end and were not checked. A write error is a
// failure.
func writeChecks(s streams, sc *scenario.Scenario, r *scenario.Result, end time.Duration) error {
	if len(sc.Spec.Expect) == 0 && len(r.Errors) == 0 {
		return nil
	}
	var b bytes.Buffer
	b.WriteString("\nChecks:\n")
	r.Report(&b)
	if late := len(sc.Spec.Expect) - len(sc.ExpectedBy(end)); late > 0 {
		fmt.Fprintf(&b, "%d not checked: due after %s\n", late, sim.Time(end))
	}
	if _, err := s.out.Write(b.Bytes()); err != nil {
		return fail(err)
	}
	return nil
}
