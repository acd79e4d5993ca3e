package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// largestCluster is the scenario of Kubernetes' largest supported
// cluster: 5,000 stores, 150,000 pods.
const largestCluster = exampleScenarios + "/scale/largest-cluster.yaml"

// scaledLargestCluster writes, in a temporary folder, the largest-cluster
// scenario at a hundredth of its size (50 stores, 5 Deployments of 300
// pods, the expectations to match), and returns its path: the same
// file, cheap enough for go test ./... .
func scaledLargestCluster(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(largestCluster)
	require.NoError(t, err)
	text := string(data)
	require.Equal(t, 1, strings.Count(text, "count: 5000"), "the chain's one counted store entry")
	require.Equal(t, 10, strings.Count(text, "30000"), "5 Deployments and their 5 expectations")
	text = strings.ReplaceAll(strings.ReplaceAll(text, "count: 5000", "count: 50"), "30000", "300")
	path := filepath.Join(t.TempDir(), "largest-cluster-100th.yaml")
	require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
	return path
}

// TestLargestClusterIsToldInSummary: a run of more than 100 stores or
// 1,000 pods is told in summary by default: the chain's totals (both
// voices) when every pod has a store, at each tenth of the pods Running
// and at the end, then the Deployments, not the 1,500 pods; its
// expectations (every Deployment fully ready by 10s) pass. Reference:
// https://kubernetes.io/docs/setup/best-practices/cluster-large/ (5,000
// nodes, 150,000 pods, at most 110 a node) for the full-size file. With
// -short (CI's race detector run) it is left to the run without it: 1,500
// pods of simulation alone.
func TestLargestClusterIsToldInSummary(t *testing.T) {
	if testing.Short() {
		t.Skip("plays 1,500 pods twice: not with -short")
	}
	scaled := scaledLargestCluster(t)
	r := nucleus(t, "", "run", scaled)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	assert.Empty(t, r.errOut)
	assert.Equal(t, 12, strings.Count(r.out, "# nucleus Totals "), "technical totals: all scheduled, 10 tenths, the end")
	assert.Equal(t, 12, strings.Count(r.out, " employees are at work"), "storefront totals")
	assert.NotContains(t, r.out, "Scheduled pod/", "no line per event")
	assert.NotContains(t, r.out, "READY   STATUS", "no pods table")
	golden(t, "run-largest-cluster-100th.golden", r.out)

	all := nucleus(t, "", "run", "--narration", "all", "--voice", "kubernetes", scaled)
	require.Equal(t, exitOK, all.code, "stderr: %s", all.errOut)
	assert.Equal(t, 1500, strings.Count(all.out, " default-scheduler Scheduled pod/"), "--narration all tells every event")
	assert.NotContains(t, all.out, "nucleus Totals")
	assert.Contains(t, all.out, "\n5 passed, 0 failed\n")
}

// TestSmallRunsAreToldInFull: under the summary's size the narration is
// one line per event, unless --narration summary asks for the totals.
func TestSmallRunsAreToldInFull(t *testing.T) {
	crashLoop := filepath.Join(exampleScenarios, "crash-loop.yaml")
	full := nucleus(t, "", "run", "--voice", "kubernetes", "--for", "20s", crashLoop)
	require.Equal(t, exitOK, full.code, "stderr: %s", full.errOut)
	assert.Contains(t, full.out, " default-scheduler Scheduled pod/web ")
	assert.NotContains(t, full.out, "nucleus Totals")

	sum := nucleus(t, "", "run", "--voice", "kubernetes", "--narration", "summary", "--for", "20s", crashLoop)
	require.Equal(t, exitOK, sum.code, "stderr: %s", sum.errOut)
	assert.NotContains(t, sum.out, " default-scheduler Scheduled pod/web ")
	assert.Contains(t, sum.out, "head-office # nucleus Totals 1 of 1 pods Running (100%), 1 scheduled, on 1 nodes\n")
	assert.Contains(t, sum.out, "READY   STATUS", "no Deployments: the pods table")

	bad := nucleus(t, "", "run", "--narration", "some", crashLoop)
	assert.Equal(t, exitUsage, bad.code)
	assert.Contains(t, bad.errOut, `invalid argument "some" for "--narration" flag: want auto, all or summary`)
}

// TestLargestClusterLoadsAtFullSize: the full-size file asks for exactly
// Kubernetes' limits, 5,000 stores and 150,000 pods, and is accepted.
func TestLargestClusterLoadsAtFullSize(t *testing.T) {
	sc, err := loadScenario([]string{largestCluster}, strings.NewReader(""), os.Stderr)
	require.NoError(t, err)
	assert.Equal(t, 5000, sc.Spec.StoreCount())
	assert.Equal(t, int64(150000), sc.Pods())
}
