package main

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The N shards of a seed range split it: their union is the whole range,
// no seed is in two shards, and their sizes differ by at most one, even
// for ranges whose products overflow 64 bits.
func TestShardSplit(t *testing.T) {
	tests := []struct{ from, seeds, n uint64 }{
		{1, 100, 1}, {1, 100, 3}, {1, 100, 100}, {7, 10, 4}, {1000, 99991, 50},
		{1, 1 << 63, 7}, {math.MaxUint64 - 9, 10, 3}, {0, math.MaxUint64, 1000},
	}
	for _, tt := range tests {
		next := tt.from // the first seed the next shard must start at
		var least, most uint64 = math.MaxUint64, 0
		for i := uint64(0); i < tt.n; i++ {
			s := shard{index: i, count: tt.n, set: true}
			first, n := s.seeds(tt.from, tt.seeds)
			require.Equal(t, next, first, "shard %d/%d of %d seeds from %d starts where the last ended", i, tt.n, tt.seeds, tt.from)
			least, most = min(least, n), max(most, n)
			next = first + n
		}
		assert.Equal(t, tt.from+tt.seeds, next, "the %d shards of %d seeds from %d end where the range ends", tt.n, tt.seeds, tt.from)
		assert.LessOrEqual(t, most-least, uint64(1), "shard sizes of %d seeds in %d", tt.seeds, tt.n)
	}
}

func TestShardFlag(t *testing.T) {
	tests := []struct {
		value string
		want  string // "" when it parses
	}{
		{"0/1", ""}, {"3/4", ""},
		{"4/4", "the index I must be below N (0 <= I < N): shards are numbered from 0, got 4/4"},
		{"half", "must be I/N, the shard's index and the number of shards, such as 0/4"},
		{"-1/4", `the index I of I/N must be a whole number from 0, got "-1"`},
		{"0/0", `the number of shards N of I/N must be a whole number from 1, got "0"`},
		{"$(JOB_COMPLETION_INDEX)/4", `the index I of I/N must be a whole number from 0, got "$(JOB_COMPLETION_INDEX)"`},
	}
	for _, tt := range tests {
		var s shard
		err := s.Set(tt.value)
		if tt.want == "" {
			require.NoError(t, err, tt.value)
			assert.Equal(t, tt.value, s.String())
			continue
		}
		assert.EqualError(t, err, tt.want, tt.value)
	}
}

// Two shards of four seeds run seeds 7-8 and 9-10, as --from 7 and 9
// with --seeds 2 would, and say which shard they are.
func TestSoakShards(t *testing.T) {
	for i, want := range []string{"2 seeds run (7 to 8)", "2 seeds run (9 to 10)"} {
		shardArg := []string{"0/2", "1/2"}[i]
		r := nucleusWithClock(t, &fakeClock{step: time.Second}, "soak", "--seeds", "4", "--from", "7", "--max-stores", "1", "--shard", shardArg)
		require.Equal(t, exitOK, r.code, "soak --shard %s: %s", shardArg, r.errOut)
		assert.Contains(t, r.out, want)
		assert.Contains(t, r.out, "; shard "+shardArg+" of seeds 7 to 10\n")
	}
}
