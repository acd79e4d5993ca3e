package cluster

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	autoscalingv2 "k8s.io/api/autoscaling/v2"

	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/runtime"
)

// phpApacheFile is the HPA walkthrough's php-apache Deployment and
// Service, as the page gives them, and its autoscaler (the page's
// `kubectl autoscale deployment php-apache --cpu-percent=50 --min=1
// --max=10`, in autoscaling/v2): the file the autoscaler-load-spike story
// runs. The autoscaling/v1 form is converted in package controller's tests.
const phpApacheFile = "../examples/autoscaler-load-spike/php-apache.yaml"

// startPHPApache returns two stores running the walkthrough.
func startPHPApache(t testing.TB) *Cluster {
	t.Helper()
	c, err := New(Config{Seed: 3, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
	require.NoError(t, err)
	data, err := os.ReadFile(phpApacheFile)
	require.NoError(t, err)
	docs, warnings, err := manifest.NewDecoder().Decode("php-apache.yaml", data)
	require.NoError(t, err)
	require.Empty(t, warnings)
	for _, d := range docs {
		require.NoError(t, c.Apply(d))
	}
	return c
}

// The metrics pipeline: each request to hpa-example costs its CPU in the
// runtime, and metrics-server's rate over a 15-second window shows it.
// Reference: kubernetes/website content/en/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough.md
// (the php-apache server "performs some CPU intensive computations" per
// request) and metrics-server's 15s resolution.
func TestRequestsShowAsCPUInTheMetrics(t *testing.T) {
	c := startPHPApache(t)
	require.NoError(t, c.DeleteHPA("default", "php-apache"), "one pod for the whole test")
	c.RunFor(time.Minute)
	pods := c.Pods()
	require.Len(t, pods, 1)
	m, ok := c.Metrics().PodMetrics("default", pods[0].Name)
	require.True(t, ok, "an idle running pod has metrics")
	require.Equal(t, int64(0), m.Total().MilliCPU)

	_, err := c.SendCustomers(Customers{Service: "php-apache", Rate: 20, For: time.Minute})
	require.NoError(t, err)
	c.RunFor(30 * time.Second)
	m, _ = c.Metrics().PodMetrics("default", pods[0].Name)
	// 20 requests a second × 7ms = 140m, give or take the Poisson stream.
	require.InDelta(t, 20*runtime.RequestCPU.Milliseconds(), m.Total().MilliCPU, 40, "CPU of 20 requests/s")
	n, ok := c.Metrics().NodeMetrics(pods[0].Spec.NodeName)
	require.True(t, ok)
	require.Equal(t, m.Total().MilliCPU, n.MilliCPU, "the store's CPU is its pods'")
}

// A CPU limit caps what the metrics can show: requests beyond it queue,
// and usage stays within the limit, but for one period's quota (50ms, so
// 3m over 15 seconds): CFS periods start with the container, not with
// the scrape, so a window can hold the ends of two busy periods.
// Reference: pkg/kubelet/cm (cpu.cfs_quota_us from limits.cpu, 100ms
// periods).
func TestServedCPUStaysWithinTheLimit(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	c := startPHPApache(t)
	require.NoError(t, c.DeleteHPA("default", "php-apache"))
	c.RunFor(time.Minute)
	_, err := c.SendCustomers(Customers{Service: "php-apache", Rate: 300, For: 2 * time.Minute})
	require.NoError(t, err)
	for i := 0; i < 6; i++ {
		c.RunFor(15 * time.Second)
		m, ok := c.Metrics().PodMetrics("default", c.Pods()[0].Name)
		require.True(t, ok)
		require.LessOrEqual(t, m.Total().MilliCPU, int64(503), "scrape %d", i)
		require.GreaterOrEqual(t, m.Total().MilliCPU, int64(480), "scrape %d: a saturated server uses its whole limit", i)
	}
}

// The walkthrough: under load the autoscaler adds pods until the use per
// pod is near 50% of the request, and once the load stops it scales back
// to one after the five-minute stabilization window.
// Reference: the HPA walkthrough page ("Increase the load", "Stop
// generating load") and pkg/controller/podautoscaler/horizontal.go.
func TestPHPApacheRidesALoadSpike(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	c := startPHPApache(t)
	c.RunFor(time.Minute)
	_, err := c.SendCustomers(Customers{Service: "php-apache", Rate: 100, For: 5 * time.Minute})
	require.NoError(t, err)
	c.RunFor(5 * time.Minute)
	d, err := c.api.Deployments.Get("default", "php-apache")
	require.NoError(t, err)
	require.Equal(t, int32(7), *d.Spec.Replicas, "100 requests/s × 7ms = 700m, at 100m a pod")
	h := c.HPAs()[0]
	require.Equal(t, autoscalingv2.AbleToScale, h.Status.Conditions[0].Type)
	util := *h.Status.CurrentMetrics[0].Resource.Current.AverageUtilization
	require.InDelta(t, 50, util, 6)

	c.RunFor(5*time.Minute + 30*time.Second)
	d, _ = c.api.Deployments.Get("default", "php-apache")
	require.Equal(t, int32(1), *d.Spec.Replicas, "back to minReplicas after the window")
}

// BenchmarkAutoscaledRush measures ten virtual minutes of the walkthrough
// under a rush of 100 requests a second: customers, CPU served per
// request, scrapes every 15s and the autoscaler's syncs.
func BenchmarkAutoscaledRush(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		c := startPHPApache(b)
		_, err := c.SendCustomers(Customers{Service: "php-apache", Rate: 100, For: 5 * time.Minute})
		require.NoError(b, err)
		c.RunFor(10 * time.Minute)
	}
}
