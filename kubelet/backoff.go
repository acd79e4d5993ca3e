package kubelet

import (
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// backOff is client-go's flowcontrol.Backoff as the kubelet uses it: per
// key, a delay that starts at initial, doubles on every Next up to max, and
// resets when the key has been quiet for longer than expiry.
//
// Reference: kubelet.md §3.3 (client-go util/flowcontrol/backoff.go) and
// §3.2 (the kubelet's crash-loop back-off expires after a fixed 600s).
type backOff struct {
	initial, max, expiry time.Duration
	entries              map[string]*backOffEntry
}

type backOffEntry struct {
	delay      time.Duration
	lastUpdate sim.Time
}

func newBackOff(initial, max, expiry time.Duration) *backOff {
	return &backOff{initial: initial, max: max, expiry: expiry, entries: map[string]*backOffEntry{}}
}

func (b *backOff) expired(e *backOffEntry, eventTime sim.Time) bool {
	return eventTime.Sub(e.lastUpdate) > b.expiry
}

// Next records one more failure of key at eventTime (measured against
// now) and returns the delay before the next try.
func (b *backOff) Next(key string, eventTime, now sim.Time) time.Duration {
	e, ok := b.entries[key]
	if !ok || b.expired(e, eventTime) {
		e = &backOffEntry{delay: b.initial}
		b.entries[key] = e
	} else {
		e.delay = min(2*e.delay, b.max)
	}
	e.lastUpdate = now
	return e.delay
}

// Get returns key's current delay (zero when it has none).
func (b *backOff) Get(key string) time.Duration {
	if e, ok := b.entries[key]; ok {
		return e.delay
	}
	return 0
}

// InBackOffSince reports whether, at now, key is still waiting out the
// delay that started at eventTime.
func (b *backOff) InBackOffSince(key string, eventTime, now sim.Time) bool {
	e, ok := b.entries[key]
	if !ok || b.expired(e, eventTime) {
		return false
	}
	return now.Sub(eventTime) < e.delay
}

// InBackOffSinceUpdate reports whether, at now, key is still waiting out
// the delay that started at its last update.
func (b *backOff) InBackOffSinceUpdate(key string, now sim.Time) bool {
	e, ok := b.entries[key]
	if !ok || b.expired(e, now) {
		return false
	}
	return now.Sub(e.lastUpdate) < e.delay
}

// Forget drops key's history.
func (b *backOff) Forget(key string) { delete(b.entries, key) }
