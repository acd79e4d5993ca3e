package cluster_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/endpointslice"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/sim"
)

const webAndBudget = `apiVersion: apps/v1
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
        readinessProbe:
          httpGet: {port: 80}
          initialDelaySeconds: 5
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec:
  minAvailable: 2
  selector: {matchLabels: {app: web}}
`

func applyAll(t *testing.T, c *cluster.Cluster, y string) {
	t.Helper()
	docs, _, err := manifest.NewDecoder().Decode("x.yaml", []byte(y))
	require.NoError(t, err)
	for _, d := range docs {
		require.NoError(t, c.Apply(d.Object))
	}
}

// readyWeb counts the web pods that are ready and not being deleted.
func readyWeb(c *cluster.Cluster) int {
	n := 0
	for _, p := range c.Pods() {
		if p.Labels["app"] == "web" && p.DeletionTimestamp == nil && endpointslice.IsPodReady(p) {
			n++
		}
	}
	return n
}

// A drain evicts every pod of the store through the eviction API, asks
// again every 5 seconds while the budget refuses, and never takes the
// budget's pods below minAvailable.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods:
// 429 is retried after 5s; WaitForDelete), pkg/registry/core/pod/storage/eviction.go.
func TestDrainWaitsForTheBudget(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 2, Stores: []cluster.StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
	require.NoError(t, err)
	// Every web pod starts on store-1: store-2 opens later.
	require.NoError(t, c.Cordon("store-2", true))
	applyAll(t, c, webAndBudget)
	c.RunFor(time.Minute)
	require.Equal(t, 3, readyWeb(c))
	require.NoError(t, c.Cordon("store-2", false))

	var lines []string
	var refused []sim.Time
	low := 3
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		low = min(low, readyWeb(c))
		if r.Source.Component == cluster.DrainComponent {
			lines = append(lines, r.Reason+" "+r.Object.Name+": "+r.Message)
			if r.Reason == "EvictionRefused" {
				refused = append(refused, r.Time)
			}
		}
	}))
	require.NoError(t, c.Drain("store-1", cluster.DrainOptions{}))
	c.RunFor(5 * time.Minute)

	assert.GreaterOrEqual(t, low, 2, "the budget's minAvailable held through the drain")
	require.NotEmpty(t, refused, "with three pods on the store and minAvailable 2, the budget refused some eviction")
	for i := 1; i < len(refused); i++ {
		gap := refused[i].Sub(refused[i-1])
		assert.True(t, gap == 0 || gap == cluster.DrainRetry, "refusals come 5s apart, got %v", gap)
	}
	assert.Contains(t, lines[0], "EvictingPod")
	assert.Contains(t, strings.Join(lines, "\n"), `(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`)
	assert.Equal(t, "NodeDrained store-1: node/store-1 drained", lines[len(lines)-1])
	for _, p := range c.Pods() {
		assert.NotEqual(t, "store-1", p.Spec.NodeName, "pod %s is still on the drained store", p.Name)
	}
	n, err := c.API().Nodes.Get("", "store-1")
	require.NoError(t, err)
	assert.True(t, n.Spec.Unschedulable, "a drained store stays cordoned")
}

// Reference: staging/src/k8s.io/kubectl/pkg/drain/filters.go
// (daemonSetFilter, unreplicatedFilter; errors()).
func TestDrainRefusesWhatKubectlRefuses(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 2})
	require.NoError(t, err)
	applyAll(t, c, `apiVersion: v1
kind: Pod
metadata:
  name: greeter-abc
  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: greeter, uid: "1234", controller: true}]
spec:
  containers: [{name: greeter, image: nginx:1.27}]
`)
	c.RunFor(10 * time.Second)
	err = c.Drain("store-1", cluster.DrainOptions{})
	require.Error(t, err)
	assert.Equal(t, "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/greeter-abc", err.Error())

	var warned string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "DrainWarning" {
			warned = r.Message
		}
	}))
	require.NoError(t, c.Drain("store-1", cluster.DrainOptions{IgnoreDaemonSets: true}))
	assert.Equal(t, "Warning: ignoring DaemonSet-managed Pods: default/greeter-abc", warned)
	_, err = c.Pod("default", "greeter-abc")
	assert.NoError(t, err, "the DaemonSet's pod stays")

	applyAll(t, c, "apiVersion: v1\nkind: Pod\nmetadata: {name: lone}\nspec:\n  nodeName: store-1\n  containers: [{name: c, image: nginx:1.27}]\n")
	err = c.Drain("store-1", cluster.DrainOptions{IgnoreDaemonSets: true})
	require.Error(t, err)
	assert.Equal(t, "cannot delete cannot delete Pods that declare no controller (use --force to override): default/lone", err.Error())
}

// A budget that allows nothing holds the drain until its --timeout, when
// each pod still there gets kubectl's line.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods:
// "global timeout reached").
func TestDrainTimesOut(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 2})
	require.NoError(t, err)
	applyAll(t, c, strings.Replace(webAndBudget, "minAvailable: 2", "minAvailable: 3", 1))
	c.RunFor(time.Minute)
	var lines []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Source.Component == cluster.DrainComponent {
			lines = append(lines, r.Time.String()+" "+r.Reason)
		}
	}))
	require.NoError(t, c.Drain("store-1", cluster.DrainOptions{Timeout: 12 * time.Second}))
	c.RunFor(time.Minute)
	refusals, failures := 0, 0
	for _, l := range lines {
		switch {
		case strings.HasSuffix(l, "EvictionRefused"):
			refusals++
		case strings.HasSuffix(l, "DrainFailed"):
			failures++
			assert.True(t, strings.HasPrefix(l, "00:01:12 "), "the timeout comes at 12s: %s", l)
		}
		assert.NotContains(t, l, "NodeDrained")
	}
	assert.Equal(t, 3*3, refusals, "three pods, asked at 0s, 5s and 10s")
	assert.Equal(t, 3, failures)
	assert.Equal(t, 3, readyWeb(c))
}
