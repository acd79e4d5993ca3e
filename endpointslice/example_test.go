package endpointslice_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/endpointslice"
)

// Head office writes the roster for the "returns" counter: one employee is
// ready, one is still getting ready, one is going home.
func Example() {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "returns", Namespace: "default"},
		Spec: corev1.ServiceSpec{
			Selector: map[string]string{"app": "returns"},
			Ports:    []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromInt32(8080)}},
		},
	}
	pod := func(name, ip string, ready, deleting bool) *corev1.Pod {
		p := &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "returns"}},
			Spec:       corev1.PodSpec{NodeName: "store-1"},
			Status:     corev1.PodStatus{Phase: corev1.PodRunning, PodIP: ip},
		}
		status := corev1.ConditionFalse
		if ready {
			status = corev1.ConditionTrue
		}
		p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodReady, Status: status}}
		if deleting {
			p.DeletionTimestamp = &metav1.Time{}
		}
		return p
	}
	pods := []*corev1.Pod{
		pod("ana", "10.244.1.5", true, false),
		pod("ben", "10.244.1.6", false, false),
		pod("cai", "10.244.1.7", true, true),
	}
	for _, s := range endpointslice.Desired(svc, pods, nil) {
		for _, ep := range s.Endpoints {
			c := ep.Conditions
			fmt.Printf("%s:%d %s ready=%v serving=%v terminating=%v\n", ep.Addresses[0], *s.Ports[0].Port,
				ep.TargetRef.Name, *c.Ready, *c.Serving, *c.Terminating)
		}
	}
	// Output:
	// 10.244.1.5:8080 ana ready=true serving=true terminating=false
	// 10.244.1.6:8080 ben ready=false serving=false terminating=false
	// 10.244.1.7:8080 cai ready=false serving=true terminating=true
}
