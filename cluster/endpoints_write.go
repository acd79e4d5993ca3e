//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package cluster

import (
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/endpoints"
	"github.com/nodenucleus/nucleus/endpointslice"
)

// A client may write Endpoints and EndpointSlices itself: that is how a
// Service without a selector is pointed at backends by hand (a counter
// whose roster the owner keeps, not head office). The API server takes
// the write for any Service, or none; head office's controllers keep
// owning the rosters of Services with a selector, and write over a
// client's change at their next sync.
// Reference: https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors

// applyDiscovery applies an Endpoints or an EndpointSlice, a value or a
// pointer; ok is false for any other kind.
func (c *Cluster) applyDiscovery(o any) (ok bool, err error) {
	switch o := o.(type) {
	case corev1.Endpoints:
		return true, c.applyEndpoints(&o)
	case *corev1.Endpoints:
		return true, c.applyEndpoints(o)
	case discoveryv1.EndpointSlice:
		return true, c.applyEndpointSlice(&o)
	case *discoveryv1.EndpointSlice:
		return true, c.applyEndpointSlice(o)
	}
	return false, nil
}

// applyEndpoints creates ep, defaulted and validated as the API server
// does, or replaces the Endpoints of that name, as kubectl apply does.
func (c *Cluster) applyEndpoints(ep *corev1.Endpoints) error {
	ep = ep.DeepCopy()
	ep.Namespace = defaultNS(ep.Namespace)
	ep.APIVersion, ep.Kind = "v1", "Endpoints"
	endpoints.Default(ep)
	if errs := endpoints.Validate(ep); len(errs) > 0 {
		return apierrors.NewInvalid(schema.GroupKind{Kind: "Endpoints"}, ep.Name, errs)
	}
	if err := applyConfig(c.api.Endpoints, ep, func(*corev1.Endpoints) bool { return false }); err != nil {
		return err
	}
	c.endpointsWritten(apiserver.KeyOf(ep), false)
	return nil
}

// applyEndpointSlice creates s, defaulted and validated as the API
// server does, or replaces the EndpointSlice of that name (whose
// addressType may not change).
func (c *Cluster) applyEndpointSlice(s *discoveryv1.EndpointSlice) error {
	s = s.DeepCopy()
	s.Namespace = defaultNS(s.Namespace)
	s.APIVersion, s.Kind = "discovery.k8s.io/v1", "EndpointSlice"
	endpointslice.DefaultSlice(s)
	errs := endpointslice.ValidateSlice(s)
	if cur, err := c.api.EndpointSlices.Get(s.Namespace, s.Name); err == nil && s.AddressType != cur.AddressType {
		errs = append(errs, field.Invalid(field.NewPath("addressType"), s.AddressType, "field is immutable"))
	}
	if len(errs) > 0 {
		return apierrors.NewInvalid(schema.GroupKind{Group: "discovery.k8s.io", Kind: "EndpointSlice"}, s.Name, errs)
	}
	return applyConfig(c.api.EndpointSlices, s, func(*discoveryv1.EndpointSlice) bool { return false })
}

// DeleteEndpoints deletes an Endpoints, as `kubectl delete endpoints`
// does. The Endpoints controller makes the Endpoints of a Service with a
// selector again at once (it watches for their deletion); the mirrored
// EndpointSlices of a Service without one go with them.
// Reference: pkg/controller/endpoint/endpoints_controller.go
// (onEndpointsDelete).
func (c *Cluster) DeleteEndpoints(namespace, name string) error {
	if err := c.api.Endpoints.Delete(defaultNS(namespace), name); err != nil {
		return err
	}
	c.endpointsWritten(apiserver.Key{Namespace: defaultNS(namespace), Name: name}, true)
	return nil
}

// DeleteEndpointSlice deletes an EndpointSlice, as `kubectl delete
// endpointslice` does. A slice head office keeps (managed by the
// EndpointSlice or the mirroring controller) is made again at once, as
// those controllers notice a deletion they did not expect.
// Reference: pkg/controller/endpointslice/endpointslice_controller.go
// (onEndpointSliceDelete); pkg/controller/endpointslicemirroring
// (onEndpointSliceDelete).
func (c *Cluster) DeleteEndpointSlice(namespace, name string) error {
	s, err := c.api.EndpointSlices.Get(defaultNS(namespace), name)
	if err != nil {
		return err
	}
	if err := c.api.EndpointSlices.Delete(s.Namespace, s.Name); err != nil {
		return err
	}
	switch s.Labels[discoveryv1.LabelManagedBy] {
	case endpointslice.ControllerName, mirrorControllerName:
		if svc := s.Labels[discoveryv1.LabelServiceName]; svc != "" {
			c.services.mark(apiserver.Key{Namespace: s.Namespace, Name: svc})
		}
	}
	return nil
}

// endpointsWritten queues the Service of a client's Endpoints write for
// the controllers that care: the mirroring controller, for a Service
// without a selector, and the Endpoints controller, for the deletion of
// the Endpoints of a Service it manages. A client's change to the
// Endpoints of a Service with a selector is not queued: the controller
// does not watch for it and writes over it at the Service's next sync,
// as the real one does.
func (c *Cluster) endpointsWritten(k apiserver.Key, deleted bool) {
	svc, err := c.api.Services.GetShared(k.Namespace, k.Name)
	if err != nil {
		return
	}
	if !endpoints.Manages(svc) || deleted {
		c.services.mark(k)
	}
}

// prepareDiscoveryUpdate is prepareUpdate for Endpoints and
// EndpointSlices: the stored object with o's labels, annotations and
// contents; ok is false for any other kind.
// Reference: pkg/apis/core/validation/validation.go
// (ValidateEndpointsUpdate); pkg/apis/discovery/validation/validation.go
// (ValidateEndpointSliceUpdate).
func (c *Cluster) prepareDiscoveryUpdate(o any) (next any, errs field.ErrorList, ok bool, err error) {
	switch o := o.(type) {
	case *corev1.Endpoints:
		cur, err := c.api.Endpoints.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Subsets = o.Labels, o.Annotations, o.DeepCopy().Subsets
		endpoints.Default(n)
		n.ResourceVersion = ""
		return n, endpoints.Validate(n), true, nil
	case *discoveryv1.EndpointSlice:
		cur, err := c.api.EndpointSlices.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		cp := o.DeepCopy()
		n.Labels, n.Annotations = cp.Labels, cp.Annotations
		n.AddressType, n.Endpoints, n.Ports = cp.AddressType, cp.Endpoints, cp.Ports
		endpointslice.DefaultSlice(n)
		n.ResourceVersion = ""
		return n, endpointslice.ValidateSliceUpdate(n, cur), true, nil
	}
	return nil, nil, false, nil
}

// updateDiscovery stores next, made by prepareDiscoveryUpdate; ok is
// false for any other kind.
func (c *Cluster) updateDiscovery(next any) (ok bool, err error) {
	switch n := next.(type) {
	case *corev1.Endpoints:
		if _, err = c.api.Endpoints.Update(n); err == nil {
			c.endpointsWritten(apiserver.KeyOf(n), false)
		}
	case *discoveryv1.EndpointSlice:
		_, err = c.api.EndpointSlices.Update(n)
	default:
		return false, nil
	}
	return true, err
}

// discoveryKind names the kinds prepareDiscoveryUpdate takes, for an
// Invalid status; ok is false for any other.
func discoveryKind(o any) (schema.GroupKind, bool) {
	switch o.(type) {
	case *corev1.Endpoints:
		return schema.GroupKind{Kind: "Endpoints"}, true
	case *discoveryv1.EndpointSlice:
		return schema.GroupKind{Group: "discovery.k8s.io", Kind: "EndpointSlice"}, true
	}
	return schema.GroupKind{}, false
}
