package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProxyRulesGolden(t *testing.T) {
	// Reference: proxy-and-runtime.md §A1.1 (iptables chains), §A1.2
	// (nftables numgen vmap), §A1.3 (IPVS virtual servers and schedulers).
	tests := []struct {
		golden string
		flags  []string
	}{
		{"proxy-rules-iptables.golden", nil},
		{"proxy-rules-nftables.golden", []string{"--mode", "nftables"}},
		{"proxy-rules-ipvs.golden", []string{"--mode", "ipvs"}},
		{"proxy-rules-ipvs-lc.golden", []string{"--mode", "ipvs", "--scheduler", "lc"}},
		// At time zero the pod is not ready: the Service has no endpoints,
		// and iptables mode rejects its traffic.
		{"proxy-rules-iptables-0s.golden", []string{"--at", "0s"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			args := append(append([]string{"proxy", "rules", "--store", "store-1"}, tt.flags...), web)
			r := nucleus(t, "", args...)
			require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", args, r.errOut)
			assert.Empty(t, r.errOut, "%v stderr", args)
			golden(t, tt.golden, r.out)
		})
	}
}

func TestProxyRulesModes(t *testing.T) {
	// The mode decides the form; iptables is the default.
	def := nucleus(t, "", "proxy", "rules", "--store", "store-1", web)
	ipt := nucleus(t, "", "proxy", "rules", "--store", "store-1", "--mode", "iptables", web)
	assert.Equal(t, def, ipt, "proxy rules without --mode differs from --mode iptables")
	assert.Contains(t, def.out, "*nat\n", "iptables mode writes the nat table")
	assert.Contains(t, def.out, "-j DNAT --to-destination 10.244.1.2:80", "iptables mode DNATs to the pod")

	ipvs := nucleus(t, "", "proxy", "rules", "--store", "store-1", "--mode", "ipvs", "--scheduler", "sh", web)
	assert.Contains(t, ipvs.out, ":80 sh\n", "ipvs mode names the sh scheduler")
	assert.Contains(t, ipvs.out, "-> 10.244.1.2:80", "ipvs mode lists the pod as a real server")

	nft := nucleus(t, "", "proxy", "rules", "--store", "store-1", "--mode", "nftables", web)
	assert.Contains(t, nft.out, "numgen random mod 1 vmap", "nftables mode picks an endpoint with numgen")
}
