package apiserver

import (
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

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
	uids := s.uids
	s.uids = s.loop.Rand("apiserver/namespace-uid")
	defer func() { s.uids = uids }()
	return s.Services.Create(svc)
}
