package endpointslice

import (
	"net/netip"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// The API server's limits on one EndpointSlice.
// Reference: pkg/apis/discovery/validation/validation.go (maxEndpoints,
// maxAddresses, maxPorts).
const (
	MaxEndpoints = 1000
	maxAddresses = 100
	maxPorts     = 20000
)

// DefaultSlice fills in what the API server defaults in an EndpointSlice
// a client writes: a port without a name is named "", without a protocol
// it is TCP.
// Reference: pkg/apis/discovery/v1/defaults.go (SetDefaults_EndpointPort).
func DefaultSlice(s *discoveryv1.EndpointSlice) {
	for i := range s.Ports {
		p := &s.Ports[i]
		if p.Name == nil {
			p.Name = new(string)
		}
		if p.Protocol == nil {
			tcp := corev1.ProtocolTCP
			p.Protocol = &tcp
		}
	}
}

// ValidateSlice returns what the API server refuses in a (defaulted)
// EndpointSlice: its name, an addressType other than IPv4, IPv6 and
// FQDN, more than 1000 endpoints, an endpoint with no address or more
// than 100, an address that is not of the slice's type or is a special
// one, a hostname that is not a DNS label, a node name that is not a DNS
// subdomain, and a port with an invalid name (or one given twice),
// number or protocol.
// Reference: pkg/apis/discovery/validation/validation.go
// (ValidateEndpointSlice, validateEndpoints, validateEndpointPorts,
// validateAddressType).
func ValidateSlice(s *discoveryv1.EndpointSlice) field.ErrorList {
	errs := apivalidation.ValidateObjectMeta(&s.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	types := []string{string(discoveryv1.AddressTypeFQDN), string(discoveryv1.AddressTypeIPv4), string(discoveryv1.AddressTypeIPv6)}
	switch s.AddressType {
	case "":
		errs = append(errs, field.Required(field.NewPath("addressType"), ""))
	case discoveryv1.AddressTypeIPv4, discoveryv1.AddressTypeIPv6, discoveryv1.AddressTypeFQDN:
	default:
		errs = append(errs, field.NotSupported(field.NewPath("addressType"), s.AddressType, types))
	}
	eps := field.NewPath("endpoints")
	if len(s.Endpoints) > MaxEndpoints {
		errs = append(errs, field.TooMany(eps, len(s.Endpoints), MaxEndpoints))
	}
	for i := range s.Endpoints {
		errs = append(errs, validateEndpoint(&s.Endpoints[i], s.AddressType, eps.Index(i))...)
	}
	return append(errs, validatePorts(s.Ports, field.NewPath("ports"))...)
}

// ValidateSliceUpdate is ValidateSlice for an update of cur, whose
// addressType may not change.
// Reference: pkg/apis/discovery/validation/validation.go
// (ValidateEndpointSliceUpdate).
func ValidateSliceUpdate(next, cur *discoveryv1.EndpointSlice) field.ErrorList {
	errs := ValidateSlice(next)
	if next.AddressType != cur.AddressType {
		errs = append(errs, field.Invalid(field.NewPath("addressType"), next.AddressType, "field is immutable"))
	}
	return errs
}

func validateEndpoint(ep *discoveryv1.Endpoint, at discoveryv1.AddressType, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	addrs := p.Child("addresses")
	switch {
	case len(ep.Addresses) == 0:
		errs = append(errs, field.Required(addrs, "must contain at least 1 address"))
	case len(ep.Addresses) > maxAddresses:
		errs = append(errs, field.TooMany(addrs, len(ep.Addresses), maxAddresses))
	}
	for i, a := range ep.Addresses {
		ap := addrs.Index(i)
		switch at {
		case discoveryv1.AddressTypeIPv4, discoveryv1.AddressTypeIPv6:
			ip, err := netip.ParseAddr(a)
			switch {
			case err != nil || ip.Is4() != (at == discoveryv1.AddressTypeIPv4):
				errs = append(errs, field.Invalid(ap, a, "must be a valid "+string(at)+" address"))
			case ip.IsUnspecified() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast():
				errs = append(errs, field.Invalid(ap, a, "may not be a special address (unspecified, loopback or link-local)"))
			}
		case discoveryv1.AddressTypeFQDN:
			errs = append(errs, validation.IsFullyQualifiedDomainName(ap, a)...)
		}
	}
	if ep.NodeName != nil {
		for _, msg := range validation.IsDNS1123Subdomain(*ep.NodeName) {
			errs = append(errs, field.Invalid(p.Child("nodeName"), *ep.NodeName, msg))
		}
	}
	if ep.Hostname != nil {
		for _, msg := range validation.IsDNS1123Label(*ep.Hostname) {
			errs = append(errs, field.Invalid(p.Child("hostname"), *ep.Hostname, msg))
		}
	}
	return errs
}

func validatePorts(ports []discoveryv1.EndpointPort, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	if len(ports) > maxPorts {
		errs = append(errs, field.TooMany(p, len(ports), maxPorts))
	}
	names := map[string]bool{}
	protocols := []string{string(corev1.ProtocolSCTP), string(corev1.ProtocolTCP), string(corev1.ProtocolUDP)}
	for i, port := range ports {
		idx := p.Index(i)
		name := deref(port.Name)
		if name != "" {
			for _, msg := range validation.IsDNS1123Label(name) {
				errs = append(errs, field.Invalid(idx.Child("name"), name, msg))
			}
		}
		if names[name] {
			errs = append(errs, field.Duplicate(idx.Child("name"), name))
		}
		names[name] = true
		switch proto := derefProto(port.Protocol); proto {
		case "":
			errs = append(errs, field.Required(idx.Child("protocol"), ""))
		case corev1.ProtocolTCP, corev1.ProtocolUDP, corev1.ProtocolSCTP:
		default:
			errs = append(errs, field.NotSupported(idx.Child("protocol"), proto, protocols))
		}
		if port.Port != nil {
			for _, msg := range validation.IsValidPortNum(int(*port.Port)) {
				errs = append(errs, field.Invalid(idx.Child("port"), *port.Port, msg))
			}
		}
		if port.AppProtocol != nil {
			for _, msg := range validation.IsQualifiedName(*port.AppProtocol) {
				errs = append(errs, field.Invalid(idx.Child("appProtocol"), *port.AppProtocol, msg))
			}
		}
	}
	return errs
}
