package cluster

import (
	"fmt"
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/internal/cputime"
)

// BenchmarkServiceQueueSync is what one sync of the Service work queue
// costs when every one of 100 Services is queued at once, in a ledger of
// 10,000 pods over 10 namespaces (each Service selecting 10 pods of
// default): the EndpointSlice, Endpoints and mirroring syncs of each, in
// the steady state (nothing to write). It reports the CPU time
// (cpu-ns/op):
//
//	go test ./cluster -run '^$' -bench ServiceQueueSync -benchmem -count 6
func BenchmarkServiceQueueSync(b *testing.B) {
	c, err := New(Config{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	const services, namespaces, perNamespace = 100, 10, 1000
	for n := range namespaces {
		ns := "default"
		if n > 0 {
			ns = fmt.Sprintf("team-%d", n)
		}
		for i := range perNamespace {
			p := &corev1.Pod{
				ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("web-%04d", i), Namespace: ns,
					Labels: map[string]string{"app": fmt.Sprintf("svc-%d", i%services)}},
				Spec: corev1.PodSpec{NodeName: "store-1", Containers: []corev1.Container{{Name: "web", Image: "nginx",
					Ports: []corev1.ContainerPort{{ContainerPort: 80}}}}},
				Status: corev1.PodStatus{Phase: corev1.PodRunning, PodIP: fmt.Sprintf("10.%d.%d.%d", 100+n, i/250, i%250+1),
					Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}},
			}
			if _, err := c.api.Pods.Create(p); err != nil {
				b.Fatal(err)
			}
		}
	}
	var keys []apiserver.Key
	for i := range services {
		svc := &corev1.Service{
			ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("svc-%d", i), Namespace: "default"},
			Spec: corev1.ServiceSpec{Selector: map[string]string{"app": fmt.Sprintf("svc-%d", i)},
				Ports: []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromInt32(80)}}},
		}
		if err := c.Apply(svc); err != nil {
			b.Fatal(err)
		}
		keys = append(keys, apiserver.Key{Namespace: "default", Name: svc.Name})
	}
	sync := func() {
		for _, k := range keys {
			c.services.dirty[k] = true
		}
		c.services.syncAll()
	}
	sync() // the first sync writes the slices and Endpoints
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		sync()
	}
	cputime.Report(b, start)
}
