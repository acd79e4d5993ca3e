package endpointslice

import (
	"testing"

	"github.com/stretchr/testify/assert"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// A hand-written slice is defaulted and validated as the API server does.
// Reference: pkg/apis/discovery/validation/validation.go
// (ValidateEndpointSlice, ValidateEndpointSliceUpdate);
// pkg/apis/discovery/v1/defaults.go (SetDefaults_EndpointPort).
func TestValidateSlice(t *testing.T) {
	port, bad := int32(9376), int32(0)
	s := &discoveryv1.EndpointSlice{
		ObjectMeta:  metav1.ObjectMeta{Name: "my-service-1", Namespace: "default"},
		AddressType: discoveryv1.AddressTypeIPv4,
		Endpoints:   []discoveryv1.Endpoint{{Addresses: []string{"10.4.5.6"}}},
		Ports:       []discoveryv1.EndpointPort{{Port: &port}},
	}
	DefaultSlice(s)
	assert.Equal(t, "TCP", string(*s.Ports[0].Protocol))
	assert.Empty(t, ValidateSlice(s))

	s.Endpoints = append(s.Endpoints, discoveryv1.Endpoint{}, discoveryv1.Endpoint{Addresses: []string{"2001:db8::1"}},
		discoveryv1.Endpoint{Addresses: []string{"127.0.0.1"}})
	s.Ports = append(s.Ports, discoveryv1.EndpointPort{Port: &bad})
	DefaultSlice(s)
	var got []string
	for _, e := range ValidateSlice(s) {
		got = append(got, e.Error())
	}
	assert.Equal(t, []string{
		"endpoints[1].addresses: Required value: must contain at least 1 address",
		`endpoints[2].addresses[0]: Invalid value: "2001:db8::1": must be a valid IPv4 address`,
		`endpoints[3].addresses[0]: Invalid value: "127.0.0.1": may not be a special address (unspecified, loopback or link-local)`,
		`ports[1].name: Duplicate value: ""`,
		"ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
	}, got)

	next := s.DeepCopy()
	next.AddressType = discoveryv1.AddressTypeIPv6
	errs := ValidateSliceUpdate(next, s)
	assert.Equal(t, `addressType: Invalid value: "IPv6": field is immutable`, errs[len(errs)-1].Error())
}
