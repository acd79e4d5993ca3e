package kubelet

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// The disk thresholds are percentages the kubelet keeps as float32, so a
// threshold of a binary capacity is rarely round; on one disk
// imagefs.available<15% is met first (at 85% used), nodefs.available<10%
// later, and a store that names no ephemeral-storage has no disk limit.
// Reference: pkg/kubelet/eviction/api/types.go (GetThresholdQuantity,
// ThresholdValue.Percentage float32); kubelet.md §9.1 (DefaultEvictionHard).
func TestDiskThresholds(t *testing.T) {
	const gi = int64(1) << 30
	assert.Equal(t, int64(161061280), thresholdQuantity(gi, evictionHardImageFs), "15% of 1Gi")
	assert.Equal(t, int64(107374184), thresholdQuantity(gi, evictionHardNodeFs), "10% of 1Gi")
	for _, tc := range []struct {
		name    string
		d       disk
		wantQ   int64
		wantMet bool
	}{
		{"plenty free", disk{capacity: gi, available: gi / 2}, 0, false},
		{"just above 15%", disk{capacity: gi, available: 161061280}, 0, false},
		{"under 15%", disk{capacity: gi, available: 161061279}, 161061280, true},
		{"under 10% too: the imagefs threshold is named", disk{capacity: gi, available: 1}, 161061280, true},
		{"no disk configured", disk{}, 0, false},
	} {
		q, met := tc.d.met()
		assert.Equal(t, tc.wantMet, met, "%s: met", tc.name)
		assert.Equal(t, tc.wantQ, q, "%s: quantity", tc.name)
	}
}

// Allocatable ephemeral storage is the capacity less the hard
// nodefs.available threshold.
// Reference: https://kubernetes.io/docs/tasks/administer-cluster/reserve-compute-resources/#eviction-thresholds.
func TestEphemeralAllocatable(t *testing.T) {
	got := ephemeralAllocatable(resource.MustParse("100Gi"))
	assert.Equal(t, int64(96636764000), got.Value(), "100Gi less float32(0.1) of it")
	assert.Equal(t, "96636764k", got.String(), "as head office writes it back")
	got = ephemeralAllocatable(resource.MustParse("10G"))
	assert.Equal(t, int64(8_999_999_986), got.Value(), "10G less float32(0.1) of it, which is a little over 10%")
}

// A pod's ephemeral-storage request adds up its containers and sidecars,
// or is the largest init container's if that is more.
// Reference: pkg/api/v1/resource/helpers.go (GetResourceRequestQuantity).
func TestEphemeralRequest(t *testing.T) {
	req := func(q string) corev1.ResourceRequirements {
		return corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse(q)}}
	}
	always := corev1.ContainerRestartPolicyAlways
	p := &corev1.Pod{Spec: corev1.PodSpec{
		Containers: []corev1.Container{{Name: "a", Resources: req("1Mi")}, {Name: "b", Resources: req("2Mi")}},
	}}
	assert.Equal(t, int64(3<<20), ephemeralRequest(p), "containers add up")
	p.Spec.InitContainers = []corev1.Container{{Name: "side", Resources: req("1Mi"), RestartPolicy: &always}}
	assert.Equal(t, int64(4<<20), ephemeralRequest(p), "a sidecar adds to them")
	p.Spec.InitContainers = append(p.Spec.InitContainers, corev1.Container{Name: "setup", Resources: req("8Mi")})
	assert.Equal(t, int64(9<<20), ephemeralRequest(p), "an init container beside the sidecars before it, if more")
	assert.Equal(t, int64(0), ephemeralRequest(&corev1.Pod{}), "a pod that asks for nothing")
}
