package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/internal/cputime"
	"github.com/nodenucleus/nucleus/scenario"
)

// largest runs TestLargestClusterFullSize: the full 150,000 pods, minutes
// of processor time and about 3 GB, too much for go test ./... .
var largest = flag.Bool("largest", false, "play scenarios/scale/largest-cluster.yaml at full size (minutes, ~3 GB)")

// TestLargestClusterFullSize plays Kubernetes' largest supported cluster
// (https://kubernetes.io/docs/setup/best-practices/cluster-large/: 5,000
// nodes, 150,000 pods) through `nucleus run`, as a user would: every
// Deployment is fully ready by 10s, and the narration is the summary.
// It runs only with -largest (see the README).
func TestLargestClusterFullSize(t *testing.T) {
	if !*largest {
		t.Skip("the full-size run takes minutes and ~3 GB: go test ./cmd/nucleus -run LargestClusterFullSize -largest -timeout 30m")
	}
	r := nucleus(t, "", "run", "--voice", "kubernetes", largestCluster)
	require.Equal(t, exitOK, r.code, "stderr: %s", r.errOut)
	assert.Contains(t, r.out, "head-office # nucleus Totals 150000 of 150000 pods Running (100%), 150000 scheduled, on 5000 nodes\n")
	assert.Contains(t, r.out, "\n5 passed, 0 failed\n")
	assert.Equal(t, 12, strings.Count(r.out, "# nucleus Totals "))
}

// runCostScenario writes the benchmark's scenario: 1,000 stores and one
// Deployment of 30,000 pause pods, as in the largest-cluster scenario,
// run for 30s of virtual time, with one expectation; it returns its path.
func runCostScenario(b *testing.B) string {
	b.Helper()
	text := `apiVersion: nucleus.dev/v1alpha1
kind: Scenario
metadata:
  name: run-cost
spec:
  duration: 30s
  stores:
  - {name: store, count: 1000}
  expect:
  - at: 10s
    deployment: {name: shop, ready: {atLeast: 30000}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 30000
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
      - name: app
        image: registry.k8s.io/pause:3.10
        resources:
          requests: {cpu: 50m, memory: 64Mi}
`
	path := filepath.Join(b.TempDir(), "run-cost.yaml")
	require.NoError(b, os.WriteFile(path, []byte(text), 0o644))
	return path
}

// BenchmarkRunCost is the issue's figure "nucleus run costs what the
// library costs": the same scenario (1,000 stores, 30,000 pods, apply to
// 30s) played by the library (scenario.Load and Run, no observer) and by
// `nucleus run` in-process, its output discarded: by default (told in
// summary at this size) and with --narration all (every event formatted,
// as every run was before the summary). It reports the process's CPU time
// (cpu-ns/op) and the peak of the heap's live objects during the run
// (peak-heap-MB, sampled every 5 ms by the benchmark). Run each case in a
// process of its own, and compare cli with library:
//
//	go test ./cmd/nucleus -run '^$' -bench 'RunCost/library' -benchtime 1x -count 6
//	go test ./cmd/nucleus -run '^$' -bench 'RunCost/cli$' -benchtime 1x -count 6
func BenchmarkRunCost(b *testing.B) {
	path := runCostScenario(b)
	data, err := os.ReadFile(path)
	require.NoError(b, err)
	cases := []struct {
		name string
		play func(b *testing.B)
	}{
		{"library", func(b *testing.B) {
			sc, err := scenario.Load(path, data)
			require.NoError(b, err)
			r, err := sc.Run()
			require.NoError(b, err)
			require.True(b, r.Passed())
		}},
		{"cli", func(b *testing.B) { runDiscarding(b, "run", path) }},
		{"cli-narration-all", func(b *testing.B) { runDiscarding(b, "run", "--narration", "all", path) }},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			peak := sampleHeap()
			start := cputime.Now()
			for b.Loop() {
				c.play(b)
			}
			cputime.Report(b, start)
			b.ReportMetric(float64(peak())/(1<<20), "peak-heap-MB")
		})
	}
}

// runDiscarding runs the command line with args, its output discarded,
// and fails b unless it exits 0.
func runDiscarding(b *testing.B, args ...string) {
	if code := run(args, strings.NewReader(""), io.Discard, io.Discard); code != exitOK {
		b.Fatalf("nucleus %s: exit %d", strings.Join(args, " "), code)
	}
}

// sampleHeap starts sampling the bytes of live and not yet swept heap
// objects every 5 ms, and returns a function that stops the sampling and
// returns the largest figure seen.
func sampleHeap() func() uint64 {
	const name = "/memory/classes/heap/objects:bytes"
	sample := []metrics.Sample{{Name: name}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		peak := read()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				done <- max(peak, read())
				return
			case <-tick.C:
				peak = max(peak, read())
			}
		}
	}()
	return func() uint64 {
		close(stop)
		return <-done
	}
}
