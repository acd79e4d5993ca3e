package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// run is a cluster under test with everything it recorded.
type run struct {
	c       *cluster.Cluster
	records []sim.Record
}

func newRun(t *testing.T, cfg cluster.Config, pods ...*corev1.Pod) *run {
	t.Helper()
	c, err := cluster.New(cfg)
	require.NoError(t, err)
	r := &run{c: c}
	c.Subscribe(sim.ObserverFunc(func(rec sim.Record) { r.records = append(r.records, rec) }))
	for _, p := range pods {
		require.NoError(t, c.Apply(p))
	}
	return r
}

// find returns the records with a reason, about an object name ("" for
// any), in order.
func (r *run) find(reason, object string) []sim.Record {
	var out []sim.Record
	for _, rec := range r.records {
		if rec.Reason == reason && (object == "" || rec.Object.Name == object) {
			out = append(out, rec)
		}
	}
	return out
}

// exitTimes returns when each container of a pod was reported exited.
func (r *run) exitTimes(podName string) map[string]sim.Time {
	out := map[string]sim.Time{}
	for _, rec := range r.find("ContainerExited", podName) {
		if _, ok := out[rec.Facts.Container]; !ok {
			out[rec.Facts.Container] = rec.Time
		}
	}
	return out
}

// sleeper is a busybox container whose shell, as PID 1, ignores SIGTERM:
// it stops only when the grace period runs out.
func sleeper(name string) corev1.Container {
	return corev1.Container{Name: name, Image: "busybox:1.36", Command: []string{"sh", "-c", "sleep 3600"}}
}

// podOf is a pod in the default namespace.
func podOf(name string, grace int64, containers ...corev1.Container) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec:       corev1.PodSpec{TerminationGracePeriodSeconds: &grace, Containers: containers},
	}
}

func secs(s int) time.Duration { return time.Duration(s) * time.Second }
