package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/view"
)

// outputJSONLines is the -o value of `nucleus events` that prints the
// record as JSON Lines.
const outputJSONLines = "jsonl"

// eventsOptions are the flags of `nucleus events`.
type eventsOptions struct {
	seed     seedFlag
	duration time.Duration
	output   string
	// forSet says --for was given; otherwise the run lasts the scenario's
	// spec.duration.
	forSet bool
}

// newEventsCommand returns `nucleus events`: the run's record for tools
// (-o jsonl), or the store logbook as `kubectl get events -A` shows it.
func newEventsCommand(s streams) *cobra.Command {
	o := &eventsOptions{}
	cmd := &cobra.Command{
		Use:   "events [-o jsonl] [--seed N] [--for DURATION] FILE...",
		Short: "Apply manifests, run quietly, and print the events",
		Long: "Apply every object at time zero and run for --for of virtual time. With\n" +
			"-o jsonl, print every record of the run as it happens, one JSON object a\n" +
			"line, for tools; without, print the Events at the end as\n" +
			"`kubectl get events -A` does.",
		Example: "  nucleus events busybox.yaml\n  nucleus events -o jsonl --for 2m busybox.yaml | jq .reason",
		Args:    requireFiles,
		RunE: func(cmd *cobra.Command, files []string) error {
			o.forSet = cmd.Flags().Changed("for")
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Var(&o.seed, "seed", seedUsage)
	f.DurationVar(&o.duration, "for", 5*time.Minute, "how much virtual time to simulate (at most 24h; default: the scenario's spec.duration, or 5m)")
	f.StringVarP(&o.output, "output", "o", "", "output format: jsonl (default: the events table)")
	return cmd
}

// run carries out `nucleus events` for files.
func (o *eventsOptions) run(s streams, files []string) error {
	if o.output != "" && o.output != outputJSONLines {
		return usagef("unable to match a printer suitable for the output format %q, allowed formats are: %s",
			o.output, outputJSONLines)
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
	log := events.NewLog()
	lines := sim.JSONLinesObserver(s.out)
	var observer sim.Observer = log
	if o.output == outputJSONLines {
		observer = lines
	}
	r, err := play(o.seed.withSeed(sc), playOptions{end: end}, observer)
	if err != nil {
		return err
	}
	if o.output == outputJSONLines {
		if err := lines.Err(); err != nil {
			return fail(fmt.Errorf("writing the records: %w", err))
		}
		return nil
	}
	return printShown(s, view.ShowEvents(log.Events(), r.Cluster.Now().Wall()), outputTable, view.Scope{All: true})
}
