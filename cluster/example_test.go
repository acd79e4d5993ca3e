package cluster_test

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/pod"
)

// Build a chain of two stores, send head office a work order, let a minute
// of virtual time pass (at once), and read the pods as kubectl shows them.
func Example() {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	err = chain.Apply(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	chain.RunFor(time.Minute)
	_ = pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), true)
	// Output:
	// NAME   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// web    1/1     Running   0          60s   10.244.1.2   store-1   <none>           <none>
}

// Bad input is an error naming the field, never a panic.
func ExampleCluster_Apply_invalid() {
	chain, _ := cluster.New(cluster.Config{Seed: 1})
	err := chain.Apply(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web"}})
	fmt.Println(err)
	// Output:
	// pod "web" is invalid: spec.containers: Required value
}
