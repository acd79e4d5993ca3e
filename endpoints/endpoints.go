//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package endpoints

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/endpointslice"
)

// Manages reports whether the controller keeps an Endpoints object for
// svc: the Service must have a selector and not be of type ExternalName
// (the same Services the EndpointSlice controller keeps slices for). The
// Endpoints of any other Service are its owner's to write.
func Manages(svc *corev1.Service) bool { return endpointslice.Manages(svc) }

// Desired returns the Endpoints object the controller wants for svc, from
// the pods (of any namespace: those outside the Service's are skipped),
// or nil for a Service it does not manage. The object has the Service's
// name, namespace and labels (plus service.kubernetes.io/headless for a
// headless Service) and one subset per set of ports that addresses share;
// a Service that selects no pod gets an Endpoints object with no subsets.
// Desired does not change its inputs.
// Reference: pkg/controller/endpoint/endpoints_controller.go syncService.
func Desired(svc *corev1.Service, pods []*corev1.Pod) *corev1.Endpoints {
	if !Manages(svc) {
		return nil
	}
	sel := labels.Set(svc.Spec.Selector).AsSelectorPreValidated()
	publish := svc.Spec.PublishNotReadyAddresses
	headless := svc.Spec.ClusterIP == corev1.ClusterIPNone
	groups := map[string]*corev1.EndpointSubset{}
	for _, pod := range pods {
		if pod == nil || pod.Namespace != svc.Namespace || !sel.Matches(labels.Set(pod.Labels)) {
			continue
		}
		if !listed(pod, publish) {
			continue
		}
		addr, ok := address(svc, pod)
		if !ok {
			continue
		}
		ports := podPorts(svc, pod)
		if len(ports) == 0 && !(headless && len(svc.Spec.Ports) == 0) {
			continue // none of the Service's ports is on this pod
		}
		key := portsKey(ports)
		g := groups[key]
		if g == nil {
			g = &corev1.EndpointSubset{Ports: ports}
			groups[key] = g
		}
		if publish || endpointslice.IsPodReady(pod) {
			g.Addresses = append(g.Addresses, addr)
		} else {
			g.NotReadyAddresses = append(g.NotReadyAddresses, addr)
		}
	}
	ep := &corev1.Endpoints{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Endpoints"},
		ObjectMeta: metav1.ObjectMeta{Name: svc.Name, Namespace: svc.Namespace, Labels: endpointsLabels(svc)},
	}
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		g := groups[key]
		slices.SortFunc(g.Addresses, compareAddresses)
		slices.SortFunc(g.NotReadyAddresses, compareAddresses)
		ep.Subsets = append(ep.Subsets, *g)
	}
	if truncate(ep.Subsets) {
		ep.Annotations = map[string]string{corev1.EndpointsOverCapacity: Truncated}
	}
	return ep
}

// listed reports whether a pod is listed at all: not finished, with an
// IP, and not being deleted unless the Service publishes not-ready
// addresses (the Endpoints controller leaves terminating pods out, where
// the EndpointSlice controller lists them as terminating).
// Reference: pkg/controller/util/endpoint (ShouldPodBeInEndpoints with
// includeTerminating = publishNotReadyAddresses).
func listed(pod *corev1.Pod, includeTerminating bool) bool {
	if !endpointslice.ShouldPodBeInEndpoints(pod) {
		return false
	}
	return includeTerminating || pod.DeletionTimestamp == nil
}

// address describes pod as the Service's EndpointAddress: its IP of the
// Service's first family, its node, the pod as targetRef, and its
// hostname when the pod names the Service as its subdomain. It reports
// false for a pod with no IP of that family.
// Reference: endpoints_controller.go podToEndpointAddressForService.
func address(svc *corev1.Service, pod *corev1.Pod) (corev1.EndpointAddress, bool) {
	want6 := len(svc.Spec.IPFamilies) > 0 && svc.Spec.IPFamilies[0] == corev1.IPv6Protocol
	ips := pod.Status.PodIPs
	if len(ips) == 0 {
		ips = []corev1.PodIP{{IP: pod.Status.PodIP}}
	}
	for _, ip := range ips {
		a, err := netip.ParseAddr(ip.IP)
		if err != nil || a.Is6() != want6 {
			continue
		}
		out := corev1.EndpointAddress{
			IP:        ip.IP,
			TargetRef: &corev1.ObjectReference{Kind: "Pod", Namespace: pod.Namespace, Name: pod.Name, UID: pod.UID},
		}
		if pod.Spec.NodeName != "" {
			node := pod.Spec.NodeName
			out.NodeName = &node
		}
		if pod.Spec.Hostname != "" && pod.Spec.Subdomain == svc.Name {
			out.Hostname = pod.Spec.Hostname
		}
		return out, true
	}
	return corev1.EndpointAddress{}, false
}

// podPorts resolves each Service port against pod (a named targetPort by
// the pod's containers); a port the pod does not offer is left out. The
// ports are sorted by name, then number.
func podPorts(svc *corev1.Service, pod *corev1.Pod) []corev1.EndpointPort {
	var out []corev1.EndpointPort
	for i := range svc.Spec.Ports {
		sp := &svc.Spec.Ports[i]
		num, ok := endpointslice.FindPort(pod, sp)
		if !ok {
			continue
		}
		out = append(out, corev1.EndpointPort{Name: sp.Name, Port: num, Protocol: sp.Protocol, AppProtocol: sp.AppProtocol})
	}
	slices.SortFunc(out, func(a, b corev1.EndpointPort) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Port, b.Port), cmp.Compare(a.Protocol, b.Protocol))
	})
	return out
}

// portsKey names a sorted port list.
func portsKey(ports []corev1.EndpointPort) string {
	parts := make([]string, len(ports))
	for i, p := range ports {
		app := ""
		if p.AppProtocol != nil {
			app = *p.AppProtocol
		}
		parts[i] = fmt.Sprintf("%s/%d/%s/%s", p.Name, p.Port, p.Protocol, app)
	}
	return strings.Join(parts, ",")
}

// compareAddresses orders addresses by IP, then by pod.
// Reference: pkg/api/v1/endpoints/util.go LessEndpointAddress.
func compareAddresses(a, b corev1.EndpointAddress) int {
	if c := cmp.Compare(a.IP, b.IP); c != 0 {
		return c
	}
	return cmp.Compare(refUID(a), refUID(b))
}

func refUID(a corev1.EndpointAddress) string {
	if a.TargetRef == nil {
		return ""
	}
	return string(a.TargetRef.UID)
}

// endpointsLabels copies the Service's labels and marks a headless
// Service's Endpoints with service.kubernetes.io/headless.
func endpointsLabels(svc *corev1.Service) map[string]string {
	out := maps.Clone(svc.Labels)
	if out == nil {
		out = map[string]string{}
	}
	if svc.Spec.ClusterIP == corev1.ClusterIPNone {
		out[corev1.IsHeadlessService] = ""
	} else {
		delete(out, corev1.IsHeadlessService)
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Changed reports whether the stored Endpoints cur differs from want in
// what the controller writes (labels, subsets and the over-capacity
// annotation), so that an unchanged roster is not written again.
// Reference: endpoints_controller.go (syncService,
// capacityAnnotationSetCorrectly).
func Changed(cur, want *corev1.Endpoints) bool {
	return !maps.Equal(cur.Labels, want.Labels) || !equality.Semantic.DeepEqual(cur.Subsets, want.Subsets) ||
		cur.Annotations[corev1.EndpointsOverCapacity] != want.Annotations[corev1.EndpointsOverCapacity]
}

// Overwrite writes onto cur, a copy of the stored Endpoints (changed in
// place), what the
// controller keeps (want's labels and subsets, and the over-capacity
// annotation set or removed), leaving cur's other annotations as they
// are.
func Overwrite(cur, want *corev1.Endpoints) {
	cur.Labels, cur.Subsets = want.Labels, want.Subsets
	if v, ok := want.Annotations[corev1.EndpointsOverCapacity]; ok {
		if cur.Annotations == nil {
			cur.Annotations = map[string]string{}
		}
		cur.Annotations[corev1.EndpointsOverCapacity] = v
	} else {
		delete(cur.Annotations, corev1.EndpointsOverCapacity)
	}
}
