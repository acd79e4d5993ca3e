package simtest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

var (
	soakSeeds = flag.Uint64("soak", 0, "run this many seeds (from -soak.from) instead of the default range")
	soakFrom  = flag.Uint64("soak.from", 1, "the first seed of a -soak run")
)

// defaultSeeds is how many seeds `go test` runs: fifty, so that `go test
// ./...` stays within two minutes on a 2-core laptop, fifteen under the
// race detector, six with -short (CI's race detector run: the first six
// days draw every kind TestDaysDrawNewKinds and
// TestDaysDrawBudgetsAndDrains look for). CI runs the next 150 as well
// (.ci/run: `go test ./simtest -run '^TestSeeds$' -soak 150 -soak.from
// 51`).
func defaultSeeds() uint64 {
	switch {
	case testing.Short():
		return 6
	case raceEnabled:
		return 15
	}
	return 50
}

// knownBad are the seeds whose days break an invariant today, each with
// the shrunk reproduction in testdata/found/. They are kept out of the
// default range until the cause is fixed at its root. None is left: the
// seeds found so far (21, 549, 651, 687, 790, 833, 1007) are fixed and run
// as regressions in TestFixedSeeds and TestFoundReproductions.
var knownBad = map[uint64]string{}

// TestFixedSeeds runs the seeds whose days once broke an invariant (not
// with -short: seven whole days, which the run without it checks).
func TestFixedSeeds(t *testing.T) {
	if testing.Short() {
		t.Skip("seven whole days: not with -short")
	}
	for _, seed := range []uint64{21, 549, 651, 687, 790, 833, 1007} {
		r := runDay(seed)
		if !r.Passed {
			t.Errorf("seed %d: %s", seed, failure(r))
		}
	}
}

// TestSeeds runs the default seed range (or -soak N seeds) with every
// invariant checked after every event.
func TestSeeds(t *testing.T) {
	from, n := uint64(1), defaultSeeds()
	if *soakSeeds > 0 {
		from, n = *soakFrom, *soakSeeds
	}
	passed, failed := 0, 0
	start := time.Now()
	for seed := from; seed < from+n; seed++ {
		if file, bad := knownBad[seed]; bad && *soakSeeds == 0 {
			t.Logf("seed %d left out: it breaks an invariant, see %s", seed, file)
			continue
		}
		r := runDay(seed)
		if !r.Passed {
			failed++
			t.Errorf("seed %d: %s", seed, failure(r))
			continue
		}
		passed++
		require.Greater(t, r.Events, 0, "seed %d ran no events", seed)
	}
	t.Logf("%d seeds from %d: %d passed, %d failed in %v", n, from, passed, failed, time.Since(start).Round(time.Millisecond))
}

// dayReports holds the report of each day (default options) this test
// binary has run, so that TestDeterminism runs a second time only what
// TestSeeds ran once; tests of this package do not run in parallel.
var dayReports = map[uint64]Report{}

// runDay returns the report of seed's day, run once per test binary.
func runDay(seed uint64) Report {
	r, ok := dayReports[seed]
	if !ok {
		r = Run(seed, Options{})
		dayReports[seed] = r
	}
	return r
}

// TestDeterminism runs a sample of seeds twice (the first run TestSeeds'
// own, when it ran them): the same seed must give the same transcript.
func TestDeterminism(t *testing.T) {
	for _, seed := range []uint64{2, 3, 5, 8, 13} {
		a, b := runDay(seed), Run(seed, Options{})
		assert.Equal(t, a.Transcript, b.Transcript, "Run(%d) transcripts differ", seed)
		assert.Equal(t, a.Events, b.Events, "Run(%d) event counts differ", seed)
		assert.Len(t, a.Transcript, 64, "Run(%d).Transcript is not a sha256", seed)
	}
	assert.NotEqual(t, runDay(2).Transcript, runDay(3).Transcript, "seeds 2 and 3 gave the same day")
}

// TestDayMatchesScenarioRun: a day run by simtest, one event at a time
// through scenario.Start, makes the same records in the same order as
// scenario.Run of the same scenario, rollouts included, so that a
// reproduction behaves the same under `nucleus run`.
func TestDayMatchesScenarioRun(t *testing.T) {
	opts := Options{MaxStores: 5}
	rollouts, rolled := 0, 0
	for _, seed := range []uint64{1, 4, 8} {
		s := Generate(seed, opts)
		rollouts += countRollouts(s)
		h := sha256.New()
		res, err := s.Run(sim.JSONLinesObserver(h))
		require.NoError(t, err)
		rolled += len(res.Cluster.ReplicaSets()) - len(res.Cluster.Deployments())
		rep := RunScenario(s)
		require.True(t, rep.Passed, "seed %d: %s", seed, failure(rep))
		assert.Equal(t, hex.EncodeToString(h.Sum(nil)), rep.Transcript, "seed %d: simtest's transcript differs from scenario.Run's", seed)
	}
	assert.Positive(t, rollouts, "no day of the sample rolls a Deployment out: pick other seeds")
	assert.Positive(t, rolled, "the sample's rollouts made no new ReplicaSet")
}

// countRollouts counts the apply actions of a day that apply a
// Deployment the day already has.
func countRollouts(s *scenario.Scenario) int {
	have := map[string]bool{}
	for _, d := range s.Objects {
		if dp, ok := d.Object.(*appsv1.Deployment); ok {
			have[dp.Name] = true
		}
	}
	n := 0
	for _, a := range s.Spec.Actions {
		if a.Apply == nil {
			continue
		}
		var m metav1.PartialObjectMetadata
		if json.Unmarshal(*a.Apply, &m) == nil && m.Kind == "Deployment" && have[m.Name] {
			n++
		}
	}
	return n
}

// TestGenerate checks the shape of the days: the bounds of Options, and
// that a day written out loads back the same.
func TestGenerate(t *testing.T) {
	opts := Options{MaxStores: 4, MinDuration: 10 * time.Minute, MaxDuration: 12 * time.Minute}
	for seed := uint64(1); seed <= 30; seed++ {
		s := Generate(seed, opts)
		n := len(s.Spec.Stores)
		assert.True(t, n >= 1 && n <= 4, "Generate(%d) has %d stores, want 1 to 4", seed, n)
		d := s.Spec.Duration.D()
		assert.True(t, d >= 10*time.Minute && d <= 12*time.Minute, "Generate(%d) lasts %v, want 10m to 12m", seed, d)
		assert.Equal(t, seed, s.Seed(), "Generate(%d).Seed()", seed)
		assert.NotEmpty(t, s.Objects, "Generate(%d) has no objects", seed)
		assert.Empty(t, s.Warnings, "Generate(%d) sets fields nucleus does not simulate", seed)
		data, err := Marshal(s)
		require.NoError(t, err)
		again, err := scenario.Load("day.yaml", data)
		require.NoError(t, err, "Generate(%d) written out does not load", seed)
		assert.Equal(t, s.Spec, again.Spec, "Generate(%d) does not survive Marshal and Load", seed)
		assert.Len(t, again.Objects, len(s.Objects), "Generate(%d) objects", seed)
	}
	a, _ := Marshal(Generate(9, opts))
	b, _ := Marshal(Generate(9, opts))
	assert.Equal(t, string(a), string(b), "Generate(9) twice gave two days")
}

// TestFoundReproductions runs each reproduction in testdata/found: it
// must load and run, and the log says what it shows today. (Their seeds
// stay out of TestSeeds's range; a reproduction that passes means its
// bug is fixed, and its seeds can go back.)
func TestFoundReproductions(t *testing.T) {
	files, err := filepath.Glob("testdata/found/*.yaml")
	require.NoError(t, err)
	require.NotEmpty(t, files, "no reproductions in testdata/found")
	for _, file := range files {
		data, err := os.ReadFile(file)
		require.NoError(t, err)
		s, err := scenario.Load(file, data)
		require.NoError(t, err, "%s does not load", file)
		r := RunScenario(s)
		require.NoError(t, r.Err, "%s does not run", file)
		require.True(t, r.Passed, "%s: %s", file, failure(r))
		t.Logf("%s: %d events", file, r.Events)
	}
}
