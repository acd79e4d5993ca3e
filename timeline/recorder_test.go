package timeline_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
	"github.com/nodenucleus/nucleus/timeline"
)

// The crash loop's container is created, runs, exits with code 1, and
// waits out a doubling back-off: 10s, 20s, 40s, 80s.
// Reference: kubelet.md §3.4 (restart back-off), §7.1 (CrashLoopBackOff).
func TestRecorderCrashLoop(t *testing.T) {
	tl := run(t, "crash-loop", 3*time.Minute)
	require.Len(t, tl.Pods, 1)
	p := tl.Pods[0]
	assert.Equal(t, "web", p.Name)
	assert.Equal(t, "store-1", p.Node)
	require.Len(t, p.Containers, 1)
	c := p.Containers[0]
	require.NotEmpty(t, c.Segments)
	assert.Equal(t, "ContainerCreating", c.Segments[0].Name(), "first state")
	var backoffs []time.Duration
	restarts := 0
	for i, s := range c.Segments {
		if i > 0 {
			assert.Equal(t, c.Segments[i-1].To, s.From, "segments %d and %d must meet", i-1, i)
		}
		if s.Reason == "CrashLoopBackOff" {
			backoffs = append(backoffs, s.To.Sub(s.From))
		}
		if s.State == timeline.Terminated {
			assert.True(t, s.Failed(), "exit %d must count as failed", s.ExitCode)
			assert.Equal(t, int32(1), s.ExitCode)
		}
	}
	for _, m := range c.Marks {
		if m.Kind == timeline.Restart {
			restarts++
		}
	}
	want := []time.Duration{10 * time.Second, 20 * time.Second, 40 * time.Second, 80 * time.Second}
	assert.Equal(t, want, backoffs, "back-offs")
	assert.Equal(t, 5, restarts, "restarts by 03:00")
	assert.Equal(t, tl.End, c.Segments[len(c.Segments)-1].To, "the last segment reaches the end")
}

// The liveness-http pod fails three probes 3s apart, is killed and
// restarted: failureThreshold 3, periodSeconds 3.
// Reference: kubelet.md §4.2, §4.3 (probe thresholds; a liveness failure kills).
func TestRecorderLivenessMarks(t *testing.T) {
	tl := run(t, "liveness-http", time.Minute)
	c := tl.Pods[0].Containers[0]
	var probes, kills []sim.Time
	for _, m := range c.Marks {
		switch m.Kind {
		case timeline.ProbeFailure:
			assert.Equal(t, "Liveness", m.Probe, "probe kind of %q", m.Message)
			probes = append(probes, m.At)
		case timeline.Kill:
			kills = append(kills, m.At)
		}
	}
	assert.Equal(t, []sim.Time{timeline.Second(12), timeline.Second(15), timeline.Second(18),
		timeline.Second(30), timeline.Second(33), timeline.Second(36), timeline.Second(57), timeline.Second(60)}, probes)
	assert.Equal(t, []sim.Time{timeline.Second(18), timeline.Second(36)}, kills)
	ready := tl.Pods[0].Ready
	require.NotEmpty(t, ready)
	assert.False(t, ready[0].Ready, "the pod starts not Ready")
}

// Timeline cuts at end: nothing after it, open intervals closed at it.
func TestTimelineCutsAtEnd(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 1})
	require.NoError(t, err)
	rec := timeline.Record(c)
	require.NoError(t, c.Apply(busybox("web", "sleep 5; exit 1")))
	c.RunUntil(timeline.Second(60))
	end := timeline.Second(20)
	tl := rec.Timeline(end)
	assert.Equal(t, end, tl.End)
	for _, s := range tl.Pods[0].Containers[0].Segments {
		assert.LessOrEqual(t, s.To, end, "segment %v ends after %v", s, end)
	}
	for _, m := range tl.Pods[0].Containers[0].Marks {
		assert.LessOrEqual(t, m.At, end, "mark %v after %v", m, end)
	}
	assert.Panics(t, func() { rec.Timeline(-1) }, "an end before the start is a programmer error")
}

// Init containers come first, in spec order, then the regular ones; pods
// are sorted by name.
func TestTimelineOrder(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 1})
	require.NoError(t, err)
	rec := timeline.Record(c)
	p := busybox("b-pod", "sleep 3600")
	p.Spec.InitContainers = []corev1.Container{
		{Name: "zeta", Image: "busybox:1.36", Command: []string{"sh", "-c", "exit 0"}},
		{Name: "alpha", Image: "busybox:1.36", Command: []string{"sh", "-c", "exit 0"}},
	}
	require.NoError(t, c.Apply(p, busybox("a-pod", "sleep 3600")))
	c.RunUntil(timeline.Second(30))
	tl := rec.Timeline(c.Now())
	require.Len(t, tl.Pods, 2)
	assert.Equal(t, []string{"a-pod", "b-pod"}, []string{tl.Pods[0].Name, tl.Pods[1].Name})
	var labels []string
	for _, ct := range tl.Pods[1].Containers {
		labels = append(labels, ct.Label())
	}
	assert.Equal(t, []string{"init:zeta", "init:alpha", "app"}, labels)
	first := tl.Pods[1].Containers[0].Segments
	require.NotEmpty(t, first)
	last := first[len(first)-1]
	assert.Equal(t, "Completed (exit 0)", last.Name(), "an init container that exits 0")
	assert.False(t, last.Failed())
}

// Customers the desk sends to a pod are counted for it.
func TestRecorderCustomers(t *testing.T) {
	c, err := cluster.New(cluster.Config{Seed: 1})
	require.NoError(t, err)
	rec := timeline.Record(c)
	shop := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "cashier", Labels: map[string]string{"app": "shop"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "till", Image: "nginx:1.27",
			Ports: []corev1.ContainerPort{{ContainerPort: 80}}}}}}
	svc := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "shop"}, Spec: corev1.ServiceSpec{
		Selector: map[string]string{"app": "shop"},
		Ports:    []corev1.ServicePort{{Port: 80, TargetPort: intstr.FromInt32(80)}}}}
	require.NoError(t, c.Apply(shop, svc))
	c.RunUntil(timeline.Second(10))
	traffic, err := c.SendCustomers(cluster.Customers{Service: "shop", Rate: 5, For: 30 * time.Second})
	require.NoError(t, err)
	c.RunUntil(timeline.Second(60))
	tl := rec.Timeline(c.Now())
	require.Len(t, tl.Pods, 1)
	got := tl.Pods[0].Customers
	want := traffic.ByPod["cashier"]
	require.NotNil(t, want)
	assert.Equal(t, want.Served, got.Served, "served customers")
	assert.Positive(t, got.Served)
	var b bytes.Buffer
	require.NoError(t, tl.WriteText(&b, 80))
	assert.Contains(t, b.String(), "customers:", "the text heading counts customers")
}

func busybox(name, script string) *corev1.Pod {
	return &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}, Spec: corev1.PodSpec{
		Containers: []corev1.Container{{Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", script}}}}}
}
