package proxy

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// goldenRules is a small store: a ClusterIP Service with three endpoints, a
// NodePort Service with externalTrafficPolicy Local and ClientIP affinity, and
// a Service without endpoints.
func goldenRules(mode Mode) *Rules {
	web := testService("web", "10.96.0.10", nil)
	shop := testService("shop", "10.96.0.11", func(s *corev1.Service) {
		nodePort(30080, true)(s)
		clientIP(10800)(s)
	})
	empty := testService("empty", "10.96.0.12", nil)
	slices := []*discoveryv1.EndpointSlice{
		testSlice("web", 8080, readyEP("10.244.1.5", "node-b"), readyEP("10.244.0.5", thisNode), readyEP("10.244.2.5", "node-c")),
		testSlice("shop", 8080, readyEP("10.244.0.7", thisNode), readyEP("10.244.1.7", "node-b")),
	}
	return Build(testConfig(mode), []*corev1.Service{web, shop, empty}, slices)
}

// Reference: proxy-and-runtime.md A1.1 (iptables chain layout, statistic probabilities, recent-module
// affinity, hairpin KUBE-MARK-MASQ, KUBE-NODEPORTS), A1.2 (numgen vmap, reject-chain, drop) and A1.3
// (ipvs rr), A2.3 (REJECT for a Service without endpoints).
func TestGolden(t *testing.T) {
	tests := []struct {
		file  string
		mode  Mode
		write func(*Rules, *bytes.Buffer) error
	}{
		{"rules.iptables", ModeIPTables, func(r *Rules, b *bytes.Buffer) error { return r.WriteIPTables(b) }},
		{"rules.nftables", ModeNFTables, func(r *Rules, b *bytes.Buffer) error { return r.WriteNFTables(b) }},
		{"rules.ipvs", ModeIPVS, func(r *Rules, b *bytes.Buffer) error { return r.WriteIPVS(b) }},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		require.NoError(t, tt.write(goldenRules(tt.mode), &buf))
		path := filepath.Join("testdata", tt.file)
		if *update {
			require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		}
		want, err := os.ReadFile(path)
		require.NoError(t, err, "missing golden file; run go test ./proxy/ -update")
		assert.Equal(t, string(want), buf.String(), "%s differs from the golden file", tt.file)
		var again bytes.Buffer
		require.NoError(t, tt.write(goldenRules(tt.mode), &again))
		assert.Equal(t, buf.String(), again.String(), "%s output is deterministic", tt.file)
	}
}
