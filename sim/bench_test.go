package sim

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/internal/cputime"
)

// pendingSizes are the queue lengths the loop is measured at: from a
// small store to Kubernetes' largest cluster and beyond.
var pendingSizes = []int{1_000, 10_000, 100_000, 1_000_000}

// xorshift is a cheap deterministic spread of delays, 1 µs to ~16 ms.
func xorshift(x *uint64) time.Duration {
	*x ^= *x << 13
	*x ^= *x >> 7
	*x ^= *x << 17
	return time.Duration(1 + *x%(1<<24))
}

// BenchmarkLoop measures schedule + step with n events pending: each
// iteration runs the earliest event, which schedules one more at a
// pseudo-random distance, so the queue stays at n (the "hold" model of
// event-queue benchmarks). Its twin, BenchmarkHeapHold, does the same on
// the plain binary heap below, so the two read side by side.
func BenchmarkLoop(b *testing.B) {
	for _, pending := range pendingSizes {
		b.Run(fmt.Sprintf("pending=%d", pending), func(b *testing.B) {
			l := New(1)
			var x uint64 = 1
			var fn func()
			fn = func() { l.After(xorshift(&x), fn) }
			for range pending {
				fn()
			}
			b.ReportAllocs()
			start := cputime.Now()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				l.Step()
			}
			b.StopTimer()
			cputime.Report(b, start)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkQueueHold is BenchmarkLoop on the loop's queue alone, without
// the callbacks, used as the loop uses it (look at the next event, take
// it, schedule its follow-up): the queue beside plainHeap, like for like.
func BenchmarkQueueHold(b *testing.B) {
	for _, pending := range pendingSizes {
		b.Run(fmt.Sprintf("pending=%d", pending), func(b *testing.B) {
			var q queue
			var x uint64 = 1
			var seq uint64
			for range pending {
				seq++
				q.push(Time(xorshift(&x)), seq, nil)
			}
			b.ReportAllocs()
			start := cputime.Now()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				now := q.first().at
				q.take()
				seq++
				q.push(now.Add(xorshift(&x)), seq, nil)
			}
			b.StopTimer()
			cputime.Report(b, start)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkHeapHold is BenchmarkLoop on plainHeap: the floor a
// hand-written typed binary heap sets.
func BenchmarkHeapHold(b *testing.B) {
	for _, pending := range pendingSizes {
		b.Run(fmt.Sprintf("pending=%d", pending), func(b *testing.B) {
			var h plainHeap
			var x uint64 = 1
			var now Time
			for range pending {
				h.push(now.Add(xorshift(&x)), 0, 0)
			}
			b.ReportAllocs()
			start := cputime.Now()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				e := h.pop()
				now = e.at
				h.push(now.Add(xorshift(&x)), 0, 0)
			}
			b.StopTimer()
			cputime.Report(b, start)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// The toy workload: a store's worth of pods, each started at a seeded
// moment in the first ten seconds, probed every ten seconds; a probe finds
// the pod crashed with probability toyCrash, and the pod is started again
// after CrashLoopBackOff's delay (10 s doubling to 5 min). One op is one
// simulated hour. It is written twice, on the loop and on plainHeap, with
// the same draws, so both run exactly the same events.
const (
	toyProbe   = 10 * time.Second
	toyCrash   = 0.01
	toyBackoff = 10 * time.Second
	toyMaxWait = 5 * time.Minute
	toyHour    = Time(time.Hour)
)

// toyPod is one pod of the toy workload. On the loop it is a Waker, as a
// component's own timer is: woken while not running it starts, woken while
// running it is probed.
type toyPod struct {
	toy      *toyOnLoop
	restarts int32
	running  bool
}

// backoff returns the wait before the pod's next start.
func (p *toyPod) backoff() time.Duration {
	d := toyBackoff << min(p.restarts, 6)
	p.restarts++
	return min(d, toyMaxWait)
}

// Wake starts the pod, or probes it.
func (p *toyPod) Wake() {
	t := p.toy
	t.events++
	if !p.running {
		p.running = true
		t.loop.WakeAfter(toyProbe, p)
		return
	}
	if t.rng.Float64() < toyCrash {
		p.running = false
		t.loop.WakeAfter(p.backoff(), p)
		return
	}
	t.loop.WakeAfter(toyProbe, p)
}

// toyOnLoop is the toy workload on a Loop.
type toyOnLoop struct {
	loop   *Loop
	rng    *rand.Rand
	pods   []toyPod
	events int
}

// runToyOnLoop runs the toy workload for pods pods on a Loop and returns
// the events it ran.
func runToyOnLoop(pods int, seed uint64) int {
	t := &toyOnLoop{loop: New(seed), rng: rand.New(rand.NewPCG(seed, 7)), pods: make([]toyPod, pods)}
	for i := range t.pods {
		p := &t.pods[i]
		p.toy = t
		t.loop.WakeAfter(time.Duration(t.rng.Int64N(int64(toyProbe))), p)
	}
	t.loop.RunUntil(toyHour)
	return t.events
}

// The kinds of toy events on plainHeap.
const (
	toyStart = iota
	toyProbeKind
)

// runToyOnHeap runs the toy workload on plainHeap and returns the events it
// ran.
func runToyOnHeap(pods int, seed uint64) int {
	var h plainHeap
	rng := rand.New(rand.NewPCG(seed, 7))
	state := make([]toyPod, pods)
	events := 0
	for i := range pods {
		h.push(Time(rng.Int64N(int64(toyProbe))), int32(i), toyStart)
	}
	for len(h.events) > 0 && h.events[0].at <= toyHour {
		e := h.pop()
		events++
		switch e.kind {
		case toyStart:
			h.push(e.at.Add(toyProbe), e.pod, toyProbeKind)
		case toyProbeKind:
			if rng.Float64() < toyCrash {
				h.push(e.at.Add(state[e.pod].backoff()), e.pod, toyStart)
				continue
			}
			h.push(e.at.Add(toyProbe), e.pod, toyProbeKind)
		}
	}
	return events
}

// TestToyWorkloadIsTheSameOnBoth checks that the two toy workloads run the
// same events, so that their benchmarks compare like with like.
func TestToyWorkloadIsTheSameOnBoth(t *testing.T) {
	for _, pods := range []int{1, 10, 300} {
		onLoop, onHeap := runToyOnLoop(pods, 3), runToyOnHeap(pods, 3)
		if onLoop != onHeap {
			t.Errorf("%d pods: loop ran %d events, plain heap %d", pods, onLoop, onHeap)
		}
		if min := pods * int(time.Hour/toyProbe) / 2; onLoop < min {
			t.Errorf("%d pods: %d events in an hour, want at least %d", pods, onLoop, min)
		}
	}
}

// BenchmarkToyWorkload runs the toy workload on the loop and on the plain
// heap, at 10,000 and 100,000 pods, in one run: compare their events/s.
func BenchmarkToyWorkload(b *testing.B) {
	for _, pods := range []int{10_000, 100_000} {
		for _, impl := range []struct {
			name string
			run  func(int, uint64) int
		}{{"loop", runToyOnLoop}, {"heap", runToyOnHeap}} {
			b.Run(fmt.Sprintf("pods=%d/%s", pods, impl.name), func(b *testing.B) {
				events := 0
				b.ReportAllocs()
				start := cputime.Now()
				for b.Loop() {
					events += impl.run(pods, 1)
				}
				cputime.Report(b, start)
				b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
				b.ReportMetric(float64(b.Elapsed())/float64(events), "ns/event")
			})
		}
	}
}

// plainHeap is the reference a queue must beat: a typed binary min-heap of
// values ordered by (at, seq), written out by hand, with no cancellation.
type plainHeap struct {
	events []plainHeapEvent
	seq    uint64
}

type plainHeapEvent struct {
	at   Time
	seq  uint64
	pod  int32
	kind uint8
}

func (e plainHeapEvent) before(f plainHeapEvent) bool {
	return e.at < f.at || e.at == f.at && e.seq < f.seq
}

func (h *plainHeap) push(at Time, pod int32, kind uint8) {
	h.seq++
	e := plainHeapEvent{at: at, seq: h.seq, pod: pod, kind: kind}
	h.events = append(h.events, e)
	q := h.events
	i := len(q) - 1
	for i > 0 {
		parent := (i - 1) / 2
		if !e.before(q[parent]) {
			break
		}
		q[i] = q[parent]
		i = parent
	}
	q[i] = e
}

func (h *plainHeap) pop() plainHeapEvent {
	q := h.events
	first := q[0]
	last := q[len(q)-1]
	q = q[:len(q)-1]
	h.events = q
	n := len(q)
	if n == 0 {
		return first
	}
	i := 0
	for {
		child := 2*i + 1
		if child >= n {
			break
		}
		if r := child + 1; r < n && q[r].before(q[child]) {
			child = r
		}
		if !q[child].before(last) {
			break
		}
		q[i] = q[child]
		i = child
	}
	q[i] = last
	return first
}
