package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/narrate"
)

// runOptions are the flags of `nucleus run`.
type runOptions struct {
	seed     uint64
	duration time.Duration
	voice    string
}

// newRunCommand returns `nucleus run`: apply manifests to a fresh cluster,
// narrate what happens for a while, then show the pods.
func newRunCommand(s streams) *cobra.Command {
	o := runOptions{}
	cmd := &cobra.Command{
		Use:   "run [--seed N] [--for DURATION] [--voice store|kubernetes|both] FILE...",
		Short: "Apply manifests to a simulated cluster and narrate what happens",
		Long: "Read every FILE in order (- reads standard input), apply every object at\n" +
			"time zero, narrate each event for --for of virtual time, then print the\n" +
			"pods the way `kubectl get pods` does.",
		Example: "  nucleus run busybox.yaml\n  nucleus run --voice store --for 2m pod.yaml service.yaml",
		Args:    requireFiles,
		RunE: func(_ *cobra.Command, files []string) error {
			return o.run(s, files)
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&o.seed, "seed", 1, "seed of the simulation's randomness; the same seed gives the same run")
	f.DurationVar(&o.duration, "for", 5*time.Minute, "how much virtual time to simulate (at most 24h)")
	f.StringVar(&o.voice, "voice", narrate.Both.String(), "narration voice: store, kubernetes or both")
	return cmd
}

// run carries out `nucleus run` for files.
func (o runOptions) run(s streams, files []string) error {
	if err := checkDuration("for", o.duration); err != nil {
		return err
	}
	voice, err := narrate.ParseVoice(o.voice)
	if err != nil {
		return usagef("invalid argument %q for \"--voice\" flag: %v", o.voice, err)
	}
	docs, err := readManifests(files, s.in, s.errOut)
	if err != nil {
		return err
	}
	narrator := narrate.New(s.out, voice)
	c, err := startCluster(o.seed, docs, func(c *cluster.Cluster) { c.Subscribe(narrator) })
	if err != nil {
		return err
	}
	c.RunFor(o.duration)
	if err := narrator.Err(); err != nil {
		return fail(fmt.Errorf("writing the narration: %w", err))
	}
	if _, err := fmt.Fprintf(s.out, "\nAt %s:\n", c.Now()); err != nil {
		return fail(err)
	}
	return printPods(s, c.Pods(), c.Now(), outputTable, "")
}
