//lint:file-ignore SA1019 v1 Endpoints is mirrored on purpose

package endpointslicemirroring_test

import (
	"fmt"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/endpointslicemirroring"
)

// The counter "db" has no staffing rule: its owner pinned a one-page
// sheet naming a database outside the store, and a second one not ready
// yet. The copy clerk copies it onto the desk's roster form.
func ExampleDesired() {
	db := &corev1.Service{ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "default"}}
	sheet := &corev1.Endpoints{
		ObjectMeta: metav1.ObjectMeta{Name: "db", Namespace: "default"},
		Subsets: []corev1.EndpointSubset{{
			Addresses:         []corev1.EndpointAddress{{IP: "192.0.2.42"}},
			NotReadyAddresses: []corev1.EndpointAddress{{IP: "192.0.2.43"}},
			Ports:             []corev1.EndpointPort{{Name: "sql", Port: 5432, Protocol: corev1.ProtocolTCP}},
		}},
	}
	fmt.Println("mirrored:", endpointslicemirroring.Mirrors(db, sheet))
	slices, events := endpointslicemirroring.Desired(sheet)
	for _, s := range slices {
		fmt.Println(s.GenerateName, s.AddressType, s.Labels[discoveryv1.LabelManagedBy])
		for _, e := range s.Endpoints {
			fmt.Println(" ", e.Addresses[0], *s.Ports[0].Port, "ready:", *e.Conditions.Ready)
		}
	}
	fmt.Println("events:", len(events))
	// Output:
	// mirrored: true
	// db- IPv4 endpointslicemirroring-controller.k8s.io
	//   192.0.2.42 5432 ready: true
	//   192.0.2.43 5432 ready: false
	// events: 0
}
