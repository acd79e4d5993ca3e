package scenario

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An evict action honours the budget (its refusal is the action's
// failure); a drain action cordons the store and evicts what the budget
// lets go, retrying the rest; a budget expectation reads its status.
// Reference: pkg/registry/core/pod/storage/eviction.go,
// staging/src/k8s.io/kubectl/pkg/drain/drain.go.
func TestEvictAndDrainActions(t *testing.T) {
	yaml := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: drain}
spec:
  duration: 2m
  actions:
  - at: 30s
    evict: {pod: lone}
  - at: 40s
    drain: {store: store-1, force: true, timeout: 20s}
  expect:
  - at: 1m
    budget: {name: lone, disruptionsAllowed: {atMost: 0}, currentHealthy: {atLeast: 1}}
  - at: 1m
    budget: {name: nobody, currentHealthy: {atLeast: 1}}
---
apiVersion: v1
kind: Pod
metadata: {name: lone, labels: {app: lone}}
spec:
  containers: [{name: a, image: nginx:1.27}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: lone}
spec:
  minAvailable: 1
  selector: {matchLabels: {app: lone}}
`
	s, err := Load("drain.yaml", []byte(yaml))
	require.NoError(t, err)
	r, err := s.Run()
	require.NoError(t, err)
	var out bytes.Buffer
	r.Report(&out)
	assert.Equal(t, `PASS  00:01:00  poddisruptionbudget lone disruptionsAllowed at most 0
PASS  00:01:00  poddisruptionbudget lone currentHealthy at least 1
FAIL  00:01:00  poddisruptionbudget nobody currentHealthy at least 1 (saw no such poddisruptionbudget)
ERROR 00:00:30  drain.yaml:8: spec.actions[0].evict: Cannot evict pod as it would violate the pod's disruption budget.
2 passed, 1 failed
`, out.String())
	require.Len(t, r.Errors, 1, "the evict action is refused")
	assert.Contains(t, r.Errors[0].Error(), "spec.actions[0].evict")
	assert.Contains(t, r.Errors[0].Error(), "Cannot evict pod as it would violate the pod's disruption budget.")
	_, err = r.Cluster.Pod("default", "lone")
	assert.NoError(t, err, "neither the evict nor the drain took the budget's only pod")
	n, err := r.Cluster.API().Nodes.Get("", "store-1")
	require.NoError(t, err)
	assert.True(t, n.Spec.Unschedulable, "the drain cordoned the store")

	for drain, want := range map[string]string{
		"{gracePeriodSeconds: 1}":                  "spec.actions[0].drain.store: Required value",
		"{store: store-1, gracePeriodSeconds: -1}": "spec.actions[0].drain.gracePeriodSeconds: Invalid value: -1",
		"{store: store-1, timeout: 25h}":           "spec.actions[0].drain.timeout: Invalid value",
	} {
		_, err = Load("bad.yaml", []byte(`apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: bad}
spec:
  duration: 1m
  actions:
  - at: 1s
    drain: `+drain+"\n"))
		require.Error(t, err, drain)
		assert.True(t, strings.Contains(err.Error(), want), "%v lacks %q", err, want)
	}
}
