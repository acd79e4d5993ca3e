//lint:file-ignore SA1019 v1 Endpoints is mirrored on purpose

package endpointslicemirroring

import (
	"cmp"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/endpointslice"
)

const (
	// ControllerName is the value of the managed-by label on the slices
	// the controller mirrors.
	ControllerName = "endpointslicemirroring-controller.k8s.io"
	// MaxEndpointsPerSubset is kube-controller-manager's default
	// --mirroring-max-endpoints-per-subset: the most addresses of one
	// subset that are mirrored.
	MaxEndpointsPerSubset = 1000
	// leaderElectionAnnotation marks an Endpoints used as a leader
	// election lock, never mirrored.
	leaderElectionAnnotation = "control-plane.alpha.kubernetes.io/leader"
	// The reasons of the Warning events the controller records on an
	// Endpoints it could not mirror whole.
	ReasonInvalidIPAddress         = "InvalidIPAddress"
	ReasonTooManyAddressesToMirror = "TooManyAddressesToMirror"
)

// Mirrors reports whether the controller mirrors ep, the Endpoints of
// svc (nil when there is no such Service): the Service must exist and
// have no selector, and ep must not be labelled
// endpointslice.kubernetes.io/skip-mirror: "true" nor carry a leader
// election annotation.
// Reference: endpointslicemirroring_controller.go (syncEndpoints,
// shouldMirror).
func Mirrors(svc *corev1.Service, ep *corev1.Endpoints) bool {
	if svc == nil || ep == nil || svc.Spec.Selector != nil {
		return false
	}
	if ep.Labels[discoveryv1.LabelSkipMirror] == "true" {
		return false
	}
	_, leader := ep.Annotations[leaderElectionAnnotation]
	return !leader
}

// Event is a Warning the controller records on the Endpoints it mirrors.
type Event struct {
	Reason, Message string
}

// Desired returns the slices the controller wants for ep, unnamed
// (GenerateName "<name>-"), one per address family and port set, and
// the Warning events of what it skipped: addresses that are not IPs, and
// those past MaxEndpointsPerSubset in a subset. Desired does not change
// ep.
// Reference: reconciler.go (reconcile); utils.go (newEndpointSlice,
// addressToEndpoint, epPortsToEpsPorts).
func Desired(ep *corev1.Endpoints) ([]*discoveryv1.EndpointSlice, []Event) {
	type group struct {
		at    discoveryv1.AddressType
		ports []discoveryv1.EndpointPort
		eps   map[string]discoveryv1.Endpoint
	}
	groups := map[string]*group{}
	invalid, skipped := 0, 0
	for _, ss := range ep.Subsets {
		ports := slicePorts(ss.Ports)
		added := 0
		add := func(a corev1.EndpointAddress, ready bool) {
			if added >= MaxEndpointsPerSubset {
				return
			}
			e, at, ok := toEndpoint(a, ready)
			if !ok {
				invalid++
				return
			}
			added++
			key := string(at) + "/" + portsKey(ports)
			g := groups[key]
			if g == nil {
				g = &group{at: at, ports: ports, eps: map[string]discoveryv1.Endpoint{}}
				groups[key] = g
			}
			g.eps[e.Addresses[0]] = e
		}
		for _, a := range ss.Addresses {
			add(a, true)
		}
		for _, a := range ss.NotReadyAddresses {
			add(a, false)
		}
		skipped += len(ss.Addresses) + len(ss.NotReadyAddresses) - added
	}
	var events []Event
	if invalid > 0 {
		events = append(events, Event{ReasonInvalidIPAddress,
			fmt.Sprintf("Skipped %d invalid IP addresses when mirroring to EndpointSlices", invalid)})
	}
	if skipped > invalid {
		events = append(events, Event{ReasonTooManyAddressesToMirror,
			fmt.Sprintf("A max of %d addresses can be mirrored to EndpointSlices per Endpoints subset. %d addresses were skipped", MaxEndpointsPerSubset, skipped)})
	}
	var out []*discoveryv1.EndpointSlice
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		g := groups[key]
		s := newSlice(ep, g.at, g.ports)
		for _, addr := range slices.Sorted(maps.Keys(g.eps)) {
			if len(s.Endpoints) == MaxEndpointsPerSubset {
				break
			}
			s.Endpoints = append(s.Endpoints, g.eps[addr])
		}
		out = append(out, s)
	}
	return out, events
}

// toEndpoint turns an Endpoints address into a slice endpoint and its
// address family; ok is false for an address that is not an IP.
func toEndpoint(a corev1.EndpointAddress, ready bool) (discoveryv1.Endpoint, discoveryv1.AddressType, bool) {
	ip, err := netip.ParseAddr(a.IP)
	if err != nil {
		return discoveryv1.Endpoint{}, "", false
	}
	ip = ip.Unmap()
	at := discoveryv1.AddressTypeIPv4
	if !ip.Is4() {
		at = discoveryv1.AddressTypeIPv6
	}
	e := discoveryv1.Endpoint{
		Addresses:  []string{ip.String()},
		Conditions: discoveryv1.EndpointConditions{Ready: &ready},
		TargetRef:  a.TargetRef.DeepCopy(),
	}
	if a.NodeName != nil {
		n := *a.NodeName
		e.NodeName = &n
	}
	if a.Hostname != "" {
		h := a.Hostname
		e.Hostname = &h
	}
	return e, at, true
}

// slicePorts converts a subset's ports to a slice's.
func slicePorts(ports []corev1.EndpointPort) []discoveryv1.EndpointPort {
	out := []discoveryv1.EndpointPort{}
	for _, p := range ports {
		p := *p.DeepCopy()
		out = append(out, discoveryv1.EndpointPort{Name: &p.Name, Port: &p.Port, Protocol: &p.Protocol, AppProtocol: p.AppProtocol})
	}
	return out
}

func portsKey(ports []discoveryv1.EndpointPort) string {
	parts := make([]string, len(ports))
	for i, p := range ports {
		app := ""
		if p.AppProtocol != nil {
			app = *p.AppProtocol
		}
		parts[i] = fmt.Sprintf("%s/%d/%s/%s", *p.Name, *p.Port, *p.Protocol, app)
	}
	slices.Sort(parts)
	return strings.Join(parts, ",")
}

// newSlice returns an unnamed slice mirrored from ep: its labels (with
// the service-name and managed-by labels set) and annotations (but the
// last-applied configuration and the trigger time), owned by ep.
// Reference: utils.go (newEndpointSlice).
func newSlice(ep *corev1.Endpoints, at discoveryv1.AddressType, ports []discoveryv1.EndpointPort) *discoveryv1.EndpointSlice {
	s := &discoveryv1.EndpointSlice{
		TypeMeta: metav1.TypeMeta{APIVersion: "discovery.k8s.io/v1", Kind: "EndpointSlice"},
		ObjectMeta: metav1.ObjectMeta{
			GenerateName:    ep.Name + "-",
			Namespace:       ep.Namespace,
			Labels:          map[string]string{},
			OwnerReferences: []metav1.OwnerReference{*metav1.NewControllerRef(ep, corev1.SchemeGroupVersion.WithKind("Endpoints"))},
		},
		AddressType: at,
		Endpoints:   []discoveryv1.Endpoint{},
		Ports:       ports,
	}
	maps.Copy(s.Labels, ep.Labels)
	s.Labels[discoveryv1.LabelServiceName] = ep.Name
	s.Labels[discoveryv1.LabelManagedBy] = ControllerName
	for k, v := range ep.Annotations {
		if k == corev1.EndpointsLastChangeTriggerTime || k == corev1.LastAppliedConfigAnnotation {
			continue
		}
		if s.Annotations == nil {
			s.Annotations = map[string]string{}
		}
		s.Annotations[k] = v
	}
	return s
}

// Mirrored returns the slices among all that the controller mirrored for
// the Endpoints namespace/name, sorted by name.
func Mirrored(namespace, name string, all []*discoveryv1.EndpointSlice) []*discoveryv1.EndpointSlice {
	var out []*discoveryv1.EndpointSlice
	for _, s := range all {
		if s.Namespace == namespace && s.Labels[discoveryv1.LabelServiceName] == name &&
			s.Labels[discoveryv1.LabelManagedBy] == ControllerName {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b *discoveryv1.EndpointSlice) int { return cmp.Compare(a.Name, b.Name) })
	return out
}

// Reconcile returns the changes that bring the slices mirrored before
// (existing, as Mirrored returns them) in line with want (as Desired
// returns it): per address family and port set, the first existing
// slice is kept, rewritten when its contents differ, and any other goes;
// a set with no slice yet gets a new one named generateName(prefix).
// Inputs are not modified.
// Reference: reconciler.go (reconcileByPortMapping, recycleSlices).
func Reconcile(want, existing []*discoveryv1.EndpointSlice, generateName func(prefix string) string) endpointslice.Changes {
	byKey := map[string][]*discoveryv1.EndpointSlice{}
	for _, s := range existing {
		k := string(s.AddressType) + "/" + portsKey(s.Ports)
		byKey[k] = append(byKey[k], s)
	}
	var ch endpointslice.Changes
	wanted := map[string]bool{}
	for _, w := range want {
		k := string(w.AddressType) + "/" + portsKey(w.Ports)
		wanted[k] = true
		have := byKey[k]
		if len(have) == 0 {
			w.Name = generateName(w.GenerateName)
			ch.Create = append(ch.Create, w)
			continue
		}
		ch.Delete = append(ch.Delete, have[1:]...)
		if same(have[0], w) {
			continue
		}
		next := have[0].DeepCopy()
		next.Labels, next.Annotations, next.Endpoints, next.Ports = w.Labels, w.Annotations, w.Endpoints, w.Ports
		next.OwnerReferences = w.OwnerReferences
		ch.Update = append(ch.Update, next)
	}
	for _, k := range slices.Sorted(maps.Keys(byKey)) {
		if !wanted[k] {
			ch.Delete = append(ch.Delete, byKey[k]...)
		}
	}
	return ch
}

// same reports whether the mirrored slice cur already holds what w does.
func same(cur, w *discoveryv1.EndpointSlice) bool {
	return maps.Equal(cur.Labels, w.Labels) && maps.Equal(cur.Annotations, w.Annotations) &&
		equality.Semantic.DeepEqual(cur.Endpoints, w.Endpoints) && equality.Semantic.DeepEqual(cur.OwnerReferences, w.OwnerReferences)
}
