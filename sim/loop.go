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
	seed      uint64
	streams   map[string]*rand.Rand
	observers []Observer
	records   uint64
}

// Handle identifies a scheduled callback, so that it can be cancelled. The
// zero Handle refers to nothing.
type Handle struct {
	at  Time
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

// A Waker is a component that the loop calls back: its Wake method runs at
// the instant it was scheduled for. A component that is its own Waker (a
// probe worker, a pod's restart timer) is scheduled with [Loop.WakeAfter]
// without making a callback each time: the queue keeps the Waker by value,
// so scheduling it allocates nothing, and waking it calls the component
// directly. A func() scheduled with [Loop.After] is a Waker too.
type Waker interface {
	Wake()
}

// call is a func() as a Waker. A func value is one pointer, so making it
// an interface value allocates nothing.
type call func()

// Wake calls the function.
func (f call) Wake() { f() }

// After schedules fn to run d after now. It panics if d is negative.
func (l *Loop) After(d time.Duration, fn func()) Handle {
	if d < 0 {
		panic(fmt.Sprintf("sim: Loop.After: negative delay %v", d))
	}
	if fn == nil {
		panic("sim: Loop.After: nil callback")
	}
	return l.schedule(l.after("After", d), call(fn))
}

// At schedules fn to run at instant t. It panics if t is before now.
func (l *Loop) At(t Time, fn func()) Handle {
	if t < l.now {
		panic(fmt.Sprintf("sim: Loop.At: instant %v is before now %v", t, l.now))
	}
	if fn == nil {
		panic("sim: Loop.At: nil callback")
	}
	return l.schedule(t, call(fn))
}

// WakeAfter schedules w.Wake to run d after now. It panics if d is
// negative.
func (l *Loop) WakeAfter(d time.Duration, w Waker) Handle {
	if d < 0 {
		panic(fmt.Sprintf("sim: Loop.WakeAfter: negative delay %v", d))
	}
	if w == nil {
		panic("sim: Loop.WakeAfter: nil Waker")
	}
	return l.schedule(l.after("WakeAfter", d), w)
}

// after returns the instant d after now, for the method named method. It
// panics if that instant is past the end of time (it would wrap around to
// before now).
func (l *Loop) after(method string, d time.Duration) Time {
	at := l.now.Add(d)
	if at < l.now {
		panic(fmt.Sprintf("sim: Loop.%s: delay %v from %v is past the end of time", method, d, l.now))
	}
	return at
}

// WakeAt schedules w.Wake to run at instant t. It panics if t is before
// now.
func (l *Loop) WakeAt(t Time, w Waker) Handle {
	if t < l.now {
		panic(fmt.Sprintf("sim: Loop.WakeAt: instant %v is before now %v", t, l.now))
	}
	if w == nil {
		panic("sim: Loop.WakeAt: nil Waker")
	}
	return l.schedule(t, w)
}

func (l *Loop) schedule(at Time, w Waker) Handle {
	l.seq++
	l.queue.push(at, l.seq, w)
	return Handle{at: at, seq: l.seq}
}

// Cancel removes a scheduled callback and reports whether it was still
// pending. Cancelling a callback that has run, or was cancelled, does nothing.
func (l *Loop) Cancel(h Handle) bool {
	return l.queue.cancel(h.at, h.seq)
}

// Scheduled reports whether h's callback is still waiting to run.
func (l *Loop) Scheduled(h Handle) bool {
	return l.queue.pending(h.at, h.seq)
}

// When returns the instant h's callback is due, and whether it is pending.
func (l *Loop) When(h Handle) (Time, bool) {
	if !l.queue.pending(h.at, h.seq) {
		return 0, false
	}
	return h.at, true
}

// Pending returns the number of callbacks waiting to run.
func (l *Loop) Pending() int { return l.queue.len() }

// Next returns the instant of the next pending callback, if any.
func (l *Loop) Next() (Time, bool) {
	e := l.queue.first()
	if e == nil {
		return 0, false
	}
	return e.at, true
}

// Step runs the next callback, moving the clock to its instant. It reports
// whether there was one to run.
func (l *Loop) Step() bool {
	e := l.queue.first()
	if e == nil {
		return false
	}
	l.now = e.at
	l.queue.take().Wake()
	return true
}

// RunUntil runs every callback due at or before t, including those that
// running callbacks schedule, then leaves the clock at t. It panics if t is
// before now.
func (l *Loop) RunUntil(t Time) {
	if t < l.now {
		panic(fmt.Sprintf("sim: Loop.RunUntil: instant %v is before now %v", t, l.now))
	}
	for e := l.queue.first(); e != nil && e.at <= t; e = l.queue.first() {
		l.now = e.at
		l.queue.take().Wake()
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
