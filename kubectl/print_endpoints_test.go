//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package kubectl

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
)

// Reference: pkg/printers/internalversion/printers.go formatEndpoints:
// ready addresses only, ip:port per port, the first three and then
// " + N more...", <none> without subsets, a bare ip without ports.
func TestEndpointsCell(t *testing.T) {
	addrs := func(ips ...string) []corev1.EndpointAddress {
		var out []corev1.EndpointAddress
		for _, ip := range ips {
			out = append(out, corev1.EndpointAddress{IP: ip})
		}
		return out
	}
	port := func(n int32) []corev1.EndpointPort { return []corev1.EndpointPort{{Port: n}} }
	cases := []struct {
		name    string
		subsets []corev1.EndpointSubset
		want    string
	}{
		{"no subsets", nil, "<none>"},
		{"one", []corev1.EndpointSubset{{Addresses: addrs("10.0.0.1"), Ports: port(80)}}, "10.0.0.1:80"},
		{"not ready only", []corev1.EndpointSubset{{NotReadyAddresses: addrs("10.0.0.1"), Ports: port(80)}}, ""},
		{"headless without ports", []corev1.EndpointSubset{{Addresses: addrs("10.0.0.1", "10.0.0.2")}}, "10.0.0.1,10.0.0.2"},
		{"more", []corev1.EndpointSubset{{Addresses: addrs("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5"), Ports: port(80)}},
			"10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more..."},
		{"IPv6", []corev1.EndpointSubset{{Addresses: addrs("fd00::1"), Ports: port(80)}}, "[fd00::1]:80"},
	}
	for _, tc := range cases {
		got := endpointsCell(&corev1.Endpoints{Subsets: tc.subsets})
		assert.Equal(t, tc.want, got, "endpointsCell(%s)", tc.name)
	}
}
