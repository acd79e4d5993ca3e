// Package cputime measures the processor time a benchmark costs, for the
// benchmarks of a busy machine: wall-clock time counts the minutes other
// programs held the cores, processor time counts only this process's own
// (user plus system, on every thread, so the garbage collector's
// background work on another core counts too).
//
//	start := cputime.Now()
//	for b.Loop() { ... }
//	cputime.Report(b, start)
//
// reports "cpu-ns/op" beside ns/op; compare runs with benchstat.
package cputime

import (
	"testing"
	"time"
)

// Now returns the processor time this process has used so far, or 0 where
// the platform does not say.
func Now() time.Duration { return used() }

// Report adds a "cpu-ns/op" metric to b: the processor time used since
// start, divided by b.N.
func Report(b *testing.B, start time.Duration) {
	if b.N == 0 {
		return
	}
	b.ReportMetric(float64(used()-start)/float64(b.N), "cpu-ns/op")
}
