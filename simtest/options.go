package simtest

import "time"

// Options shape the days a seed generates and the checks made during them.
// The zero value gives the defaults: 1 to 20 stores, days of 10 to 30
// minutes, the built-in invariants.
type Options struct {
	// MaxStores bounds the stores of a day; 0 means 20.
	MaxStores int
	// MinDuration and MaxDuration bound a day's length; 0 means 10m and
	// 30m.
	MinDuration, MaxDuration time.Duration
	// Invariants are checked after every event, after the built-in ones.
	Invariants []Invariant
	// NoRollouts leaves out the rolling updates (an apply of a changed
	// Deployment, which cluster.Apply turns into an update, as `kubectl
	// apply` does), for days about everything but rollouts.
	NoRollouts bool
}

// withDefaults returns o with its zero fields filled in.
func (o Options) withDefaults() Options {
	if o.MaxStores <= 0 {
		o.MaxStores = 20
	}
	if o.MinDuration <= 0 {
		o.MinDuration = 10 * time.Minute
	}
	if o.MaxDuration <= 0 {
		o.MaxDuration = 30 * time.Minute
	}
	if o.MaxDuration < o.MinDuration {
		o.MaxDuration = o.MinDuration
	}
	return o
}
