package apiserver_test

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// A store manager watches the ledger. Head office writes a work order; the
// store hears of it only when the loop delivers the watch event, one second
// later here. The ledger starts with the four system namespaces, written
// as versions 1 to 4.
func Example() {
	loop := sim.New(1)
	ledger := apiserver.New(loop)
	ledger.Pods.Watch(time.Second, false, func(ev apiserver.WatchEvent[*corev1.Pod]) {
		fmt.Println(loop.Now(), ev.Type, ev.Object.Name, "resourceVersion", ev.Object.ResourceVersion)
	})
	_, _ = ledger.Pods.Create(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default"}})
	loop.RunFor(5 * time.Second)
	// Output:
	// 00:00:01 ADDED web resourceVersion 5
}
