package prober_test

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/sim"
)

// liveness answers like the agnhost liveness server of the Kubernetes
// documentation: HTTP 200 for the first 10 seconds after the container
// started, 500 after that.
type liveness struct {
	loop    *sim.Loop
	started sim.Time
}

func (l *liveness) Probe(t prober.Target, done func(prober.Result, string)) {
	if l.loop.Now().Sub(l.started) < 10*time.Second {
		done(prober.Success, "")
		return
	}
	done(prober.Failure, "HTTP probe failed with statuscode: 500")
}

// The liveness-http pod of the documentation: the manager checks every 3
// seconds, after an initial delay of 3 seconds, whether the employee is
// still with us; the third missed check in a row sends them home.
func Example() {
	loop := sim.New(1)
	app := &liveness{loop: loop}
	var m *prober.Manager
	m = prober.NewManager(prober.Config{
		Loop:   loop,
		Runner: app,
		Lookup: func(podUID, container string) (prober.ContainerInfo, bool) {
			return prober.ContainerInfo{ID: "containerd://1", Running: true, StartedAt: app.started}, true
		},
		Event: func(t prober.Target, typ, reason, msg string, f sim.Facts) {
			fmt.Println(loop.Now(), typ, reason, msg)
		},
		Changed: func(podUID string) {
			if r, _ := m.Result(podUID, "liveness", prober.Liveness); r == prober.Failure {
				fmt.Println(loop.Now(), "liveness verdict: Failure, the kubelet restarts the container")
			}
		},
	})
	probe := &corev1.Probe{
		ProbeHandler:        corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(8080)}},
		InitialDelaySeconds: 3,
		PeriodSeconds:       3,
	}
	m.AddPod(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "liveness-http", Namespace: "default", UID: "uid-1"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "liveness", LivenessProbe: probe}}},
	})
	loop.RunFor(30 * time.Second)
	// Output:
	// 00:00:12 Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:15 Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:18 Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:18 liveness verdict: Failure, the kubelet restarts the container
}
