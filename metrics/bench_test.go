package metrics

import (
	"fmt"
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// BenchmarkScrape measures one scrape round of a chain of 1,000 running
// containers, each with a previous sample, the work the metrics-server
// does every 15 seconds of virtual time. The rates are worked out when
// read, so the round only keeps each container's totals.
func BenchmarkScrape(b *testing.B) {
	const n = 1000
	round := make([]Sample, n)
	for i := range round {
		round[i] = Sample{Namespace: "default", Pod: fmt.Sprintf("pod-%04d", i), Container: "app",
			Node: fmt.Sprintf("store-%d", i%10), ID: fmt.Sprintf("c%04d", i), Memory: 1 << 20}
	}
	s := NewServer()
	s.Scrape(round)
	b.ReportAllocs()
	at := sim.Time(0)
	for b.Loop() {
		at = at.Add(Resolution)
		for i := range round {
			round[i].Time, round[i].CPU = at, uint64(time.Duration(at)/10)
		}
		s.Scrape(round)
	}
	if _, ok := s.PodMetrics("default", "pod-0000"); !ok {
		b.Fatal("pod-0000 has no metrics after the rounds")
	}
}
