package cluster

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./cluster -update")
	require.Equal(t, string(want), string(got))
}

// shopPod is a pod behind the "shop" Service: it serves HTTP on 8080 and
// its readiness probe asks /ready.
func shopPod(name, image string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Labels: map[string]string{"app": "shop"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "web", Image: image,
			Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 8080}},
			ReadinessProbe: &corev1.Probe{
				ProbeHandler:  corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/ready", Port: intstr.FromString("http")}},
				PeriodSeconds: 2,
			},
		}}},
	}
}

func shopService() *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "shop"},
		Spec: corev1.ServiceSpec{
			Selector: map[string]string{"app": "shop"},
			Ports:    []corev1.ServicePort{{Port: 80, TargetPort: intstr.FromString("http")}},
		},
	}
}

// shopCatalog holds two scripted images: a steady shop assistant, and one
// whose readiness check starts failing 60 seconds after it starts, while
// it goes on answering customers.
func shopCatalog(t *testing.T) *runtime.Catalog {
	c := runtime.NewCatalog()
	serve := []runtime.PathBehaviour{{Path: "/", Status: 200, Body: "welcome"}}
	require.NoError(t, c.Register("shop/steady", 5_000_000, runtime.Behaviour{
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: append(serve, runtime.PathBehaviour{Path: "/ready", Status: 200})}},
	}))
	require.NoError(t, c.Register("shop/tired", 5_000_000, runtime.Behaviour{
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: append(serve,
			runtime.PathBehaviour{Path: "/ready", Status: 200, Until: time.Minute},
			runtime.PathBehaviour{Path: "/ready", Status: 503, From: time.Minute})}},
	}))
	return c
}

// TestReadinessTakesAPodOffTheDesk is the service desk's story: three pods
// behind a Service; one stops passing its readiness check; head office
// takes it off the roster (EndpointSlice) and, once the desk's rules are
// synced, customers stop reaching it. Customers the desk sent by its old
// rules in between are counted as stale.
// Reference: proxy-and-runtime.md A2.4 (ready = serving and not
// terminating), A4 (the controller builds slices from the pods), A5 (the
// proxy programs changes at most once per minSyncPeriod).
func TestReadinessTakesAPodOffTheDesk(t *testing.T) {
	c, err := New(Config{Seed: 1, Catalog: shopCatalog(t), WatchDelay: 500 * time.Millisecond})
	require.NoError(t, err)
	var out bytes.Buffer
	c.Subscribe(narrate.New(&out, narrate.Kubernetes))
	require.NoError(t, c.Apply(shopService(),
		shopPod("shop-1", "shop/steady:1"), shopPod("shop-2", "shop/steady:1"), shopPod("shop-3", "shop/tired:1")))
	c.RunFor(10 * time.Second)
	traffic, err := c.SendCustomers(Customers{Service: "shop", Rate: 20, For: 90 * time.Second})
	require.NoError(t, err)
	c.RunFor(100 * time.Second)
	fmt.Fprintf(&out, "--- customers: %+v, stale: %d\n", traffic.Tally, traffic.Stale)
	for _, p := range []string{"shop-1", "shop-2", "shop-3"} {
		fmt.Fprintf(&out, "--- %s: %+v\n", p, *traffic.ByPod[p])
	}
	fmt.Fprintln(&out, "--- kubectl get pods")
	require.NoError(t, pod.PrintTable(&out, c.Pods(), c.Now().Wall(), false))
	golden(t, "readiness-desk", out.Bytes())

	assert.Equal(t, traffic.Tally.Total(), traffic.Tally.Served, "every customer is served: the tired pod still answers")
	assert.Greater(t, traffic.Stale, 0, "some customers met the stale rule between the roster change and the sync")
	// shop-3 stops getting customers once the desk syncs, at about 71s:
	// roughly a third of the first 61 seconds' customers.
	tired := traffic.ByPod["shop-3"].Served
	assert.InDelta(t, 20*61/3, tired, 80, "shop-3 served %d customers", tired)
}

// Reference: proxy-and-runtime.md A2.3: no endpoint at all means REJECT
// (connection refused); cluster DNS resolves name, name.ns, name.ns.svc.
func TestCustomersRefusedWithoutEndpoints(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	require.NoError(t, c.Apply(shopService()))
	c.RunFor(time.Second)
	traffic, err := c.SendCustomers(Customers{Service: "shop", Rate: 5, For: 10 * time.Second})
	require.NoError(t, err)
	c.RunFor(11 * time.Second)
	assert.Equal(t, traffic.Tally.Total(), traffic.Tally.Refused)
	assert.Positive(t, traffic.Tally.Refused)

	svc, err := c.API().Services.Get("default", "shop")
	require.NoError(t, err)
	n := &network{c: c, store: "store-1"}
	for _, name := range []string{"shop", "shop.default", "shop.default.svc", "shop.default.svc.cluster.local"} {
		ip, ok := n.LookupHost("default", name)
		assert.True(t, ok, "LookupHost(%q)", name)
		assert.Equal(t, svc.Spec.ClusterIP, ip, "LookupHost(%q)", name)
	}
	_, ok := n.LookupHost("other", "shop")
	assert.False(t, ok, "a Service is found only in its own namespace")
}

func TestBadServiceAndCustomers(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	bad := shopService()
	bad.Spec.Ports[0].Port = 0
	assert.ErrorContains(t, c.Apply(bad), "spec.ports[0].port")
	_, err = c.SendCustomers(Customers{Service: "nope", Rate: 1, For: time.Second})
	assert.ErrorContains(t, err, `customers.service: Not found: "nope"`)
	require.NoError(t, c.Apply(shopService()))
	_, err = c.SendCustomers(Customers{Service: "shop", Rate: 0, For: time.Second})
	assert.ErrorContains(t, err, "customers.rate")
}

// keep the sim import used when the golden test is the only user.
var _ = sim.Time(0)
