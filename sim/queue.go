package sim

import (
	"maps"
	"slices"
)

// The queue is a 4-ary min-heap of values ordered by (at, seq). Values,
// rather than pointers to timers, keep the times being compared next to
// each other in memory; four children a node, rather than two, halve the
// depth a pop sifts through, and the four children sit in one or two
// cache lines. It is written out by hand, rather than through
// container/heap, so that pushing and popping allocate nothing.
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
const arity = 4

// entry is one scheduled callback.
type entry struct {
	at  Time
	seq uint64
	fn  func()
}

// before reports whether e runs before f: earlier time first, then earlier
// scheduling.
func (e *entry) before(f *entry) bool {
	return e.at < f.at || e.at == f.at && e.seq < f.seq
}

type queue struct {
	heap []entry
	// cancelled holds the instant of each cancelled callback, by sequence
	// number, until it is dropped from the heap or its instant has passed.
	cancelled map[uint64]Time
	dead      int // cancelled entries still in heap
	setPeak   int // the most entries cancelled has held since it was last copied
	// lastAt and lastSeq are the key of the last entry taken off the top.
	lastAt  Time
	lastSeq uint64
}

// len returns the number of callbacks waiting to run.
func (q *queue) len() int { return len(q.heap) - q.dead }

// push adds a callback.
func (q *queue) push(at Time, seq uint64, fn func()) {
	q.heap = append(q.heap, entry{at: at, seq: seq, fn: fn})
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
	if q.dead > 64 && q.dead > len(q.heap)/8 {
		q.rebuild()
	}
	return true
}

// first returns the first live entry, dropping cancelled ones from the
// top, or nil when nothing is pending.
func (q *queue) first() *entry {
	for len(q.heap) > 0 {
		e := &q.heap[0]
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

// pop removes and returns the first live entry, and reports whether there
// was one.
func (q *queue) pop() (entry, bool) {
	if q.first() == nil {
		return entry{}, false
	}
	return q.take(), true
}

// take removes and returns the top entry, which first has just found
// live: a caller that has looked at the top with first takes it without
// looking again (a lookup in cancelled when any entry is cancelled).
func (q *queue) take() entry {
	e := q.heap[0]
	q.lastAt, q.lastSeq = e.at, e.seq
	q.removeTop()
	return e
}

// removeTop takes the top entry out of the heap. The entry moved in from
// the end usually belongs near the bottom, so the hole left at the top is
// first walked down to a leaf along the smallest children, then the entry
// is sifted up from there: fewer comparisons than sifting it down.
func (q *queue) removeTop() {
	h := q.heap
	last := len(h) - 1
	e := h[last]
	h[last] = entry{}
	h = h[:last]
	q.heap = h
	if last == 0 {
		return
	}
	i := 0
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
	first := arity*i + 1
	if first >= len(h) {
		return -1
	}
	child := first
	for c := first + 1; c < min(first+arity, len(h)); c++ {
		if h[c].before(&h[child]) {
			child = c
		}
	}
	return child
}

func (q *queue) up(i int) {
	h := q.heap
	e := h[i]
	for i > 0 {
		parent := (i - 1) / arity
		if !e.before(&h[parent]) {
			break
		}
		h[i] = h[parent]
		i = parent
	}
	h[i] = e
}

// rebuild drops the cancelled entries and restores the heap order
// bottom-up. The set keeps the cancellations still to come, so that their
// handles stay cancelled.
func (q *queue) rebuild() {
	h := q.heap[:0]
	for _, e := range q.heap {
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
	for i := (len(h) - 2) / arity; i >= 0; i-- {
		q.down(i)
	}
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
