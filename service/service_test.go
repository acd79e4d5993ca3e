package service

import (
	"math/rand/v2"
	"net/netip"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

func newService(mutate func(*corev1.Service)) *corev1.Service {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: corev1.ServiceSpec{
			Selector: map[string]string{"app": "web"},
			Ports:    []corev1.ServicePort{{Port: 80}},
		},
	}
	if mutate != nil {
		mutate(svc)
	}
	Default(svc)
	return svc
}

// Reference: proxy-and-runtime.md A3 (pkg/apis/core/v1/defaults.go SetDefaults_Service)
// and A3.1 (DefaultClientIPServiceAffinitySeconds = 10800).
func TestDefault(t *testing.T) {
	svc := newService(nil)
	assert.Equal(t, corev1.ServiceTypeClusterIP, svc.Spec.Type)
	assert.Equal(t, corev1.ServiceAffinityNone, svc.Spec.SessionAffinity)
	assert.Nil(t, svc.Spec.SessionAffinityConfig)
	assert.Equal(t, corev1.ProtocolTCP, svc.Spec.Ports[0].Protocol)
	assert.Equal(t, intstr.FromInt32(80), svc.Spec.Ports[0].TargetPort)
	require.NotNil(t, svc.Spec.InternalTrafficPolicy)
	assert.Equal(t, corev1.ServiceInternalTrafficPolicyCluster, *svc.Spec.InternalTrafficPolicy)
	assert.Equal(t, corev1.ServiceExternalTrafficPolicy(""), svc.Spec.ExternalTrafficPolicy, "ClusterIP gets no eTP")
	assert.Equal(t, []corev1.IPFamily{corev1.IPv4Protocol}, svc.Spec.IPFamilies)
	assert.Equal(t, corev1.IPFamilyPolicySingleStack, *svc.Spec.IPFamilyPolicy)

	named := newService(func(s *corev1.Service) { s.Spec.Ports[0].TargetPort = intstr.FromString("http") })
	assert.Equal(t, intstr.FromString("http"), named.Spec.Ports[0].TargetPort, "a named targetPort is kept")

	np := newService(func(s *corev1.Service) { s.Spec.Type = corev1.ServiceTypeNodePort })
	assert.Equal(t, corev1.ServiceExternalTrafficPolicyCluster, np.Spec.ExternalTrafficPolicy)

	sticky := newService(func(s *corev1.Service) { s.Spec.SessionAffinity = corev1.ServiceAffinityClientIP })
	assert.Equal(t, int32(10800), *sticky.Spec.SessionAffinityConfig.ClientIP.TimeoutSeconds)

	cleared := newService(func(s *corev1.Service) {
		s.Spec.SessionAffinityConfig = &corev1.SessionAffinityConfig{}
	})
	assert.Nil(t, cleared.Spec.SessionAffinityConfig, "sessionAffinity None clears the config")
}

// Reference: proxy-and-runtime.md A3, A3.1 (pkg/apis/core/validation/validation.go ValidateService)
func TestValidate(t *testing.T) {
	timeout := func(v int32) func(*corev1.Service) {
		return func(s *corev1.Service) {
			s.Spec.SessionAffinity = corev1.ServiceAffinityClientIP
			s.Spec.SessionAffinityConfig = &corev1.SessionAffinityConfig{ClientIP: &corev1.ClientIPConfig{TimeoutSeconds: &v}}
		}
	}
	tests := []struct {
		name   string
		mutate func(*corev1.Service)
		want   string // "" means valid
	}{
		{"valid", nil, ""},
		{"name not DNS-1035", func(s *corev1.Service) { s.Name = "1web" },
			`metadata.name: Invalid value: "1web": a DNS-1035 label must consist of lower case alphanumeric characters`},
		{"ports required", func(s *corev1.Service) { s.Spec.Ports = nil }, "spec.ports: Required value"},
		{"headless needs no ports", func(s *corev1.Service) { s.Spec.Ports = nil; s.Spec.ClusterIP = "None" }, ""},
		{"port 0", func(s *corev1.Service) { s.Spec.Ports[0].Port = 0; s.Spec.Ports[0].TargetPort = intstr.FromInt32(80) },
			"spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"},
		{"port 65536", func(s *corev1.Service) { s.Spec.Ports[0].Port = 65536 },
			"spec.ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive"},
		{"names required with two ports", func(s *corev1.Service) {
			s.Spec.Ports = append(s.Spec.Ports, corev1.ServicePort{Port: 443})
		}, "spec.ports[0].name: Required value"},
		{"duplicate port names", func(s *corev1.Service) {
			s.Spec.Ports = []corev1.ServicePort{{Name: "http", Port: 80}, {Name: "http", Port: 81}}
		}, `spec.ports[1].name: Duplicate value: "http"`},
		{"nodePort out of range", func(s *corev1.Service) {
			s.Spec.Type = corev1.ServiceTypeNodePort
			s.Spec.Ports[0].NodePort = 80
		}, "spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"},
		{"nodePort on ClusterIP", func(s *corev1.Service) { s.Spec.Ports[0].NodePort = 30080 },
			"spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"},
		{"ExternalName requires externalName", func(s *corev1.Service) {
			s.Spec.Type = corev1.ServiceTypeExternalName
			s.Spec.Ports = nil
		}, "spec.externalName: Required value"},
		{"bad sessionAffinity", func(s *corev1.Service) { s.Spec.SessionAffinity = "Cookie" },
			`spec.sessionAffinity: Unsupported value: "Cookie": supported values: "ClientIP", "None"`},
		{"timeout 0", timeout(0),
			"spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 0: must be greater than 0 and less than 86400"},
		{"timeout 86401", timeout(86401),
			"spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400"},
		{"timeout 86400 ok", timeout(86400), ""},
		{"None with NodePort", func(s *corev1.Service) {
			s.Spec.Type = corev1.ServiceTypeNodePort
			s.Spec.ClusterIP = "None"
		}, `spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`},
		{"bad type", func(s *corev1.Service) { s.Spec.Type = "Magic" }, `spec.type: Unsupported value: "Magic"`},
		{"bad protocol", func(s *corev1.Service) { s.Spec.Ports[0].Protocol = "ICMP" },
			`spec.ports[0].protocol: Unsupported value: "ICMP"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			errs := Validate(newService(tt.mutate))
			if tt.want == "" {
				assert.Empty(t, errs, "Validate(%s) = %v, want no errors", tt.name, errs)
				return
			}
			agg := errs.ToAggregate()
			require.NotNil(t, agg, "Validate(%s) = no errors, want %q", tt.name, tt.want)
			assert.True(t, strings.Contains(agg.Error(), tt.want), "Validate(%s) = %q, want it to contain %q", tt.name, agg.Error(), tt.want)
		})
	}
}

func newAllocator(t *testing.T) *Allocator {
	a, err := NewAllocator(DefaultServiceCIDR, DefaultNodePortBase, DefaultNodePortSize, rand.New(rand.NewPCG(1, 2)))
	require.NoError(t, err)
	return a
}

// Reference: proxy-and-runtime.md A3 (NodePort range 30000-32767; ClusterIP range).
func TestAllocatorClusterIP(t *testing.T) {
	a := newAllocator(t)
	path := field.NewPath("spec", "clusterIPs").Index(0)
	assert.Equal(t, "10.96.0.1", a.KubernetesServiceIP())
	_, err := a.AllocateClusterIP(path, "10.96.0.1")
	assert.ErrorContains(t, err, "provided IP is already allocated", "10.96.0.1 is kept for the kubernetes Service")
	_, err = a.AllocateClusterIP(path, "10.112.0.1")
	assert.ErrorContains(t, err, "provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12")
	ip, err := a.AllocateClusterIP(path, "10.96.0.10")
	require.NoError(t, err)
	assert.Equal(t, "10.96.0.10", ip)
	_, err = a.AllocateClusterIP(path, "10.96.0.10")
	assert.ErrorContains(t, err, "spec.clusterIPs[0]")

	seen := map[string]bool{}
	for i := 0; i < 50; i++ {
		ip, err := a.AllocateClusterIP(path, "")
		require.NoError(t, err)
		assert.False(t, seen[ip], "AllocateClusterIP returned %s twice", ip)
		seen[ip] = true
		off, _ := a.offsetOf(mustAddr(t, ip))
		assert.GreaterOrEqual(t, off, 256, "dynamic choice %s should come from above the static band", ip)
	}
	b := newAllocator(t)
	first, _ := b.AllocateClusterIP(path, "")
	a2 := newAllocator(t)
	again, _ := a2.AllocateClusterIP(path, "")
	assert.Equal(t, first, again, "same seed, same address")

	a.ReleaseClusterIP("10.96.0.10")
	_, err = a.AllocateClusterIP(path, "10.96.0.10")
	assert.NoError(t, err, "a released address can be taken again")
}

// Reference: proxy-and-runtime.md A3 (DefaultServiceNodePortRange 30000-32767).
func TestAllocatorNodePort(t *testing.T) {
	a := newAllocator(t)
	path := field.NewPath("spec", "ports").Index(0).Child("nodePort")
	p, err := a.AllocateNodePort(path, 30080)
	require.NoError(t, err)
	assert.Equal(t, int32(30080), p)
	_, err = a.AllocateNodePort(path, 30080)
	assert.EqualError(t, err, "spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated")
	_, err = a.AllocateNodePort(path, 32768)
	assert.ErrorContains(t, err, "The range of valid ports is 30000-32767")
	for i := 0; i < 100; i++ {
		p, err := a.AllocateNodePort(path, 0)
		require.NoError(t, err)
		assert.True(t, p >= 30086 && p <= 32767, "AllocateNodePort(0) = %d, want within the dynamic band 30086-32767", p)
	}
	a.ReleaseNodePort(30080)
	_, err = a.AllocateNodePort(path, 30080)
	assert.NoError(t, err)
}

func TestAllocateService(t *testing.T) {
	a := newAllocator(t)
	svc := newService(func(s *corev1.Service) {
		s.Spec.Type = corev1.ServiceTypeNodePort
		s.Spec.Ports = []corev1.ServicePort{{Name: "a", Port: 80, NodePort: 30001}, {Name: "b", Port: 81, NodePort: 30001}}
	})
	errs := a.Allocate(svc)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec.ports[1].nodePort", errs[0].Field)
	_, err := a.AllocateNodePort(field.NewPath("x"), 30001)
	assert.NoError(t, err, "a failed Allocate keeps nothing")

	ok := newService(func(s *corev1.Service) { s.Spec.Type = corev1.ServiceTypeNodePort })
	require.Empty(t, a.Allocate(ok))
	assert.NotEmpty(t, ok.Spec.ClusterIP)
	assert.NotZero(t, ok.Spec.Ports[0].NodePort)
	a.Release(ok)
	_, err = a.AllocateClusterIP(field.NewPath("x"), ok.Spec.ClusterIP)
	assert.NoError(t, err, "Release frees the cluster IP")

	_, err = NewAllocator("bogus", 30000, 2768, rand.New(rand.NewPCG(1, 1)))
	assert.ErrorContains(t, err, "serviceCIDR")
}

func mustAddr(t *testing.T, s string) netip.Addr {
	t.Helper()
	a, err := netip.ParseAddr(s)
	require.NoError(t, err)
	return a
}
