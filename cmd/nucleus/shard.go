package main

import (
	"fmt"
	"math/bits"
	"strconv"
	"strings"
)

// shard is the --shard I/N flag of `nucleus soak`: run only the I-th of N
// contiguous, near-equal parts of the seed range, so that N processes (the
// pods of a Kubernetes Indexed Job, I being JOB_COMPLETION_INDEX) together
// run every seed exactly once.
type shard struct {
	index, count uint64
	set          bool
}

// String returns "I/N", or "" when the flag was not given.
func (s *shard) String() string {
	if !s.set {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.index, s.count)
}

// Set parses "I/N" and checks 0 <= I < N.
func (s *shard) Set(v string) error {
	i, n, ok := strings.Cut(v, "/")
	if !ok {
		return fmt.Errorf("must be I/N, the shard's index and the number of shards, such as 0/4")
	}
	index, err := strconv.ParseUint(i, 10, 64)
	if err != nil {
		return fmt.Errorf("the index I of I/N must be a whole number from 0, got %q", i)
	}
	count, err := strconv.ParseUint(n, 10, 64)
	if err != nil || count == 0 {
		return fmt.Errorf("the number of shards N of I/N must be a whole number from 1, got %q", n)
	}
	if index >= count {
		return fmt.Errorf("the index I must be below N (0 <= I < N): shards are numbered from 0, got %d/%d", index, count)
	}
	s.index, s.count, s.set = index, count, true
	return nil
}

// Type names the flag's value in help.
func (s *shard) Type() string { return "I/N" }

// seeds returns the first seed and the number of seeds of the shard, out
// of n seeds from first: the seeds from first+⌊I·n/N⌋ up to, not
// including, first+⌊(I+1)·n/N⌋. The products are taken in 128 bits, so
// that no count of seeds overflows.
func (s *shard) seeds(first, n uint64) (uint64, uint64) {
	lo, hi := s.bound(n, s.index), s.bound(n, s.index+1)
	return first + lo, hi - lo
}

// bound returns ⌊i·n/N⌋, for i <= N.
func (s *shard) bound(n, i uint64) uint64 {
	if i == s.count {
		return n
	}
	hi, lo := bits.Mul64(i, n)
	q, _ := bits.Div64(hi, lo, s.count) // i < N, so i·n/N < n: no overflow
	return q
}
