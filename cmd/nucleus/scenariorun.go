package main

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// loadScenario reads every file in order ("-" reads standard input) and
// returns the scenario they make: the objects of every file and at most
// one Scenario document (package scenario). Plain manifests give the
// defaults (seed 1, five minutes, one store). Each decoding warning is
// printed to warn as one "warning: ..." line. The error, a failure, names
// the file, the line and the field path.
func loadScenario(files []string, in io.Reader, warn io.Writer) (*scenario.Scenario, error) {
	inputs := make([]scenario.File, 0, len(files))
	for _, name := range files {
		data, err := readFile(name, in)
		if err != nil {
			return nil, fail(err)
		}
		label := name
		if name == stdinName {
			label = stdinLabel
		}
		inputs = append(inputs, scenario.File{Name: label, Data: data})
	}
	sc, err := scenario.LoadFiles(inputs...)
	if err != nil {
		return nil, fail(err)
	}
	for _, w := range sc.Warnings {
		fmt.Fprintf(warn, "warning: %s\n", w)
	}
	return sc, nil
}

// seedFlag is the --seed flag: a seed that, when given on the command line,
// overrides the scenario's spec.seed.
type seedFlag struct {
	value uint64
	set   bool
}

// String returns the seed in decimal.
func (f *seedFlag) String() string { return strconv.FormatUint(f.value, 10) }

// Set parses a seed and remembers that it was given.
func (f *seedFlag) Set(s string) error {
	v, err := strconv.ParseUint(s, 0, 64)
	if err != nil {
		return err
	}
	f.value, f.set = v, true
	return nil
}

// Type names the flag's value in help.
func (f *seedFlag) Type() string { return "uint" }

// seedUsage is the help line of every --seed flag.
const seedUsage = "seed of the simulation's randomness (default: the scenario's spec.seed, or 1); the same seed gives the same run"

// withSeed returns a copy of sc whose seed is the flag's, when it was
// given, and sc itself otherwise. sc is not changed.
func (f *seedFlag) withSeed(sc *scenario.Scenario) *scenario.Scenario {
	if !f.set {
		return sc
	}
	cp := *sc
	seed := f.value
	cp.Spec.Seed = &seed
	return &cp
}

// playOptions say how far to run a scenario, and what to check on the
// way.
type playOptions struct {
	// end is the instant the run stops at.
	end time.Duration
	// checks keeps the expectations due at or before end; without it the
	// run checks nothing.
	checks bool
}

// play runs a copy of sc to o.end, with observers subscribed before
// anything happens, and returns the result: the chain stopped at o.end,
// the outcomes of the expectations due by then (with o.checks), and the
// actions that failed. It is the adapter between the commands, which stop
// at any instant, and Scenario.Run, which runs to spec.duration: the copy's
// duration is o.end, and its expectations are the ones due by then. The
// error, a failure, names the file and line of an object head office
// refused.
func play(sc *scenario.Scenario, o playOptions, observers ...sim.Observer) (*scenario.Result, error) {
	defer rethrowWithSeed(sc)
	if injectPanic != nil {
		observers = append(observers, sim.ObserverFunc(func(sim.Record) { injectPanic() }))
	}
	r, err := sc.Until(o.end, o.checks).Run(observers...)
	if err != nil {
		return nil, fail(err)
	}
	return r, nil
}

// forOrDuration returns the --for flag's value when it was given, and the
// scenario's spec.duration otherwise, as a usage error when it is out of
// bounds.
func forOrDuration(sc *scenario.Scenario, flagSet bool, d time.Duration) (time.Duration, error) {
	if !flagSet {
		d = sc.Spec.Duration.D()
	}
	if err := checkDuration("for", d); err != nil {
		return 0, err
	}
	return d, nil
}

// adjust returns withSeed(sc); it is the adjust function of the commands
// whose only scenario flag is --seed.
func (f *seedFlag) adjust(sc *scenario.Scenario) (*scenario.Scenario, error) {
	return f.withSeed(sc), nil
}
