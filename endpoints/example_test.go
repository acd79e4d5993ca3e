//lint:file-ignore SA1019 v1 Endpoints is served on purpose

package endpoints_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/endpoints"
)

// The counter "web" has two employees on the floor: one ready to serve,
// one still getting ready. The single-sheet roster lists them apart.
func ExampleDesired() {
	web := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"},
		Spec: corev1.ServiceSpec{Selector: map[string]string{"app": "web"},
			Ports: []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP, TargetPort: intstr.FromInt32(8080)}}},
	}
	employee := func(name, ip string, ready corev1.ConditionStatus) *corev1.Pod {
		return &corev1.Pod{
			ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", Labels: map[string]string{"app": "web"}},
			Status: corev1.PodStatus{Phase: corev1.PodRunning, PodIP: ip,
				Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: ready}}},
		}
	}
	ep := endpoints.Desired(web, []*corev1.Pod{employee("web-1", "10.244.0.5", corev1.ConditionTrue), employee("web-2", "10.244.0.6", corev1.ConditionFalse)})
	for _, ss := range ep.Subsets {
		for _, a := range ss.Addresses {
			fmt.Println("ready:    ", a.IP, a.TargetRef.Name, ss.Ports[0].Port)
		}
		for _, a := range ss.NotReadyAddresses {
			fmt.Println("not ready:", a.IP, a.TargetRef.Name, ss.Ports[0].Port)
		}
	}
	// Output:
	// ready:     10.244.0.5 web-1 8080
	// not ready: 10.244.0.6 web-2 8080
}
