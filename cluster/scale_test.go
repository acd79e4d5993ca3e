package cluster_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

// placements runs a Deployment of pods on a chain of stores until every
// pod is Running and returns, in the order the staffing desk decided, the
// store each pod was sent to, and the pod -> store map.
func placements(t *testing.T, seed uint64, stores, pods int) ([]string, map[string]string) {
	t.Helper()
	c := scaleChain(t, seed, stores)
	counter := &runningCounter{}
	c.Subscribe(counter)
	var order []string
	where := map[string]string{}
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "Scheduled" {
			order = append(order, r.Facts.To)
			where[r.Object.Name] = r.Facts.To
		}
	}))
	require.NoError(t, c.Apply(benchDeployment(int32(pods))))
	for counter.n < pods {
		require.True(t, c.Loop().Step(), "the loop ran dry with %d of %d pods Running", counter.n, pods)
	}
	require.Len(t, where, pods)
	return order, where
}

// TestSameSeedSamePlacements: with many stores, the same seed sends every
// employee to the same store, and another seed does not.
// Reference: pkg/scheduler/schedule_one.go selectHost (ties broken at
// random) and numFeasibleNodesToFind (with 100 or more stores only part of
// the chain is scored).
func TestSameSeedSamePlacements(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 500 pods three times")
	}
	orderA, a := placements(t, 7, 50, 500)
	orderB, b := placements(t, 7, 50, 500)
	assert.Equal(t, a, b, "two runs with seed 7 placed pods differently")
	assert.Equal(t, orderA, orderB, "two runs with seed 7 made decisions in a different order")
	orderC, _ := placements(t, 8, 50, 500)
	assert.NotEqual(t, orderA, orderC, "seeds 7 and 8 sent the pods to the same stores in the same order: the seed reaches no decision")
}
