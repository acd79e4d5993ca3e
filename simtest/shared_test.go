package simtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// ledgerGuard remembers every object the ledger hands out as its own, as
// it looked then. Head office and the store managers share stored objects
// instead of copying them (WatchShared, WatchFieldShared,
// UpdatePodStatusShared, ...), on the promise that nobody changes one in
// place; changed reports any that did.
type ledgerGuard struct{ seen []guarded }

type guarded struct {
	obj  apiserver.Object
	json []byte
}

// guard watches a store of the ledger, sharing its objects.
func guard[T apiserver.Object](t *testing.T, g *ledgerGuard, st *apiserver.Store[T]) {
	st.WatchShared(0, true, func(ev apiserver.WatchEvent[T]) {
		b, err := json.Marshal(ev.Object)
		require.NoError(t, err)
		g.seen = append(g.seen, guarded{obj: ev.Object, json: b})
	})
}

// guardAll guards every store of the ledger.
func guardAll(t *testing.T, g *ledgerGuard, api *apiserver.Server) {
	guard(t, g, api.Pods)
	guard(t, g, api.Nodes)
	guard(t, g, api.Leases)
	guard(t, g, api.Services)
	guard(t, g, api.EndpointSlices)
	guard(t, g, api.Deployments)
	guard(t, g, api.ReplicaSets)
}

// changed returns the objects that no longer look as they did when the
// ledger handed them out.
func (g *ledgerGuard) changed(t *testing.T) []string {
	var out []string
	for _, s := range g.seen {
		b, err := json.Marshal(s.obj)
		require.NoError(t, err)
		if string(b) != string(s.json) {
			out = append(out, s.obj.GetNamespace()+"/"+s.obj.GetName()+" at resourceVersion "+s.obj.GetResourceVersion())
		}
	}
	return out
}

// runGuarded runs a scenario to its end with every store of the ledger
// guarded, and fails the test if a stored object changed in place.
func runGuarded(t *testing.T, s *scenario.Scenario) {
	r, err := s.Start()
	require.NoError(t, err)
	var g ledgerGuard
	guardAll(t, &g, r.Cluster.API())
	r.Cluster.RunUntil(sim.Time(s.Spec.Duration))
	require.NotEmpty(t, g.seen, "the guard saw nothing")
	assert.Empty(t, g.changed(t), "objects changed in place after the ledger stored them")
}

// TestNobodyChangesSharedObjects runs the example scenarios and random
// days (faults, rollouts, evictions) with a guard on every store of the
// ledger: no object the ledger stored may change afterwards, whoever
// holds it.
func TestNobodyChangesSharedObjects(t *testing.T) {
	files, err := filepath.Glob("../scenarios/*.yaml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(files), 5, "example scenarios")
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			s, err := scenario.Load(file, data)
			require.NoError(t, err)
			runGuarded(t, s)
		})
	}
	days := uint64(12)
	if raceEnabled || testing.Short() {
		days = 2
	}
	for seed := uint64(1); seed <= days; seed++ {
		t.Run("day", func(t *testing.T) { runGuarded(t, Generate(seed, Options{})) })
	}
}

// TestLedgerGuardSeesAChange: the guard catches a stored object changed in
// place.
func TestLedgerGuardSeesAChange(t *testing.T) {
	s := Generate(1, Options{})
	r, err := s.Start()
	require.NoError(t, err)
	var g ledgerGuard
	guard(t, &g, r.Cluster.API().Pods)
	r.Cluster.RunUntil(sim.Time(s.Spec.Duration))
	require.Empty(t, g.changed(t))
	require.NotEmpty(t, g.seen)
	g.seen[len(g.seen)-1].obj.SetLabels(map[string]string{"changed": "in place"})
	assert.Len(t, g.changed(t), 1)
}
