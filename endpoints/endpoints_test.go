//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package endpoints_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/endpoints"
)

func svc(mutate ...func(*corev1.Service)) *corev1.Service {
	s := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", Labels: map[string]string{"tier": "front"}},
		Spec: corev1.ServiceSpec{
			Selector:  map[string]string{"app": "web"},
			ClusterIP: "10.96.0.20",
			Ports: []corev1.ServicePort{{Name: "http", Port: 80, Protocol: corev1.ProtocolTCP,
				TargetPort: intstr.FromString("http")}},
		},
	}
	for _, m := range mutate {
		m(s)
	}
	return s
}

func pod(name, ip string, ready bool, mutate ...func(*corev1.Pod)) *corev1.Pod {
	status := corev1.ConditionFalse
	if ready {
		status = corev1.ConditionTrue
	}
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", UID: types.UID("uid-" + name), Labels: map[string]string{"app": "web"}},
		Spec: corev1.PodSpec{NodeName: "store-1", Containers: []corev1.Container{{
			Name: "nginx", Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 8080, Protocol: corev1.ProtocolTCP}},
		}}},
		Status: corev1.PodStatus{Phase: corev1.PodRunning, PodIP: ip,
			Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: status}}},
	}
	for _, m := range mutate {
		m(p)
	}
	return p
}

func ips(addrs []corev1.EndpointAddress) []string {
	out := []string{}
	for _, a := range addrs {
		out = append(out, a.IP)
	}
	return out
}

// Reference: pkg/controller/endpoint/endpoints_controller.go syncService
// and addEndpointSubset: ready pods under addresses, the others under
// notReadyAddresses, terminating and finished pods left out unless the
// Service publishes not-ready addresses, a named targetPort resolved per
// pod.
func TestDesired(t *testing.T) {
	deleting := func(p *corev1.Pod) { p.DeletionTimestamp = &metav1.Time{} }
	done := func(p *corev1.Pod) { p.Status.Phase = corev1.PodSucceeded }
	other := func(p *corev1.Pod) { p.Labels = map[string]string{"app": "db"} }
	noPort := func(p *corev1.Pod) { p.Spec.Containers[0].Ports = nil }
	publish := func(s *corev1.Service) { s.Spec.PublishNotReadyAddresses = true }
	cases := []struct {
		name            string
		svc             *corev1.Service
		pods            []*corev1.Pod
		ready, notReady []string
	}{
		{"ready and not", svc(), []*corev1.Pod{pod("b", "10.244.0.6", true), pod("a", "10.244.0.5", false)},
			[]string{"10.244.0.6"}, []string{"10.244.0.5"}},
		{"sorted by IP", svc(), []*corev1.Pod{pod("b", "10.244.0.9", true), pod("a", "10.244.0.10", true)},
			[]string{"10.244.0.10", "10.244.0.9"}, []string{}},
		{"terminating left out", svc(), []*corev1.Pod{pod("a", "10.244.0.5", true, deleting)}, nil, nil},
		{"finished left out", svc(), []*corev1.Pod{pod("a", "10.244.0.5", true, done)}, nil, nil},
		{"no IP yet", svc(), []*corev1.Pod{pod("a", "", true)}, nil, nil},
		{"not selected", svc(), []*corev1.Pod{pod("a", "10.244.0.5", true, other)}, nil, nil},
		{"named port missing", svc(), []*corev1.Pod{pod("a", "10.244.0.5", true, noPort)}, nil, nil},
		{"publish not ready", svc(publish), []*corev1.Pod{pod("a", "10.244.0.5", false, deleting)},
			[]string{"10.244.0.5"}, []string{}},
	}
	for _, tc := range cases {
		ep := endpoints.Desired(tc.svc, tc.pods)
		require.NotNil(t, ep, tc.name)
		assert.Equal(t, "web", ep.Name, tc.name)
		if tc.ready == nil {
			assert.Empty(t, ep.Subsets, "%s: subsets", tc.name)
			continue
		}
		require.Len(t, ep.Subsets, 1, tc.name)
		assert.Equal(t, tc.ready, ips(ep.Subsets[0].Addresses), "%s: addresses", tc.name)
		assert.Equal(t, tc.notReady, ips(ep.Subsets[0].NotReadyAddresses), "%s: notReadyAddresses", tc.name)
		assert.Equal(t, []corev1.EndpointPort{{Name: "http", Port: 8080, Protocol: corev1.ProtocolTCP}}, ep.Subsets[0].Ports, tc.name)
	}
}

// A Service without a selector keeps Endpoints its owner writes; a
// headless one's are labelled service.kubernetes.io/headless, beside the
// Service's own labels.
// Reference: endpoints_controller.go syncService (the headless label).
func TestDesiredLabelsAndManaged(t *testing.T) {
	assert.Nil(t, endpoints.Desired(svc(func(s *corev1.Service) { s.Spec.Selector = nil }), nil))
	ep := endpoints.Desired(svc(func(s *corev1.Service) { s.Spec.ClusterIP = corev1.ClusterIPNone }), nil)
	assert.Equal(t, map[string]string{"tier": "front", corev1.IsHeadlessService: ""}, ep.Labels)
	assert.Equal(t, map[string]string{"tier": "front"}, endpoints.Desired(svc(), nil).Labels)
}

// Changed sees a change of subsets or labels, and not a copy.
func TestChanged(t *testing.T) {
	a := endpoints.Desired(svc(), []*corev1.Pod{pod("a", "10.244.0.5", true)})
	b := a.DeepCopy()
	assert.False(t, endpoints.Changed(a, b))
	b.Subsets[0].Addresses[0].IP = "10.244.0.6"
	assert.True(t, endpoints.Changed(a, b))
	c := a.DeepCopy()
	c.Labels = nil
	assert.True(t, endpoints.Changed(a, c))
}
