package proxy_test

import (
	"fmt"
	"math/rand/v2"
	"os"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/proxy"
)

// The desk of store "node-a" learns about the "returns" counter and its two
// employees, then sends three customers; the IPVS desk takes turns.
func Example() {
	svc := &corev1.Service{
		ObjectMeta: metav1.ObjectMeta{Name: "returns", Namespace: "default"},
		Spec: corev1.ServiceSpec{
			ClusterIP: "10.96.0.10",
			Ports:     []corev1.ServicePort{{Port: 80, Protocol: corev1.ProtocolTCP}},
		},
	}
	port, proto, name := int32(8080), corev1.ProtocolTCP, ""
	slice := &discoveryv1.EndpointSlice{
		ObjectMeta:  metav1.ObjectMeta{Name: "returns-x7k2p", Namespace: "default", Labels: map[string]string{discoveryv1.LabelServiceName: "returns"}},
		AddressType: discoveryv1.AddressTypeIPv4,
		Ports:       []discoveryv1.EndpointPort{{Name: &name, Port: &port, Protocol: &proto}},
		Endpoints:   []discoveryv1.Endpoint{{Addresses: []string{"10.244.1.5"}}, {Addresses: []string{"10.244.2.5"}}},
	}
	rules := proxy.Build(proxy.Config{Mode: proxy.ModeIPVS, NodeName: "node-a"},
		[]*corev1.Service{svc}, []*discoveryv1.EndpointSlice{slice})
	_ = rules.WriteIPVS(os.Stdout)

	var desk proxy.Dataplane
	desk.Program(rules, 0)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 3; i++ {
		d := desk.Route(proxy.Request{ClientIP: "10.244.3.9", DestIP: "10.96.0.10", Port: 80, FromPod: true}, rng, 0)
		fmt.Println(d.Outcome, d.Service, "->", d.Endpoint)
	}
	fmt.Println(desk.Route(proxy.Request{DestIP: "10.96.0.99", Port: 80}, rng, 0).Outcome)
	// Output:
	// IP Virtual Server version 1.2.1 (size=4096)
	// Prot LocalAddress:Port Scheduler Flags
	//   -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
	// TCP  10.96.0.10:80 rr
	//   -> 10.244.1.5:8080              Masq    1      0          0
	//   -> 10.244.2.5:8080              Masq    1      0          0
	// Forwarded default/returns -> 10.244.1.5:8080
	// Forwarded default/returns -> 10.244.2.5:8080
	// Forwarded default/returns -> 10.244.1.5:8080
	// NoRoute
}
