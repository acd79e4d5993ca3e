package metrics

import (
	"fmt"
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// BenchmarkScrape measures one scrape round of a chain of 1,000 running
// containers (the rate of each from its previous sample), the work the
// metrics-server does every 15 seconds of virtual time.
func BenchmarkScrape(b *testing.B) {
	const n = 1000
	rounds := [2][]Sample{}
	for r := range rounds {
		for i := 0; i < n; i++ {
			rounds[r] = append(rounds[r], Sample{Namespace: "default", Pod: fmt.Sprintf("pod-%04d", i), Container: "app",
				Node: fmt.Sprintf("store-%d", i%10), ID: fmt.Sprintf("c%04d", i),
				Time: sim.Time(time.Duration(r) * Resolution), CPU: uint64(r) * uint64(time.Second), Memory: 1 << 20})
		}
	}
	s := NewServer()
	s.Scrape(rounds[0])
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Scrape(rounds[1-i%2])
	}
}
