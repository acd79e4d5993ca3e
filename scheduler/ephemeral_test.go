package scheduler

import (
	"testing"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// nodeWithDisk returns a node with disk bytes of allocatable
// ephemeral-storage.
func nodeWithDisk(name, disk string) *corev1.Node {
	nd := node(name, "4", "8Gi", 110)
	nd.Status.Allocatable[corev1.ResourceEphemeralStorage] = resource.MustParse(disk)
	return nd
}

// podWithDisk returns a pod whose container requests disk of
// ephemeral-storage.
func podWithDisk(name, disk string) *corev1.Pod {
	p := pod(name, "100m", "")
	p.Spec.Containers[0].Resources.Requests[corev1.ResourceEphemeralStorage] = resource.MustParse(disk)
	return p
}

func TestFilterFitEphemeralStorage(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go
	// (fitsRequest: ephemeral-storage is checked after memory and before
	// the scalar resources, against allocatable minus requested,
	// "Insufficient ephemeral-storage"; a pod that requests none is never
	// short of it).
	tests := []struct {
		name   string
		node   *corev1.Node
		onNode []*corev1.Pod
		pod    *corev1.Pod
		want   []string
	}{
		{"fits", nodeWithDisk("n1", "10Gi"), nil, podWithDisk("p", "10Gi"), nil},
		{"taken by a pod already there", nodeWithDisk("n1", "10Gi"), []*corev1.Pod{podWithDisk("a", "6Gi")}, podWithDisk("p", "5Gi"), []string{ReasonInsufficientEphemeralStorage}},
		{"more than the store has", nodeWithDisk("n1", "10Gi"), nil, podWithDisk("p", "11Gi"), []string{ReasonInsufficientEphemeralStorage}},
		{"a store that reports no disk", node("n1", "4", "8Gi", 110), nil, podWithDisk("p", "1"), []string{ReasonInsufficientEphemeralStorage}},
		{"a pod that asks for none", nodeWithDisk("n1", "1Gi"), []*corev1.Pod{podWithDisk("a", "1Gi")}, pod("p", "100m", ""), nil},
	}
	for _, tt := range tests {
		got := runOne(t, filterFit, tt.pod, NodeInfo{Node: tt.node, Pods: tt.onNode})
		require.Equal(t, tt.want, got, "%s: NodeResourcesFit reasons", tt.name)
	}

	// The order of the reasons: memory, then ephemeral-storage, then the
	// extended resources.
	nd := nodeWithDongles("n1", 0)
	nd.Status.Allocatable[corev1.ResourceEphemeralStorage] = resource.MustParse("1Gi")
	p := podWithDongles("p", 1)
	p.Spec.Containers[0].Resources.Requests[corev1.ResourceMemory] = resource.MustParse("9Gi")
	p.Spec.Containers[0].Resources.Requests[corev1.ResourceEphemeralStorage] = resource.MustParse("2Gi")
	got := runOne(t, filterFit, p, NodeInfo{Node: nd})
	require.Equal(t, []string{ReasonInsufficientMem, ReasonInsufficientEphemeralStorage, "Insufficient example.com/dongle"}, got)
}

func TestPodRequestsEphemeralStorage(t *testing.T) {
	// Reference: k8s.io/component-helpers/resource/helpers.go (PodRequests:
	// every resource of the containers' requests is summed, sidecars
	// included, and an init container counts as the largest moment).
	p := podWithDisk("p", "1Gi")
	sidecar := corev1.ContainerRestartPolicyAlways
	p.Spec.InitContainers = []corev1.Container{
		{Name: "log", RestartPolicy: &sidecar, Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse("512Mi")}}},
		{Name: "unpack", Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse("2Gi")}}},
	}
	// The sidecar beside the unpacking init container: 2.5Gi, more than
	// the sidecar and the app together (1.5Gi).
	require.Equal(t, int64(2560<<20), PodRequests(p).EphemeralStorage, "PodRequests(p).EphemeralStorage")
	p.Spec.InitContainers = p.Spec.InitContainers[:1]
	require.Equal(t, int64(1536<<20), PodRequests(p).EphemeralStorage, "PodRequests(p).EphemeralStorage without the init container")
}

func TestScheduleEphemeralStorageMessage(t *testing.T) {
	// Reference: pkg/scheduler/framework/types.go (FitError.Error) with
	// noderesources/fit.go's "Insufficient ephemeral-storage".
	nodes := []NodeInfo{{Node: nodeWithDisk("n1", "1Gi")}}
	_, err := Schedule(podWithDisk("p", "2Gi"), nodes, seeded(1))
	require.EqualError(t, err, "0/1 nodes are available: 1 Insufficient ephemeral-storage. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.")
	got, err := Schedule(podWithDisk("p", "1Gi"), nodes, seeded(1))
	require.NoError(t, err)
	require.Equal(t, "n1", got)
}
