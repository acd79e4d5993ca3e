package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// runnerSched is a sched that can also run for a while and say whether a
// ticket is still waiting.
type runnerSched interface {
	sched
	runFor(d time.Duration) []int
	scheduled(ticket int) bool
}

func (s *loopSched) scheduled(ticket int) bool { return s.l.Scheduled(s.handles[ticket]) }

func (s *refSched) scheduled(ticket int) bool {
	return slices.ContainsFunc(s.events, func(e plainEvent) bool { return e.seq == ticket })
}

// delayDistribution is how far ahead TestQueueMatchesReferenceOverDistributions
// schedules: burst events at a time, each delay drawn (or one for the
// whole burst when shared).
type delayDistribution struct {
	name   string
	burst  int
	shared bool
	delay  func(*rand.Rand) time.Duration
}

var delayDistributions = []delayDistribution{
	// Any nanosecond up to about 18 minutes: entries in every bucket
	// up to the 41st, and hardly two at the same instant.
	{"uniform", 3, false, func(r *rand.Rand) time.Duration { return time.Duration(r.Int64N(1 << 40)) }},
	// Up to 50 events at once at the same instant, now or a second or
	// two away: long runs of ties, broken by sequence alone.
	{"bursts", 50, true, func(r *rand.Rand) time.Duration { return time.Duration(r.IntN(3)) * time.Second }},
}

// TestQueueMatchesReferenceOverDistributions runs one seeded program on
// the loop and on the sorted-slice reference, for each distribution of
// delays: it schedules, steps, cancels (pending events, and ones that ran
// or were cancelled), runs for a while (often stopping short of the next
// event, then scheduling before it), and asks Pending, Next and
// Scheduled. Both must run the same events in the same order and answer
// alike; enough are cancelled that the queue sweeps them out on the way.
// Reference: the (time, sequence) ordering rule in the package comment.
func TestQueueMatchesReferenceOverDistributions(t *testing.T) {
	run := func(s runnerSched, dist delayDistribution, seed uint64) []int {
		rng := rand.New(rand.NewPCG(seed, 13))
		var log []int
		tickets := 0
		for range 2000 {
			switch op := rng.IntN(10); {
			case op < 3:
				k := 1 + rng.IntN(dist.burst)
				d := dist.delay(rng)
				for range k {
					if !dist.shared {
						d = dist.delay(rng)
					}
					s.after(d, tickets)
					tickets++
				}
			case op < 6:
				id, ok := s.step()
				if !ok {
					id = -3
				}
				log = append(log, id)
			case op < 7:
				if tickets > 0 && s.cancel(rng.IntN(tickets)) {
					log = append(log, -1)
				}
			case op < 8:
				// A batch of the latest, most of them pending: enough,
				// now and then, for the queue to sweep.
				for ticket := max(tickets-1-rng.IntN(100), 0); ticket < tickets; ticket++ {
					if s.cancel(ticket) {
						log = append(log, -1)
					}
				}
			case op < 9:
				log = append(log, s.runFor(dist.delay(rng)/time.Duration(1+rng.IntN(4)))...)
				log = append(log, -4)
			default:
				if tickets > 0 && s.scheduled(rng.IntN(tickets)) {
					log = append(log, -5)
				}
			}
			at, ok := s.next()
			log = append(log, -10-s.pending(), int(at%(1<<31)), int(at>>31))
			if !ok {
				log = append(log, -6)
			}
		}
		return log
	}
	for _, dist := range delayDistributions {
		for seed := uint64(1); seed <= 60; seed++ {
			got := run(&loopSched{l: New(seed)}, dist, seed)
			want := run(&refSched{}, dist, seed)
			if i := firstDifference(want, got); i >= 0 {
				// The logs are long: show where they part.
				t.Fatalf("%s, seed %d: the logs part at %d: reference ...%v, loop ...%v", dist.name, seed, i,
					want[max(0, i-12):min(len(want), i+8)], got[max(0, i-12):min(len(got), i+8)])
			}
		}
	}
}

// firstDifference returns the first index at which a and b differ, or -1
// when they are equal.
func firstDifference(a, b []int) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	if len(a) != len(b) {
		return min(len(a), len(b))
	}
	return -1
}
