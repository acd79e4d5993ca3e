package sim

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"
)

// Loop is a simulation's event loop: its virtual clock, its queue of
// scheduled callbacks, its seeded random streams and its record of what
// happened. The zero value is not usable; call [New].
type Loop struct {
	now       Time
	seq       uint64
	queue     queue
	free      []*timer
	seed      uint64
	streams   map[string]*rand.Rand
	observers []Observer
	records   uint64
}

// Handle identifies a scheduled callback, so that it can be cancelled. The
// zero Handle refers to nothing.
type Handle struct {
	t   *timer
	seq uint64
}

// New returns a loop at virtual time zero whose randomness derives from seed.
func New(seed uint64) *Loop {
	return &Loop{seed: seed, streams: map[string]*rand.Rand{}}
}

// Now returns the current virtual time.
func (l *Loop) Now() Time { return l.now }

// Seed returns the seed the loop was created with.
func (l *Loop) Seed() uint64 { return l.seed }

// After schedules fn to run d after now. It panics if d is negative.
func (l *Loop) After(d time.Duration, fn func()) Handle {
	if d < 0 {
		panic(fmt.Sprintf("sim: Loop.After: negative delay %v", d))
	}
	return l.schedule(l.now.Add(d), fn)
}

// At schedules fn to run at instant t. It panics if t is before now.
func (l *Loop) At(t Time, fn func()) Handle {
	if t < l.now {
		panic(fmt.Sprintf("sim: Loop.At: instant %v is before now %v", t, l.now))
	}
	return l.schedule(t, fn)
}

func (l *Loop) schedule(at Time, fn func()) Handle {
	if fn == nil {
		panic("sim: Loop.schedule: nil callback")
	}
	var t *timer
	if n := len(l.free); n > 0 {
		t = l.free[n-1]
		l.free = l.free[:n-1]
	} else {
		t = new(timer)
	}
	l.seq++
	t.at, t.seq, t.fn = at, l.seq, fn
	l.queue.push(t)
	return Handle{t: t, seq: t.seq}
}

// Cancel removes a scheduled callback and reports whether it was still
// pending. Cancelling a callback that has run, or was cancelled, does nothing.
func (l *Loop) Cancel(h Handle) bool {
	if !l.Scheduled(h) {
		return false
	}
	t := h.t
	l.queue.remove(t.index)
	l.release(t)
	return true
}

// Scheduled reports whether h's callback is still waiting to run.
func (l *Loop) Scheduled(h Handle) bool {
	return h.t != nil && h.t.seq == h.seq && h.t.index >= 0
}

// When returns the instant h's callback is due, and whether it is pending.
func (l *Loop) When(h Handle) (Time, bool) {
	if !l.Scheduled(h) {
		return 0, false
	}
	return h.t.at, true
}

func (l *Loop) release(t *timer) {
	t.fn = nil
	t.seq = 0
	l.free = append(l.free, t)
}

// Pending returns the number of callbacks waiting to run.
func (l *Loop) Pending() int { return len(l.queue) }

// Next returns the instant of the next pending callback, if any.
func (l *Loop) Next() (Time, bool) {
	if len(l.queue) == 0 {
		return 0, false
	}
	return l.queue[0].at, true
}

// Step runs the next callback, moving the clock to its instant. It reports
// whether there was one to run.
func (l *Loop) Step() bool {
	if len(l.queue) == 0 {
		return false
	}
	t := l.queue.pop()
	l.now = t.at
	fn := t.fn
	l.release(t)
	fn()
	return true
}

// RunUntil runs every callback due at or before t, including those that
// running callbacks schedule, then leaves the clock at t. It panics if t is
// before now.
func (l *Loop) RunUntil(t Time) {
	if t < l.now {
		panic(fmt.Sprintf("sim: Loop.RunUntil: instant %v is before now %v", t, l.now))
	}
	for len(l.queue) > 0 && l.queue[0].at <= t {
		l.Step()
	}
	l.now = t
}

// RunFor runs the loop for d of virtual time from now. It panics if d is
// negative.
func (l *Loop) RunFor(d time.Duration) {
	if d < 0 {
		panic(fmt.Sprintf("sim: Loop.RunFor: negative duration %v", d))
	}
	l.RunUntil(l.now.Add(d))
}

// Rand returns the random stream with the given name, creating it on first
// use. Each stream is seeded from the loop's seed and the stream's name
// alone, so one component's draws never depend on which other streams exist
// or how much they were used.
func (l *Loop) Rand(stream string) *rand.Rand {
	if r, ok := l.streams[stream]; ok {
		return r
	}
	h := fnv.New64a()
	h.Write([]byte(stream))
	r := rand.New(rand.NewPCG(l.seed, h.Sum64()))
	l.streams[stream] = r
	return r
}
