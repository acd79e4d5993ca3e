package main

import (
	"bufio"
	"bytes"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/server"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/view"
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
	// narration is --narration: auto, all or summary.
	narration string
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
		Use:   "run [--seed N] [--for DURATION] [--voice store|kubernetes|both] [--narration auto|all|summary] [--pace 10x] [--progress] [--width N] [--uids] FILE...",
		Short: "Run a scenario or manifests in a simulated cluster and narrate what happens",
		Long: "Read every FILE in order (- reads standard input), apply every object at\n" +
			"time zero, do a Scenario's timed actions, narrate each event for --for of\n" +
			"virtual time (default: the scenario's spec.duration, or 5m), then print the\n" +
			"pods the way `kubectl get pods` does and, for a scenario with expectations,\n" +
			"the check report. A large run (more than 100 stores or 1,000 pods) is told\n" +
			"in summary: the chain's totals each time another tenth of its pods is\n" +
			"Running, then the Deployments instead of every pod; --narration all tells\n" +
			"every event of any run, --narration summary sums up any run.\n" +
			"--pace 10x plays the narration at ten times real speed;\n" +
			"--progress shows how far a long run has got on standard error (shown\n" +
			"anyway when standard error is a terminal and the run is not paced).\n" +
			"--width 80 wraps the narration for a projector; --uids keeps the pod UIDs\n" +
			"some Kubernetes messages carry.",
		Example: "  nucleus run busybox.yaml\n  nucleus run --voice store --for 2m pod.yaml service.yaml\n" +
			"  nucleus run --pace 10x scenarios/crash-loop.yaml\n  nucleus run scenarios/scale/largest-cluster.yaml",
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
	f.StringVar(&o.narration, "narration", narrationAuto,
		"all (every event), summary (the chain's totals at each tenth of the pods Running) or auto (summary above 100 stores or 1,000 pods)")
	f.StringVar(&o.pace, "pace", "", "play the narration at this speed, e.g. 10x (ten times real time); default: as fast as possible")
	f.IntVar(&o.width, "width", 0, "wrap the narration at this many characters, for a projector (default: no wrapping)")
	f.BoolVar(&o.uids, "uids", false, "keep the pod UIDs that some Kubernetes messages carry (left out by default)")
	f.BoolVar(&o.progress, "progress", false, "write a progress line to standard error every 2s of wall time (not with --pace)")
	return cmd
}

// The values of --narration, and the size above which auto sums up.
const (
	narrationAuto    = "auto"
	narrationAll     = "all"
	narrationSummary = "summary"
	summaryStores    = 100
	summaryPods      = 1000
)

// run carries out `nucleus run` for files. Unless paced, standard output
// is buffered, and flushed when the run ends, however it ends.
func (o *runOptions) run(s streams, files []string) (err error) {
	if err := checkDuration("for", o.duration); err != nil {
		return err
	}
	voice, err := narrate.ParseVoice(o.voice)
	if err != nil {
		return usagef("invalid argument %q for \"--voice\" flag: %v", o.voice, err)
	}
	if o.narration != narrationAuto && o.narration != narrationAll && o.narration != narrationSummary {
		return usagef("invalid argument %q for \"--narration\" flag: want auto, all or summary", o.narration)
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
	var buffered *bufio.Writer
	if speed == 0 {
		buffered = bufio.NewWriterSize(s.out, 64<<10)
		s.out = buffered
		defer func() {
			if ferr := buffered.Flush(); ferr != nil && err == nil {
				err = fail(ferr)
			}
		}()
	}
	narrator := narrate.New(s.out, voice)
	narrator.SetOptions(narrate.Options{Width: o.width, UIDs: o.uids})
	var summary *narrate.Summary
	if o.summarize(sc) {
		summary = narrate.NewSummary(narrator, sc.Spec.StoreCount(), sc.Pods())
	}
	r, err := play(o.seed.withSeed(sc), playOptions{end: end, checks: true}, o.observers(s, narrator, summary, speed, end)...)
	if err != nil {
		return err
	}
	if summary != nil {
		summary.Finish(r.Cluster.Now())
	}
	werr := narrator.Err()
	if werr == nil && buffered != nil {
		werr = buffered.Flush() // the narration's last lines, so that an error is the narration's
	}
	if werr != nil {
		return fail(fmt.Errorf("writing the narration: %w", werr))
	}
	if err := printEnd(s, r, summary != nil); err != nil {
		return err
	}
	return writeChecks(s, sc, r, end)
}

// summarize reports whether the run of sc is told in summary: asked for
// with --narration summary, or, by default, for a chain of more than
// summaryStores stores or a run that asks for more than summaryPods pods,
// where one line per event would be hundreds of thousands of lines.
func (o *runOptions) summarize(sc *scenario.Scenario) bool {
	switch o.narration {
	case narrationAll:
		return false
	case narrationSummary:
		return true
	}
	return sc.Spec.StoreCount() > summaryStores || sc.Pods() > summaryPods
}

// printEnd writes the chain at the end of the run, under "At T:": its
// pods as `kubectl get pods` shows them, or, for a run told in summary,
// its Deployments as `kubectl get deployments -A` shows them (the pods
// only when there are no Deployments); then the customers, if any came.
func printEnd(s streams, r *scenario.Result, summary bool) error {
	now := r.Cluster.Now()
	if _, err := fmt.Fprintf(s.out, "\nAt %s:\n", now); err != nil {
		return fail(err)
	}
	var err error
	if ds := r.Cluster.API().Deployments.List(); summary && len(ds) > 0 {
		err = printShown(s, view.ShowDeployments(ds, now.Wall()), outputTable, view.Scope{All: true})
	} else {
		err = printPods(s, r.Cluster.Pods(), now, outputTable, "")
	}
	if err != nil || len(r.Traffic) == 0 {
		return err
	}
	if _, err := fmt.Fprintln(s.out, "\nCustomers:"); err != nil {
		return fail(err)
	}
	if err := writeCustomersTable(s.out, r.Traffic); err != nil {
		return fail(err)
	}
	return nil
}

// observers returns what watches the run: the narrator (or, for a run told
// in summary, the summary), behind a pacer at speed (0: no pacing), and,
// for an unpaced run with --progress or on a terminal, a progress line on
// standard error.
func (o *runOptions) observers(s streams, narrator *narrate.Narrator, summary *narrate.Summary, speed float64, end time.Duration) []sim.Observer {
	var tell sim.Observer = narrator
	if summary != nil {
		tell = summary
	}
	if speed > 0 {
		return []sim.Observer{&pacer{next: tell, speed: speed, sleep: s.clock.Sleep}}
	}
	out := []sim.Observer{tell}
	if o.progress || s.errTerminal {
		p := newProgress(s.errOut, s.clock, sim.Time(end))
		if summary != nil {
			p.detail = func() string { return runningDetail(summary.Totals()) }
		}
		out = append(out, p)
	}
	return out
}

// runningDetail returns what the progress line of a run told in summary
// adds: "15000 of 150000 pods Running, 90000 scheduled".
func runningDetail(t narrate.Totals) string {
	of := ""
	if t.Wanted > 0 {
		of = fmt.Sprintf(" of %d", t.Wanted)
	}
	return fmt.Sprintf("%d%s pods Running, %d scheduled", t.Running, of, t.Scheduled)
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
