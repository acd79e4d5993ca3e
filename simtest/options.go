package simtest

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/node"
)

// Options shape the days a seed generates and the checks made during them.
// The zero value gives the defaults: 1 to 20 stores, days of 10 to 30
// minutes, the built-in invariants.
type Options struct {
	// MaxStores bounds the stores of a day; 0 means 20. At most
	// node.MaxIndex (5000), the most stores a chain can have.
	MaxStores int
	// MinDuration and MaxDuration bound a day's length; 0 means 10m and
	// 30m. Each is between 2m (a day's last minute is kept quiet) and 24h
	// (a scenario's longest run), and MaxDuration, when set, is not below
	// MinDuration.
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
	o.MaxStores = min(o.MaxStores, node.MaxIndex) // Generate's days always build
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

// maxDay is the longest day: a scenario's spec.duration is at most 24h.
// minDay is the shortest: a day's last minute is kept quiet (no action),
// and the actions need time before it.
const (
	maxDay = 24 * time.Hour
	minDay = 2 * time.Minute
)

// Validate returns what is wrong with o, naming the field, or nil. Run and
// Soak run no day with options that do not validate.
func (o Options) Validate() error {
	d := o.withDefaults()
	switch {
	case o.MaxStores < 0 || o.MaxStores > node.MaxIndex:
		return fmt.Errorf("simtest: Options.MaxStores: must be between 1 and %d (0 means 20), got %d", node.MaxIndex, o.MaxStores)
	case o.MinDuration < 0 || o.MinDuration > maxDay || (o.MinDuration > 0 && o.MinDuration < minDay):
		return fmt.Errorf("simtest: Options.MinDuration: must be between %v and %v (0 means 10m), got %v", minDay, maxDay, o.MinDuration)
	case o.MaxDuration < 0 || o.MaxDuration > maxDay || (o.MaxDuration > 0 && o.MaxDuration < minDay):
		return fmt.Errorf("simtest: Options.MaxDuration: must be between %v and %v (0 means 30m), got %v", minDay, maxDay, o.MaxDuration)
	case o.MaxDuration > 0 && o.MaxDuration < d.MinDuration:
		return fmt.Errorf("simtest: Options.MaxDuration: %v is below MinDuration, %v", o.MaxDuration, d.MinDuration)
	}
	return nil
}
