package service_test

import (
	"fmt"
	"math/rand/v2"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/service"
)

// Head office receives a counter with one port, fills in the defaults,
// checks it, and gives it a phone number.
func Example() {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "returns", Namespace: "default"},
		Spec:       corev1.ServiceSpec{Ports: []corev1.ServicePort{{Port: 80}}},
	}
	service.Default(svc)
	fmt.Println("type:", svc.Spec.Type, "protocol:", svc.Spec.Ports[0].Protocol,
		"targetPort:", svc.Spec.Ports[0].TargetPort.String())
	fmt.Println("valid:", len(service.Validate(svc)) == 0)

	alloc, _ := service.NewAllocator(service.DefaultServiceCIDR,
		service.DefaultNodePortBase, service.DefaultNodePortSize, rand.New(rand.NewPCG(1, 2)))
	fmt.Println("kubernetes Service:", alloc.KubernetesServiceIP())

	svc.Spec.ClusterIP = "10.96.0.1"
	fmt.Println(alloc.Allocate(svc).ToAggregate())
	// Output:
	// type: ClusterIP protocol: TCP targetPort: 80
	// valid: true
	// kubernetes Service: 10.96.0.1
	// spec.clusterIPs[0]: Invalid value: "10.96.0.1": failed to allocate IP 10.96.0.1: provided IP is already allocated
}
