package simtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/scenario"
)

// noPod3Runs is a planted invariant that a day breaks as soon as a pod
// named pod-3 is Running: a synthetic failure for the shrinker.
var noPod3Runs = Invariant{Name: "no-pod-3-runs", Check: func(st Step) string {
	for _, r := range st.Records {
		if r.Object.Kind == "Pod" && r.Object.Name == "pod-3" {
			if p, err := st.Cluster.Pod("default", "pod-3"); err == nil && p.Status.Phase == corev1.PodRunning {
				return "pod pod-3 is Running"
			}
		}
	}
	return ""
}}

// TestShrinkPlanted plants a failure in a generated day and shrinks the
// day: what is left still fails the same way, and is smaller in every
// part the failure does not need.
func TestShrinkPlanted(t *testing.T) {
	opts := Options{MaxStores: 4, MinDuration: 10 * time.Minute, MaxDuration: 10 * time.Minute, Invariants: []Invariant{noPod3Runs}}
	var day *scenario.Scenario
	for seed := uint64(1); seed <= 50 && day == nil; seed++ {
		s := Generate(seed, opts)
		if r := RunScenario(s, noPod3Runs); r.Violation != nil && r.Violation.Invariant == noPod3Runs.Name && len(s.Spec.Actions) > 2 {
			day = s
		}
	}
	require.NotNil(t, day, "no seed from 1 to 50 runs pod-3 with more than 2 actions")
	small := Shrink(day, SameViolation(noPod3Runs.Name, noPod3Runs))

	r := RunScenario(small, noPod3Runs)
	require.NotNil(t, r.Violation, "the shrunk day no longer fails")
	assert.Equal(t, noPod3Runs.Name, r.Violation.Invariant)
	require.Len(t, small.Objects, 1, "Shrink kept objects pod-3 does not need")
	assert.Equal(t, "pod-3", small.Objects[0].Object.(*corev1.Pod).Name)
	assert.Empty(t, small.Spec.Actions, "Shrink kept actions pod-3 does not need")
	assert.Len(t, small.Spec.Stores, 1, "Shrink kept stores pod-3 does not need")
	assert.Less(t, small.Spec.Duration.D(), day.Spec.Duration.D(), "Shrink did not shorten the day")
	_, err := Marshal(small)
	assert.NoError(t, err)
}

// TestShrinkPassing returns a scenario that does not fail as it is.
func TestShrinkPassing(t *testing.T) {
	s := Generate(4, Options{MaxStores: 2})
	calls := 0
	got := Shrink(s, func(*scenario.Scenario) bool { calls++; return false })
	assert.Same(t, s, got, "Shrink of a passing scenario changed it")
	assert.Equal(t, 1, calls, "Shrink of a passing scenario ran it %d times, want 1", calls)
}
