package main

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The HPA walkthrough as its page runs it: php-apache, an autoscaler at
// 50% of a 200m request, and the busybox load generator's wget loop. Three
// minutes in, the autoscaler has seven replicas at about 50% each, and
// `top` shows each near 100m.
// Reference: kubernetes/website content/en/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough.md
func TestTopAndGetHPAFollowTheWalkthrough(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	r := nucleus(t, "", "get", "hpa", "--at", "3m", "testdata/php-apache.yaml")
	require.Equal(t, 0, r.code, r.errOut)
	golden(t, "get-hpa-php-apache.golden", r.out)
	r = nucleus(t, "", "top", "pods", "--at", "3m", "testdata/php-apache.yaml")
	require.Equal(t, 0, r.code, r.errOut)
	golden(t, "top-pods-php-apache.golden", r.out)
	r = nucleus(t, "", "top", "nodes", "--at", "3m", "testdata/php-apache.yaml")
	require.Equal(t, 0, r.code, r.errOut)
	golden(t, "top-nodes-php-apache.golden", r.out)
	r = nucleus(t, "", "describe", "hpa", "php-apache", "--at", "3m", "testdata/php-apache.yaml")
	require.Equal(t, 0, r.code, r.errOut)
	golden(t, "describe-hpa-php-apache.golden", r.out)
	r = nucleus(t, "", "top", "deployments", "testdata/php-apache.yaml")
	require.Equal(t, 2, r.code)
	require.Contains(t, r.errOut, "expected pods or nodes")
}
