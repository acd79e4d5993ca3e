package kubectl

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Reference: printers.go printNode (STATUS from the Ready condition only,
// "Unknown" without one, ",SchedulingDisabled" when cordoned).
func TestNodeStatus(t *testing.T) {
	ready := func(s corev1.ConditionStatus) []corev1.NodeCondition {
		return []corev1.NodeCondition{{Type: corev1.NodeMemoryPressure, Status: corev1.ConditionTrue}, {Type: corev1.NodeReady, Status: s}}
	}
	cases := []struct {
		name     string
		conds    []corev1.NodeCondition
		cordoned bool
		want     string
	}{
		{"ready", ready(corev1.ConditionTrue), false, "Ready"},
		{"kubelet reports not ready", ready(corev1.ConditionFalse), false, "NotReady"},
		{"stopped calling in", ready(corev1.ConditionUnknown), false, "NotReady"},
		{"no Ready condition yet", nil, false, "Unknown"},
		{"only pressure conditions", []corev1.NodeCondition{{Type: corev1.NodeDiskPressure, Status: corev1.ConditionTrue}}, false, "Unknown"},
		{"cordoned", ready(corev1.ConditionTrue), true, "Ready,SchedulingDisabled"},
		{"cordoned and lost", ready(corev1.ConditionUnknown), true, "NotReady,SchedulingDisabled"},
		{"cordoned before registering", nil, true, "Unknown,SchedulingDisabled"},
	}
	for _, tc := range cases {
		n := &corev1.Node{Spec: corev1.NodeSpec{Unschedulable: tc.cordoned}, Status: corev1.NodeStatus{Conditions: tc.conds}}
		assert.Equal(t, tc.want, NodeStatus(n), "NodeStatus(%s)", tc.name)
	}
}

// Reference: printers.go findNodeRoles.
func TestNodeRoles(t *testing.T) {
	cases := []struct {
		labels map[string]string
		want   []string
	}{
		{nil, []string{}},
		{map[string]string{"node-role.kubernetes.io/worker": ""}, []string{"worker"}},
		{map[string]string{"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "master"}, []string{"control-plane", "master"}},
		{map[string]string{"node-role.kubernetes.io/": "x", "kubernetes.io/role": ""}, []string{}},
		{map[string]string{"node-role.kubernetes.io/worker": "", "kubernetes.io/role": "worker"}, []string{"worker"}},
	}
	for _, tc := range cases {
		n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Labels: tc.labels}}
		assert.Equal(t, tc.want, nodeRoles(n), "nodeRoles(%v)", tc.labels)
	}
}

// Reference: printers.go getServiceExternalIP, loadBalancerStatusStringer.
func TestServiceExternalIP(t *testing.T) {
	lb := func(ips ...string) corev1.LoadBalancerStatus {
		var st corev1.LoadBalancerStatus
		for _, ip := range ips {
			st.Ingress = append(st.Ingress, corev1.LoadBalancerIngress{IP: ip})
		}
		return st
	}
	cases := []struct {
		name     string
		typ      corev1.ServiceType
		external []string
		status   corev1.LoadBalancerStatus
		wide     bool
		want     string
	}{
		{"cluster ip", corev1.ServiceTypeClusterIP, nil, lb(), false, "<none>"},
		{"cluster ip with external ips", corev1.ServiceTypeClusterIP, []string{"1.2.3.4", "5.6.7.8"}, lb(), false, "1.2.3.4,5.6.7.8"},
		{"node port", corev1.ServiceTypeNodePort, nil, lb(), false, "<none>"},
		{"load balancer pending", corev1.ServiceTypeLoadBalancer, nil, lb(), false, "<pending>"},
		{"load balancer sorted", corev1.ServiceTypeLoadBalancer, nil, lb("9.9.9.9", "1.1.1.1"), false, "1.1.1.1,9.9.9.9"},
		{"load balancer cut", corev1.ServiceTypeLoadBalancer, nil, lb("203.0.113.10", "203.0.113.11"), false, "203.0.113.10,..."},
		{"load balancer wide", corev1.ServiceTypeLoadBalancer, nil, lb("203.0.113.10", "203.0.113.11"), true, "203.0.113.10,203.0.113.11"},
		{"load balancer and external", corev1.ServiceTypeLoadBalancer, []string{"5.6.7.8"}, lb("1.1.1.1"), false, "1.1.1.1,5.6.7.8"},
		{"unknown type", corev1.ServiceType("Weird"), nil, lb(), false, "<unknown>"},
	}
	for _, tc := range cases {
		s := &corev1.Service{Spec: corev1.ServiceSpec{Type: tc.typ, ExternalIPs: tc.external}, Status: corev1.ServiceStatus{LoadBalancer: tc.status}}
		assert.Equal(t, tc.want, serviceExternalIP(s, tc.wide), "serviceExternalIP(%s)", tc.name)
	}
}

// Reference: printers.go makePortString.
func TestServicePorts(t *testing.T) {
	ports := []corev1.ServicePort{
		{Port: 80, Protocol: corev1.ProtocolTCP},
		{Port: 53, Protocol: corev1.ProtocolUDP},
		{Port: 443, NodePort: 30443, Protocol: corev1.ProtocolTCP},
	}
	assert.Equal(t, "80/TCP,53/UDP,443:30443/TCP", servicePorts(ports))
	assert.Equal(t, "", servicePorts(nil), "servicePorts(nil)")
}

// Reference: printers.go listWithMoreString.
func TestFirstFew(t *testing.T) {
	cases := []struct {
		items []string
		want  string
	}{
		{nil, "<unset>"},
		{[]string{"a"}, "a"},
		{[]string{"a", "b", "c"}, "a,b,c"},
		{[]string{"a", "b", "c", "d"}, "a,b,c + 1 more..."},
		{[]string{"a", "b", "c", "d", "e"}, "a,b,c + 2 more..."},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, firstFew(tc.items), "firstFew(%v)", tc.items)
	}
}
