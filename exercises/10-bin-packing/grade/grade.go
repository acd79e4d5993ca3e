package grade

import (
	"testing"

	"github.com/nodenucleus/nucleus/scheduler"
)

// ScoreFunc returns a node's score, 0 to 100, for a pod, from what the
// node's pods would request with the pod added (requested) and what the
// node offers (allocatable).
type ScoreFunc func(requested, allocatable scheduler.Resources) int64

// Check grades score against the contract in README.md, and reports each
// broken rule with what score returned, what it should have returned and
// why.
func Check(t testing.TB, score ScoreFunc) {
	t.Helper()
	checkTable(t, score)
	checkPlacement(t, score)
}

const (
	gi = int64(1) << 30
	mi = int64(1) << 20
)

// scoreCase is one row of the table.
type scoreCase struct {
	requested, allocatable scheduler.Resources
	want                   int64
	why                    string
}

var scoreCases = []scoreCase{
	{res(0, 0), res(4000, 8*gi), 0, "an empty node scores 0: nothing is allocated"},
	{res(4000, 8*gi), res(4000, 8*gi), 100, "a full node scores 100"},
	{res(2000, 4*gi), res(4000, 8*gi), 50, "half the cpu and half the memory: 50"},
	{res(1000, 6*gi), res(4000, 8*gi), 50, "cpu 25 and memory 75 average to 50: each resource weighs the same"},
	{res(1000, 3*gi), res(3000, 9*gi), 33, "one third is 33: round down, as integer division does"},
	{res(2000, 1*gi), res(3000, 8*gi), 39, "cpu 66 (rounded down) and memory 12 (rounded down) average to 39 (rounded down)"},
	{res(6000, 4*gi), res(4000, 8*gi), 75, "a request above allocatable counts as allocatable (cpu 100, not 150)"},
	{res(1000, 512*mi), res(2000, 0), 50, "a resource the node has none of is left out of the average"},
	{res(1000, 512*mi), res(0, 0), 0, "a node with neither cpu nor memory scores 0"},
	{scheduler.Resources{MilliCPU: 2000, Memory: 4 * gi, Pods: 100}, scheduler.Resources{MilliCPU: 4000, Memory: 8 * gi, Pods: 110}, 50,
		"only cpu and memory count, not pod slots"},
}

// res returns cpu (millicores) and memory (bytes).
func res(milliCPU, memory int64) scheduler.Resources {
	return scheduler.Resources{MilliCPU: milliCPU, Memory: memory}
}

// checkTable runs the table of scores.
func checkTable(t testing.TB, score ScoreFunc) {
	t.Helper()
	for _, c := range scoreCases {
		if got := score(c.requested, c.allocatable); got != c.want {
			t.Errorf("Score(requested %s, allocatable %s) = %d, want %d: %s",
				show(c.requested), show(c.allocatable), got, c.want, c.why)
		}
	}
}
