package view

import (
	"time"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/timeline"
)

// Timeline runs sc to end with a timeline recorder and returns what it
// drew, titled with the scenario's name. sc's expectations are not
// checked. The run first goes to time zero (the objects applied, the
// actions scheduled, what is due at time zero done); the recorder then
// starts with every pod as head office holds it, and the run goes on to
// end. The error is Start's: an
// object head office refused, naming its file and line.
func Timeline(sc *scenario.Scenario, end time.Duration) (*timeline.Timeline, error) {
	r, err := sc.Start()
	if err != nil {
		return nil, err
	}
	r.Cluster.RunUntil(0)
	rec := timeline.Record(r.Cluster)
	r.Cluster.RunUntil(sim.Time(end))
	tl := rec.Timeline(r.Cluster.Now())
	tl.Title = sc.Name
	return tl, nil
}
