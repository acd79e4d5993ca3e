package service

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// DefaultClientIPTimeoutSeconds is the session-affinity timeout the API server
// fills in for sessionAffinity ClientIP: 10800 s, three hours
// (pkg/apis/core/types.go DefaultClientIPServiceAffinitySeconds).
const DefaultClientIPTimeoutSeconds int32 = 10800

// MaxClientIPTimeoutSeconds is the largest accepted session-affinity timeout:
// 86400 s, one day (pkg/apis/core/types.go MaxClientIPServiceAffinitySeconds).
const MaxClientIPTimeoutSeconds int32 = 86400

// Default fills in the fields the API server defaults on a Service, in place:
// type ClusterIP, sessionAffinity None (and for ClientIP a timeout of 10800 s),
// port protocol TCP, targetPort equal to port, internalTrafficPolicy Cluster,
// externalTrafficPolicy Cluster for NodePort and LoadBalancer,
// allocateLoadBalancerNodePorts true for LoadBalancer, and a single-stack IPv4
// family. A nil Service is left alone.
func Default(svc *corev1.Service) {
	if svc == nil {
		return
	}
	spec := &svc.Spec
	if spec.Type == "" {
		spec.Type = corev1.ServiceTypeClusterIP
	}
	defaultAffinity(spec)
	for i := range spec.Ports {
		p := &spec.Ports[i]
		if p.Protocol == "" {
			p.Protocol = corev1.ProtocolTCP
		}
		if p.TargetPort == (intstr.IntOrString{}) {
			p.TargetPort = intstr.FromInt32(p.Port)
		}
	}
	if spec.Type != corev1.ServiceTypeExternalName && spec.InternalTrafficPolicy == nil {
		cluster := corev1.ServiceInternalTrafficPolicyCluster
		spec.InternalTrafficPolicy = &cluster
	}
	if (spec.Type == corev1.ServiceTypeNodePort || spec.Type == corev1.ServiceTypeLoadBalancer) &&
		spec.ExternalTrafficPolicy == "" {
		spec.ExternalTrafficPolicy = corev1.ServiceExternalTrafficPolicyCluster
	}
	if spec.Type == corev1.ServiceTypeLoadBalancer && spec.AllocateLoadBalancerNodePorts == nil {
		yes := true
		spec.AllocateLoadBalancerNodePorts = &yes
	}
	defaultFamilies(spec)
}

// defaultAffinity sets sessionAffinity and its config the way
// SetDefaults_Service does: None clears the config, ClientIP gets a timeout.
func defaultAffinity(spec *corev1.ServiceSpec) {
	if spec.SessionAffinity == "" {
		spec.SessionAffinity = corev1.ServiceAffinityNone
	}
	switch spec.SessionAffinity {
	case corev1.ServiceAffinityNone:
		spec.SessionAffinityConfig = nil
	case corev1.ServiceAffinityClientIP:
		if spec.SessionAffinityConfig == nil {
			spec.SessionAffinityConfig = &corev1.SessionAffinityConfig{}
		}
		if spec.SessionAffinityConfig.ClientIP == nil {
			spec.SessionAffinityConfig.ClientIP = &corev1.ClientIPConfig{}
		}
		if spec.SessionAffinityConfig.ClientIP.TimeoutSeconds == nil {
			t := DefaultClientIPTimeoutSeconds
			spec.SessionAffinityConfig.ClientIP.TimeoutSeconds = &t
		}
	}
}

// defaultFamilies gives a Service without families the cluster's single
// family, IPv4, as the registry does on a single-stack cluster. ExternalName
// Services have no addresses and get none.
func defaultFamilies(spec *corev1.ServiceSpec) {
	if spec.Type == corev1.ServiceTypeExternalName {
		return
	}
	if len(spec.IPFamilies) == 0 {
		spec.IPFamilies = []corev1.IPFamily{corev1.IPv4Protocol}
	}
	if spec.IPFamilyPolicy == nil {
		single := corev1.IPFamilyPolicySingleStack
		spec.IPFamilyPolicy = &single
	}
	if len(spec.ClusterIPs) == 0 && spec.ClusterIP != "" {
		spec.ClusterIPs = []string{spec.ClusterIP}
	}
}
