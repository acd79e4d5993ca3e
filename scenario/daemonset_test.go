package scenario

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// greeterDaemonSet is a DaemonSet of one nginx container.
const greeterDaemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: greeter}
spec:
  selector: {matchLabels: {app: greeter}}
  template:
    metadata: {labels: {app: greeter}}
    spec:
      containers:
      - {name: nginx, image: nginx:1.27}
`

// A scenario opens a store in a running chain: the DaemonSet hires its
// greeter there.
// Reference: pkg/controller/daemon/daemon_controller.go (addNode).
func TestScenarioOpensAStoreForADaemonSet(t *testing.T) {
	src := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata: {name: ds}
spec:
  duration: 2m
  stores: [{name: store-1}]
  actions:
  - at: 30s
    store: {name: store-2, fault: open}
  expect:
  - at: 80s
    store: {name: store-2, condition: Ready, status: "True"}
---
` + greeterDaemonSet
	s, err := Load("ds.yaml", []byte(src))
	require.NoError(t, err)
	res, err := s.Run()
	require.NoError(t, err)
	require.Empty(t, res.Errors)
	assert.Len(t, res.Cluster.Stores(), 2)
	for _, o := range res.Expectations {
		assert.True(t, o.Passed, o.Description)
	}
	var stores []string
	for _, p := range res.Cluster.Pods() {
		stores = append(stores, p.Spec.NodeName)
	}
	assert.ElementsMatch(t, []string{"store-1", "store-2"}, stores, "one greeter for each store, the new one too")
}
