//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package endpoints_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/endpoints"
)

// many returns n pods, the first ready ones ready, numbered from 10.9.0.1.
func many(n, ready int) []*corev1.Pod {
	out := make([]*corev1.Pod, n)
	for i := range out {
		out[i] = pod(fmt.Sprintf("web-%04d", i), fmt.Sprintf("10.9.%d.%d", i/250, i%250+1), i < ready)
	}
	return out
}

func count(ep *corev1.Endpoints) (ready, notReady int) {
	for _, ss := range ep.Subsets {
		ready += len(ss.Addresses)
		notReady += len(ss.NotReadyAddresses)
	}
	return ready, notReady
}

// Over 1000 addresses the controller keeps 1000, ready ones first, and
// annotates endpoints.kubernetes.io/over-capacity: truncated; at 1000 or
// fewer there is no annotation.
// Reference: pkg/controller/endpoint/endpoints_controller.go
// (truncateEndpoints, maxCapacity); https://kubernetes.io/docs/concepts/services-networking/service/#over-capacity-endpoints
func TestTruncatedAt1000(t *testing.T) {
	for _, tc := range []struct {
		name                    string
		pods, ready             int
		wantReady, wantNotReady int
		wantAnnotated           bool
	}{
		{"exactly 1000", 1000, 1000, 1000, 0, false},
		{"1001 ready", 1001, 1001, 1000, 0, true},
		{"990 ready, 20 not", 1010, 990, 990, 10, true},
		{"1100 ready, 20 not: not-ready ones all go", 1120, 1100, 1000, 0, true},
	} {
		ep := endpoints.Desired(svc(), many(tc.pods, tc.ready))
		r, nr := count(ep)
		assert.Equal(t, tc.wantReady, r, "%s: ready addresses", tc.name)
		assert.Equal(t, tc.wantNotReady, nr, "%s: not-ready addresses", tc.name)
		if tc.wantAnnotated {
			assert.Equal(t, "truncated", ep.Annotations["endpoints.kubernetes.io/over-capacity"], tc.name)
		} else {
			assert.NotContains(t, ep.Annotations, "endpoints.kubernetes.io/over-capacity", tc.name)
		}
	}
}

// The annotation counts as a change: it is set when the Service goes
// over 1000 and removed when it drops back, and other annotations stay.
// Reference: endpoints_controller.go (capacityAnnotationSetCorrectly).
func TestOverCapacityAnnotationFollows(t *testing.T) {
	over := endpoints.Desired(svc(), many(1001, 1001))
	cur := endpoints.Desired(svc(), many(1000, 1000))
	cur.Annotations = map[string]string{"note": "kept"}
	require.True(t, endpoints.Changed(cur, over))
	endpoints.Overwrite(cur, over)
	assert.Equal(t, map[string]string{"note": "kept", "endpoints.kubernetes.io/over-capacity": "truncated"}, cur.Annotations)
	assert.False(t, endpoints.Changed(cur, over))

	back := endpoints.Desired(svc(), many(999, 999))
	require.True(t, endpoints.Changed(cur, back))
	endpoints.Overwrite(cur, back)
	assert.Equal(t, map[string]string{"note": "kept"}, cur.Annotations)
}
