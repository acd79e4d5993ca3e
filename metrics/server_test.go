package metrics

import (
	"math/rand/v2"
	"reflect"
	"slices"
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

// A restarted container has a new id: its total starts again from zero,
// so it has no rate until its second sample, and a container missing
// from a round is forgotten (no rate in the round after it comes back).
// Reference: metrics-server pkg/storage/pod.go (a container whose start
// time changed, or that is new, gives no rate until its next scrape).
func TestScrapeForgetsRestartedAndMissingContainers(t *testing.T) {
	s := NewServer()
	s.Scrape([]Sample{sample("web", "app", "c1", 0, 0, 0), sample("api", "app", "c2", 0, 0, 0)})
	s.Scrape([]Sample{sample("web", "app", "c1", 15*time.Second, time.Second, 0)}) // api missing
	if _, ok := s.PodMetrics("default", "web"); !ok {
		t.Fatal("web has no metrics after two scrapes")
	}
	s.Scrape([]Sample{
		sample("web", "app", "c9", 30*time.Second, 0, 0), // restarted: a new id
		sample("api", "app", "c2", 30*time.Second, 3*time.Second, 0),
	})
	for _, pod := range []string{"web", "api"} {
		if pm, ok := s.PodMetrics("default", pod); ok {
			t.Errorf("%s has metrics %+v after a restart or an absence; want none", pod, pm)
		}
	}
	if _, ok := s.NodeMetrics("store-1"); ok {
		t.Error("store-1 has metrics though no container on it has a rate")
	}
}

// The round's order does not matter: metrics-server keys its samples by
// pod and container. A pod's containers come sorted by name, pods by
// namespace and name, and a node sums every container with a rate, in a
// pod with metrics or not.
func TestScrapeOrderDoesNotMatter(t *testing.T) {
	round := func(at time.Duration, cpu time.Duration) []Sample {
		return []Sample{
			sample("web", "side", "c2", at, cpu/2, 1<<20),
			sample("web", "app", "c1", at, cpu, 2<<20),
			sample("api", "app", "c3", at, cpu/4, 4<<20),
		}
	}
	want := NewServer()
	want.Scrape(round(0, 0))
	want.Scrape(round(15*time.Second, 3*time.Second))
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 10 {
		got := NewServer()
		for _, at := range []time.Duration{0, 15 * time.Second} {
			r := round(at, time.Duration(at/Resolution)*3*time.Second)
			rng.Shuffle(len(r), func(i, j int) { r[i], r[j] = r[j], r[i] })
			got.ScrapeSeq(slices.Values(r))
		}
		if g, w := got.AllPodMetrics(), want.AllPodMetrics(); !reflect.DeepEqual(g, w) {
			t.Errorf("shuffle %d: AllPodMetrics = %+v, want %+v", i, g, w)
		}
		g, _ := got.NodeMetrics("store-1")
		w, _ := want.NodeMetrics("store-1")
		if g != w {
			t.Errorf("shuffle %d: NodeMetrics = %+v, want %+v", i, g, w)
		}
	}
	pms := want.AllPodMetrics()
	if len(pms) != 2 || pms[0].Name != "api" || pms[1].Name != "web" {
		t.Fatalf("AllPodMetrics = %+v, want api then web", pms)
	}
	if c := pms[1].Containers; len(c) != 2 || c[0].Name != "app" || c[0].MilliCPU != 200 || c[1].Name != "side" || c[1].MilliCPU != 100 {
		t.Errorf("web's containers = %+v, want app 200m then side 100m", c)
	}
	if n, _ := want.NodeMetrics("store-1"); n.MilliCPU != 350 || n.Memory != 7<<20 || n.Window != Resolution {
		t.Errorf("store-1 = %+v, want 350m (200+100+50), 7Mi over 15s", n)
	}
}
