package kubelet_test

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// The store manager restarts a container that keeps exiting, waiting 10s,
// then 20s, then 40s: the CrashLoopBackOff. The pod stays the same pod.
func Example_crashLoopBackOff() {
	c, _ := cluster.New(cluster.Config{Seed: 1})
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "Started" || r.Reason == "BackOff" {
			fmt.Println(r.Time, r.Reason, r.Message)
		}
	}))
	_ = c.Apply(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web", UID: "7f3c"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "app", Image: "busybox:1.36", Command: []string{"sh", "-c", "sleep 5; exit 1"},
		}}},
	})
	c.RunFor(90 * time.Second)
	// Output:
	// 00:00:00.244 Started Started container app
	// 00:00:06 Started Started container app
	// 00:00:11 BackOff Back-off restarting failed container app in pod web_default(7f3c)
	// 00:00:21 Started Started container app
	// 00:00:26 BackOff Back-off restarting failed container app in pod web_default(7f3c)
	// 00:00:46 Started Started container app
	// 00:00:51 BackOff Back-off restarting failed container app in pod web_default(7f3c)
}
