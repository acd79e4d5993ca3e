//lint:file-ignore SA1019 v1 Endpoints is written on purpose

package cluster_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// selectorless is the Services page's Service without a selector.
func selectorless() *corev1.Service {
	return &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "my-service"},
		Spec: corev1.ServiceSpec{Ports: []corev1.ServicePort{{
			Name: "http", Protocol: corev1.ProtocolTCP, Port: 80, TargetPort: intstr.FromInt32(9376)}}},
	}
}

// byHand is an Endpoints a client writes for my-service.
func byHand(ready []string, notReady ...string) *corev1.Endpoints {
	ep := &corev1.Endpoints{ObjectMeta: metav1.ObjectMeta{Name: "my-service"}}
	ss := corev1.EndpointSubset{Ports: []corev1.EndpointPort{{Name: "http", Port: 9376}}}
	for _, ip := range ready {
		ss.Addresses = append(ss.Addresses, corev1.EndpointAddress{IP: ip})
	}
	for _, ip := range notReady {
		ss.NotReadyAddresses = append(ss.NotReadyAddresses, corev1.EndpointAddress{IP: ip})
	}
	ep.Subsets = []corev1.EndpointSubset{ss}
	return ep
}

func slicesOf(c *cluster.Cluster, svc string) []*discoveryv1.EndpointSlice {
	var out []*discoveryv1.EndpointSlice
	for _, s := range c.EndpointSlices() {
		if s.Namespace == "default" && s.Labels[discoveryv1.LabelServiceName] == svc {
			out = append(out, s)
		}
	}
	return out
}

// deskEndpoints returns the "IP:port" the first store's desk sends the
// Service's customers to.
func deskEndpoints(c *cluster.Cluster, svc string) []string {
	var out []string
	for _, sp := range c.Stores()[0].Proxy.Rules().Ports {
		if sp.Name.Namespace == "default" && sp.Name.Name == svc {
			for _, e := range sp.Endpoints {
				out = append(out, e.String())
			}
		}
	}
	return out
}

// A client's Endpoints for a Service without a selector is mirrored into
// an EndpointSlice the mirroring controller manages, labelled with the
// Service's name, owned by the Endpoints: the desk routes the Service to
// the addresses listed (ready ones; a not-ready address is mirrored as
// not ready). An update is mirrored, a deleted mirrored slice is made
// again, and the Endpoints' deletion takes the slice away.
// Reference: pkg/controller/endpointslicemirroring/reconciler.go
// (reconcile), utils.go (newEndpointSlice, addressToEndpoint).
func TestEndpointsByHandAreMirrored(t *testing.T) {
	c, err := cluster.New(cluster.Config{Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	require.NoError(t, c.Apply(selectorless(), byHand([]string{"192.0.2.42"})))
	c.RunFor(time.Second)

	ss := slicesOf(c, "my-service")
	require.Len(t, ss, 1)
	s := ss[0]
	assert.Equal(t, "endpointslicemirroring-controller.k8s.io", s.Labels[discoveryv1.LabelManagedBy])
	assert.Regexp(t, `^my-service-[a-z0-9]{5}$`, s.Name)
	assert.Equal(t, discoveryv1.AddressTypeIPv4, s.AddressType)
	require.Len(t, s.OwnerReferences, 1)
	assert.Equal(t, "Endpoints", s.OwnerReferences[0].Kind)
	require.Len(t, s.Endpoints, 1)
	assert.Equal(t, []string{"192.0.2.42"}, s.Endpoints[0].Addresses)
	assert.True(t, *s.Endpoints[0].Conditions.Ready)
	require.Len(t, s.Ports, 1)
	assert.Equal(t, int32(9376), *s.Ports[0].Port)
	assert.Equal(t, "http", *s.Ports[0].Name)
	assert.Equal(t, corev1.ProtocolTCP, *s.Ports[0].Protocol, "the protocol defaults to TCP")
	assert.Equal(t, []string{"192.0.2.42:9376"}, deskEndpoints(c, "my-service"))

	require.NoError(t, c.Update(byHand([]string{"192.0.2.42"}, "192.0.2.43")))
	c.RunFor(time.Second)
	ss = slicesOf(c, "my-service")
	require.Len(t, ss, 1)
	assert.Equal(t, s.Name, ss[0].Name, "the slice is rewritten, not replaced")
	require.Len(t, ss[0].Endpoints, 2)
	assert.Equal(t, []string{"192.0.2.43"}, ss[0].Endpoints[1].Addresses)
	assert.False(t, *ss[0].Endpoints[1].Conditions.Ready)

	// A client's deletion of the mirrored slice is not expected: the
	// controller mirrors the Endpoints again.
	require.NoError(t, c.DeleteEndpointSlice("default", ss[0].Name))
	c.RunFor(time.Second)
	ss = slicesOf(c, "my-service")
	require.Len(t, ss, 1, "mirrored again")
	assert.Len(t, ss[0].Endpoints, 2)

	require.NoError(t, c.DeleteEndpoints("default", "my-service"))
	c.RunFor(time.Second)
	assert.Empty(t, slicesOf(c, "my-service"))
	assert.Empty(t, deskEndpoints(c, "my-service"))
}

// The controller mirrors nothing for Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror: "true", nor for the Endpoints
// of a Service with a selector; when a Service gains a selector, what it
// mirrored goes.
// Reference: pkg/controller/endpointslicemirroring/endpointslicemirroring_controller.go
// (syncEndpoints, shouldMirror).
func TestMirroringSkipRules(t *testing.T) {
	c, err := cluster.New(cluster.Config{Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	skip := byHand([]string{"192.0.2.42"})
	skip.Labels = map[string]string{discoveryv1.LabelSkipMirror: "true"}
	require.NoError(t, c.Apply(selectorless(), skip))
	c.RunFor(time.Second)
	assert.Empty(t, slicesOf(c, "my-service"), "skip-mirror")

	require.NoError(t, c.Update(byHand([]string{"192.0.2.42"})))
	c.RunFor(time.Second)
	require.Len(t, slicesOf(c, "my-service"), 1, "the label removed, the Endpoints is mirrored")

	svc := selectorless()
	svc.Spec.Selector = map[string]string{"app": "db"}
	require.NoError(t, c.Update(svc))
	c.RunFor(time.Second)
	for _, s := range slicesOf(c, "my-service") {
		assert.Equal(t, "endpointslice-controller.k8s.io", s.Labels[discoveryv1.LabelManagedBy],
			"the mirrored slice is gone; the EndpointSlice controller's placeholder stays")
	}
	ep, err := c.API().Endpoints.Get("default", "my-service")
	require.NoError(t, err)
	assert.Empty(t, ep.Subsets, "the Endpoints controller owns the Endpoints of a Service with a selector")
}

// An Endpoints subset over 1000 addresses is mirrored up to the 1000th,
// with a Warning event on the Endpoints saying how many were skipped.
// Reference: pkg/controller/endpointslicemirroring/reconciler.go
// (maxEndpointsPerSubset, TooManyAddressesToMirror).
func TestMirroringStopsAt1000(t *testing.T) {
	c, err := cluster.New(cluster.Config{Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	var warnings []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Type == sim.Warning && r.Object.Kind == "Endpoints" {
			warnings = append(warnings, r.Reason+": "+r.Message)
		}
	}))
	ips := make([]string, 1001)
	for i := range ips {
		ips[i] = fmt.Sprintf("10.9.%d.%d", i/250, i%250+1)
	}
	require.NoError(t, c.Apply(selectorless(), byHand(ips)))
	c.RunFor(time.Second)
	ss := slicesOf(c, "my-service")
	require.Len(t, ss, 1)
	assert.Len(t, ss[0].Endpoints, 1000)
	assert.Equal(t, []string{"TooManyAddressesToMirror: A max of 1000 addresses can be mirrored to EndpointSlices per Endpoints subset. 1 addresses were skipped"}, warnings)
}

// The Endpoints controller keeps the Endpoints of a Service with a
// selector: a client's deletion is noticed and the Endpoints is made
// again at once.
// Reference: pkg/controller/endpoint/endpoints_controller.go
// (onEndpointsDelete).
func TestManagedEndpointsComeBack(t *testing.T) {
	c, err := cluster.New(cluster.Config{Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	svc := selectorless()
	svc.Spec.Selector = map[string]string{"app": "db"}
	require.NoError(t, c.Apply(svc))
	c.RunFor(time.Second)
	before, err := c.API().Endpoints.Get("default", "my-service")
	require.NoError(t, err)
	require.NoError(t, c.DeleteEndpoints("default", "my-service"))
	c.RunFor(time.Second)
	after, err := c.API().Endpoints.Get("default", "my-service")
	require.NoError(t, err, "made again")
	assert.NotEqual(t, before.UID, after.UID)
}

// A client's Endpoints is validated as the API server validates it.
// Reference: pkg/apis/core/validation/validation.go (ValidateEndpoints).
func TestEndpointsByHandAreValidated(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	bad := byHand([]string{"127.0.0.1", "not-an-ip"})
	bad.Subsets = append(bad.Subsets, corev1.EndpointSubset{Ports: []corev1.EndpointPort{{Port: 70000, Protocol: "HTTP"}}})
	err = c.Apply(bad)
	require.Error(t, err)
	for _, want := range []string{
		`subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)`,
		`subsets[0].addresses[1].ip: Invalid value: "not-an-ip": must be a valid IP address`,
		"subsets[1]: Required value: must specify `addresses` or `notReadyAddresses`",
		`subsets[1].ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive`,
		`subsets[1].ports[0].protocol: Unsupported value: "HTTP"`,
	} {
		assert.Contains(t, err.Error(), want)
	}
}
