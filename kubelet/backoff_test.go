package kubelet

import (
	"testing"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

func at(d time.Duration) sim.Time { return sim.Time(d) }

// Reference: kubelet.md §3.3 (flowcontrol backoff: initial, doubling, cap)
// and §3.4 (the resulting delays 10s, 20s, 40s, ... 300s).
func TestCrashLoopBackOffDoubles(t *testing.T) {
	b := newBackOff(initialCrashLoopBackOff, maxCrashLoopBackOff, crashLoopResetAfter)
	want := []time.Duration{10, 20, 40, 80, 160, 300, 300}
	now := at(0)
	for i, w := range want {
		got := b.Next("app", now, now)
		if got != w*time.Second {
			t.Errorf("Next #%d = %v, want %v", i+1, got, w*time.Second)
		}
		now = now.Add(got + time.Second)
	}
}

// Reference: kubelet.md §3.2 (the kubelet's crash-loop back-off expires
// after 600s without an update).
func TestCrashLoopBackOffResetsAfterTenQuietMinutes(t *testing.T) {
	b := newBackOff(initialCrashLoopBackOff, maxCrashLoopBackOff, crashLoopResetAfter)
	b.Next("app", at(0), at(0))
	b.Next("app", at(5*time.Second), at(5*time.Second)) // 20s
	if got := b.Next("app", at(605*time.Second), at(605*time.Second)); got != 40*time.Second {
		t.Errorf("Next after 600s = %v, want 40s (600s is not yet expired)", got)
	}
	if got := b.Next("app", at(1300*time.Second), at(1300*time.Second)); got != 10*time.Second {
		t.Errorf("Next after 695s quiet = %v, want 10s (reset)", got)
	}
}

// Reference: kubelet.md §3.3 (IsInBackOffSince: now - eventTime < backoff).
func TestInBackOffSince(t *testing.T) {
	b := newBackOff(10*time.Second, 300*time.Second, 600*time.Second)
	if b.InBackOffSince("x", at(0), at(time.Second)) {
		t.Error("InBackOffSince with no entry = true, want false")
	}
	b.Next("x", at(0), at(0))
	for _, tc := range []struct {
		finished, now time.Duration
		want          bool
	}{
		{5 * time.Second, 6 * time.Second, true},
		{5 * time.Second, 14 * time.Second, true},
		{5 * time.Second, 15 * time.Second, false}, // exactly the back-off: free to go
		{5 * time.Second, 20 * time.Second, false},
	} {
		if got := b.InBackOffSince("x", at(tc.finished), at(tc.now)); got != tc.want {
			t.Errorf("InBackOffSince(finished %v, now %v) = %v, want %v", tc.finished, tc.now, got, tc.want)
		}
	}
}
