package sim

import (
	"math/bits"
	"slices"
)

// The queue is a radix heap: a priority queue for keys that never go
// backwards, which virtual time is (a callback is never due before now).
// It keeps a base, the time of the last callback taken, and sorts each
// entry into a bucket by the highest bit in which its time differs from
// the base: bucket 0 holds the entries due at the base itself, bucket b
// those that first differ at bit b-1, so every entry of bucket b is due
// before every entry of bucket b+1. Taking the next callback takes from
// bucket 0; when it is empty, the lowest bucket that is not is emptied:
// its earliest entry becomes the new base, and its entries fall into
// lower buckets by the same rule. An entry only ever falls, at most 64
// times in all, so a push and a pop cost O(1) over time, and both mostly
// append to or read a slice in order, which the processor's caches like.
//
// The order is exact (time, then sequence number), as the package comment
// promises, without sorting: the entries due at one instant are always in
// the same bucket (it depends on the time and the base alone), in
// sequence order. A push appends the newest entry; emptying a bucket, or
// dropping cancelled entries, keeps the order of those that stay
// together. So bucket 0 is in sequence order, and the first entry due at
// the earliest time of a bucket is the one to run first.
//
// first looks at the next entry without taking it, so the base moves only
// when an entry is taken: a callback can still be scheduled between now
// and the next entry's time (after RunUntil stops short of it), since
// every time after the base has a bucket. The entry first found is
// remembered until the next push, so that Next followed by Step looks
// through its bucket once.
//
// Cancellation is lazy and costs the common case nothing. Callbacks run in
// strictly increasing (at, seq) order (a new one is never due before now,
// and takes the next sequence number), so a callback has run, or been
// dropped, exactly when its (at, seq) is not after the last one taken from
// the queue. Cancelling records the sequence number in a set (O(1)) and
// leaves the entry in its bucket, to be dropped when it comes first: at
// the head of bucket 0, or as the earliest entry of a higher bucket, which
// is then swept of its cancelled entries (taking it would move the base
// past now). When more than one entry in eight is a cancelled one, all
// the buckets are swept (O(n), so O(1) a cancellation over time), so a
// component that keeps rescheduling a far-off timeout cannot make the
// queue grow without bound; the set forgets a cancellation once the last
// entry taken is past it (prune).
//
// Room: each bucket keeps the room of its largest size until a sweep
// gives it back (spareRoom). When the base crosses a power of two of
// nanoseconds (about a minute, two minutes, ...), the whole queue passes
// through one bucket, which then waits empty, with that room, for the
// next crossing; a run with cancellations sweeps it back, but a run
// without any keeps a queue's worth of room for each power of two
// crossed (an hour: about ten).
const buckets = 65 // bucket 0, and one for each bit of a time

// entry is one scheduled callback: 32 bytes.
type entry struct {
	at  Time
	seq uint64
	w   Waker
}

// spareRoom is the most room, in entries, that a bucket keeps beyond its
// entries once the queue is swept: a Go slice keeps the room of its
// largest size, and the buckets take turns holding most of the queue, so
// that each would otherwise keep the room of the largest burst for the
// rest of the run. Giving it back costs allocations when the bucket
// fills again (a store's buckets hold a few hundred entries at most).
const spareRoom = 32

type queue struct {
	// bucket[0][head:] are the entries due at base, in sequence order;
	// bucket[b], b ≥ 1, the entries whose time first differs from base at
	// bit b-1, in no order.
	bucket [buckets][]entry
	head   int
	base   Time
	used   uint64 // bit b-1 is set when bucket[b] (b ≥ 1) holds entries
	n      int    // entries held, cancelled ones included
	// peekBucket and peekIndex locate the earliest entry of the lowest
	// used bucket, as first found it, until the next push or sweep;
	// peekBucket is 0 when nothing is remembered.
	peekBucket int
	peekIndex  int
	// cancelled holds the instant of each cancelled callback, by sequence
	// number, until it is dropped from the head of bucket 0 or pruned.
	cancelled map[uint64]Time
	dead      int // cancelled entries still held
	setPeak   int // the most entries cancelled has held since it was last copied
	pruneAt   int // the size of cancelled at which to prune it
	// lastAt and lastSeq are the key of the last entry taken or dropped.
	lastAt  Time
	lastSeq uint64
}

// bucketOf returns the bucket of an entry due at at, which is not before
// the base.
func (q *queue) bucketOf(at Time) int { return bits.Len64(uint64(at ^ q.base)) }

// len returns the number of callbacks waiting to run.
func (q *queue) len() int { return q.n - q.dead }

// push adds a callback due at at, which is not before the time of the last
// one taken, with sequence number seq, which is higher than any before.
func (q *queue) push(at Time, seq uint64, w Waker) {
	b := q.bucketOf(at)
	q.bucket[b] = append(q.bucket[b], entry{at: at, seq: seq, w: w})
	if b > 0 {
		q.used |= 1 << (b - 1)
	}
	q.n++
	q.peekBucket = 0
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
	switch {
	case q.dead > 64 && q.dead > q.n/8:
		q.sweep()
	case len(q.cancelled) > max(q.pruneAt, 64):
		q.prune()
	}
	return true
}

// isCancelled reports whether the entry with sequence number seq, which
// the queue holds, was cancelled.
func (q *queue) isCancelled(seq uint64) bool {
	if q.dead == 0 {
		return false
	}
	_, gone := q.cancelled[seq]
	return gone
}

// first returns the next live entry, dropping cancelled ones, or nil when
// nothing is pending. The entry stays in the queue; take takes it.
func (q *queue) first() *entry {
	for {
		if q.head < len(q.bucket[0]) {
			e := &q.bucket[0][q.head]
			if !q.isCancelled(e.seq) {
				return e
			}
			q.drop()
			continue
		}
		if q.used == 0 {
			return nil
		}
		e := q.earliest()
		if !q.isCancelled(e.seq) {
			return e
		}
		// Not taken, so that the base stays at or before now: the
		// bucket is swept of its cancelled entries instead.
		q.compact(q.peekBucket)
		q.peekBucket = 0
	}
}

// earliest returns the earliest entry of the lowest used bucket, which
// is not bucket 0, and remembers where it is.
func (q *queue) earliest() *entry {
	if q.peekBucket == 0 {
		b := bits.TrailingZeros64(q.used) + 1
		s := q.bucket[b]
		k := 0
		for i := 1; i < len(s); i++ {
			if s[i].at < s[k].at {
				k = i
			}
		}
		q.peekBucket, q.peekIndex = b, k
	}
	return &q.bucket[q.peekBucket][q.peekIndex]
}

// refill empties the lowest used bucket into the lower ones, its earliest
// entry's time becoming the base, when bucket 0 is empty.
func (q *queue) refill() {
	e := q.earliest()
	b := q.peekBucket
	q.peekBucket = 0
	q.base = e.at
	s := q.bucket[b]
	for i := range s {
		to := q.bucketOf(s[i].at)
		if to > 0 {
			q.used |= 1 << (to - 1)
		}
		q.bucket[to] = append(q.bucket[to], s[i])
	}
	clear(s)
	q.bucket[b] = s[:0]
	q.used &^= 1 << (b - 1)
}

// take takes the entry first has just returned and returns its callback.
func (q *queue) take() Waker {
	if q.head == len(q.bucket[0]) {
		q.refill()
	}
	return q.pop().w
}

// drop takes the cancelled entry at the head of bucket 0 and forgets its
// cancellation.
func (q *queue) drop() {
	e := q.pop()
	delete(q.cancelled, e.seq)
	q.dead--
}

// pop takes the entry at the head of bucket 0, which holds one.
func (q *queue) pop() entry {
	s := q.bucket[0]
	e := s[q.head]
	s[q.head] = entry{}
	q.head++
	switch {
	case q.head == len(s):
		q.bucket[0], q.head = s[:0], 0
	case q.head >= 1024 && 2*q.head >= len(s):
		// Callbacks that keep scheduling more at the same instant:
		// move the rest down rather than let the slice grow.
		n := copy(s, s[q.head:])
		clear(s[n:])
		q.bucket[0], q.head = s[:n], 0
	}
	q.n--
	q.lastAt, q.lastSeq = e.at, e.seq
	return e
}

// compact drops the cancelled entries of bucket b. Their cancellations
// stay in the set, so that their handles stay cancelled until the time
// of the last entry taken passes them (prune).
func (q *queue) compact(b int) {
	s := q.bucket[b]
	from := 0
	if b == 0 {
		from, q.head = q.head, 0
	}
	kept := s[:0]
	for _, e := range s[from:] {
		if _, gone := q.cancelled[e.seq]; !gone {
			kept = append(kept, e)
		}
	}
	clear(s[len(kept):])
	dropped := len(s) - from - len(kept)
	q.n -= dropped
	q.dead -= dropped
	q.bucket[b] = kept
	if b > 0 && len(kept) == 0 {
		q.used &^= 1 << (b - 1)
	}
}

// sweep drops the cancelled entries from every bucket and gives back each
// one's room beyond spareRoom.
func (q *queue) sweep() {
	for b := range q.bucket {
		q.compact(b)
		if s := q.bucket[b]; cap(s)-len(s) > spareRoom {
			q.bucket[b] = nil
			if len(s) > 0 {
				q.bucket[b] = slices.Clip(slices.Clone(s))
			}
		}
	}
	q.peekBucket = 0
	q.prune()
}

// prune forgets the cancellations of callbacks that are no longer
// pending anyway: those not after the last entry taken (see pending). It
// runs again once the set has doubled, so that it costs O(1) a
// cancellation over time.
func (q *queue) prune() {
	for seq, at := range q.cancelled {
		if at < q.lastAt || at == q.lastAt && seq <= q.lastSeq {
			delete(q.cancelled, seq)
		}
	}
	if q.setPeak > 256 && len(q.cancelled) < q.setPeak/4 {
		// A Go map keeps the room of its largest size, and so does
		// its clone (maps.Clone): copy it down into a new one after a
		// burst of cancellations.
		m := make(map[uint64]Time, len(q.cancelled))
		for seq, at := range q.cancelled {
			m[seq] = at
		}
		q.cancelled = m
		q.setPeak = len(q.cancelled)
	}
	q.pruneAt = max(64, 2*len(q.cancelled))
}
