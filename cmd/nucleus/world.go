package main

import (
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/view"
)

// world is one finished quiet run: the cluster stopped at the instant the
// command looks at, the logbook (the Events) kept from time zero, and the
// scenario that was run.
type world struct {
	c   *cluster.Cluster
	log *events.Log
	sc  *scenario.Scenario
}

// simulate reads files as a scenario, lets adjust change a copy of it (the
// seed and proxy flags), and runs it to d without narration, with a
// logbook subscribed before anything happens: the scenario's chain, seed
// and timed actions apply; its expectations are not checked. Errors are
// failures naming the file, or usage errors for a bad d.
func simulate(s streams, files []string, d time.Duration, flag string, adjust func(*scenario.Scenario) (*scenario.Scenario, error)) (*world, error) {
	if err := checkDuration(flag, d); err != nil {
		return nil, err
	}
	sc, err := loadScenario(files, s.in, s.errOut)
	if err != nil {
		return nil, err
	}
	if sc, err = adjust(sc); err != nil {
		return nil, err
	}
	log := events.NewLog()
	r, err := play(sc, playOptions{end: d}, log)
	if err != nil {
		return nil, err
	}
	return &world{c: r.Cluster, log: log, sc: sc}, nil
}

// now returns the instant the world stopped at, on the wall clock.
func (w *world) now() time.Time { return w.c.Now().Wall() }

// source returns what a `get` of the world reads: the chain and the
// logbook.
func (w *world) source() view.Source { return view.Source{Cluster: w.c, Log: w.log} }
