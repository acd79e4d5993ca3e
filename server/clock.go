package server

import (
	"math"
	"sync"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// clock maps the wall clock to the chain's virtual time: from baseWall on,
// virtual time runs pace times as fast as the wall clock, from
// baseVirtual; paused, it stands at baseVirtual. It is the only place
// where the wall clock meets the simulation. Its own lock lets a watch
// read it without waiting for the chain.
type clock struct {
	mu          sync.Mutex
	wall        func() time.Time
	pace        float64
	paused      bool
	baseWall    time.Time
	baseVirtual sim.Time
}

// now returns the virtual instant that corresponds to the wall clock's
// now.
func (c *clock) now() sim.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at(c.wall())
}

// at returns the virtual instant that corresponds to wall time w. The
// caller holds c.mu.
func (c *clock) at(w time.Time) sim.Time {
	if c.paused {
		return c.baseVirtual
	}
	d := float64(w.Sub(c.baseWall)) * c.pace
	if d < 0 {
		d = 0
	}
	if d > math.MaxInt64/4 {
		d = math.MaxInt64 / 4
	}
	return c.baseVirtual + sim.Time(d)
}

// wallUntil returns how long, on the wall clock, until virtual instant t;
// a long time when paused.
func (c *clock) wallUntil(t sim.Time) time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.paused {
		return time.Hour
	}
	now := c.at(c.wall())
	if t <= now {
		return 0
	}
	return time.Duration(float64(t-now)/c.pace) + time.Millisecond
}

// set changes the clock from now on: it pauses or resumes, runs at a new
// pace (0 keeps it), and jumps ahead by jump. from is the chain's instant,
// which the clock never falls behind.
func (c *clock) set(from sim.Time, paused *bool, pace float64, jump time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.wall()
	c.baseVirtual = max(c.at(w), from) + sim.Time(jump)
	c.baseWall = w
	if paused != nil {
		c.paused = *paused
	}
	if pace > 0 {
		c.pace = pace
	}
}

// state returns the pace and whether the clock is paused.
func (c *clock) state() (float64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.pace, c.paused
}

// offset returns what to add to a virtual timestamp to serve it, given
// that virtual instant now is the wall clock's now: served time is the
// wall-clock now less the virtual age, so ages computed on a client's own
// clock are the virtual ages, at any pace. The offset is in whole seconds
// (the precision of a served timestamp), so that one change encoded for
// one watch serves every other watch too.
func (c *clock) offset(now sim.Time) time.Duration {
	return c.wall().Sub(now.Wall()).Truncate(time.Second)
}

// servedNow returns the virtual now and the offset that serves it.
func (c *clock) servedNow() (sim.Time, time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	w := c.wall()
	now := c.at(w)
	return now, w.Sub(now.Wall()).Truncate(time.Second)
}
