package controller

import (
	"cmp"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// Config wires a controller to the simulation: the loop that drives it and
// head office's ledger it reads and writes.
type Config struct {
	Loop *sim.Loop
	API  *apiserver.Server
}

// The work queue's rate limiter for retries (client-go's
// DefaultControllerRateLimiter): the larger of a per-item back-off (5ms,
// doubling after each failure of the same object, capped at 1000s) and an
// overall token bucket shared by every object (10 a second, bursts of 100).
const (
	retryBase   = 5 * time.Millisecond
	retryMax    = 1000 * time.Second
	bucketRate  = 10  // tokens a second
	bucketBurst = 100 // tokens at most
)

// workQueue holds the keys of the objects a controller must sync. Keys
// marked during an instant are synced together, in key order, at the end of
// that instant; a key can also be marked for a later instant.
type workQueue struct {
	loop     *sim.Loop
	sync     func(apiserver.Key) error
	dirty    map[apiserver.Key]bool
	pending  sim.Handle
	later    map[apiserver.Key]sim.Handle
	failures map[apiserver.Key]int
	bucket   tokenBucket
}

// tokenBucket is the overall limit on rate-limited retries, as
// golang.org/x/time/rate's limiter reserves them: a retry takes a token,
// and when none is left it waits for the next one.
type tokenBucket struct {
	tokens float64
	last   sim.Time
	primed bool
}

// reserve takes a token at now and returns how long to wait for it.
func (b *tokenBucket) reserve(now sim.Time) time.Duration {
	if !b.primed {
		b.tokens, b.last, b.primed = bucketBurst, now, true
	}
	b.tokens = min(bucketBurst, b.tokens+now.Sub(b.last).Seconds()*bucketRate)
	b.last = now
	b.tokens--
	if b.tokens >= 0 {
		return 0
	}
	return time.Duration(-b.tokens / bucketRate * float64(time.Second))
}

func newWorkQueue(loop *sim.Loop, sync func(apiserver.Key) error) *workQueue {
	return &workQueue{
		loop: loop, sync: sync, dirty: map[apiserver.Key]bool{},
		later: map[apiserver.Key]sim.Handle{}, failures: map[apiserver.Key]int{},
	}
}

// add queues k for a sync at the end of the current instant.
func (q *workQueue) add(k apiserver.Key) {
	q.dirty[k] = true
	if !q.loop.Scheduled(q.pending) {
		q.pending = q.loop.After(0, q.run)
	}
}

// addAfter queues k for a sync d from now, unless a sync of k is already
// due sooner (the work queue's AddAfter keeps the earliest).
func (q *workQueue) addAfter(k apiserver.Key, d time.Duration) {
	at := q.loop.Now().Add(d)
	if h, ok := q.later[k]; ok {
		if when, pending := q.loop.When(h); pending && when <= at {
			return
		}
		q.loop.Cancel(h)
	}
	q.later[k] = q.loop.At(at, func() {
		delete(q.later, k)
		q.add(k)
	})
}

// run syncs every queued key in key order. A sync that fails is retried
// after the key's back-off; one that succeeds resets it.
func (q *workQueue) run() {
	keys := make([]apiserver.Key, 0, len(q.dirty))
	for k := range q.dirty {
		keys = append(keys, k)
	}
	clear(q.dirty)
	slices.SortFunc(keys, func(a, b apiserver.Key) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	for _, k := range keys {
		if err := q.sync(k); err != nil {
			q.addAfter(k, q.backoff(k))
			continue
		}
		delete(q.failures, k)
	}
}

// backoff returns how long to wait before retrying k (the queue's
// AddRateLimited): the larger of k's own back-off, which it counts up, and
// the wait for a token of the overall bucket.
func (q *workQueue) backoff(k apiserver.Key) time.Duration {
	n := q.failures[k]
	q.failures[k] = n + 1
	d := retryBase
	for i := 0; i < n && d < retryMax; i++ {
		d *= 2
	}
	return max(min(d, retryMax), q.bucket.reserve(q.loop.Now()))
}
