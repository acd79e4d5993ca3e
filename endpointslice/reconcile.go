package endpointslice

import (
	"sort"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	"k8s.io/apimachinery/pkg/api/equality"
)

// Changes is the outcome of one reconcile: the slices to create, to update
// (with their existing names) and to delete.
type Changes struct {
	Create, Update, Delete []*discoveryv1.EndpointSlice
}

// Reconcile compares the slices that exist for svc with what it should have
// and returns what to create, update and delete; see Controller.Reconcile.
func Reconcile(svc *corev1.Service, pods []*corev1.Pod, existing []*discoveryv1.EndpointSlice,
	nodeZone func(string) string, generateName func(prefix string) string) (create, update, del []*discoveryv1.EndpointSlice) {
	ch := Controller{NodeZone: nodeZone}.Reconcile(svc, pods, existing, generateName)
	return ch.Create, ch.Update, ch.Delete
}

// Reconcile returns the changes that bring the slices of svc in line with its
// pods. existing may hold any slices; only those labelled as this Service's and
// managed by this controller are considered. Slices whose content is already
// right are left out of the result, so they are not rewritten; endpoints still
// wanted stay in the slice that holds them; new endpoints first fill slices
// that are being updated anyway, then new full slices, and a remainder goes to
// the unchanged slice it will fill most closely, else to a new slice. New
// slices are named generateName("<svc>-"), the API server's generateName (nil
// leaves only GenerateName set). Inputs are not modified.
func (c Controller) Reconcile(svc *corev1.Service, pods []*corev1.Pod, existing []*discoveryv1.EndpointSlice,
	generateName func(prefix string) string) Changes {
	if !Manages(svc) {
		return Changes{}
	}
	owned := ownedSlices(svc, existing)
	var ch Changes
	wanted := map[discoveryv1.AddressType]bool{}
	for _, at := range addressTypes(svc) {
		wanted[at] = true
		r := reconciler{c: c, svc: svc}
		r.byAddressType(at, c.groups(svc, pods, at), owned)
		ch.Create = append(ch.Create, r.create...)
		ch.Update = append(ch.Update, r.update...)
		ch.Delete = append(ch.Delete, r.del...)
	}
	for _, s := range owned {
		if !wanted[s.AddressType] {
			ch.Delete = append(ch.Delete, s)
		}
	}
	for _, s := range ch.Create {
		if generateName != nil {
			s.Name = generateName(s.GenerateName)
		}
	}
	return ch
}

// ownedSlices returns the slices of svc managed by this controller, by name.
func ownedSlices(svc *corev1.Service, existing []*discoveryv1.EndpointSlice) []*discoveryv1.EndpointSlice {
	var out []*discoveryv1.EndpointSlice
	for _, s := range existing {
		if s == nil || s.Namespace != svc.Namespace || s.Labels[discoveryv1.LabelServiceName] != svc.Name ||
			s.Labels[discoveryv1.LabelManagedBy] != ControllerName {
			continue
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// reconciler holds the work of one address type.
type reconciler struct {
	c                   Controller
	svc                 *corev1.Service
	create, update, del []*discoveryv1.EndpointSlice
}

func (r *reconciler) byAddressType(at discoveryv1.AddressType, groups []*group, owned []*discoveryv1.EndpointSlice) {
	byKey := map[string]*group{}
	pending := map[string]map[string]discoveryv1.Endpoint{}
	for _, g := range groups {
		byKey[g.key] = g
		pending[g.key] = map[string]discoveryv1.Endpoint{}
		for _, ep := range g.endpoints {
			pending[g.key][ep.Addresses[0]] = ep
		}
	}
	unchanged := map[string][]*discoveryv1.EndpointSlice{}
	updated := map[string][]*discoveryv1.EndpointSlice{}
	existingCount := 0
	for _, s := range owned {
		if s.AddressType != at {
			continue
		}
		existingCount++
		key := portKey(s.Ports)
		kept, changed := keepEndpoints(s, pending[key])
		switch {
		case len(kept) == 0:
			r.del = append(r.del, s)
		case changed || !equality.Semantic.DeepEqual(s.Labels, sliceLabels(r.svc)):
			u := r.rewrite(s, kept)
			updated[key] = append(updated[key], u)
		default:
			unchanged[key] = append(unchanged[key], s)
		}
	}
	for _, g := range groups {
		r.placeNew(at, g, pending[g.key], updated[g.key], unchanged[g.key])
	}
	r.placeholder(at, existingCount)
}

// keepEndpoints returns the endpoints of s that are still wanted, in their
// desired form, removing them from pending; changed reports any difference.
func keepEndpoints(s *discoveryv1.EndpointSlice, pending map[string]discoveryv1.Endpoint) ([]discoveryv1.Endpoint, bool) {
	var kept []discoveryv1.Endpoint
	changed := false
	for _, ep := range s.Endpoints {
		if len(ep.Addresses) == 0 {
			changed = true
			continue
		}
		want, ok := pending[ep.Addresses[0]]
		if !ok {
			changed = true
			continue
		}
		delete(pending, ep.Addresses[0])
		if !equality.Semantic.DeepEqual(ep, want) {
			changed = true
		}
		kept = append(kept, want)
	}
	return kept, changed
}

// rewrite returns a copy of s holding eps and the desired labels.
func (r *reconciler) rewrite(s *discoveryv1.EndpointSlice, eps []discoveryv1.Endpoint) *discoveryv1.EndpointSlice {
	u := s.DeepCopy()
	u.Labels = sliceLabels(r.svc)
	u.Endpoints = eps
	return u
}

// placeNew distributes the endpoints still pending for one group.
func (r *reconciler) placeNew(at discoveryv1.AddressType, g *group, pending map[string]discoveryv1.Endpoint,
	updated, unchanged []*discoveryv1.EndpointSlice) {
	var rest []discoveryv1.Endpoint
	for _, ep := range g.endpoints {
		if _, ok := pending[ep.Addresses[0]]; ok {
			rest = append(rest, ep)
		}
	}
	max := r.c.max()
	for _, u := range updated {
		room := max - len(u.Endpoints)
		if room > 0 && len(rest) > 0 {
			n := min(room, len(rest))
			u.Endpoints = append(u.Endpoints, rest[:n]...)
			rest = rest[n:]
		}
		sortEndpoints(u.Endpoints)
		r.update = append(r.update, u)
	}
	for len(rest) >= max {
		r.create = append(r.create, newSlice(r.svc, at, g.ports, rest[:max]))
		rest = rest[max:]
	}
	if len(rest) == 0 {
		return
	}
	if fill := sliceToFill(unchanged, len(rest), max); fill != nil {
		u := r.rewrite(fill, append(append([]discoveryv1.Endpoint{}, fill.Endpoints...), rest...))
		sortEndpoints(u.Endpoints)
		r.update = append(r.update, u)
		return
	}
	r.create = append(r.create, newSlice(r.svc, at, g.ports, rest))
}

// sliceToFill returns the slice that will be closest to full once n endpoints
// are added, or nil when none has room.
func sliceToFill(slices []*discoveryv1.EndpointSlice, n, max int) *discoveryv1.EndpointSlice {
	var best *discoveryv1.EndpointSlice
	for _, s := range slices {
		if len(s.Endpoints)+n > max {
			continue
		}
		if best == nil || len(s.Endpoints) > len(best.Endpoints) {
			best = s
		}
	}
	return best
}

// placeholder keeps (or creates) one empty slice when the Service would
// otherwise have none of this address type.
func (r *reconciler) placeholder(at discoveryv1.AddressType, existingCount int) {
	if existingCount != len(r.del) || len(r.create) > 0 {
		return
	}
	want := newSlice(r.svc, at, []discoveryv1.EndpointPort{}, []discoveryv1.Endpoint{})
	if len(r.del) == 1 && isPlaceholder(r.del[0], want) {
		r.del = r.del[:0]
		return
	}
	r.create = append(r.create, want)
}

func isPlaceholder(s, want *discoveryv1.EndpointSlice) bool {
	return len(s.Endpoints) == 0 && len(s.Ports) == 0 && s.AddressType == want.AddressType &&
		equality.Semantic.DeepEqual(s.Labels, want.Labels)
}
