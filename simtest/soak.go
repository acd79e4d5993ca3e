package simtest

import (
	"fmt"
	"io"
	"time"
)

// progressEvery is how often, in wall time, Soak prints a progress line.
const progressEvery = 2 * time.Second

// SoakReport sums up a run of many seeds.
type SoakReport struct {
	From, N uint64
	// Passed counts the seeds whose day kept every invariant.
	Passed int
	// Failed holds the report of every seed that did not pass.
	Failed []Report
	// Events counts the events of every day.
	Events int
	// Wall is the wall time the run took, by the caller's clock.
	Wall time.Duration
}

// SeedsPerMinute returns the throughput: seeds run per minute of wall
// time.
func (r SoakReport) SeedsPerMinute() float64 {
	if r.Wall <= 0 {
		return 0
	}
	return float64(r.N) / r.Wall.Minutes()
}

// String returns one line: "300 seeds from 1: 299 passed, 1 failed, ...".
func (r SoakReport) String() string {
	return fmt.Sprintf("%d seeds from %d: %d passed, %d failed, %d events in %v (%.0f seeds/min)",
		r.N, r.From, r.Passed, len(r.Failed), r.Events, r.Wall.Round(time.Millisecond), r.SeedsPerMinute())
}

// Soak runs the days of seeds from, from+1, ..., from+n-1 and returns
// what they did. It writes a progress line to progress (when not nil)
// every two seconds of wall time and a line for each failing seed. clock
// is the caller's wall clock, used only for the progress lines and the
// throughput; the simulation itself never reads it. A nil clock gives no
// progress lines and no throughput.
func Soak(from, n uint64, opts Options, progress io.Writer, clock func() time.Time) SoakReport {
	rep := SoakReport{From: from, N: n}
	var start, lastLine time.Time
	if clock != nil {
		start = clock()
		lastLine = start
	}
	for i := uint64(0); i < n; i++ {
		r := Run(from+i, opts)
		rep.Events += r.Events
		if r.Passed {
			rep.Passed++
		} else {
			rep.Failed = append(rep.Failed, r)
			printf(progress, "seed %d FAIL: %s\n", r.Seed, failure(r))
		}
		if clock == nil {
			continue
		}
		if now := clock(); now.Sub(lastLine) >= progressEvery {
			lastLine = now
			done := i + 1
			printf(progress, "%d/%d seeds, %d failed, %.0f seeds/min\n", done, n, len(rep.Failed),
				float64(done)/now.Sub(start).Minutes())
		}
	}
	if clock != nil {
		rep.Wall = clock().Sub(start)
	}
	return rep
}

// failure says why a report did not pass.
func failure(r Report) string {
	if r.Err != nil {
		return r.Err.Error()
	}
	if r.Violation != nil {
		return r.Violation.String()
	}
	return "passed"
}

func printf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, format, args...)
	}
}
