package kubectl_test

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/kubectl"
)

// Head office's list of stores: one open, one that stopped calling in
// (its Ready condition went Unknown, which kubectl shows as NotReady), and
// one closed to new hires.
func ExamplePrintNodes() {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	store := func(name string, ready corev1.ConditionStatus, cordoned bool) *corev1.Node {
		n := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: name, CreationTimestamp: metav1.NewTime(now.Add(-36 * time.Hour))}}
		n.Spec.Unschedulable = cordoned
		n.Status.Conditions = []corev1.NodeCondition{{Type: corev1.NodeReady, Status: ready}}
		n.Status.NodeInfo.KubeletVersion = "v1.31.1"
		return n
	}
	nodes := []*corev1.Node{
		store("downtown", corev1.ConditionTrue, false),
		store("harbor", corev1.ConditionUnknown, false),
		store("mall", corev1.ConditionTrue, true),
	}
	if err := kubectl.PrintNodes(os.Stdout, nodes, now, false); err != nil {
		fmt.Println(err)
	}
	// Output:
	// NAME       STATUS                     ROLES    AGE   VERSION
	// downtown   Ready                      <none>   36h   v1.31.1
	// harbor     NotReady                   <none>   36h   v1.31.1
	// mall       Ready,SchedulingDisabled   <none>   36h   v1.31.1
}

// The "returns" counter and the desk's roster for it: two employees are on
// the roster, but only the one who passed the "ready to serve customers?"
// check is sent customers, so describe lists only that one.
func ExampleDescribeService() {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "returns", Namespace: "default"},
		Spec: corev1.ServiceSpec{
			Type: corev1.ServiceTypeClusterIP, Selector: map[string]string{"app": "returns"},
			ClusterIP: "10.96.0.50", ClusterIPs: []string{"10.96.0.50"},
			Ports:           []corev1.ServicePort{{Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromInt32(8080)}},
			SessionAffinity: corev1.ServiceAffinityNone,
		},
	}
	ready, notReady := true, false
	port, name, tcp := int32(8080), "", corev1.ProtocolTCP
	roster := &discoveryv1.EndpointSlice{
		ObjectMeta:  metav1.ObjectMeta{Name: "returns-abcde", Namespace: "default", Labels: map[string]string{discoveryv1.LabelServiceName: "returns"}},
		AddressType: discoveryv1.AddressTypeIPv4,
		Ports:       []discoveryv1.EndpointPort{{Name: &name, Port: &port, Protocol: &tcp}},
		Endpoints: []discoveryv1.Endpoint{
			{Addresses: []string{"10.244.1.7"}, Conditions: discoveryv1.EndpointConditions{Ready: &ready}},
			{Addresses: []string{"10.244.1.8"}, Conditions: discoveryv1.EndpointConditions{Ready: &notReady}},
		},
	}
	if err := kubectl.DescribeService(os.Stdout, svc, []*discoveryv1.EndpointSlice{roster}, nil, now); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Name:              returns
	// Namespace:         default
	// Labels:            <none>
	// Annotations:       <none>
	// Selector:          app=returns
	// Type:              ClusterIP
	// IP Families:       <none>
	// IP:                10.96.0.50
	// IPs:               10.96.0.50
	// Port:              <unset>  80/TCP
	// TargetPort:        8080/TCP
	// Endpoints:         10.244.1.7:8080
	// Session Affinity:  None
	// Events:            <none>
}
