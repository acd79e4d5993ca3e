package metrics

import (
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

func sample(pod, container, id string, t time.Duration, cpu time.Duration, mem uint64) Sample {
	return Sample{Namespace: "default", Pod: pod, Container: container, Node: "store-1", ID: id,
		Time: sim.Time(t), CPU: uint64(cpu), Memory: mem}
}

// A rate is the difference of two running totals over their interval, and
// a pod is reported only when every container has a rate.
// Reference: metrics-server pkg/storage/pod.go (GetMetrics, rate over the
// previous and the latest scrape; a pod missing a container's rate is
// skipped) and its --metric-resolution default of 15s.
func TestScrapeTurnsTotalsIntoRates(t *testing.T) {
	s := NewServer()
	s.Scrape([]Sample{sample("web", "app", "c1", 0, time.Second, 10<<20)})
	if _, ok := s.PodMetrics("default", "web"); ok {
		t.Fatal("after one scrape the pod has metrics; want none until a second sample gives a rate")
	}
	s.Scrape([]Sample{
		sample("web", "app", "c1", 15*time.Second, time.Second+1500*time.Millisecond, 12<<20),
		sample("web", "side", "c2", 15*time.Second, 0, 1<<20), // first seen: no rate yet
		sample("api", "app", "c3", 15*time.Second, 0, 1<<20),
	})
	if _, ok := s.PodMetrics("default", "web"); ok {
		t.Fatal("pod with a container seen once has metrics; want none")
	}
	s.Scrape([]Sample{
		sample("web", "app", "c1", 30*time.Second, 2500*time.Millisecond+3*time.Second, 12<<20),
		sample("web", "side", "c2", 30*time.Second, 150*time.Millisecond, 1<<20),
	})
	pm, ok := s.PodMetrics("default", "web")
	if !ok {
		t.Fatal("no metrics for web after three scrapes")
	}
	if got := pm.Total(); got.MilliCPU != 210 || got.Memory != 13<<20 {
		t.Errorf("web total = %+v, want 210m (3s over 15s = 200m, plus 10m) and 13Mi", got)
	}
	if pm.Window != Resolution || pm.Timestamp != sim.Time(30*time.Second) {
		t.Errorf("window %v at %v, want 15s at 30s", pm.Window, pm.Timestamp)
	}
	if _, ok := s.PodMetrics("default", "api"); ok {
		t.Error("api vanished from the round but still has metrics")
	}
	if n, ok := s.NodeMetrics("store-1"); !ok || n.MilliCPU != 210 {
		t.Errorf("node metrics = %+v, %v; want 210m", n, ok)
	}
}

// A total that went down gives no rate (metrics-server drops negative
// rates) rather than an absurd one.
func TestScrapeDropsATotalThatWentDown(t *testing.T) {
	s := NewServer()
	s.Scrape([]Sample{sample("web", "app", "c1", 0, 5*time.Second, 0)})
	s.Scrape([]Sample{sample("web", "app", "c1", 15*time.Second, time.Second, 0)})
	if pm, ok := s.PodMetrics("default", "web"); ok {
		t.Errorf("metrics %+v from a falling total; want none", pm)
	}
}
