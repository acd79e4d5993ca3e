package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/simtest"
)

// defaultSoakStores is the most stores a soaked day has by default: the
// chain of 1 to 20 stores that simtest draws.
const defaultSoakStores = 20

// soakOptions are the flags of `nucleus soak`.
type soakOptions struct {
	seeds     uint64
	from      uint64
	maxStores int
	shard     shard
	out       string
	// invariants are checked after the built-in ones. The command line
	// has no flag for them; tests plant a failure here.
	invariants []simtest.Invariant
}

// newSoakCommand returns `nucleus soak`: live through many random days
// of the chain, checking Kubernetes' invariants after every event, and
// cut each failing day down to a scenario a person can read.
func newSoakCommand(s streams) *cobra.Command {
	o := &soakOptions{}
	cmd := &cobra.Command{
		Use:   "soak [--seeds N] [--from S] [--max-stores K] [--shard I/N] [--out DIR]",
		Short: "Run many random days and check Kubernetes' invariants after every event",
		Long: "Run --seeds random days, from seed --from on: a chain of 1 to --max-stores\n" +
			"stores, work orders, crashes, power cuts, rollouts and customers, with the\n" +
			"invariants that hold in any Kubernetes cluster checked after every event.\n" +
			"A progress line goes to standard error every 2s of wall time. At the end it\n" +
			"prints how many seeds ran, passed and failed, the wall time and the seeds\n" +
			"per minute; then, for each failing seed, the broken invariant and the\n" +
			"smallest scenario that still breaks it (shrinking can take a while), on\n" +
			"standard output or, with --out, in DIR/seed-N.yaml. The exit code is 1\n" +
			"when a seed failed.\n\n" +
			"--shard I/N runs only the I-th of N equal, contiguous parts of the seeds\n" +
			"(0 <= I < N): the N shards together run every seed once, so a large study\n" +
			"can run as a Kubernetes Indexed Job, with I from JOB_COMPLETION_INDEX.",
		Example: "  nucleus soak --seeds 200\n  nucleus soak --seeds 50 --from 1000 --max-stores 3 --out failures\n" +
			"  nucleus soak --seeds 100000 --max-stores 1023 --shard 3/50",
		Args: cobra.NoArgs,
		RunE: func(_ *cobra.Command, _ []string) error {
			return o.run(s)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&o.seeds, "seeds", 100, "how many seeds (random days) to run")
	f.Uint64Var(&o.from, "from", 1, "the first seed")
	f.IntVar(&o.maxStores, "max-stores", defaultSoakStores, fmt.Sprintf("the most stores a day's chain may have, 1 to %d", node.MaxIndex))
	f.Var(&o.shard, "shard", "run only shard I of N of the seeds (0 <= I < N), e.g. 3/50 or $(JOB_COMPLETION_INDEX)/50")
	f.StringVar(&o.out, "out", "", "write each failing seed's shrunk scenario to DIR/seed-N.yaml instead of standard output")
	return cmd
}

// validate returns a usage error naming the flag that is out of bounds.
func (o *soakOptions) validate() error {
	switch {
	case o.seeds == 0:
		return usagef("--seeds: must be at least 1, got 0")
	case o.from > math.MaxUint64-(o.seeds-1):
		return usagef("--from: %d seeds from %d run past the largest seed, %d", o.seeds, o.from, uint64(math.MaxUint64))
	case o.maxStores < 1 || o.maxStores > node.MaxIndex:
		return usagef("--max-stores: must be between 1 and %d (the most stores a chain can have), got %d", node.MaxIndex, o.maxStores)
	case o.shard.set && o.shard.count > o.seeds:
		return usagef("--shard: %d shards of %s: a shard would have no seed; use at most --seeds shards",
			o.shard.count, plural(int(min(o.seeds, math.MaxInt)), "seed"))
	}
	return nil
}

// run carries out `nucleus soak`.
func (o *soakOptions) run(s streams) error {
	if err := o.validate(); err != nil {
		return err
	}
	if o.out != "" {
		if err := os.MkdirAll(o.out, 0o755); err != nil {
			return fail(fmt.Errorf("--out %s: cannot make the folder: %w", o.out, err))
		}
	}
	clock := s.clock
	if clock == nil {
		clock = systemClock{}
	}
	opts := simtest.Options{MaxStores: o.maxStores, Invariants: o.invariants}
	from, n := o.from, o.seeds
	if o.shard.set {
		from, n = o.shard.seeds(o.from, o.seeds)
	}
	rep := simtest.Soak(from, n, opts, s.errOut, clock.Now)
	line := soakSummary(rep)
	if o.shard.set {
		line += fmt.Sprintf("; shard %d/%d of seeds %d to %d", o.shard.index, o.shard.count, o.from, o.from+o.seeds-1)
	}
	if _, err := fmt.Fprintln(s.out, line); err != nil {
		return fail(err)
	}
	for _, r := range rep.Failed {
		if err := o.reportSeed(s, clock, r, opts); err != nil {
			return err
		}
	}
	if n := len(rep.Failed); n > 0 {
		return fail(fmt.Errorf("%d of %s failed", n, plural(int(min(rep.N, math.MaxInt)), "seed")))
	}
	return nil
}

// soakSummary returns the closing line of a soak: "20 seeds run (1 to
// 20): 19 passed, 1 failed, 51234 events, in 41s of wall time (29
// seeds/min)".
func soakSummary(r simtest.SoakReport) string {
	return fmt.Sprintf("%s run (%d to %d): %d passed, %d failed, %d events, in %v of wall time (%.0f seeds/min)",
		plural(int(min(r.N, math.MaxInt)), "seed"), r.From, r.From+r.N-1, r.Passed, len(r.Failed), r.Events,
		r.Wall.Round(time.Millisecond), r.SeedsPerMinute())
}

// reportSeed writes what one failing seed did and the scenario that shows
// it: shrunk while the same invariant breaks, or, for a day that could not
// be run at all, as generated.
func (o *soakOptions) reportSeed(s streams, clock wallClock, r simtest.Report, opts simtest.Options) error {
	day := simtest.Generate(r.Seed, opts)
	what := "as generated"
	var b bytes.Buffer
	if v := r.Violation; v != nil {
		fmt.Fprintf(&b, "\nseed %d: %s broken at %s: %s\n", r.Seed, v.Invariant, v.At, oneLine(v.Message))
		if v.Record.Reason != "" {
			fmt.Fprintf(&b, "  after: %s\n", oneLine(v.Record.String()))
		}
		what = "shrunk"
	} else {
		fmt.Fprintf(&b, "\nseed %d: the day could not be run: %s\n", r.Seed, oneLine(failureOf(r)))
		var pe *simtest.PanicError
		if errors.As(r.Err, &pe) {
			fmt.Fprintf(&b, "  %s\n", panicDetails(s, r.Seed, pe))
		}
	}
	if _, err := s.out.Write(b.Bytes()); err != nil {
		return fail(err)
	}
	if r.Violation != nil {
		day = shrinkDay(s.errOut, clock, r.Seed, day, simtest.SameViolation(r.Violation.Invariant, opts.Invariants...))
	}
	return o.writeDay(s.out, r, day, what)
}

// panicDetails writes the stack of a day that panicked (a bug in nucleus)
// to a crash file, as reportInternal does, and returns a line naming it.
func panicDetails(s streams, seed uint64, pe *simtest.PanicError) string {
	text := fmt.Sprintf("%s: internal error in a soaked day\nseed: %d\npanic: %v\n\n%s",
		versionLine(debug.ReadBuildInfo()), seed, pe.Value, pe.Stack)
	path, err := writeCrashFile(s.crashDir, text)
	if err != nil {
		return "this is a bug in nucleus; its details could not be written: " + err.Error()
	}
	return "this is a bug in nucleus: details in " + path + "; please report it at " + reportURL
}

// failureOf says why a report did not pass, for a day without a
// violation.
func failureOf(r simtest.Report) string {
	if r.Err != nil {
		return r.Err.Error()
	}
	return "no invariant broke"
}

// writeDay writes day as scenario YAML, headed by a comment saying what
// it shows: to w after a "--- seed N (shrunk)" line, or with --out to
// DIR/seed-N.yaml, named on a line of w.
func (o *soakOptions) writeDay(w io.Writer, r simtest.Report, day *scenario.Scenario, what string) error {
	data, err := simtest.Marshal(day)
	if err != nil {
		return fail(fmt.Errorf("seed %d: writing the scenario: %w", r.Seed, err))
	}
	comment := fmt.Sprintf("# nucleus soak --from %d --seeds 1: %s\n", r.Seed, oneLine(failureLine(r)))
	data = append([]byte(comment), data...)
	if o.out == "" {
		_, err := fmt.Fprintf(w, "--- seed %d (%s): run it with nucleus run FILE\n%s", r.Seed, what, data)
		if err != nil {
			return fail(err)
		}
		return nil
	}
	path := filepath.Join(o.out, fmt.Sprintf("seed-%d.yaml", r.Seed))
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fail(fmt.Errorf("--out: writing seed %d: %w", r.Seed, err))
	}
	if _, err := fmt.Fprintf(w, "--- seed %d (%s): wrote %s; run it with nucleus run %s\n", r.Seed, what, path, path); err != nil {
		return fail(err)
	}
	return nil
}

// failureLine returns the violation of r in one line, or why the day
// could not be run.
func failureLine(r simtest.Report) string {
	if v := r.Violation; v != nil {
		return fmt.Sprintf("%s broken at %s: %s", v.Invariant, v.At, v.Message)
	}
	return failureOf(r)
}

// shrinkProgress watches Shrink try smaller days: it counts the runs,
// remembers the smallest day that still fails (Shrink keeps every cut
// that fails), and writes a line about it every progressEvery of wall
// time.
type shrinkProgress struct {
	w        io.Writer
	now      func() time.Time
	next     time.Time
	seed     uint64
	runs     int
	smallest *scenario.Scenario
}

// shrinkDay returns the smallest day Shrink finds for which fails still
// holds, writing to w that shrinking has begun, a progress line every 2s
// of wall time, and what it came to.
func shrinkDay(w io.Writer, clock wallClock, seed uint64, day *scenario.Scenario, fails func(*scenario.Scenario) bool) *scenario.Scenario {
	p := &shrinkProgress{w: w, now: clock.Now, next: clock.Now().Add(progressEvery), seed: seed, smallest: day}
	fmt.Fprintf(w, "shrinking seed %d (%s); this can take a while\n", seed, daySize(day))
	out := simtest.Shrink(day, p.watch(fails))
	fmt.Fprintf(w, "shrunk seed %d in %s: %s\n", seed, plural(p.runs, "run"), daySize(out))
	return out
}

// watch returns fails, counting its runs and writing progress.
func (p *shrinkProgress) watch(fails func(*scenario.Scenario) bool) func(*scenario.Scenario) bool {
	return func(s *scenario.Scenario) bool {
		failed := fails(s)
		p.runs++
		if failed {
			p.smallest = s
		}
		if t := p.now(); !t.Before(p.next) {
			p.next = t.Add(progressEvery)
			fmt.Fprintf(p.w, "shrinking seed %d: %s, down to %s\n", p.seed, plural(p.runs, "run"), daySize(p.smallest))
		}
		return failed
	}
}

// daySize returns how big a day is: "3 stores, 5 objects, 12 actions,
// 20m0s".
func daySize(s *scenario.Scenario) string {
	return fmt.Sprintf("%s, %s, %s, %s", plural(len(s.Spec.Stores), "store"), plural(len(s.Objects), "object"),
		plural(len(s.Spec.Actions), "action"), s.Spec.Duration)
}
