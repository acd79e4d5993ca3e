package simtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	policyv1 "k8s.io/api/policy/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
)

const budgetedWeb = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.27
        readinessProbe: {httpGet: {port: 80}, initialDelaySeconds: 5}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: web}}
`

// drain-respects-budget holds for the evictions the eviction API grants,
// and catches one that would leave the budget short.
// Reference: pkg/registry/core/pod/storage/eviction.go (checkAndDecrement).
func TestDrainRespectsBudget(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 3})
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode("web.yaml", []byte(budgetedWeb))
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, c.Apply(d.Object))
	}
	var records []sim.Record
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) { records = append(records, r) }))
	c.RunFor(time.Minute)
	k := newChecker(c)

	var pods []string
	for _, p := range c.Pods() {
		pods = append(pods, p.Name)
	}
	require.Len(t, pods, 3)
	records = nil
	require.NoError(t, c.Evict("default", pods[0], nil))
	require.NotEmpty(t, records)
	assert.Equal(t, controller.EvictionGranted, records[0].Reason)
	assert.Nil(t, k.checkEvictions(Step{Cluster: c, Now: c.Now(), Records: records}), "a granted eviction within the budget")

	// Planted: a second pod deleted behind the budget's back, then told as
	// granted.
	require.NoError(t, c.DeletePod("default", pods[1], nil))
	planted := sim.Record{Reason: controller.EvictionGranted, Object: sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: pods[1]},
		Facts: sim.Facts{To: "web"}}
	f := k.checkEvictions(Step{Cluster: c, Now: c.Now(), Records: []sim.Record{planted}})
	if assert.NotNil(t, f, "an eviction that left one healthy pod of the two wanted") {
		assert.Equal(t, DrainRespectsBudget, f.name)
		assert.Contains(t, f.msg, "with 1 healthy pods; it wants 2")
	}
}

// The days go test runs include budgets and drains, so the invariant is
// exercised by the soak, not only here.
func TestDaysDrawBudgetsAndDrains(t *testing.T) {
	budgets, drains := 0, 0
	for seed := uint64(1); seed <= defaultSeeds(); seed++ {
		s := Generate(seed, Options{})
		for _, a := range s.Spec.Actions {
			if a.Drain != nil {
				drains++
			}
		}
		for _, d := range s.Objects {
			if _, ok := d.Object.(*policyv1.PodDisruptionBudget); ok {
				budgets++
			}
		}
	}
	assert.Positive(t, budgets, "no day drew a budget")
	assert.Positive(t, drains, "no day drew a drain")
}
