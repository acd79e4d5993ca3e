package server_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A server dry run of kubectl drain and cordon is a rehearsal: the
// evictions get the budget's answer (429 while it allows no disruption,
// 201 once it allows one) and nothing changes: the store stays open, no
// pod goes, and the budget keeps its disruptions.
// Reference: https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run;
// pkg/registry/core/pod/storage/eviction.go (a dry run checks the budget
// and writes nothing).
func TestKubectlDrainDryRunChangesNothing(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	k.write("web.yaml", webDeployment+"---\n"+webBudget)
	k.ok("apply", "-f", "web.yaml")
	eventually(t, "the budget to count two healthy pods", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pdb", "web", "-o", "jsonpath={.status.currentHealthy}")
		return err == nil && out == "2"
	})
	unchanged := func(allowed string) {
		t.Helper()
		assert.NotEqual(t, "true", k.ok("get", "node", "store-1", "-o", "jsonpath={.spec.unschedulable}"), "the store was cordoned by a dry run")
		for _, p := range ledgerPods(t, s) {
			assert.Nil(t, p.DeletionTimestamp, "pod %s was evicted by a dry run", p.Name)
		}
		assert.Equal(t, allowed, k.ok("get", "pdb", "web", "-o", "jsonpath={.status.disruptionsAllowed}"))
	}

	assert.Equal(t, "node/store-1 cordoned (server dry run)\n", k.ok("cordon", "store-1", "--dry-run=server"))
	unchanged("0")

	_, errOut, err := k.run(30*time.Second, "drain", "store-1", "--dry-run=server", "--timeout=2s")
	require.Error(t, err, "the dry-run drain meets the budget's 429")
	assert.Contains(t, errOut, "Cannot evict pod as it would violate the pod's disruption budget.")
	unchanged("0")

	k.write("pdb.yaml", strings.Replace(webBudget, "minAvailable: 2", "minAvailable: 0", 1))
	k.ok("apply", "-f", "pdb.yaml")
	eventually(t, "the budget to allow two disruptions", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pdb", "web", "-o", "jsonpath={.status.disruptionsAllowed}")
		return err == nil && out == "2"
	})
	out := k.okWithin(waitLimit, "drain", "store-1", "--dry-run=server")
	assert.Contains(t, out, "(server dry run)")
	assert.Contains(t, out, "node/store-1 drained (server dry run)")
	unchanged("2")
}
