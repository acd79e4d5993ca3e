package pod_test

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/pod"
)

// mkResources returns a resource list from name/quantity pairs, e.g.
// mkResources("cpu", "100m", "memory", "64Mi").
func mkResources(pairs ...string) corev1.ResourceList {
	l := corev1.ResourceList{}
	for i := 0; i+1 < len(pairs); i += 2 {
		l[corev1.ResourceName(pairs[i])] = resource.MustParse(pairs[i+1])
	}
	return l
}

// qosContainer returns a container with the given requests and limits.
func qosContainer(name string, requests, limits corev1.ResourceList) corev1.Container {
	return corev1.Container{Name: name, Image: "busybox",
		Resources: corev1.ResourceRequirements{Requests: requests, Limits: limits}}
}

func TestQOSClass(t *testing.T) {
	// Reference: kubelet.md §9.4 (QoS wording) and pkg/apis/core/helper/qos ComputePodQOS.
	both := mkResources("cpu", "500m", "memory", "128Mi")
	tests := []struct {
		name       string
		containers []corev1.Container
		inits      []corev1.Container
		want       corev1.PodQOSClass
	}{
		{"no requests or limits", []corev1.Container{qosContainer("a", nil, nil)}, nil, corev1.PodQOSBestEffort},
		{"only non-QoS resources", []corev1.Container{qosContainer("a", mkResources("ephemeral-storage", "1Gi"), mkResources("ephemeral-storage", "1Gi"))}, nil, corev1.PodQOSBestEffort},
		{"zero quantities count as unset", []corev1.Container{qosContainer("a", mkResources("cpu", "0"), mkResources("memory", "0"))}, nil, corev1.PodQOSBestEffort},
		{"requests equal limits", []corev1.Container{qosContainer("a", both, both)}, nil, corev1.PodQOSGuaranteed},
		{"limits only (requests default to limits)", []corev1.Container{qosContainer("a", nil, both)}, nil, corev1.PodQOSGuaranteed},
		{"equal after unit change", []corev1.Container{qosContainer("a", mkResources("cpu", "0.5", "memory", "134217728"), both)}, nil, corev1.PodQOSGuaranteed},
		{"request below limit", []corev1.Container{qosContainer("a", mkResources("cpu", "250m", "memory", "128Mi"), both)}, nil, corev1.PodQOSBurstable},
		{"only a request", []corev1.Container{qosContainer("a", mkResources("cpu", "100m"), nil)}, nil, corev1.PodQOSBurstable},
		{"cpu limit only", []corev1.Container{qosContainer("a", nil, mkResources("cpu", "1"))}, nil, corev1.PodQOSBurstable},
		{"one of two containers without limits", []corev1.Container{qosContainer("a", both, both), qosContainer("b", nil, nil)}, nil, corev1.PodQOSBurstable},
		{"two Guaranteed containers", []corev1.Container{qosContainer("a", both, both), qosContainer("b", both, both)}, nil, corev1.PodQOSGuaranteed},
		{"init container without limits counts", []corev1.Container{qosContainer("a", both, both)}, []corev1.Container{qosContainer("i", nil, nil)}, corev1.PodQOSBurstable},
		{"init container with a request makes BestEffort Burstable", []corev1.Container{qosContainer("a", nil, nil)}, []corev1.Container{qosContainer("i", mkResources("memory", "64Mi"), nil)}, corev1.PodQOSBurstable},
		{"init container Guaranteed too", []corev1.Container{qosContainer("a", both, both)}, []corev1.Container{qosContainer("i", both, both)}, corev1.PodQOSGuaranteed},
		{"sums compared, not each container", []corev1.Container{
			qosContainer("a", mkResources("cpu", "1", "memory", "1Gi"), mkResources("cpu", "2", "memory", "1Gi")),
			qosContainer("b", mkResources("cpu", "2", "memory", "1Gi"), mkResources("cpu", "1", "memory", "1Gi"))}, nil, corev1.PodQOSGuaranteed},
	}
	for _, tt := range tests {
		p := &corev1.Pod{}
		p.Spec.Containers = tt.containers
		p.Spec.InitContainers = tt.inits
		if got := pod.QOSClass(p); got != tt.want {
			t.Errorf("QOSClass(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestQOSClassPodLevel(t *testing.T) {
	// Reference: pkg/apis/core/helper/qos ComputePodQOS and
	// https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/
	// ("Pod-level resources take precedence in influencing the QoS class").
	both := mkResources("cpu", "1", "memory", "200Mi")
	tests := []struct {
		name               string
		requests, limits   corev1.ResourceList
		containerResources corev1.ResourceList // each container's requests and limits
		want               corev1.PodQOSClass
	}{
		{"pod limits equal requests over limitless containers", both, both, nil, corev1.PodQOSGuaranteed},
		{"pod limits only (requests default to them)", nil, both, nil, corev1.PodQOSGuaranteed},
		{"pod request below limit over Guaranteed containers", mkResources("cpu", "1", "memory", "100Mi"), both,
			mkResources("cpu", "500m", "memory", "50Mi"), corev1.PodQOSBurstable},
		{"pod requests only", mkResources("memory", "100Mi"), nil, nil, corev1.PodQOSBurstable},
		{"pod cpu limit only", mkResources("cpu", "1"), mkResources("cpu", "1"), nil, corev1.PodQOSBurstable},
	}
	for _, tt := range tests {
		p := &corev1.Pod{}
		p.Spec.Containers = []corev1.Container{qosContainer("a", tt.containerResources, tt.containerResources)}
		p.Spec.Resources = &corev1.ResourceRequirements{Requests: tt.requests, Limits: tt.limits}
		if got := pod.QOSClass(p); got != tt.want {
			t.Errorf("QOSClass(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}
