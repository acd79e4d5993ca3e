package endpointslice

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Reference: proxy-and-runtime.md A2.4 and vector V-A5
// (staging/src/k8s.io/endpointslice/utils.go podToEndpoint).
func TestConditions(t *testing.T) {
	tests := []struct {
		podReady, deleting, publishNotReady bool
		ready, serving, terminating         bool
	}{
		{true, false, false, true, true, false},
		{false, false, false, false, false, false},
		{true, true, false, false, true, true},
		{false, true, false, false, false, true},
		{false, false, true, true, false, false},
		{true, true, true, true, true, true},
		{false, true, true, true, false, true},
	}
	for _, tt := range tests {
		svc := webService()
		svc.Spec.PublishNotReadyAddresses = tt.publishNotReady
		pod := readyPod("p", "10.244.0.5")
		if !tt.podReady {
			pod.Status.Conditions[0].Status = corev1.ConditionFalse
		}
		if tt.deleting {
			pod.DeletionTimestamp = &metav1.Time{}
		}
		slices := Desired(svc, []*corev1.Pod{pod}, nil)
		require.Len(t, slices, 1)
		require.Len(t, slices[0].Endpoints, 1)
		c := slices[0].Endpoints[0].Conditions
		got := [3]bool{*c.Ready, *c.Serving, *c.Terminating}
		want := [3]bool{tt.ready, tt.serving, tt.terminating}
		assert.Equal(t, want, got, "conditions(podReady=%v, deleting=%v, publishNotReady=%v) = ready/serving/terminating %v, want %v",
			tt.podReady, tt.deleting, tt.publishNotReady, got, want)
	}
}

// Reference: proxy-and-runtime.md A4 (endpointslice/util/controller_utils.go ShouldPodBeInEndpoints;
// endpointslice_controller.go syncService selector).
func TestPodSelection(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*corev1.Pod)
		want   bool
	}{
		{"running ready", func(*corev1.Pod) {}, true},
		{"succeeded", func(p *corev1.Pod) { p.Status.Phase = corev1.PodSucceeded }, false},
		{"failed", func(p *corev1.Pod) { p.Status.Phase = corev1.PodFailed }, false},
		{"no IP", func(p *corev1.Pod) { p.Status.PodIP = ""; p.Status.PodIPs = nil }, false},
		{"terminating is kept", func(p *corev1.Pod) { p.DeletionTimestamp = &metav1.Time{} }, true},
		{"other namespace", func(p *corev1.Pod) { p.Namespace = "other" }, false},
		{"labels do not match", func(p *corev1.Pod) { p.Labels = map[string]string{"app": "db"} }, false},
		{"pending with IP", func(p *corev1.Pod) { p.Status.Phase = corev1.PodPending }, true},
	}
	for _, tt := range tests {
		pod := readyPod("p", "10.244.0.5")
		tt.mutate(pod)
		slices := Desired(webService(), []*corev1.Pod{pod}, nil)
		require.Len(t, slices, 1, tt.name)
		got := len(slices[0].Endpoints) == 1
		assert.Equal(t, tt.want, got, "pod %q included = %v, want %v", tt.name, got, tt.want)
	}
}

// Reference: proxy-and-runtime.md A4 (staging/src/k8s.io/endpointslice/utils.go findPort, getEndpointPorts).
func TestFindPort(t *testing.T) {
	always := corev1.ContainerRestartPolicyAlways
	pod := readyPod("p", "10.244.0.5")
	pod.Spec.Containers[0].Ports = append(pod.Spec.Containers[0].Ports,
		corev1.ContainerPort{Name: "dns", ContainerPort: 53, Protocol: corev1.ProtocolUDP})
	pod.Spec.InitContainers = []corev1.Container{
		{Name: "sidecar", RestartPolicy: &always, Ports: []corev1.ContainerPort{{Name: "metrics", ContainerPort: 9090}}},
		{Name: "init", Ports: []corev1.ContainerPort{{Name: "setup", ContainerPort: 7070}}},
	}
	tests := []struct {
		target intstr.IntOrString
		proto  corev1.Protocol
		want   int32
		found  bool
	}{
		{intstr.FromInt32(9376), corev1.ProtocolTCP, 9376, true},
		{intstr.FromString("http"), corev1.ProtocolTCP, 8080, true},
		{intstr.FromString("http"), corev1.ProtocolUDP, 0, false},
		{intstr.FromString("dns"), corev1.ProtocolUDP, 53, true},
		{intstr.FromString("metrics"), corev1.ProtocolTCP, 9090, true},
		{intstr.FromString("setup"), corev1.ProtocolTCP, 0, false},
		{intstr.FromString("nope"), corev1.ProtocolTCP, 0, false},
	}
	for _, tt := range tests {
		got, ok := FindPort(pod, &corev1.ServicePort{TargetPort: tt.target, Protocol: tt.proto})
		assert.Equal(t, tt.found, ok, "FindPort(%s/%s) found = %v, want %v", tt.target.String(), tt.proto, ok, tt.found)
		assert.Equal(t, tt.want, got, "FindPort(%s/%s) = %d, want %d", tt.target.String(), tt.proto, got, tt.want)
	}
}

// Reference: proxy-and-runtime.md A4 (reconciler.go NewPortMapKey grouping; utils.go getEndpointPorts omits a
// port not found).
func TestGroupingByPortSet(t *testing.T) {
	svc := webService()
	svc.Spec.Ports[0].TargetPort = intstr.FromString("http")
	a := readyPod("a", "10.244.0.5")
	b := readyPod("b", "10.244.0.6")
	b.Spec.Containers[0].Ports[0].ContainerPort = 9090
	c := readyPod("c", "10.244.0.7")
	c.Spec.Containers[0].Ports = nil
	slices := Desired(svc, []*corev1.Pod{c, b, a}, nil)
	require.Len(t, slices, 3, "three different resolved port sets")
	var summary []string
	for _, s := range slices {
		port := "none"
		if len(s.Ports) == 1 {
			port = fmt.Sprint(*s.Ports[0].Port)
		}
		summary = append(summary, port+"="+s.Endpoints[0].Addresses[0])
	}
	assert.ElementsMatch(t, []string{"8080=10.244.0.5", "9090=10.244.0.6", "none=10.244.0.7"}, summary)
}

// Reference: proxy-and-runtime.md A4 (slice metadata, MaxEndpointsPerSlice = 100, addressType, owner reference).
func TestSliceShape(t *testing.T) {
	svc := webService()
	svc.Labels[discoveryv1.LabelManagedBy] = "someone-else"
	slices := Controller{NodeZone: func(string) string { return "zone-a" }}.Desired(svc, manyPods(250))
	require.Len(t, slices, 3)
	assert.Equal(t, []int{100, 100, 50}, []int{len(slices[0].Endpoints), len(slices[1].Endpoints), len(slices[2].Endpoints)})
	s := slices[0]
	assert.Equal(t, "web-", s.GenerateName)
	assert.Equal(t, discoveryv1.AddressTypeIPv4, s.AddressType)
	assert.Equal(t, map[string]string{"team": "shop", discoveryv1.LabelServiceName: "web",
		discoveryv1.LabelManagedBy: ControllerName}, s.Labels)
	require.Len(t, s.OwnerReferences, 1)
	or := s.OwnerReferences[0]
	assert.Equal(t, "Service", or.Kind)
	assert.True(t, *or.Controller)
	ep := s.Endpoints[0]
	assert.Equal(t, "10.244.0.1", ep.Addresses[0], "endpoints sorted by address")
	assert.Equal(t, "node-a", *ep.NodeName)
	assert.Equal(t, "zone-a", *ep.Zone)
	assert.Equal(t, "Pod", ep.TargetRef.Kind)
	assert.Equal(t, "web-000", ep.TargetRef.Name)

	headless := webService()
	headless.Spec.ClusterIP = corev1.ClusterIPNone
	headless.Spec.Ports = nil
	hs := Desired(headless, manyPods(1), nil)
	require.Len(t, hs, 1)
	_, ok := hs[0].Labels[corev1.IsHeadlessService]
	assert.True(t, ok, "headless label set")
	assert.Empty(t, hs[0].Ports, "headless without ports has an empty port list")
}

// Reference: proxy-and-runtime.md A3 (ExternalName, selectorless: no slices from the controller).
func TestNoSlices(t *testing.T) {
	ext := webService()
	ext.Spec.Type = corev1.ServiceTypeExternalName
	assert.Nil(t, Desired(ext, manyPods(3), nil), "ExternalName")
	manual := webService()
	manual.Spec.Selector = nil
	assert.Nil(t, Desired(manual, manyPods(3), nil), "selectorless")
	empty := Desired(webService(), nil, nil)
	require.Len(t, empty, 1, "a placeholder slice for a Service without pods")
	assert.Empty(t, empty[0].Endpoints)
}
