package proxy

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

func program(cfg Config, svcs []*corev1.Service, slices ...*discoveryv1.EndpointSlice) *Dataplane {
	d := &Dataplane{}
	d.Program(Build(cfg, svcs, slices), 0)
	return d
}

// Reference: proxy-and-runtime.md A2.3, A3.2, A3.3 (pkg/proxy/iptables/proxier.go syncProxyRules:
// REJECT without endpoints, DROP with Local policy and no local endpoint, EXT short-circuit) and
// vector V-A4 ("pod to NodePort with iTP:Local").
func TestRouteTrafficPolicies(t *testing.T) {
	local, remote := readyEP("10.244.0.5", thisNode), readyEP("10.244.1.5", "node-b")
	const vip, nodeIP = "10.96.0.10", "192.168.0.10"
	tests := []struct {
		name   string
		mutate func(*corev1.Service)
		eps    []ep
		req    Request
		want   Outcome
		wantIP string
	}{
		{"clusterIP forwards", nil, []ep{remote}, Request{DestIP: vip, Port: 80, FromPod: true}, Forwarded, "10.244.1.5"},
		{"clusterIP without endpoints is rejected", nil, nil, Request{DestIP: vip, Port: 80}, Rejected, ""},
		{"unready endpoints count as none", nil, []ep{{"10.244.1.5", "node-b", false, false, false}},
			Request{DestIP: vip, Port: 80}, Rejected, ""},
		{"terminating-but-serving fallback", nil, []ep{{"10.244.1.5", "node-b", false, true, true}},
			Request{DestIP: vip, Port: 80}, Forwarded, "10.244.1.5"},
		{"other address: no route", nil, []ep{remote}, Request{DestIP: "10.96.0.99", Port: 80}, NoRoute, ""},
		{"wrong port: no route", nil, []ep{remote}, Request{DestIP: vip, Port: 81}, NoRoute, ""},
		{"UDP is another service port", nil, []ep{remote}, Request{DestIP: vip, Port: 80, Protocol: corev1.ProtocolUDP}, NoRoute, ""},
		{"iTP Local, no local endpoint: dropped", itpLocal, []ep{remote}, Request{DestIP: vip, Port: 80, FromPod: true}, Dropped, ""},
		{"iTP Local picks the local endpoint", itpLocal, []ep{remote, local}, Request{DestIP: vip, Port: 80, FromPod: true}, Forwarded, "10.244.0.5"},
		{"NodePort from outside", nodePort(30080, false), []ep{remote}, Request{DestIP: nodeIP, Port: 30080, External: true}, Forwarded, "10.244.1.5"},
		{"NodePort on a non-node address", nodePort(30080, false), []ep{remote}, Request{DestIP: "192.168.0.99", Port: 30080, External: true}, NoRoute, ""},
		{"NodePort without endpoints is rejected", nodePort(30080, false), nil, Request{DestIP: nodeIP, Port: 30080, External: true}, Rejected, ""},
		{"eTP Local from outside, no local endpoint: dropped", nodePort(30080, true), []ep{remote},
			Request{DestIP: nodeIP, Port: 30080, External: true}, Dropped, ""},
		{"eTP Local from outside uses the local endpoint", nodePort(30080, true), []ep{remote, local},
			Request{DestIP: nodeIP, Port: 30080, External: true}, Forwarded, "10.244.0.5"},
		{"eTP Local, pod traffic short-circuits to cluster endpoints", nodePort(30080, true), []ep{remote},
			Request{DestIP: nodeIP, Port: 30080, FromPod: true}, Forwarded, "10.244.1.5"},
		{"eTP Local, host traffic short-circuits too", nodePort(30080, true), []ep{remote},
			Request{DestIP: nodeIP, Port: 30080}, Forwarded, "10.244.1.5"},
		{"iTP Local does not apply to a NodePort", func(s *corev1.Service) { nodePort(30080, false)(s); itpLocal(s) }, []ep{remote},
			Request{DestIP: nodeIP, Port: 30080, FromPod: true}, Forwarded, "10.244.1.5"},
		{"external IP uses the external path", func(s *corev1.Service) {
			s.Spec.ExternalIPs = []string{"203.0.113.7"}
			s.Spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyLocal
		}, []ep{remote}, Request{DestIP: "203.0.113.7", Port: 80, External: true}, Dropped, ""},
	}
	for _, mode := range []Mode{ModeIPTables, ModeNFTables, ModeIPVS} {
		for _, tt := range tests {
			d := program(testConfig(mode), []*corev1.Service{testService("web", vip, tt.mutate)}, testSlice("web", 8080, tt.eps...))
			tt.req.ClientIP = "10.244.0.9"
			got := d.Route(tt.req, rand.New(rand.NewPCG(1, 1)), 0)
			assert.Equal(t, tt.want, got.Outcome, "%s/%s: Route = %v, want %v", mode, tt.name, got.Outcome, tt.want)
			if tt.want == Forwarded {
				assert.Equal(t, tt.wantIP, got.Endpoint.IP, "%s/%s: endpoint", mode, tt.name)
				assert.Equal(t, int32(8080), got.Endpoint.Port)
				assert.Equal(t, "default/web:http", got.Service.String())
			}
		}
	}
}

func fourEndpoints() []ep {
	return []ep{readyEP("10.244.1.1", "b"), readyEP("10.244.1.2", "b"), readyEP("10.244.1.3", "b"), readyEP("10.244.1.4", "b")}
}

// Reference: proxy-and-runtime.md A1.1 (writeServiceToEndpointRules: probability 1/(n-i), uniform 1/n)
// and A1.2 (numgen random mod n).
func TestUniformSpread(t *testing.T) {
	for _, mode := range []Mode{ModeIPTables, ModeNFTables} {
		d := program(testConfig(mode), []*corev1.Service{testService("web", "10.96.0.10", nil)}, testSlice("web", 8080, fourEndpoints()...))
		rng := rand.New(rand.NewPCG(42, 7))
		counts := map[string]int{}
		const n = 10000
		for i := 0; i < n; i++ {
			dec := d.Route(Request{ClientIP: "10.244.0.9", DestIP: "10.96.0.10", Port: 80}, rng, 0)
			counts[dec.Endpoint.IP]++
		}
		require.Len(t, counts, 4, "%s reaches every endpoint", mode)
		for ip, c := range counts {
			dev := math.Abs(float64(c)-n/4) / (n / 4)
			assert.Less(t, dev, 0.05, "%s: %s got %d of %d, more than 5%% from uniform", mode, ip, c, n)
		}
	}
}

// Reference: proxy-and-runtime.md A1.3 (IPVS schedulers rr, lc, sh).
func TestIPVSSchedulers(t *testing.T) {
	svcs := []*corev1.Service{testService("web", "10.96.0.10", nil)}
	req := Request{ClientIP: "10.244.0.9", DestIP: "10.96.0.10", Port: 80}
	rng := rand.New(rand.NewPCG(1, 1))

	rr := program(testConfig(ModeIPVS), svcs, testSlice("web", 8080, fourEndpoints()...))
	var got []string
	for i := 0; i < 8; i++ {
		got = append(got, rr.Route(req, rng, 0).Endpoint.IP)
	}
	want := []string{"10.244.1.1", "10.244.1.2", "10.244.1.3", "10.244.1.4", "10.244.1.1", "10.244.1.2", "10.244.1.3", "10.244.1.4"}
	assert.Equal(t, want, got, "rr order = %v, want %v", got, want)

	cfg := testConfig(ModeIPVS)
	cfg.Scheduler = SchedulerLeastConnection
	lc := program(cfg, svcs, testSlice("web", 8080, fourEndpoints()...))
	var decs []Decision
	for i := 0; i < 4; i++ {
		decs = append(decs, lc.Route(req, rng, 0))
	}
	assert.Equal(t, "10.244.1.1", decs[0].Endpoint.IP)
	assert.Equal(t, "10.244.1.4", decs[3].Endpoint.IP, "lc fills the idle servers first")
	lc.Done(decs[2])
	assert.Equal(t, 0, lc.ActiveConnections(decs[2].Service, corev1.ProtocolTCP, "10.244.1.3:8080"))
	assert.Equal(t, "10.244.1.3", lc.Route(req, rng, 0).Endpoint.IP, "lc picks the server whose connection closed")

	cfg.Scheduler = SchedulerSourceHashing
	sh := program(cfg, svcs, testSlice("web", 8080, fourEndpoints()...))
	seen := map[string]bool{}
	for c := 1; c <= 40; c++ {
		r := req
		r.ClientIP = fmt.Sprintf("10.244.2.%d", c)
		first := sh.Route(r, rng, 0).Endpoint.IP
		for k := 0; k < 3; k++ {
			assert.Equal(t, first, sh.Route(r, rng, 0).Endpoint.IP, "sh keeps client %s on one server", r.ClientIP)
		}
		seen[first] = true
	}
	assert.Len(t, seen, 4, "sh spreads different clients")
}

// Reference: proxy-and-runtime.md A1.1 (session affinity: "-m recent --rcheck --seconds", first endpoint in
// order wins, timeout from the most recent new connection) and A3.1.
func TestClientIPAffinity(t *testing.T) {
	for _, mode := range []Mode{ModeIPTables, ModeNFTables, ModeIPVS} {
		d := program(testConfig(mode), []*corev1.Service{testService("web", "10.96.0.10", clientIP(10))},
			testSlice("web", 8080, fourEndpoints()...))
		rng := rand.New(rand.NewPCG(3, 4))
		changed := 0
		for c := 1; c <= 20; c++ {
			req := Request{ClientIP: fmt.Sprintf("10.244.2.%d", c), DestIP: "10.96.0.10", Port: 80}
			first := d.Route(req, rng, 0).Endpoint.IP
			// Each reconnect within 10 s refreshes the entry, so 9 s steps stay sticky for 45 s.
			for at := 9 * time.Second; at <= 45*time.Second; at += 9 * time.Second {
				got := d.Route(req, rng, at).Endpoint.IP
				require.Equal(t, first, got, "%s: client %s at %v went to %s, want %s", mode, req.ClientIP, at, got, first)
			}
			// Exactly at the timeout the entry still matches (--seconds is inclusive).
			require.Equal(t, first, d.Route(req, rng, 55*time.Second).Endpoint.IP, "%s: at the timeout", mode)
			// 11 s later the entry has expired and a new choice is made.
			for k := 0; k < 4; k++ {
				if d.Route(req, rng, 66*time.Second+time.Duration(k)*time.Hour).Endpoint.IP != first {
					changed++
					break
				}
			}
		}
		assert.Greater(t, changed, 5, "%s: after the timeout clients are balanced again (%d of 20 moved)", mode, changed)
	}
}

// Reference: proxy-and-runtime.md A5 (a sync rewrites rules; kernel affinity state is not flushed).
func TestAffinitySurvivesResync(t *testing.T) {
	svcs := []*corev1.Service{testService("web", "10.96.0.10", clientIP(100))}
	d := program(testConfig(ModeIPTables), svcs, testSlice("web", 8080, fourEndpoints()...))
	rng := rand.New(rand.NewPCG(5, 6))
	req := Request{ClientIP: "10.244.2.1", DestIP: "10.96.0.10", Port: 80}
	first := d.Route(req, rng, 0).Endpoint
	d.Program(Build(testConfig(ModeIPTables), svcs, []*discoveryv1.EndpointSlice{testSlice("web", 8080, fourEndpoints()...)}), time.Second)
	for i := 0; i < 10; i++ {
		assert.Equal(t, first.IP, d.Route(req, rng, 2*time.Second).Endpoint.IP, "affinity kept across a sync")
	}
	// The chosen endpoint leaves: the client moves.
	var rest []ep
	for _, e := range fourEndpoints() {
		if e.ip != first.IP {
			rest = append(rest, e)
		}
	}
	d.Program(Build(testConfig(ModeIPTables), svcs, []*discoveryv1.EndpointSlice{testSlice("web", 8080, rest...)}), 3*time.Second)
	assert.NotEqual(t, first.IP, d.Route(req, rng, 4*time.Second).Endpoint.IP)
}

func TestConfigValidate(t *testing.T) {
	assert.NoError(t, Config{}.Validate())
	assert.ErrorContains(t, Config{Mode: "userspace"}.Validate(), `mode: Unsupported value: "userspace"`)
	assert.ErrorContains(t, Config{Scheduler: "mh"}.Validate(), `scheduler: Unsupported value: "mh"`)
	assert.Equal(t, "Dropped", Dropped.String())
}

func BenchmarkRoute(b *testing.B) {
	var eps []ep
	for i := 0; i < 100; i++ {
		eps = append(eps, readyEP(fmt.Sprintf("10.244.%d.%d", i/50, i%50+1), "node-b"))
	}
	cases := []struct {
		name string
		cfg  Config
	}{
		{"iptables", testConfig(ModeIPTables)},
		{"nftables", testConfig(ModeNFTables)},
		{"ipvs-rr", testConfig(ModeIPVS)},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			d := program(c.cfg, []*corev1.Service{testService("web", "10.96.0.10", nil)}, testSlice("web", 8080, eps...))
			rng := rand.New(rand.NewPCG(1, 2))
			req := Request{ClientIP: "10.244.9.9", DestIP: "10.96.0.10", Port: 80, FromPod: true}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				d.Route(req, rng, 0)
			}
		})
	}
}
