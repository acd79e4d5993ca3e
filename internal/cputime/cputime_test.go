package cputime

import "testing"

// TestNowMoves checks that busy work shows up as processor time.
func TestNowMoves(t *testing.T) {
	start := Now()
	x := uint64(1)
	for i := 0; i < 50_000_000; i++ {
		x = x*6364136223846793005 + 1442695040888963407
	}
	if Now() <= start {
		t.Fatalf("Now() did not move over 50M multiplications (x=%d)", x)
	}
}
