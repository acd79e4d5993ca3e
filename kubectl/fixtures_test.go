package kubectl

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// now is the instant every fixture is printed at.
var now = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// ago returns the API time d before now.
func ago(d time.Duration) metav1.Time { return metav1.NewTime(now.Add(-d)) }

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// meta returns object metadata in the default namespace created d ago.
func meta(name string, d time.Duration) metav1.ObjectMeta {
	return metav1.ObjectMeta{Name: name, Namespace: "default", UID: types.UID(name + "-uid"), CreationTimestamp: ago(d)}
}

// clusterIPService returns a ClusterIP Service "web" with the API server's
// defaults filled in, as nucleus stores it.
func clusterIPService() *corev1.Service {
	return &corev1.Service{
		ObjectMeta: meta("web", 2*time.Hour),
		Spec: corev1.ServiceSpec{
			Type: corev1.ServiceTypeClusterIP, Selector: map[string]string{"app": "web"},
			ClusterIP: "10.96.0.20", ClusterIPs: []string{"10.96.0.20"},
			IPFamilies: []corev1.IPFamily{corev1.IPv4Protocol}, IPFamilyPolicy: ptr(corev1.IPFamilyPolicySingleStack),
			Ports:           []corev1.ServicePort{{Name: "http", Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromInt32(8080)}},
			SessionAffinity: corev1.ServiceAffinityNone, InternalTrafficPolicy: ptr(corev1.ServiceInternalTrafficPolicyCluster),
		},
	}
}

// nodePortService returns a NodePort Service "shop" whose target port is a
// named container port.
func nodePortService() *corev1.Service {
	s := clusterIPService()
	s.ObjectMeta = meta("shop", 50*time.Minute)
	s.Labels = map[string]string{"tier": "front"}
	s.Spec.Type = corev1.ServiceTypeNodePort
	s.Spec.Selector = map[string]string{"app": "shop"}
	s.Spec.ClusterIP, s.Spec.ClusterIPs = "10.96.0.30", []string{"10.96.0.30"}
	s.Spec.Ports = []corev1.ServicePort{{Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromString("http"), NodePort: 30080}}
	s.Spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyCluster
	return s
}

// headlessService returns a headless Service "db" (clusterIP None).
func headlessService() *corev1.Service {
	s := clusterIPService()
	s.ObjectMeta = meta("db", 26*time.Hour)
	s.Spec.Selector = map[string]string{"app": "db"}
	s.Spec.ClusterIP, s.Spec.ClusterIPs = corev1.ClusterIPNone, []string{corev1.ClusterIPNone}
	s.Spec.Ports = []corev1.ServicePort{{Name: "pg", Protocol: corev1.ProtocolTCP, Port: 5432, TargetPort: intstr.FromInt32(5432)}}
	return s
}

// externalNameService returns an ExternalName Service "payments".
func externalNameService() *corev1.Service {
	return &corev1.Service{
		ObjectMeta: meta("payments", 3*24*time.Hour),
		Spec: corev1.ServiceSpec{Type: corev1.ServiceTypeExternalName, ExternalName: "payments.example.com",
			SessionAffinity: corev1.ServiceAffinityNone},
	}
}

// endpoint returns a slice endpoint for the pod name at ip on node.
func endpoint(name, ip, node string, ready bool) discoveryv1.Endpoint {
	return discoveryv1.Endpoint{
		Addresses:  []string{ip},
		Conditions: discoveryv1.EndpointConditions{Ready: ptr(ready), Serving: ptr(ready), Terminating: ptr(false)},
		NodeName:   ptr(node),
		TargetRef:  &corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: name},
	}
}

// slice returns an IPv4 EndpointSlice of service with one port.
func slice(name, service string, portName string, port int32, eps ...discoveryv1.Endpoint) *discoveryv1.EndpointSlice {
	return &discoveryv1.EndpointSlice{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", CreationTimestamp: ago(49 * time.Minute),
			Labels: map[string]string{
				discoveryv1.LabelServiceName: service,
				discoveryv1.LabelManagedBy:   "endpointslice-controller.k8s.io",
			}},
		AddressType: discoveryv1.AddressTypeIPv4,
		Ports:       []discoveryv1.EndpointPort{{Name: ptr(portName), Port: ptr(port), Protocol: ptr(corev1.ProtocolTCP)}},
		Endpoints:   eps,
	}
}

// webSlice returns web's slice: two endpoints, the second not ready.
func webSlice() *discoveryv1.EndpointSlice {
	return slice("web-x7k2p", "web", "http", 8080,
		endpoint("web-7c6b9f8d4-q8v2m", "10.244.1.5", "store-1", true),
		endpoint("web-7c6b9f8d4-zt5nw", "10.244.1.6", "store-1", false))
}

// shopSlice returns shop's slice: five endpoints, the fourth not ready.
func shopSlice() *discoveryv1.EndpointSlice {
	return slice("shop-m4d9r", "shop", "", 8080,
		endpoint("shop-a", "10.244.1.10", "store-1", true),
		endpoint("shop-b", "10.244.1.11", "store-1", true),
		endpoint("shop-c", "10.244.2.10", "store-2", true),
		endpoint("shop-d", "10.244.2.11", "store-2", false),
		endpoint("shop-e", "10.244.2.12", "store-2", true))
}

// dbSlice returns the headless db Service's slice with one endpoint.
func dbSlice() *discoveryv1.EndpointSlice {
	s := slice("db-5q2wz", "db", "pg", 5432, endpoint("db-0", "10.244.1.20", "store-1", true))
	s.Labels["service.kubernetes.io/headless"] = ""
	s.Endpoints[0].Hostname = ptr("db-0")
	return s
}
