package sim

import (
	"maps"
	"slices"
)

// The queue is a 4-ary min-heap of values ordered by (at, seq). Values,
// rather than pointers to timers, keep the times being compared next to
// each other in memory; four children a node, rather than two, halve the
// depth a pop sifts through. An entry is 32 bytes and the heap starts at
// index root (three unused entries before it), so that the four children
// of a node start at an index divisible by four: in a large heap, whose
// slice the Go allocator aligns to a page, they fill two neighbouring
// cache lines rather than straddling three. It is written out by hand,
// rather than through container/heap, so that pushing and popping
// allocate nothing.
//
// Running an event leaves it in the top slot, spent, until the next
// operation: a callback that schedules its follow-up (a probe's next
// period, a back-off's retry) has it put straight into that slot, one
// pass through the heap where a pop and a push would take two. This is
// the in-place re-arming of a timer that fires again.
//
// Cancellation is lazy and costs the common case nothing. Callbacks run in
// strictly increasing (at, seq) order (a new one is never due before now,
// and takes the next sequence number), so a callback has run, or been
// dropped, exactly when its (at, seq) is not after the last one taken from
// the queue. Cancelling records the sequence number in a set (O(1)) and
// leaves the entry in the heap, to be dropped when it reaches the top.
// When more than one entry in eight is a cancelled one, the heap is
// rebuilt without them (O(n), so O(1) a cancellation over time), so a
// component that keeps rescheduling a far-off timeout cannot make the
// queue grow without bound; the set forgets a cancellation once its
// instant has passed.
const (
	arity = 4
	root  = arity - 1 // the index of the top entry
)

// entry is one scheduled callback.
type entry struct {
	at  Time
	seq uint64
	w   Waker
}

// before reports whether e runs before f: earlier time first, then earlier
// scheduling.
func (e *entry) before(f *entry) bool {
	return e.at < f.at || e.at == f.at && e.seq < f.seq
}

// The parent and the first child of the entry at index i.
func parent(i int) int     { return (i + 2*arity) / arity }
func firstChild(i int) int { return arity*i - 2*arity }

type queue struct {
	heap []entry // heap[:root] is unused
	// spent says that the top entry has been taken to run: its slot is
	// free for the next push, and is otherwise removed before the queue is
	// next looked at.
	spent bool
	// cancelled holds the instant of each cancelled callback, by sequence
	// number, until it is dropped from the heap or its instant has passed.
	cancelled map[uint64]Time
	dead      int // cancelled entries still in heap
	setPeak   int // the most entries cancelled has held since it was last copied
	// lastAt and lastSeq are the key of the last entry taken off the top.
	lastAt  Time
	lastSeq uint64
}

// entries returns the number of entries in the heap, spent and cancelled
// ones included.
func (q *queue) entries() int { return max(len(q.heap)-root, 0) }

// len returns the number of callbacks waiting to run.
func (q *queue) len() int {
	n := q.entries() - q.dead
	if q.spent {
		n--
	}
	return n
}

// push adds a callback: into the spent top slot when there is one, at the
// bottom otherwise.
func (q *queue) push(at Time, seq uint64, w Waker) {
	e := entry{at: at, seq: seq, w: w}
	if q.spent {
		q.spent = false
		q.fillTop(e)
		return
	}
	if q.heap == nil {
		q.heap = make([]entry, root, root+arity)
	}
	q.heap = append(q.heap, e)
	q.up(len(q.heap) - 1)
}

// pending reports whether the callback due at at with sequence number seq
// is still waiting to run.
func (q *queue) pending(at Time, seq uint64) bool {
	if seq == 0 || at < q.lastAt || at == q.lastAt && seq <= q.lastSeq {
		return false
	}
	_, gone := q.cancelled[seq]
	return !gone
}

// cancel drops the callback due at at with sequence number seq and
// reports whether it was pending.
func (q *queue) cancel(at Time, seq uint64) bool {
	if !q.pending(at, seq) {
		return false
	}
	if q.cancelled == nil {
		q.cancelled = map[uint64]Time{}
	}
	q.cancelled[seq] = at
	q.setPeak = max(q.setPeak, len(q.cancelled))
	q.dead++
	if q.dead > 64 && q.dead > q.entries()/8 {
		q.rebuild()
	}
	return true
}

// settle removes the spent top entry, if any.
func (q *queue) settle() {
	if q.spent {
		q.spent = false
		q.removeTop()
	}
}

// first returns the first live entry, dropping cancelled ones from the
// top, or nil when nothing is pending.
func (q *queue) first() *entry {
	q.settle()
	for len(q.heap) > root {
		e := &q.heap[root]
		if q.dead == 0 {
			return e
		}
		if _, gone := q.cancelled[e.seq]; !gone {
			return e
		}
		delete(q.cancelled, e.seq)
		q.dead--
		q.lastAt, q.lastSeq = e.at, e.seq
		q.removeTop()
	}
	return nil
}

// take marks the top entry, which first has just found live, as spent and
// returns its callback: a caller that has looked at the top with first
// takes it without looking again (a lookup in cancelled when any entry is
// cancelled).
func (q *queue) take() Waker {
	e := &q.heap[root]
	q.lastAt, q.lastSeq = e.at, e.seq
	q.spent = true
	return e.w
}

// removeTop takes the top entry out of the heap: the last entry fills its
// place.
func (q *queue) removeTop() {
	h := q.heap
	last := len(h) - 1
	e := h[last]
	h[last] = entry{}
	q.heap = h[:last]
	if last > root {
		q.fillTop(e)
	}
}

// fillTop puts e into the top slot, which is free. The entry usually
// belongs near the bottom (the last entry of the heap, or a timer re-armed
// for its next period), so the hole at the top is first walked down to a
// leaf along the smallest children, then e is sifted up from there: fewer
// comparisons than sifting it down, and none whose outcome waits on e.
func (q *queue) fillTop(e entry) {
	h := q.heap
	i := root
	for {
		child := smallestChild(h, i)
		if child < 0 {
			break
		}
		h[i] = h[child]
		i = child
	}
	h[i] = e
	q.up(i)
}

// smallestChild returns the index of the child of i that runs first, or
// -1 when i is a leaf.
func smallestChild(h []entry, i int) int {
	first := firstChild(i)
	if first+arity <= len(h) {
		// All four children: the earlier of each pair, then of the two
		// winners.
		c := h[first : first+arity : first+arity]
		a, b := 0, 2
		if c[1].before(&c[0]) {
			a = 1
		}
		if c[3].before(&c[2]) {
			b = 3
		}
		if c[b].before(&c[a]) {
			a = b
		}
		return first + a
	}
	if first >= len(h) {
		return -1
	}
	child := first
	for c := first + 1; c < len(h); c++ {
		if h[c].before(&h[child]) {
			child = c
		}
	}
	return child
}

func (q *queue) up(i int) {
	h := q.heap
	e := h[i]
	for i > root {
		p := parent(i)
		if !e.before(&h[p]) {
			break
		}
		h[i] = h[p]
		i = p
	}
	h[i] = e
}

// down sifts the entry at i towards the leaves.
func (q *queue) down(i int) {
	h := q.heap
	e := h[i]
	for {
		child := smallestChild(h, i)
		if child < 0 || !h[child].before(&e) {
			break
		}
		h[i] = h[child]
		i = child
	}
	h[i] = e
}

// rebuild drops the cancelled entries and restores the heap order
// bottom-up. The set keeps the cancellations still to come, so that their
// handles stay cancelled.
func (q *queue) rebuild() {
	q.settle()
	h := q.heap[:root]
	for _, e := range q.heap[root:] {
		if _, gone := q.cancelled[e.seq]; !gone {
			h = append(h, e)
		}
	}
	clear(q.heap[len(h):])
	if cap(h) > 4*len(h) {
		// A Go slice or map keeps the room of its largest size: a burst
		// of events, or of cancellations, would hold it for the rest of
		// the run. Rebuilding copies either to the size it has now once
		// it has shrunk to a quarter.
		h = slices.Clip(slices.Clone(h))
	}
	q.heap = h
	q.dead = 0
	for seq, at := range q.cancelled {
		if at < q.lastAt {
			delete(q.cancelled, seq)
		}
	}
	if len(q.cancelled) < q.setPeak/4 {
		q.cancelled = maps.Clone(q.cancelled)
		q.setPeak = len(q.cancelled)
	}
	if len(h) > root {
		for i := parent(len(h) - 1); i >= root; i-- {
			q.down(i)
		}
	}
}
