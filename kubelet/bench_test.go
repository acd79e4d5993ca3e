package kubelet_test

import (
	goruntime "runtime"
	"strconv"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/internal/cputime"
	"github.com/nodenucleus/nucleus/sim"
)

// benchPods is a full store: 110 nginx pods (the kubelet's default
// maxPods), each with an httpGet liveness probe and an exec readiness
// probe.
func benchPods() []*corev1.Pod {
	var out []*corev1.Pod
	for i := range 110 {
		c := corev1.Container{
			Name: "web", Image: "nginx:1.27",
			LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
				HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt(80)}}},
			ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
				Exec: &corev1.ExecAction{Command: []string{"cat", "/etc/nginx/nginx.conf"}}}},
		}
		out = append(out, podOf("web-"+strconv.Itoa(i), 30, c))
	}
	return out
}

// BenchmarkStore110Pods simulates one full store for an hour of virtual
// time: one op is the whole hour. It reports the loop steps (events) per
// wall-clock second and the heap the simulation holds per pod after the
// hour (live heap after the hour less live heap before the cluster was
// built, divided by 110).
func BenchmarkStore110Pods(b *testing.B) {
	pods := benchPods()
	var steps int
	var heap uint64
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		b.StopTimer()
		before := heapInUse()
		b.StartTimer()
		c, err := cluster.New(cluster.Config{Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range pods {
			if err := c.Apply(p); err != nil {
				b.Fatal(err)
			}
		}
		loop := c.Loop()
		end := sim.Time(time.Hour)
		steps = 0
		for {
			if at, ok := loop.Next(); !ok || at > end {
				break
			}
			loop.Step()
			steps++
		}
		b.StopTimer()
		heap = heapInUse() - before
		goruntime.KeepAlive(c)
		b.StartTimer()
	}
	b.ReportMetric(float64(steps)*float64(b.N)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(steps), "events/op")
	b.ReportMetric(float64(heap)/110/1024, "KiB/pod")
	cputime.Report(b, start)
}

// heapInUse returns the bytes of live heap after a collection.
func heapInUse() uint64 {
	var ms goruntime.MemStats
	goruntime.GC()
	goruntime.ReadMemStats(&ms)
	return ms.HeapAlloc
}
