package service

import (
	"fmt"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"net/netip"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DefaultNodePortBase and DefaultNodePortSize describe the API server's
// default --service-node-port-range, 30000-32767
// (pkg/kubeapiserver/options/options.go DefaultServiceNodePortRange).
const (
	DefaultNodePortBase = 30000
	DefaultNodePortSize = 2768
)

var (
	supportedTypes = []corev1.ServiceType{
		corev1.ServiceTypeClusterIP, corev1.ServiceTypeExternalName,
		corev1.ServiceTypeLoadBalancer, corev1.ServiceTypeNodePort,
	}
	supportedProtocols = []corev1.Protocol{corev1.ProtocolSCTP, corev1.ProtocolTCP, corev1.ProtocolUDP}
	supportedAffinity  = []corev1.ServiceAffinity{corev1.ServiceAffinityClientIP, corev1.ServiceAffinityNone}
	supportedITP       = []corev1.ServiceInternalTrafficPolicy{
		corev1.ServiceInternalTrafficPolicyCluster, corev1.ServiceInternalTrafficPolicyLocal,
	}
	supportedETP = []corev1.ServiceExternalTrafficPolicy{
		corev1.ServiceExternalTrafficPolicyCluster, corev1.ServiceExternalTrafficPolicyLocal,
	}
)

// Validate checks a (defaulted) Service the way the API server does and
// returns every problem found, each naming its field path, with Kubernetes'
// own wording. An empty list means the Service is acceptable.
func Validate(svc *corev1.Service) field.ErrorList {
	if svc == nil {
		return field.ErrorList{field.Required(field.NewPath("spec"), "")}
	}
	errs := validateMeta(svc)
	spec := &svc.Spec
	specPath := field.NewPath("spec")
	if !contains(supportedTypes, spec.Type) {
		errs = append(errs, field.NotSupported(specPath.Child("type"), spec.Type, supportedTypes))
	}
	if spec.Type == corev1.ServiceTypeExternalName {
		errs = append(errs, validateExternalName(spec, specPath)...)
	} else {
		errs = append(errs, validateClusterIP(spec, specPath)...)
	}
	if len(spec.Ports) == 0 && !IsHeadless(svc) && spec.Type != corev1.ServiceTypeExternalName {
		errs = append(errs, field.Required(specPath.Child("ports"), ""))
	}
	errs = append(errs, validatePorts(spec, specPath.Child("ports"))...)
	// Reference: pkg/apis/core/validation ValidateService checks the
	// selector's keys and values as labels.
	errs = append(errs, metavalidation.ValidateLabels(spec.Selector, specPath.Child("selector"))...)
	errs = append(errs, validateAffinity(spec, specPath)...)
	errs = append(errs, validatePolicies(spec, specPath)...)
	return errs
}

// IsHeadless reports whether the Service has clusterIP "None": no virtual IP,
// DNS answers with the pod addresses directly.
func IsHeadless(svc *corev1.Service) bool {
	return svc.Spec.ClusterIP == corev1.ClusterIPNone
}

func validateMeta(svc *corev1.Service) field.ErrorList {
	var errs field.ErrorList
	meta := field.NewPath("metadata")
	if svc.Name == "" && svc.GenerateName == "" {
		errs = append(errs, field.Required(meta.Child("name"), "name or generateName is required"))
	} else if svc.Name != "" {
		for _, msg := range validation.IsDNS1035Label(svc.Name) {
			errs = append(errs, field.Invalid(meta.Child("name"), svc.Name, msg))
		}
	}
	if svc.Namespace == "" {
		errs = append(errs, field.Required(meta.Child("namespace"), ""))
	}
	return errs
}

func validateExternalName(spec *corev1.ServiceSpec, specPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if spec.ClusterIP != "" {
		errs = append(errs, field.Forbidden(specPath.Child("clusterIP"), "may not be set for ExternalName services"))
	}
	if spec.ExternalName == "" {
		return append(errs, field.Required(specPath.Child("externalName"), ""))
	}
	return append(errs, validation.IsFullyQualifiedDomainName(specPath.Child("externalName"), spec.ExternalName)...)
}

func validateClusterIP(spec *corev1.ServiceSpec, specPath *field.Path) field.ErrorList {
	path := specPath.Child("clusterIP")
	if len(spec.ClusterIPs) > 0 {
		path = specPath.Child("clusterIPs").Index(0)
	}
	switch {
	case spec.ClusterIP == "":
		return nil
	case spec.ClusterIP == corev1.ClusterIPNone:
		if spec.Type == corev1.ServiceTypeNodePort || spec.Type == corev1.ServiceTypeLoadBalancer {
			return field.ErrorList{field.Invalid(path, spec.ClusterIP,
				fmt.Sprintf("may not be set to 'None' for %s services", spec.Type))}
		}
		return nil
	}
	if _, err := netip.ParseAddr(spec.ClusterIP); err != nil {
		return field.ErrorList{field.Invalid(path, spec.ClusterIP,
			"must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")}
	}
	return nil
}

func validatePorts(spec *corev1.ServiceSpec, portsPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	names := map[string]bool{}
	keys := map[string]bool{}
	nodePorts := map[string]bool{}
	for i := range spec.Ports {
		p := &spec.Ports[i]
		idx := portsPath.Index(i)
		errs = append(errs, validatePort(p, idx, len(spec.Ports) > 1, names)...)
		key := fmt.Sprintf("%s/%d", p.Protocol, p.Port)
		if keys[key] {
			errs = append(errs, field.Duplicate(idx, key))
		}
		keys[key] = true
		errs = append(errs, validateNodePort(spec.Type, p, idx.Child("nodePort"), nodePorts)...)
	}
	return errs
}

func validatePort(p *corev1.ServicePort, idx *field.Path, multi bool, names map[string]bool) field.ErrorList {
	var errs field.ErrorList
	switch {
	case p.Name == "" && multi:
		errs = append(errs, field.Required(idx.Child("name"), ""))
	case p.Name != "":
		for _, msg := range validation.IsDNS1123Label(p.Name) {
			errs = append(errs, field.Invalid(idx.Child("name"), p.Name, msg))
		}
		if names[p.Name] {
			errs = append(errs, field.Duplicate(idx.Child("name"), p.Name))
		}
		names[p.Name] = true
	}
	for _, msg := range validation.IsValidPortNum(int(p.Port)) {
		errs = append(errs, field.Invalid(idx.Child("port"), p.Port, msg))
	}
	if p.Protocol == "" {
		errs = append(errs, field.Required(idx.Child("protocol"), ""))
	} else if !contains(supportedProtocols, p.Protocol) {
		errs = append(errs, field.NotSupported(idx.Child("protocol"), p.Protocol, supportedProtocols))
	}
	return append(errs, validateTargetPort(p.TargetPort, idx.Child("targetPort"))...)
}

func validateTargetPort(tp intstr.IntOrString, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if tp.Type == intstr.String {
		for _, msg := range validation.IsValidPortName(tp.StrVal) {
			errs = append(errs, field.Invalid(path, tp.StrVal, msg))
		}
		return errs
	}
	for _, msg := range validation.IsValidPortNum(tp.IntValue()) {
		errs = append(errs, field.Invalid(path, tp.IntVal, msg))
	}
	return errs
}

func validateNodePort(t corev1.ServiceType, p *corev1.ServicePort, path *field.Path, seen map[string]bool) field.ErrorList {
	if p.NodePort == 0 {
		return nil
	}
	if t == corev1.ServiceTypeClusterIP || t == corev1.ServiceTypeExternalName {
		return field.ErrorList{field.Forbidden(path, fmt.Sprintf("may not be used when `type` is '%s'", t))}
	}
	var errs field.ErrorList
	if p.NodePort < DefaultNodePortBase || p.NodePort >= DefaultNodePortBase+DefaultNodePortSize {
		errs = append(errs, field.Invalid(path, p.NodePort, fmt.Sprintf(
			"provided port is not in the valid range. The range of valid ports is %d-%d",
			DefaultNodePortBase, DefaultNodePortBase+DefaultNodePortSize-1)))
	}
	key := fmt.Sprintf("%s/%d", p.Protocol, p.NodePort)
	if seen[key] {
		errs = append(errs, field.Duplicate(path, key))
	}
	seen[key] = true
	return errs
}

func validateAffinity(spec *corev1.ServiceSpec, specPath *field.Path) field.ErrorList {
	if !contains(supportedAffinity, spec.SessionAffinity) {
		return field.ErrorList{field.NotSupported(specPath.Child("sessionAffinity"), spec.SessionAffinity, supportedAffinity)}
	}
	cfgPath := specPath.Child("sessionAffinityConfig")
	if spec.SessionAffinity == corev1.ServiceAffinityNone {
		if spec.SessionAffinityConfig != nil {
			return field.ErrorList{field.Invalid(cfgPath, spec.SessionAffinityConfig,
				fmt.Sprintf("must not be set when session affinity is %s", corev1.ServiceAffinityNone))}
		}
		return nil
	}
	if spec.SessionAffinityConfig == nil || spec.SessionAffinityConfig.ClientIP == nil ||
		spec.SessionAffinityConfig.ClientIP.TimeoutSeconds == nil {
		return field.ErrorList{field.Required(cfgPath, fmt.Sprintf(
			"when session affinity type is %s", corev1.ServiceAffinityClientIP))}
	}
	t := *spec.SessionAffinityConfig.ClientIP.TimeoutSeconds
	if t <= 0 || t > MaxClientIPTimeoutSeconds {
		return field.ErrorList{field.Invalid(cfgPath.Child("clientIP", "timeoutSeconds"), t,
			fmt.Sprintf("must be greater than 0 and less than %d", MaxClientIPTimeoutSeconds))}
	}
	return nil
}

func validatePolicies(spec *corev1.ServiceSpec, specPath *field.Path) field.ErrorList {
	var errs field.ErrorList
	if itp := spec.InternalTrafficPolicy; itp != nil && !contains(supportedITP, *itp) {
		errs = append(errs, field.NotSupported(specPath.Child("internalTrafficPolicy"), *itp, supportedITP))
	}
	etp := spec.ExternalTrafficPolicy
	if etp == "" {
		return errs
	}
	external := spec.Type == corev1.ServiceTypeNodePort || spec.Type == corev1.ServiceTypeLoadBalancer ||
		len(spec.ExternalIPs) > 0
	if !external {
		return append(errs, field.Invalid(specPath.Child("externalTrafficPolicy"), etp,
			"may only be set for externally-accessible services"))
	}
	if !contains(supportedETP, etp) {
		errs = append(errs, field.NotSupported(specPath.Child("externalTrafficPolicy"), etp, supportedETP))
	}
	return errs
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
