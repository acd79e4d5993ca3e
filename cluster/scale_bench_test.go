package cluster_test

import (
	"fmt"
	"os"
	goruntime "runtime"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/internal/cputime"
	"github.com/nodenucleus/nucleus/internal/gctune"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// scaleChain builds a chain of n big stores (store-0001, store-0002, ...)
// whose warehouse holds one tiny image, bench/app, that listens nowhere and
// runs until it is stopped.
func scaleChain(tb testing.TB, seed uint64, stores int) *cluster.Cluster {
	tb.Helper()
	catalog := runtime.NewCatalog()
	if err := catalog.Register("bench/app", 1_000_000, runtime.Behaviour{}); err != nil {
		tb.Fatal(err)
	}
	capacity := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("64"),
		corev1.ResourceMemory: resource.MustParse("256Gi"),
		corev1.ResourcePods:   resource.MustParse("110"),
	}
	cfg := cluster.Config{Seed: seed, Catalog: catalog}
	for i := 1; i <= stores; i++ {
		cfg.Stores = append(cfg.Stores, cluster.StoreConfig{Name: fmt.Sprintf("store-%04d", i), Capacity: capacity})
	}
	c, err := cluster.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// benchDeployment returns a Deployment "app" of replicas pods of bench/app,
// each requesting 10m of cpu and 16Mi of memory.
func benchDeployment(replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": "bench"}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "app", Namespace: "default"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{
					Name: "app", Image: "bench/app:1",
					Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
						corev1.ResourceCPU:    resource.MustParse("10m"),
						corev1.ResourceMemory: resource.MustParse("16Mi"),
					}},
				}}},
			},
		},
	}
}

// runningCounter counts pods that reach phase Running, from the record,
// without listing pods.
type runningCounter struct{ n int }

func (r *runningCounter) Observe(rec sim.Record) {
	if rec.Reason == "PhaseChanged" && rec.Facts.To == string(corev1.PodRunning) {
		r.n++
	}
}

// scaleRun is what one run from apply to all Running measured.
type scaleRun struct {
	steps   int
	virtual time.Duration
	wall    time.Duration
	heap    uint64 // bytes of heap in use after, minus before
}

// runToRunning applies a Deployment of pods replicas to a chain of stores
// and steps the loop until every pod is Running; it fails after a virtual
// hour.
func runToRunning(tb testing.TB, stores, pods int) scaleRun {
	tb.Helper()
	before := heapInUse()
	start := time.Now()
	c := scaleChain(tb, 1, stores)
	counter := &runningCounter{}
	c.Subscribe(counter)
	if err := c.Apply(benchDeployment(int32(pods))); err != nil {
		tb.Fatal(err)
	}
	loop := c.Loop()
	begin := loop.Now()
	steps := 0
	for counter.n < pods {
		if !loop.Step() || loop.Now()-begin > sim.Time(time.Hour) {
			tb.Fatalf("after %d steps and %v, %d of %d pods Running", steps, time.Duration(loop.Now()-begin), counter.n, pods)
		}
		steps++
	}
	run := scaleRun{steps: steps, virtual: time.Duration(loop.Now() - begin), wall: time.Since(start)}
	if after := heapInUse(); after > before {
		run.heap = after - before
	}
	goruntime.KeepAlive(c)
	return run
}

// heapInUse returns the bytes of heap in use after a collection.
func heapInUse() uint64 {
	goruntime.GC()
	var m goruntime.MemStats
	goruntime.ReadMemStats(&m)
	return m.HeapInuse
}

// benchScale runs the chain b.N times and reports, for the last run,
// events per second, heap per pod and the virtual time from apply to all
// Running. One op is the whole run, from building the chain to the last
// pod Running. It tunes the collector as the nucleus command does
// (internal/gctune), unless GOGC or GOMEMLIMIT is set.
func benchScale(b *testing.B, stores, pods int) {
	defer gctune.Apply(os.Getenv)()
	var run scaleRun
	var steps int
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		run = runToRunning(b, stores, pods)
		steps += run.steps
	}
	b.ReportMetric(float64(steps)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(run.heap)/float64(pods), "heapB/pod")
	b.ReportMetric(run.virtual.Seconds(), "virtual-s")
	b.ReportMetric(float64(run.steps), "events/op")
	cputime.Report(b, start)
}

// BenchmarkThousandStores is the chain at scale: 1,000 stores and a
// Deployment of 30,000 pods, from apply to all Running. Target: under 5 s
// of wall time and 1 GiB of memory. For comparison, KWOK's published
// figure is 10,000 pods created within 60 s on a real control plane.
func BenchmarkThousandStores(b *testing.B) { benchScale(b, 1000, 30_000) }

// BenchmarkHundredStores is the same at a tenth of the size, for quick
// iteration: 100 stores and 3,000 pods.
func BenchmarkHundredStores(b *testing.B) { benchScale(b, 100, 3_000) }

// BenchmarkThousandStoresFull is the chain of BenchmarkThousandStores with
// 100 pods a store: 100,000 pods. Beside it, it shows whether a pod costs
// the same with more pods a store.
func BenchmarkThousandStoresFull(b *testing.B) { benchScale(b, 1000, 100_000) }

// BenchmarkLargestCluster is Kubernetes' largest supported cluster
// (https://kubernetes.io/docs/setup/best-practices/cluster-large/): 5,000
// stores and 150,000 pods, from apply to all Running. Target: within 30 s
// and 4 GiB on a 2-core machine.
func BenchmarkLargestCluster(b *testing.B) { benchScale(b, 5000, 150_000) }
