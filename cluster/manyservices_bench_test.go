package cluster_test

import (
	"fmt"
	"testing"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/internal/cputime"
)

// BenchmarkManyServices applies 2,000 Services (each selecting no pod) to
// one store and runs ten seconds: head office's EndpointSlice controller
// makes each its empty slice, and every store's desk programs them. One op
// is the whole run. A sync that looked at every slice of the chain for one
// Service made this quadratic: 2,000 Services cost 3.9 s of CPU, 10,000
// more than 80 s (a 10 MB manifest of Services).
func BenchmarkManyServices(b *testing.B) {
	const services = 2000
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		c, err := cluster.New(cluster.Config{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range services {
			svc := &corev1.Service{
				ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("svc%d", i), Namespace: "default"},
				Spec: corev1.ServiceSpec{
					Selector: map[string]string{"app": fmt.Sprintf("a%d", i)},
					Ports:    []corev1.ServicePort{{Port: 80}},
				},
			}
			if err := c.Apply(svc); err != nil {
				b.Fatal(err)
			}
		}
		c.RunFor(10 * time.Second)
		if n := len(c.EndpointSlices()); n < services {
			b.Fatalf("%d EndpointSlices, want at least %d", n, services)
		}
	}
	cputime.Report(b, start)
}
