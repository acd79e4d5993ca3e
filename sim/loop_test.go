package sim

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// plainEvent is one entry of the reference model: a sorted slice.
type plainEvent struct {
	at  Time
	seq int
}

// TestQueueMatchesSortedSlice schedules and cancels events in a seeded random
// order and checks that the loop runs them exactly as a plain sorted slice
// says it should: by time, then by order of scheduling.
func TestQueueMatchesSortedSlice(t *testing.T) {
	for seed := uint64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		l := New(seed)
		var want []plainEvent
		var got []int
		handles := map[int]Handle{}
		n := 1 + rng.IntN(300)
		for i := 0; i < n; i++ {
			at := Time(rng.IntN(50)) * Time(time.Second) // many ties
			i := i
			handles[i] = l.At(at, func() { got = append(got, i) })
			want = append(want, plainEvent{at, i})
		}
		// Cancel a random third, in a shuffled order.
		order := rng.Perm(n)
		cancelled := map[int]bool{}
		for _, i := range order[:n/3] {
			require.True(t, l.Cancel(handles[i]), "seed %d: Cancel(%d) = false, want true", seed, i)
			require.False(t, l.Cancel(handles[i]), "seed %d: second Cancel(%d) = true, want false", seed, i)
			cancelled[i] = true
		}
		want = slices.DeleteFunc(want, func(e plainEvent) bool { return cancelled[e.seq] })
		slices.SortStableFunc(want, func(a, b plainEvent) int {
			if a.at != b.at {
				return int(a.at - b.at)
			}
			return a.seq - b.seq
		})
		var wantSeq []int
		for _, e := range want {
			wantSeq = append(wantSeq, e.seq)
		}
		for l.Step() {
		}
		require.Equal(t, wantSeq, got, "seed %d", seed)
	}
}

// TestEventsScheduledWhileRunning interleaves scheduling with running: each
// callback may schedule more, at the same instant or later, and the order
// still follows (time, sequence).
func TestEventsScheduledWhileRunning(t *testing.T) {
	for seed := uint64(1); seed <= 50; seed++ {
		rng := rand.New(rand.NewPCG(seed, 7))
		l := New(seed)
		type ran struct {
			at  Time
			seq uint64
		}
		var log []ran
		var counter uint64
		var spawn func(depth int) func()
		spawn = func(depth int) func() {
			counter++
			me := counter
			return func() {
				log = append(log, ran{l.Now(), me})
				if depth < 4 {
					for k := rng.IntN(3); k > 0; k-- {
						l.After(time.Duration(rng.IntN(3))*time.Second, spawn(depth+1))
					}
				}
			}
		}
		for i := 0; i < 10; i++ {
			l.After(time.Duration(rng.IntN(5))*time.Second, spawn(0))
		}
		l.RunUntil(Time(time.Hour))
		for i := 1; i < len(log); i++ {
			require.LessOrEqual(t, log[i-1].at, log[i].at, "seed %d: time went backwards at %d", seed, i)
		}
		assert.Equal(t, Time(time.Hour), l.Now())
	}
}

func TestSameInstantRunsInSchedulingOrder(t *testing.T) {
	l := New(1)
	var got []string
	l.After(time.Second, func() { got = append(got, "a") })
	l.After(time.Second, func() {
		got = append(got, "b")
		l.After(0, func() { got = append(got, "d") })
	})
	l.After(time.Second, func() { got = append(got, "c") })
	l.RunFor(time.Second)
	assert.Equal(t, []string{"a", "b", "c", "d"}, got)
}

func TestRunUntilLeavesClockAtInstant(t *testing.T) {
	l := New(1)
	ran := false
	l.After(3*time.Second, func() { ran = true })
	l.RunUntil(Time(2 * time.Second))
	assert.False(t, ran, "event at 3s ran before 2s")
	assert.Equal(t, Time(2*time.Second), l.Now())
	l.RunFor(time.Second)
	assert.True(t, ran, "event at 3s did not run by 3s")
	assert.Equal(t, Time(3*time.Second), l.Now())
	l.RunFor(time.Minute)
	assert.Equal(t, Time(63*time.Second), l.Now(), "clock must move even with an empty queue")
}

func TestProgrammerErrorsPanicWithMethodName(t *testing.T) {
	l := New(1)
	l.RunFor(10 * time.Second)
	assert.PanicsWithValue(t, "sim: Loop.After: negative delay -1s", func() { l.After(-time.Second, func() {}) })
	assert.PanicsWithValue(t, "sim: Loop.At: instant 00:00:05 is before now 00:00:10", func() { l.At(Time(5*time.Second), func() {}) })
	assert.PanicsWithValue(t, "sim: Loop.RunUntil: instant 00:00:01 is before now 00:00:10", func() { l.RunUntil(Time(time.Second)) })
	assert.PanicsWithValue(t, "sim: Loop.RunFor: negative duration -1ns", func() { l.RunFor(-1) })
	forever := time.Duration(1<<63 - 1)
	assert.PanicsWithValue(t, "sim: Loop.After: delay 2562047h47m16.854775807s from 00:00:10 is past the end of time", func() { l.After(forever, func() {}) })
	assert.PanicsWithValue(t, "sim: Loop.WakeAfter: delay 2562047h47m16.854775807s from 00:00:10 is past the end of time", func() { l.WakeAfter(forever, call(func() {})) })
}

// TestSchedulingAfterRunUntilStopsShort: RunUntil stops short of a
// cancelled event and a live one after it, having looked past both; an
// event scheduled before them is still pending, and runs first.
func TestSchedulingAfterRunUntilStopsShort(t *testing.T) {
	l := New(1)
	var got []string
	cancelled := l.After(5*time.Second, func() { got = append(got, "five") })
	l.After(6*time.Second, func() { got = append(got, "six") })
	require.True(t, l.Cancel(cancelled))
	l.RunUntil(Time(2 * time.Second))
	h := l.After(time.Second, func() { got = append(got, "three") })
	assert.True(t, l.Scheduled(h), "an event due before the next one is not Scheduled")
	at, _ := l.Next()
	assert.Equal(t, Time(3*time.Second), at, "Next")
	assert.False(t, l.Scheduled(cancelled))
	l.RunFor(time.Hour)
	assert.Equal(t, []string{"three", "six"}, got)
}

func TestCancelledHandleStaysDeadAfterTimerReuse(t *testing.T) {
	l := New(1)
	ranA, ranB := false, false
	a := l.After(time.Second, func() { ranA = true })
	require.True(t, l.Cancel(a))
	b := l.After(time.Second, func() { ranB = true }) // reuses a's timer
	assert.False(t, l.Cancel(a), "a stale handle cancelled a newer event")
	assert.True(t, l.Scheduled(b))
	l.RunFor(time.Second)
	assert.False(t, ranA)
	assert.True(t, ranB)
	assert.False(t, l.Scheduled(b), "a handle is not scheduled after its event ran")
}

// TestCancellingMostEventsKeepsOrderAndCount cancels nine in ten of many
// events, in a shuffled order (so the queue drops its cancelled entries
// more than once along the way), and checks Pending, When, Next and the
// order the rest run in against a sorted slice.
func TestCancellingMostEventsKeepsOrderAndCount(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	l := New(5)
	const n = 5000
	handles := make([]Handle, n)
	var got []int
	for i := range n {
		at := Time(rng.IntN(100)) * Time(time.Second)
		handles[i] = l.At(at, func() { got = append(got, i) })
	}
	var want []plainEvent
	for k, i := range rng.Perm(n) {
		if k < n*9/10 {
			require.True(t, l.Cancel(handles[i]), "Cancel(%d)", i)
			require.Equal(t, n-k-1, l.Pending(), "Pending after %d cancellations", k+1)
			_, ok := l.When(handles[i])
			require.False(t, ok, "When(%d) after Cancel", i)
			continue
		}
		at, ok := l.When(handles[i])
		require.True(t, ok, "When(%d) of a pending event", i)
		want = append(want, plainEvent{at, i})
	}
	slices.SortFunc(want, func(a, b plainEvent) int {
		if a.at != b.at {
			return int(a.at - b.at)
		}
		return a.seq - b.seq
	})
	next, ok := l.Next()
	require.True(t, ok)
	assert.Equal(t, want[0].at, next, "Next")
	var wantSeq []int
	for _, e := range want {
		wantSeq = append(wantSeq, e.seq)
	}
	for l.Step() {
	}
	assert.Equal(t, wantSeq, got)
	assert.Equal(t, 0, l.Pending())
}

func TestRandStreamsAreIndependent(t *testing.T) {
	draw := func(l *Loop, stream string) []uint64 {
		r := l.Rand(stream)
		return []uint64{r.Uint64(), r.Uint64(), r.Uint64()}
	}
	// A stream's draws do not depend on whether another stream exists or
	// was used first.
	l1 := New(42)
	a1 := draw(l1, "kubelet/store-1")
	l2 := New(42)
	draw(l2, "proxy/store-1")
	draw(l2, "proxy/store-1")
	a2 := draw(l2, "kubelet/store-1")
	assert.Equal(t, a1, a2)
	assert.NotEqual(t, a1, draw(New(43), "kubelet/store-1"), "another seed gave the same draws")
	assert.NotEqual(t, a1, draw(New(42), "kubelet/store-2"), "another stream gave the same draws")
}

func TestTimeString(t *testing.T) {
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00:00"},
		{2 * time.Second, "00:00:02"},
		{1500 * time.Millisecond, "00:00:01.5"},
		{time.Hour + 2*time.Minute + 3*time.Second, "01:02:03"},
		{26 * time.Hour, "26:00:00"},
		{-time.Second, "-00:00:01"},
	} {
		assert.Equal(t, tc.want, Time(tc.d).String(), "Time(%v).String()", tc.d)
	}
	assert.Equal(t, "2025-01-01T00:00:02Z", Time(2*time.Second).Wall().Format(time.RFC3339))
	assert.Equal(t, Time(2*time.Second), At(Epoch.Add(2*time.Second)))
}

// TestQueueGivesBackTheRoomOfABurst checks that after a burst of events
// and cancellations has passed, the queue's buckets and cancellation set
// are copied down to their size (give or take spareRoom entries a
// bucket), rather than holding their largest room for the rest of the
// run, and that the handles say the same before and after.
func TestQueueGivesBackTheRoomOfABurst(t *testing.T) {
	l := New(1)
	noop := func() {}
	var burst []Handle
	for i := range 10_000 {
		burst = append(burst, l.After(time.Duration(i+1)*time.Millisecond, noop))
	}
	for _, h := range burst[:9_000] {
		require.True(t, l.Cancel(h))
	}
	l.RunFor(time.Minute) // the burst is over
	require.Equal(t, 0, l.Pending())
	// A store's steady traffic: a few timers, some cancelled, which
	// triggers a rebuild.
	var steady []Handle
	for i := range 200 {
		steady = append(steady, l.After(time.Duration(i+1)*time.Second, noop))
	}
	for _, h := range steady[:100] {
		require.True(t, l.Cancel(h))
	}
	q := &l.queue
	for b, s := range q.bucket {
		assert.LessOrEqual(t, cap(s)-len(s), spareRoom, "bucket %d keeps the burst's room", b)
	}
	assert.LessOrEqual(t, q.setPeak, 100, "the cancellation set keeps the burst's room")
	for i, h := range steady {
		assert.Equal(t, i >= 100, l.Scheduled(h), "Scheduled(steady[%d])", i)
	}
	for _, h := range burst {
		assert.False(t, l.Scheduled(h))
	}
	assert.Equal(t, 100, l.Pending())
}

// sched is what TestLoopMatchesReferenceWhileRunning drives: the loop, or
// the sorted-slice reference beside it.
type sched interface {
	after(d time.Duration, id int) int // returns a ticket for cancel
	cancel(ticket int) bool
	pending() int
	next() (Time, bool)
	step() (id int, ok bool)
}

// loopSched drives a Loop with Wakers, as components do.
type loopSched struct {
	l       *Loop
	handles []Handle
	ran     int
	log     []int // every id run, in order
}

type idWaker struct {
	s  *loopSched
	id int
}

func (w idWaker) Wake() {
	w.s.ran = w.id
	w.s.log = append(w.s.log, w.id)
}

func (s *loopSched) after(d time.Duration, id int) int {
	s.handles = append(s.handles, s.l.WakeAfter(d, idWaker{s, id}))
	return len(s.handles) - 1
}
func (s *loopSched) cancel(ticket int) bool { return s.l.Cancel(s.handles[ticket]) }
func (s *loopSched) pending() int           { return s.l.Pending() }
func (s *loopSched) next() (Time, bool)     { return s.l.Next() }
func (s *loopSched) runFor(d time.Duration) []int {
	from := len(s.log)
	s.l.RunFor(d)
	return s.log[from:]
}
func (s *loopSched) step() (int, bool) {
	s.ran = -1
	if !s.l.Step() {
		return 0, false
	}
	return s.ran, true
}

// refSched is the reference: a slice kept sorted by (time, ticket).
type refSched struct {
	now     Time
	events  []plainEvent // seq is the ticket
	tickets []int        // id by ticket
}

func (s *refSched) after(d time.Duration, id int) int {
	s.tickets = append(s.tickets, id)
	e := plainEvent{s.now.Add(d), len(s.tickets) - 1}
	// The newest ticket is the highest: it goes after every event due
	// at or before its instant.
	i, _ := slices.BinarySearchFunc(s.events, e.at, func(f plainEvent, at Time) int {
		if f.at <= at {
			return -1
		}
		return 1
	})
	s.events = slices.Insert(s.events, i, e)
	return len(s.tickets) - 1
}
func (s *refSched) cancel(ticket int) bool {
	i := slices.IndexFunc(s.events, func(e plainEvent) bool { return e.seq == ticket })
	if i < 0 {
		return false
	}
	s.events = slices.Delete(s.events, i, i+1)
	return true
}
func (s *refSched) pending() int { return len(s.events) }
func (s *refSched) next() (Time, bool) {
	if len(s.events) == 0 {
		return 0, false
	}
	return s.events[0].at, true
}
func (s *refSched) step() (int, bool) {
	if len(s.events) == 0 {
		return 0, false
	}
	e := s.events[0]
	s.events = s.events[1:]
	s.now = e.at
	return s.tickets[e.seq], true
}

// runFor runs the events due within d from now, in order, and leaves the
// clock at now+d, as Loop.RunFor does; it returns their ids.
func (s *refSched) runFor(d time.Duration) []int {
	end := s.now.Add(d)
	var ran []int
	for len(s.events) > 0 && s.events[0].at <= end {
		id, _ := s.step()
		ran = append(ran, id)
	}
	s.now = end
	return ran
}

// TestLoopMatchesReferenceWhileRunning runs one seeded program on the loop
// and on a sorted slice: each event, as it runs, schedules zero to three
// more (often its own follow-up first, which the loop puts into the slot
// the running event leaves), cancels a random earlier one (at times
// itself, or one that has run), and reads Pending and Next. Both must run
// the same events in the same order and answer the same.
// Reference: the (time, sequence) ordering rule in the package comment.
func TestLoopMatchesReferenceWhileRunning(t *testing.T) {
	run := func(s sched, seed uint64) []int {
		rng := rand.New(rand.NewPCG(seed, 11))
		var log []int
		nextID, tickets := 0, 0
		schedule := func(d time.Duration) {
			s.after(d, nextID)
			nextID++
			tickets++
		}
		for range 1 + rng.IntN(20) {
			schedule(time.Duration(rng.IntN(5)) * time.Second)
		}
		for len(log) < 2000 {
			id, ok := s.step()
			if !ok {
				break
			}
			log = append(log, id)
			for k := rng.IntN(4); k > 0; k-- {
				schedule(time.Duration(rng.IntN(4)) * time.Second)
			}
			if tickets > 0 && rng.IntN(3) == 0 {
				if s.cancel(rng.IntN(tickets)) {
					log = append(log, -1)
				}
			}
			at, ok := s.next()
			log = append(log, -2-s.pending(), int(at/Time(time.Second)))
			if !ok {
				log = append(log, -3)
			}
		}
		return log
	}
	for seed := uint64(1); seed <= 100; seed++ {
		got := run(&loopSched{l: New(seed)}, seed)
		want := run(&refSched{}, seed)
		require.Equal(t, want, got, "seed %d", seed)
	}
}

// TestCancellingManyFromACallback cancels, from inside a running callback,
// enough events that the queue drops its cancelled entries there and then,
// while the running event still holds the top slot: the running event must
// not run again, and the rest run in order.
func TestCancellingManyFromACallback(t *testing.T) {
	l := New(1)
	var got []int
	handles := make([]Handle, 200)
	for i := range handles {
		handles[i] = l.After(time.Duration(i+2)*time.Second, func() { got = append(got, i) })
	}
	l.After(time.Second, func() {
		got = append(got, -1)
		for _, h := range handles[:150] {
			require.True(t, l.Cancel(h))
		}
		assert.Equal(t, 50, l.Pending(), "Pending inside the callback")
	})
	l.RunFor(time.Hour)
	want := []int{-1}
	for i := 150; i < 200; i++ {
		want = append(want, i)
	}
	assert.Equal(t, want, got)
	assert.Equal(t, 0, l.Pending())
}
