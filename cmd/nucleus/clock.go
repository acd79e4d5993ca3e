package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// wallClock is the real clock, the only one the command line may read:
// --pace sleeps on it, and the progress line is timed by it. The
// simulation itself never sees it. Tests give a fake.
type wallClock interface {
	Now() time.Time
	Sleep(d time.Duration)
}

// systemClock is the process's own clock.
type systemClock struct{}

// Now returns the wall-clock time.
func (systemClock) Now() time.Time { return time.Now() }

// Sleep pauses the process for d.
func (systemClock) Sleep(d time.Duration) { time.Sleep(d) }

// isTerminal reports whether w is a terminal (a character device), where
// a progress line helps a person waiting for a long run.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// pacer plays the narration at a speed: before passing a record on to
// next, it sleeps for the virtual time since the previous record, divided
// by speed. Records at the same instant pass at once.
type pacer struct {
	next  sim.Observer
	speed float64
	sleep func(time.Duration)
	last  sim.Time
}

// Observe sleeps as long as the virtual time since the last record takes
// at the pacer's speed, then passes r on.
func (p *pacer) Observe(r sim.Record) {
	if gap := r.Time.Sub(p.last); gap > 0 {
		p.sleep(time.Duration(float64(gap) / p.speed))
		p.last = r.Time
	}
	p.next.Observe(r)
}

// progressEvery is how often, in wall time, the progress line is written.
const progressEvery = 2 * time.Second

// progress writes, at most every progressEvery of wall time, how far a
// long run has got: "simulated 00:12:00 of 01:00:00 (20%)". It learns the
// virtual time from the records it observes.
//
// It looks at the wall clock every stride records, not at every one: on
// some virtual machines a look costs about a microsecond, as much as
// handling a record, and the largest cluster makes millions of records.
// The stride doubles while looks come less than progressLookApart apart,
// and halves when they come more than ten times that apart.
type progress struct {
	w    io.Writer
	now  func() time.Time
	end  sim.Time
	next time.Time
	// detail, when set, returns what the line adds after the time:
	// "15000 of 150000 pods Running".
	detail func() string
	// stride is how many records pass between two looks at the clock,
	// unseen the records since the last look, looked the last look.
	stride, unseen int
	looked         time.Time
}

// progressLookApart is how far apart the progress line's looks at the
// wall clock should come, at least: a hundredth of progressEvery.
const progressLookApart = progressEvery / 100

// progressMaxStride bounds the records between two looks at the clock.
const progressMaxStride = 1 << 12

// newProgress returns a progress line for a run to end, whose first line
// is due progressEvery from now.
func newProgress(w io.Writer, clock wallClock, end sim.Time) *progress {
	now := clock.Now()
	return &progress{w: w, now: clock.Now, end: end, next: now.Add(progressEvery), stride: 1, looked: now}
}

// Observe writes the progress line when it is due.
func (p *progress) Observe(r sim.Record) {
	if p.unseen++; p.unseen < p.stride {
		return
	}
	p.unseen = 0
	t := p.now()
	switch apart := t.Sub(p.looked); {
	case apart < progressLookApart && p.stride < progressMaxStride:
		p.stride *= 2
	case apart > 10*progressLookApart && p.stride > 1:
		p.stride /= 2
	}
	p.looked = t
	if t.Before(p.next) {
		return
	}
	p.next = t.Add(progressEvery)
	line := progressLine(r.Time, p.end)
	if p.detail != nil {
		line += ", " + p.detail()
	}
	fmt.Fprintln(p.w, line)
}

// progressLine returns "simulated T of END (P%)", T to the second.
func progressLine(t, end sim.Time) string {
	pct := int64(100)
	if end > 0 {
		pct = int64(t) * 100 / int64(end)
	}
	whole := sim.Time(time.Duration(t).Truncate(time.Second))
	return fmt.Sprintf("simulated %s of %s (%d%%)", whole, end, pct)
}
