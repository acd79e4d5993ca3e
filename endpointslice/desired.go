package endpointslice

import (
	"fmt"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// Labels and values the controller writes on every slice it manages.
const (
	// ControllerName is the value of the managed-by label on slices this
	// controller owns.
	ControllerName = "endpointslice-controller.k8s.io"
	// DefaultMaxEndpointsPerSlice is kube-controller-manager's default
	// --max-endpoints-per-slice.
	DefaultMaxEndpointsPerSlice = 100
)

// Controller holds the EndpointSlice controller's settings. The zero value is
// ready to use: 100 endpoints per slice and no zones.
type Controller struct {
	// MaxEndpointsPerSlice caps the endpoints in one slice; 0 means 100.
	MaxEndpointsPerSlice int
	// NodeZone returns the topology.kubernetes.io/zone label of a node, or ""
	// when unknown; nil means no zones.
	NodeZone func(nodeName string) string
}

// group is one set of endpoints that share a resolved port list.
type group struct {
	key       string
	ports     []discoveryv1.EndpointPort
	endpoints []discoveryv1.Endpoint
}

// Desired returns the slices the controller wants for svc, with the default
// settings: see Controller.Desired.
func Desired(svc *corev1.Service, pods []*corev1.Pod, nodeZone func(nodeName string) string) []*discoveryv1.EndpointSlice {
	return Controller{NodeZone: nodeZone}.Desired(svc, pods)
}

// Desired returns the slices the controller wants for svc, computed from
// scratch: unnamed (GenerateName "<svc>-"), grouped by port set, at most
// MaxEndpointsPerSlice endpoints each, endpoints sorted by address. A Service
// whose selection is empty gets one empty placeholder slice per address type.
// ExternalName and selectorless Services get none (nil).
func (c Controller) Desired(svc *corev1.Service, pods []*corev1.Pod) []*discoveryv1.EndpointSlice {
	if !Manages(svc) {
		return nil
	}
	var out []*discoveryv1.EndpointSlice
	for _, at := range addressTypes(svc) {
		groups := c.groups(svc, pods, at)
		if len(groups) == 0 {
			out = append(out, newSlice(svc, at, []discoveryv1.EndpointPort{}, []discoveryv1.Endpoint{}))
			continue
		}
		for _, g := range groups {
			for _, chunk := range chunks(g.endpoints, c.max()) {
				out = append(out, newSlice(svc, at, g.ports, chunk))
			}
		}
	}
	return out
}

// Manages reports whether the controller writes slices for svc: it must have a
// selector and not be of type ExternalName.
func Manages(svc *corev1.Service) bool {
	return svc != nil && svc.Spec.Selector != nil && svc.Spec.Type != corev1.ServiceTypeExternalName
}

func (c Controller) max() int {
	if c.MaxEndpointsPerSlice <= 0 {
		return DefaultMaxEndpointsPerSlice
	}
	return c.MaxEndpointsPerSlice
}

// groups returns the desired endpoints of one address type grouped by port
// set, groups in key order, endpoints sorted.
func (c Controller) groups(svc *corev1.Service, pods []*corev1.Pod, at discoveryv1.AddressType) []*group {
	byKey := map[string]*group{}
	for _, pod := range selectPods(svc, pods) {
		addr := podAddress(pod, at)
		if addr == "" {
			continue
		}
		ports := endpointPorts(svc, pod)
		key := portKey(ports)
		g := byKey[key]
		if g == nil {
			g = &group{key: key, ports: ports}
			byKey[key] = g
		}
		g.endpoints = append(g.endpoints, podToEndpoint(svc, pod, addr, c.NodeZone))
	}
	keys := make([]string, 0, len(byKey))
	for k := range byKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*group, 0, len(keys))
	for _, k := range keys {
		sortEndpoints(byKey[k].endpoints)
		out = append(out, byKey[k])
	}
	return out
}

// portKey identifies a resolved port set independent of order.
func portKey(ports []discoveryv1.EndpointPort) string {
	parts := make([]string, 0, len(ports))
	for _, p := range ports {
		app := ""
		if p.AppProtocol != nil {
			app = *p.AppProtocol
		}
		parts = append(parts, fmt.Sprintf("%s/%s/%d/%s", deref(p.Name), derefProto(p.Protocol), derefInt(p.Port), app))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// addressTypes returns one slice address type per Service IP family (IPv4 when
// none is set).
func addressTypes(svc *corev1.Service) []discoveryv1.AddressType {
	if len(svc.Spec.IPFamilies) == 0 {
		return []discoveryv1.AddressType{discoveryv1.AddressTypeIPv4}
	}
	var out []discoveryv1.AddressType
	for _, f := range svc.Spec.IPFamilies {
		if f == corev1.IPv6Protocol {
			out = append(out, discoveryv1.AddressTypeIPv6)
		} else {
			out = append(out, discoveryv1.AddressTypeIPv4)
		}
	}
	return out
}

func chunks(eps []discoveryv1.Endpoint, size int) [][]discoveryv1.Endpoint {
	var out [][]discoveryv1.Endpoint
	for len(eps) > size {
		out = append(out, eps[:size:size])
		eps = eps[size:]
	}
	return append(out, eps)
}

// newSlice returns an unnamed slice for svc with the controller's labels and
// owner reference.
func newSlice(svc *corev1.Service, at discoveryv1.AddressType, ports []discoveryv1.EndpointPort,
	eps []discoveryv1.Endpoint) *discoveryv1.EndpointSlice {
	return &discoveryv1.EndpointSlice{
		TypeMeta: metav1.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"},
		ObjectMeta: metav1.ObjectMeta{
			GenerateName:    svc.Name + "-",
			Namespace:       svc.Namespace,
			Labels:          sliceLabels(svc),
			OwnerReferences: []metav1.OwnerReference{*ownerRef(svc)},
		},
		AddressType: at,
		Endpoints:   append([]discoveryv1.Endpoint{}, eps...),
		Ports:       ports,
	}
}

func ownerRef(svc *corev1.Service) *metav1.OwnerReference {
	return metav1.NewControllerRef(svc, corev1.SchemeGroupVersion.WithKind("Service"))
}

// sliceLabels copies the Service's labels, minus the reserved keys, and adds
// kubernetes.io/service-name, endpointslice.kubernetes.io/managed-by and, for
// headless Services, service.kubernetes.io/headless.
func sliceLabels(svc *corev1.Service) map[string]string {
	out := map[string]string{}
	for k, v := range svc.Labels {
		if k == discoveryv1.LabelServiceName || k == discoveryv1.LabelManagedBy || k == corev1.IsHeadlessService {
			continue
		}
		out[k] = v
	}
	out[discoveryv1.LabelServiceName] = svc.Name
	out[discoveryv1.LabelManagedBy] = ControllerName
	if svc.Spec.ClusterIP == corev1.ClusterIPNone {
		out[corev1.IsHeadlessService] = ""
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefProto(p *corev1.Protocol) corev1.Protocol {
	if p == nil {
		return ""
	}
	return *p
}

func derefInt(p *int32) int32 {
	if p == nil {
		return 0
	}
	return *p
}
