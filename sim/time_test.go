package sim

import (
	"math"
	"testing"
	"time"
)

// Seconds turns a count of seconds a user wrote into a duration without
// overflowing: time.Duration(math.MaxInt64)*time.Second wraps to a
// negative duration, which the loop refuses with a panic, and
// MaxInt64/1e9 seconds added to the clock wraps the clock.
func TestSecondsSaturates(t *testing.T) {
	tests := []struct {
		n    int64
		want time.Duration
	}{
		{0, 0},
		{30, 30 * time.Second},
		{-1, 0},
		{math.MinInt64, 0},
		{MaxSeconds, MaxSeconds * time.Second},
		{MaxSeconds + 1, MaxSeconds * time.Second},
		{math.MaxInt64, MaxSeconds * time.Second},
	}
	for _, tt := range tests {
		if got := Seconds(tt.n); got != tt.want {
			t.Errorf("Seconds(%d) = %v, want %v", tt.n, got, tt.want)
		}
	}
	if end := Time(24 * time.Hour).Add(Seconds(math.MaxInt64)); end < Time(24*time.Hour) {
		t.Errorf("a day plus Seconds(MaxInt64) = %v wrapped round", end)
	}
}
