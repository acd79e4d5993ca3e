//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package apiserver

import (
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/version"

	"github.com/nodenucleus/nucleus/service"
)

// KubernetesServiceName is the name of the Service in the default
// namespace through which pods reach the API server.
const KubernetesServiceName = "kubernetes"

// KubernetesServicePort and KubernetesServiceTargetPort are the port the
// "kubernetes" Service offers (named https) and the API server's secure
// port behind it, as kubeadm and kind set them up.
const (
	KubernetesServicePort       = 443
	KubernetesServiceTargetPort = 6443
)

// CreateKubernetesService writes the "kubernetes" Service in the default
// namespace with clusterIP, the first address of the service range, as a
// new API server's kubernetes service controller does right after the
// default namespace: labels component=apiserver and provider=kubernetes,
// one TCP port named https (443 to 6443), no selector (the API server keeps
// its endpoints itself). Its uid comes from the stream the initial
// namespaces use, so every other object's uid is what it was before the
// Service existed; only resourceVersions move on by one. It returns the
// stored Service.
// Reference: pkg/controlplane/controller/kubernetesservice/controller.go
// (CreateOrUpdateMasterServiceIfNeeded, createPortAndServiceSpec).
func (s *Server) CreateKubernetesService(clusterIP string) (*corev1.Service, error) {
	svc := &corev1.Service{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Service"},
		ObjectMeta: metav1.ObjectMeta{
			Name: KubernetesServiceName, Namespace: metav1.NamespaceDefault,
			Labels: map[string]string{"component": "apiserver", "provider": "kubernetes"},
		},
		Spec: corev1.ServiceSpec{
			Ports: []corev1.ServicePort{{
				Name: "https", Protocol: corev1.ProtocolTCP, Port: KubernetesServicePort,
				TargetPort: intstr.FromInt32(KubernetesServiceTargetPort),
			}},
			ClusterIP:  clusterIP,
			ClusterIPs: []string{clusterIP},
			Type:       corev1.ServiceTypeClusterIP,
		},
	}
	service.Default(svc)
	defer s.bootstrapUIDs()()
	return s.Services.Create(svc)
}

// bootstrapUIDs makes the objects the API server writes for itself at
// start take their uids from the stream the initial namespaces use, so
// that every other object's uid is what it was before they existed; it
// returns the function that puts the usual stream back.
func (s *Server) bootstrapUIDs() (restore func()) {
	uids := s.uids
	s.uids = s.loop.Rand("apiserver/namespace-uid")
	return func() { s.uids = uids }
}

// CreateKubernetesEndpointSlice writes the EndpointSlice of the
// "kubernetes" Service, as the API server's endpoint reconciler keeps it:
// named kubernetes like its Service, labelled with the service name only
// (no managed-by: no controller owns it), one ready endpoint at the
// address the API server advertises, and the secure port (https, 6443,
// TCP). The Service has no selector, so the EndpointSlice controller
// leaves it alone, and kube-proxy sends 10.96.0.1:443 to head office. Its
// uid comes from the same stream as the Service's. It returns the stored
// slice.
// Reference: pkg/controlplane/reconcilers/endpointsadapter.go
// (updateEndpointSlice, convertEndpointPorts);
// pkg/controlplane/reconcilers/lease.go (the default reconciler).
func (s *Server) CreateKubernetesEndpointSlice(advertiseAddress string) (*discoveryv1.EndpointSlice, error) {
	ready := true
	name, protocol, port := "https", corev1.ProtocolTCP, int32(KubernetesServiceTargetPort)
	slice := &discoveryv1.EndpointSlice{
		TypeMeta: metav1.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"},
		ObjectMeta: metav1.ObjectMeta{
			Name: KubernetesServiceName, Namespace: metav1.NamespaceDefault,
			Labels: map[string]string{discoveryv1.LabelServiceName: KubernetesServiceName},
		},
		AddressType: discoveryv1.AddressTypeIPv4,
		Endpoints: []discoveryv1.Endpoint{{
			Addresses:  []string{advertiseAddress},
			Conditions: discoveryv1.EndpointConditions{Ready: &ready},
		}},
		Ports: []discoveryv1.EndpointPort{{Name: &name, Protocol: &protocol, Port: &port}},
	}
	defer s.bootstrapUIDs()()
	return s.EndpointSlices.Create(slice)
}

// CreateKubernetesEndpoints writes the v1 Endpoints of the "kubernetes"
// Service, as the API server's endpoint reconciler keeps it beside the
// EndpointSlice: named kubernetes, labelled
// endpointslice.kubernetes.io/skip-mirror=true (the EndpointSlice
// mirroring controller must not copy it: the API server writes the slice
// itself), one subset with the address the API server advertises and the
// secure port (https, 6443, TCP). Its uid comes from the same stream as
// the Service's. It returns the stored Endpoints.
// Reference: pkg/controlplane/reconcilers/lease.go (doReconcile,
// setSkipMirrorTrue); pkg/controlplane/reconcilers/endpointsadapter.go.
func (s *Server) CreateKubernetesEndpoints(advertiseAddress string) (*corev1.Endpoints, error) {
	ep := &corev1.Endpoints{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Endpoints"},
		ObjectMeta: metav1.ObjectMeta{
			Name: KubernetesServiceName, Namespace: metav1.NamespaceDefault,
			Labels: map[string]string{discoveryv1.LabelSkipMirror: "true"},
		},
		Subsets: []corev1.EndpointSubset{{
			Addresses: []corev1.EndpointAddress{{IP: advertiseAddress}},
			Ports:     []corev1.EndpointPort{{Name: "https", Port: KubernetesServiceTargetPort, Protocol: corev1.ProtocolTCP}},
		}},
	}
	defer s.bootstrapUIDs()()
	return s.Endpoints.Create(ep)
}

// VersionInfo is what the API server's /version reports: the Kubernetes
// release nucleus simulates, the one its kubelets report
// (node.status.nodeInfo.kubeletVersion), and that it is nucleus.
func VersionInfo() version.Info {
	return version.Info{
		Major: "1", Minor: "35", GitVersion: "v1.35.0-nucleus", Platform: "nucleus/simulated",
		GoVersion: "", Compiler: "gc",
	}
}
