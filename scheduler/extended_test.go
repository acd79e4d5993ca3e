package scheduler

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

const dongle corev1.ResourceName = "example.com/dongle"

// nodeWithDongles returns a node with n dongles in its allocatable.
func nodeWithDongles(name string, n int64) *corev1.Node {
	nd := node(name, "4", "8Gi", 110)
	nd.Status.Allocatable[dongle] = *resource.NewQuantity(n, resource.DecimalSI)
	return nd
}

// podWithDongles returns a pod whose container requests n dongles.
func podWithDongles(name string, n int64) *corev1.Pod {
	p := pod(name, "100m", "")
	p.Spec.Containers[0].Resources.Requests[dongle] = *resource.NewQuantity(n, resource.DecimalSI)
	return p
}

func TestFilterFitExtendedResources(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go
	// (fitsRequest: each scalar resource the pod requests is checked
	// against allocatable minus requested, "Insufficient <name>").
	tests := []struct {
		name    string
		node    *corev1.Node
		onNode  []*corev1.Pod
		request int64
		want    []string
	}{
		{"enough dongles", nodeWithDongles("n1", 2), nil, 2, nil},
		{"dongles taken by a pod already there", nodeWithDongles("n1", 2), []*corev1.Pod{podWithDongles("a", 1)}, 2, []string{"Insufficient example.com/dongle"}},
		{"a store without dongles", node("n1", "4", "8Gi", 110), nil, 1, []string{"Insufficient example.com/dongle"}},
		{"a pod that asks for none fits a store without", node("n1", "4", "8Gi", 110), nil, 0, nil},
	}
	for _, tt := range tests {
		p := pod("p", "100m", "")
		if tt.request > 0 {
			p = podWithDongles("p", tt.request)
		}
		got := runOne(t, filterFit, p, NodeInfo{Node: tt.node, Pods: tt.onNode})
		require.Equal(t, tt.want, got, "%s: NodeResourcesFit reasons", tt.name)
	}
}

func TestScheduleExtendedResourceMessage(t *testing.T) {
	// Reference: pkg/scheduler/framework/types.go (FitError.Error) with
	// noderesources/fit.go's "Insufficient <resource>" reason.
	nodes := []NodeInfo{{Node: nodeWithDongles("n1", 1)}, {Node: node("n2", "4", "8Gi", 110)}}
	_, err := Schedule(podWithDongles("p", 2), nodes, seeded(1))
	require.EqualError(t, err, "0/2 nodes are available: 2 Insufficient example.com/dongle. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")
	got, err := Schedule(podWithDongles("p", 1), nodes, seeded(1))
	require.NoError(t, err)
	require.Equal(t, "n1", got, "only n1 has a dongle")
}

func TestNodeTotalsExtendedResources(t *testing.T) {
	// The cache's running totals count extended resources as they come and go.
	n := nodeWithDongles("n1", 4)
	a, b := podWithDongles("a", 1), podWithDongles("b", 2)
	tot := NewNodeTotals(n, []*corev1.Pod{a, b})
	require.Equal(t, int64(3), tot.Requested.Scalar[dongle])
	tot.RemovePod(a)
	require.Equal(t, int64(2), tot.Requested.Scalar[dongle])
	tot.RemovePod(b)
	require.Nil(t, tot.Requested.Scalar, "no dongles requested: no map")
	require.Equal(t, int64(4), tot.Allocatable.Scalar[dongle])
}
