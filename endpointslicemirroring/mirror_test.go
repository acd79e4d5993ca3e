//lint:file-ignore SA1019 v1 Endpoints is mirrored on purpose

package endpointslicemirroring

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func sheet(ips ...string) *corev1.Endpoints {
	ss := corev1.EndpointSubset{Ports: []corev1.EndpointPort{{Name: "http", Port: 9376, Protocol: corev1.ProtocolTCP}}}
	for _, ip := range ips {
		ss.Addresses = append(ss.Addresses, corev1.EndpointAddress{IP: ip})
	}
	return &corev1.Endpoints{ObjectMeta: metav1.ObjectMeta{Name: "my-service", Namespace: "default", UID: "ep-uid"},
		Subsets: []corev1.EndpointSubset{ss}}
}

// Mirror only for a Service that exists with no selector, and Endpoints
// without the skip-mirror label or a leader-election annotation.
// Reference: endpointslicemirroring_controller.go (syncEndpoints, shouldMirror).
func TestMirrors(t *testing.T) {
	plain := &corev1.Service{}
	selected := &corev1.Service{Spec: corev1.ServiceSpec{Selector: map[string]string{"app": "x"}}}
	skip := sheet("10.0.0.1")
	skip.Labels = map[string]string{discoveryv1.LabelSkipMirror: "true"}
	leader := sheet("10.0.0.1")
	leader.Annotations = map[string]string{leaderElectionAnnotation: "{}"}
	for _, tc := range []struct {
		name string
		svc  *corev1.Service
		ep   *corev1.Endpoints
		want bool
	}{
		{"selectorless", plain, sheet("10.0.0.1"), true},
		{"no Service", nil, sheet("10.0.0.1"), false},
		{"selector", selected, sheet("10.0.0.1"), false},
		{"skip-mirror", plain, skip, false},
		{"leader election", plain, leader, false},
		{"no Endpoints", plain, nil, false},
	} {
		assert.Equal(t, tc.want, Mirrors(tc.svc, tc.ep), tc.name)
	}
}

// Addresses that are not IPs are skipped with an InvalidIPAddress event;
// IPv4 and IPv6 addresses go to slices of their own family.
// Reference: reconciler.go (reconcile); utils.go (addressToEndpoint).
func TestDesiredFamiliesAndInvalid(t *testing.T) {
	got, events := Desired(sheet("10.0.0.2", "2001:db8::1", "db.example", "10.0.0.1"))
	require.Len(t, got, 2)
	assert.Equal(t, discoveryv1.AddressTypeIPv4, got[0].AddressType)
	require.Len(t, got[0].Endpoints, 2)
	assert.Equal(t, "10.0.0.1", got[0].Endpoints[0].Addresses[0])
	assert.Equal(t, discoveryv1.AddressTypeIPv6, got[1].AddressType)
	assert.Equal(t, "2001:db8::1", got[1].Endpoints[0].Addresses[0])
	assert.Equal(t, []Event{{ReasonInvalidIPAddress, "Skipped 1 invalid IP addresses when mirroring to EndpointSlices"}}, events)
	assert.Equal(t, "ep-uid", string(got[0].OwnerReferences[0].UID))
}

// The last-applied configuration and the trigger time are not copied to
// the slice; other labels and annotations are.
// Reference: utils.go (newEndpointSlice).
func TestDesiredCopiesMetadata(t *testing.T) {
	ep := sheet("10.0.0.1")
	ep.Labels = map[string]string{"team": "db"}
	ep.Annotations = map[string]string{corev1.LastAppliedConfigAnnotation: "{}", corev1.EndpointsLastChangeTriggerTime: "x", "note": "y"}
	got, _ := Desired(ep)
	require.Len(t, got, 1)
	assert.Equal(t, map[string]string{"team": "db", discoveryv1.LabelServiceName: "my-service", discoveryv1.LabelManagedBy: ControllerName}, got[0].Labels)
	assert.Equal(t, map[string]string{"note": "y"}, got[0].Annotations)
}

// Reconcile keeps the first slice of a port set (rewritten when it
// differs), deletes the others, creates what has no slice, and deletes
// the slices of a port set no longer wanted.
// Reference: reconciler.go (reconcileByPortMapping).
func TestReconcile(t *testing.T) {
	names := 0
	gen := func(prefix string) string { names++; return fmt.Sprintf("%s%d", prefix, names) }
	want, _ := Desired(sheet("10.0.0.1"))
	ch := Reconcile(want, nil, gen)
	require.Len(t, ch.Create, 1)
	assert.Equal(t, "my-service-1", ch.Create[0].Name)
	first := ch.Create[0]

	again, _ := Desired(sheet("10.0.0.1"))
	ch = Reconcile(again, []*discoveryv1.EndpointSlice{first}, gen)
	assert.Empty(t, ch.Create)
	assert.Empty(t, ch.Update, "unchanged: not rewritten")
	assert.Empty(t, ch.Delete)

	dup := first.DeepCopy()
	dup.Name = "my-service-0"
	more, _ := Desired(sheet("10.0.0.1", "10.0.0.2"))
	ch = Reconcile(more, []*discoveryv1.EndpointSlice{dup, first}, gen)
	require.Len(t, ch.Update, 1)
	assert.Equal(t, "my-service-0", ch.Update[0].Name)
	assert.Len(t, ch.Update[0].Endpoints, 2)
	require.Len(t, ch.Delete, 1)
	assert.Equal(t, "my-service-1", ch.Delete[0].Name)

	ch = Reconcile(nil, []*discoveryv1.EndpointSlice{first}, gen)
	assert.Equal(t, []*discoveryv1.EndpointSlice{first}, ch.Delete)
}
