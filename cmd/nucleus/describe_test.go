package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDescribeGolden(t *testing.T) {
	// Reference: kubelet.md §3 (the back-off the crash-looping pod's
	// events show), §8 (State, Last State and their reasons); the layout is
	// kubectl describe.go describePod, describeService,
	// describeEndpointSliceV1 and describeNode.
	tests := []struct {
		golden string
		args   []string
	}{
		{"describe-pod-crash.golden", []string{"describe", "pod", "crash", "--at", "2m", crash}},
		{"describe-pod-web.golden", []string{"describe", "pod", "web", web}},
		{"describe-service-web.golden", []string{"describe", "service", "web", web}},
		{"describe-endpointslice-web.golden", []string{"describe", "endpointslice", "web-6n68b", web}},
		{"describe-node-store-1.golden", []string{"describe", "node", "store-1", web, shop}},
		{"describe-pod-clerk.golden", []string{"describe", "pod", "clerk", "-n", "shop", shop}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := nucleus(t, "", tt.args...)
			require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", tt.args, r.errOut)
			assert.Empty(t, r.errOut, "%v stderr", tt.args)
			golden(t, tt.golden, r.out)
		})
	}
}

func TestDescribePodShowsItsEvents(t *testing.T) {
	// Reference: kubelet.md §3.4 (doBackOff: "Back-off restarting failed
	// container"); the events come from a logbook kept from time zero.
	r := nucleus(t, "", "describe", "pod", "crash", "--at", "2m", crash)
	require.Equal(t, exitOK, r.code, "describe pod crash exit code; stderr: %s", r.errOut)
	assert.Contains(t, r.out, "Back-off restarting failed container app", "describe pod crash events")
	assert.Contains(t, r.out, "CrashLoopBackOff", "describe pod crash state")
}

func TestDescribeAliases(t *testing.T) {
	for _, tt := range []struct {
		name    string
		aliases []string
		object  string
	}{
		{"pod", []string{"pods", "po"}, "web"},
		{"service", []string{"services", "svc"}, "web"},
		{"node", []string{"nodes", "no"}, "store-1"},
	} {
		want := nucleus(t, "", "describe", tt.name, tt.object, web)
		require.Equal(t, exitOK, want.code, "describe %s exit code; stderr: %s", tt.name, want.errOut)
		for _, alias := range tt.aliases {
			got := nucleus(t, "", "describe", alias, tt.object, web)
			assert.Equal(t, want, got, "describe %s differs from describe %s", alias, tt.name)
		}
	}
}
