package controller

import (
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// Reference: client-go util/workqueue DefaultControllerRateLimiter: the
// larger of a per-item exponential back-off (5ms .. 1000s) and an overall
// token bucket of 10 a second with a burst of 100.
func TestRetryRateLimits(t *testing.T) {
	loop := sim.New(1)
	q := newWorkQueue(loop, nil)
	// The same object failing again and again: 5ms, 10ms, 20ms ...
	for i, want := range []time.Duration{5, 10, 20, 40} {
		if got := q.backoff(keyOf("web")); got != want*time.Millisecond {
			t.Errorf("backoff #%d of one object = %v, want %v", i+1, got, want*time.Millisecond)
		}
	}
	// Many objects at one instant: the bucket's burst of 100 (4 taken
	// above), then one token every 100ms.
	q2 := newWorkQueue(loop, nil)
	var last time.Duration
	for i := 0; i < 110; i++ {
		last = q2.backoff(keyOf(string(rune('a'+i%26)) + string(rune('a'+i/26))))
		if i < 100 && last != 5*time.Millisecond {
			t.Fatalf("retry %d within the burst waits %v, want the per-item 5ms", i+1, last)
		}
	}
	if want := time.Second; last != want {
		t.Errorf("the 110th retry at one instant waits %v, want %v (10 tokens a second past the burst)", last, want)
	}
}

func keyOf(name string) apiserver.Key { return apiserver.Key{Namespace: "default", Name: name} }
