package sim

import (
	"testing"
	"time"
)

// BenchmarkLoop measures schedule + step with 10,000 events pending: each
// iteration runs the earliest event, which schedules one more at a
// pseudo-random distance, so the queue stays at 10,000.
func BenchmarkLoop(b *testing.B) {
	const pending = 10_000
	l := New(1)
	var x uint64 = 1
	var fn func()
	fn = func() {
		// xorshift: a cheap deterministic spread of delays, 1µs to ~16ms.
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		l.After(time.Duration(1+x%(1<<24)), fn)
	}
	for i := 0; i < pending; i++ {
		fn()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		l.Step()
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
