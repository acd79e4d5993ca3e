package proxy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

// Reference: proxy-and-runtime.md A1.1 (pkg/proxy/iptables/proxier.go computeProbability).
func TestComputeProbability(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{1, "1.0000000000"}, {2, "0.5000000000"}, {3, "0.3333333333"}, {4, "0.2500000000"},
		{6, "0.1666666667"}, {7, "0.1428571429"}, {100, "0.0100000000"},
	}
	for _, tt := range tests {
		if got := ComputeProbability(tt.n); got != tt.want {
			t.Errorf("ComputeProbability(%d) = %s, want %s", tt.n, got, tt.want)
		}
	}
	if got := statisticThreshold("0.5000000000"); got != 1<<30 {
		t.Errorf("statisticThreshold(0.5) = %d, want %d", got, 1<<30)
	}
}

// Reference: proxy-and-runtime.md A1.1 (pkg/proxy/iptables/proxier.go servicePortChainName,
// servicePortEndpointChainName) and A1.2 (pkg/proxy/nftables/proxier.go servicePortChainNameBase).
// The expected names are the ones kube-proxy's own proxier tests use for ns1/svc1:p80.
func TestChainNames(t *testing.T) {
	sp := &ServicePort{Name: ServicePortName{"ns1", "svc1", "p80"}, Protocol: corev1.ProtocolTCP}
	e := newEndpoint("10.180.0.1", 80)
	assert.Equal(t, "KUBE-SVC-XPGD46QRK7WJZT7O", sp.SVCChain())
	assert.Equal(t, "KUBE-SEP-SXIVWICOYRO3J4NJ", sp.SEPChain(e))
	assert.Equal(t, "ULMVA6XW-ns1/svc1/tcp/p80", sp.nftBase())
	assert.Equal(t, "5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80", sp.nftEndpointBase(e))
}

type policy struct{ cluster, local bool }

func (p policy) UsesClusterEndpoints() bool { return p.cluster }
func (p policy) UsesLocalEndpoints() bool   { return p.local }

func mk(ip string, local, ready, serving, terminating bool) Endpoint {
	e := newEndpoint(ip, 80)
	e.IsLocal, e.Ready, e.Serving, e.Terminating = local, ready, serving, terminating
	return e
}

func ips(eps []Endpoint) []string {
	out := []string{}
	for _, e := range eps {
		out = append(out, e.IP)
	}
	return out
}

// Reference: proxy-and-runtime.md A2.2 (pkg/proxy/topology.go CategorizeEndpoints, rules 1-4).
func TestCategorizeEndpoints(t *testing.T) {
	localReady := mk("10.0.0.1", true, true, true, false)
	remoteReady := mk("10.0.0.2", false, true, true, false)
	localTerm := mk("10.0.0.3", true, false, true, true)
	remoteTerm := mk("10.0.0.4", false, false, true, true)
	remoteUnready := mk("10.0.0.5", false, false, false, false)
	localTermNotServing := mk("10.0.0.6", true, false, false, true)
	tests := []struct {
		name                string
		pol                 policy
		eps                 []Endpoint
		cluster, local, all []string
		hasAny              bool
	}{
		{"empty", policy{true, false}, nil, []string{}, []string{}, []string{}, false},
		{"cluster: ready only", policy{true, false}, []Endpoint{localReady, remoteReady, remoteTerm, remoteUnready},
			[]string{"10.0.0.1", "10.0.0.2"}, []string{}, []string{"10.0.0.1", "10.0.0.2"}, true},
		{"cluster: serving-terminating fallback", policy{true, false}, []Endpoint{localTerm, remoteTerm, remoteUnready},
			[]string{"10.0.0.3", "10.0.0.4"}, []string{}, []string{"10.0.0.3", "10.0.0.4"}, true},
		{"cluster: nothing usable", policy{true, false}, []Endpoint{remoteUnready, localTermNotServing},
			[]string{}, []string{}, []string{}, false},
		{"local: local ready", policy{false, true}, []Endpoint{localReady, remoteReady, localTerm},
			[]string{}, []string{"10.0.0.1"}, []string{"10.0.0.1"}, true},
		{"local: none local, remote ready counts for hasAny", policy{false, true}, []Endpoint{remoteReady},
			[]string{}, []string{}, []string{}, true},
		{"local: local serving-terminating fallback", policy{false, true}, []Endpoint{localTerm, remoteReady},
			[]string{}, []string{"10.0.0.3"}, []string{"10.0.0.3"}, true},
		{"local: remote terminating only", policy{false, true}, []Endpoint{remoteTerm},
			[]string{}, []string{}, []string{}, true},
		{"both: union", policy{true, true}, []Endpoint{localReady, remoteReady},
			[]string{"10.0.0.1", "10.0.0.2"}, []string{"10.0.0.1"}, []string{"10.0.0.1", "10.0.0.2"}, true},
		{"both: local fallback differs from cluster", policy{true, true}, []Endpoint{remoteReady, localTerm},
			[]string{"10.0.0.2"}, []string{"10.0.0.3"}, []string{"10.0.0.2", "10.0.0.3"}, true},
	}
	for _, tt := range tests {
		c, l, a, has := CategorizeEndpoints(tt.eps, tt.pol)
		assert.Equal(t, tt.cluster, ips(c), "%s: cluster = %v, want %v", tt.name, ips(c), tt.cluster)
		assert.Equal(t, tt.local, ips(l), "%s: local = %v, want %v", tt.name, ips(l), tt.local)
		assert.Equal(t, tt.all, ips(a), "%s: allReachable = %v, want %v", tt.name, ips(a), tt.all)
		assert.Equal(t, tt.hasAny, has, "%s: hasAnyEndpoints = %v, want %v", tt.name, has, tt.hasAny)
	}
}

// Reference: proxy-and-runtime.md A2.2 rules 5-8 (pkg/proxy/serviceport.go UsesClusterEndpoints,
// UsesLocalEndpoints, ExternallyAccessible; pkg/api/v1/service/util.go ExternalPolicyLocal).
func TestPolicyFlags(t *testing.T) {
	tests := []struct {
		name                             string
		svc                              *corev1.Service
		internalLocal, externalLocal     bool
		usesCluster, usesLocal, external bool
	}{
		{"ClusterIP", testService("a", "10.96.0.10", nil), false, false, true, false, false},
		{"iTP Local", testService("a", "10.96.0.10", itpLocal), true, false, false, true, false},
		{"eTP Local ignored on ClusterIP", testService("a", "10.96.0.10", func(s *corev1.Service) {
			s.Spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyLocal
		}), false, false, true, false, false},
		{"NodePort eTP Local", testService("a", "10.96.0.10", nodePort(30080, true)), false, true, true, true, true},
		{"NodePort eTP Local + iTP Local", testService("a", "10.96.0.10", func(s *corev1.Service) {
			nodePort(30080, true)(s)
			itpLocal(s)
		}), true, true, true, true, true},
	}
	for _, tt := range tests {
		r := Build(testConfig(ModeIPTables), []*corev1.Service{tt.svc}, nil)
		require.Len(t, r.Ports, 1)
		sp := r.Ports[0]
		got := [5]bool{sp.InternalPolicyLocal, sp.ExternalPolicyLocal, sp.UsesClusterEndpoints(), sp.UsesLocalEndpoints(), sp.ExternallyAccessible()}
		want := [5]bool{tt.internalLocal, tt.externalLocal, tt.usesCluster, tt.usesLocal, tt.external}
		assert.Equal(t, want, got, "%s: [iLocal eLocal usesCluster usesLocal external] = %v, want %v", tt.name, got, want)
	}
}

// Reference: proxy-and-runtime.md A1.1 and vector V-A9 (pkg/proxy/endpointslicecache.go
// endpointsMapFromEndpointInfo sorts by "IP:port" string, not numerically).
func TestEndpointOrder(t *testing.T) {
	svc := testService("web", "10.96.0.10", nil)
	s1 := testSlice("web", 80, readyEP("10.0.0.10", "n"), readyEP("10.0.0.2", "n"))
	s2 := testSlice("web", 80, readyEP("10.0.0.1", "n"), readyEP("10.0.0.100", "n"), readyEP("9.0.0.1", "n"))
	r := Build(testConfig(ModeIPTables), []*corev1.Service{svc}, []*discoveryv1.EndpointSlice{s1, s2})
	var got []string
	for _, e := range r.Ports[0].Endpoints {
		got = append(got, e.String())
	}
	// Byte-wise: '0' (0x30) sorts before ':' (0x3a), so 10.0.0.100 comes first.
	want := []string{"10.0.0.100:80", "10.0.0.10:80", "10.0.0.1:80", "10.0.0.2:80", "9.0.0.1:80"}
	assert.Equal(t, want, got, "endpoint order = %v, want %v", got, want)
}

// Reference: proxy-and-runtime.md A2.1 (pkg/proxy/util/utils.go ShouldSkipService;
// endpointslicecache.go: service-name label, slice port name/protocol, Addresses[0], duplicates).
func TestBuildSkipsAndMerges(t *testing.T) {
	headless := testService("headless", "None", nil)
	ext := testService("ext", "10.96.0.11", func(s *corev1.Service) { s.Spec.Type = corev1.ServiceTypeExternalName })
	web := testService("web", "10.96.0.10", nil)
	unlabelled := testSlice("web", 80, readyEP("10.0.0.9", "n"))
	delete(unlabelled.Labels, discoveryv1.LabelServiceName)
	otherPort := testSlice("web", 80, readyEP("10.0.0.8", "n"))
	other := "metrics"
	otherPort.Ports[0].Name = &other
	remoteCopy := testSlice("web", 80, readyEP("10.0.0.1", "node-b"))
	localCopy := testSlice("web", 80, readyEP("10.0.0.1", thisNode))
	r := Build(testConfig(ModeIPTables), []*corev1.Service{headless, ext, web},
		[]*discoveryv1.EndpointSlice{unlabelled, otherPort, localCopy, remoteCopy})
	require.Len(t, r.Ports, 1, "headless and ExternalName are skipped")
	sp := r.Ports[0]
	assert.Equal(t, "default/web:http", sp.Name.String())
	require.Len(t, sp.Endpoints, 1)
	assert.True(t, sp.Endpoints[0].IsLocal, "the local copy of a duplicate wins")
	assert.Equal(t, "web-0", sp.Endpoints[0].Pod.Name)
}
