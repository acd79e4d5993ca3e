package proxy_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/sim"
)

func service(name, ip string) *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: corev1.ServiceSpec{ClusterIP: ip, ClusterIPs: []string{ip}, Type: corev1.ServiceTypeClusterIP,
			Ports: []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP}}},
	}
}

// Reference: proxy-and-runtime.md A5 (the sync runner programs changes at
// most once per minSyncPeriod, 1s by default).
func TestKubeProxySyncsAtMostOncePerMinSyncPeriod(t *testing.T) {
	loop := sim.New(1)
	api := apiserver.New(loop)
	kp, err := proxy.NewKubeProxy(loop, api, proxy.Config{NodeName: "store-1", NodeIPs: []string{"192.168.0.11"}}, 0)
	require.NoError(t, err)
	kp.Start()
	loop.RunFor(10 * time.Millisecond)
	assert.Equal(t, 1, kp.Syncs(), "the first sync runs at once")

	_, err = api.Services.Create(service("a", "10.96.0.10"))
	require.NoError(t, err)
	loop.RunFor(100 * time.Millisecond)
	_, err = api.Services.Create(service("b", "10.96.0.11"))
	require.NoError(t, err)
	loop.RunFor(100 * time.Millisecond)
	assert.Equal(t, 1, kp.Syncs(), "changes within a second of the last sync wait")
	assert.Empty(t, kp.Rules().Ports, "the data plane still has the old rules")

	loop.RunUntil(sim.Time(time.Second + 10*time.Millisecond))
	assert.Equal(t, 2, kp.Syncs(), "both changes are programmed in one sync, a second after the last")
	assert.Len(t, kp.Rules().Ports, 2)

	d := kp.Route(proxy.Request{ClientIP: "192.168.0.11", DestIP: "10.96.0.10", Port: 80})
	assert.Equal(t, proxy.Rejected, d.Outcome, "a Service without endpoints rejects")
}

func TestKubeProxyRefusesAnUnknownMode(t *testing.T) {
	_, err := proxy.NewKubeProxy(sim.New(1), apiserver.New(sim.New(1)), proxy.Config{Mode: "userspace"}, 0)
	assert.ErrorContains(t, err, `mode: Unsupported value: "userspace"`)
}
