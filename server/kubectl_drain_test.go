package server_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const webBudget = `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: web}
`

// TestKubectlDrainHonoursTheBudget drains a store with the real kubectl:
// its evictions of pods a PodDisruptionBudget protects are refused with
// 429, which kubectl drain retries every 5 seconds until --timeout; once
// the budget is gone the drain goes through.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods),
// pkg/registry/core/pod/storage/eviction.go (the 429's message).
func TestKubectlDrainHonoursTheBudget(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	dir := k.dir
	require.NoError(t, os.WriteFile(filepath.Join(dir, "web.yaml"), []byte(webDeployment+"---\n"+webBudget), 0o600))

	assert.Equal(t, "deployment.apps/web created\npoddisruptionbudget.policy/web created\n", k.ok("apply", "-f", "web.yaml"))
	eventually(t, "the budget to count two healthy pods", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pdb", "web", "-o", "jsonpath={.status.currentHealthy}")
		return err == nil && out == "2"
	})
	out := k.ok("get", "pdb")
	assert.Regexp(t, `^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nweb\s+2\s+N/A\s+0\s+`, out)

	_, errOut, err := k.run(30*time.Second, "drain", "store-1", "--timeout=2s")
	var exit *exec.ExitError
	require.True(t, errors.As(err, &exit), "the drain fails: %v\n%s", err, errOut)
	assert.Contains(t, errOut, `(will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`)
	assert.Contains(t, errOut, "global timeout reached: 2s")
	for _, p := range ledgerPods(t, s) {
		assert.Nil(t, p.DeletionTimestamp, "pod %s was evicted against its budget", p.Name)
	}

	// Every spec field of a budget may change: minAvailable 1 spares one.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pdb.yaml"), []byte(strings.Replace(webBudget, "minAvailable: 2", "minAvailable: 1", 1)), 0o600))
	assert.Equal(t, "poddisruptionbudget.policy/web configured\n", k.ok("apply", "-f", "pdb.yaml"))
	eventually(t, "the budget to allow one disruption", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pdb", "web", "-o", "jsonpath={.status.disruptionsAllowed}/{.metadata.generation}")
		return err == nil && out == "1/2"
	})
	assert.Equal(t, `poddisruptionbudget.policy "web" deleted`+"\n", k.ok("delete", "pdb", "web"))
	out = k.okWithin(waitLimit, "drain", "store-1")
	assert.Contains(t, out, "node/store-1 drained")
	assert.Contains(t, s.narration.String(), "scenario ScenarioAction pod/", "each eviction is an action of the recording")
}
