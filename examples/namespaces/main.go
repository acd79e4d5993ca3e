// Command namespaces narrates a namespace created, used and deleted with
// its contents: a namespace is a division of the chain, with its own
// orders, employees and counters under one name. Head office opens the
// bakery division (namespace bakery) with a Deployment, a Service and a
// ConfigMap; a pod for a division that does not exist is refused. Then
// head office closes the bakery: the namespace turns Terminating, refuses
// anything new, and the namespace controller empties it (owners first,
// employees with their notice period) before its name comes off the door.
// The greeter in the default division stays.
//
// Run it with:
//
//	go run ./examples/namespaces
package main

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The bakery division and its contents, and a greeter in the default
// namespace, in the YAML a real cluster takes.
const objects = `
apiVersion: v1
kind: Namespace
metadata:
  name: bakery
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bread
  namespace: bakery
spec:
  replicas: 2
  selector:
    matchLabels: {app: bread}
  template:
    metadata:
      labels: {app: bread}
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: oven
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: bread
  namespace: bakery
spec:
  selector: {app: bread}
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: prices
  namespace: bakery
data:
  loaf: "3.20"
---
apiVersion: v1
kind: Pod
metadata:
  name: greeter
spec:
  containers:
  - name: greeter
    image: nginx:1.27
`

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	if err != nil {
		return err
	}
	if _, err := story.Apply(chain, "bakery.yaml", objects); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	fmt.Println("Head office opened the bakery division (kubectl get namespaces):")
	fmt.Println()
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("A pod for the pastry division, which does not exist:")
	refuse(chain, "pastry")
	fmt.Println()
	fmt.Println("00:00:30 -- kubectl delete namespace bakery")
	fmt.Println()
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		// The division's employees leaving, and the division closing.
		if r.Source.Component == controller.NamespaceComponent ||
			(r.Object.Namespace == "bakery" && r.Object.Kind == "Pod" && r.Reason == "Killing") {
			narrator.Observe(r)
		}
	}))
	if err := chain.DeleteNamespace("bakery"); err != nil {
		return err
	}
	fmt.Println("The namespace is Terminating; a new pod for it is refused:")
	refuse(chain, "bakery")
	fmt.Println()
	if err := kubectl.PrintNamespaces(os.Stdout, chain.Namespaces(), chain.Now().Wall()); err != nil {
		return err
	}
	fmt.Println()
	chain.RunFor(30 * time.Second)
	fmt.Println()
	fmt.Println("The bakery is gone, with everything in it; the greeter stays:")
	fmt.Println()
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("Deleting a namespace deletes what is in it: the Deployment and its")
	fmt.Println("ReplicaSet first, so nobody hires replacements, then the Service, the")
	fmt.Println("ConfigMap and the pods, each pod with its grace period (10s here). The")
	fmt.Println("namespace itself goes last, once nothing is left in it.")
	fmt.Println()
	fmt.Println("What to try next: delete the namespace default instead; it is refused,")
	fmt.Println("since the system namespaces may not be deleted.")
	return narrator.Err()
}

// refuse tries to create a pod in namespace and prints the API server's
// answer as kubectl does.
func refuse(chain *cluster.Cluster, namespace string) {
	err := chain.Apply(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "croissant", Namespace: namespace},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "oven", Image: "nginx:1.27"}}}})
	fmt.Printf("Error from server (%s): %v\n", apierrors.ReasonForError(err), err)
}

// show prints the namespaces (kubectl get namespaces) and the pods of
// each of the two divisions (kubectl get pods -n bakery, kubectl get pods).
func show(chain *cluster.Cluster) error {
	if err := kubectl.PrintNamespaces(os.Stdout, chain.Namespaces(), chain.Now().Wall()); err != nil {
		return err
	}
	for _, ns := range []string{"bakery", "default"} {
		fmt.Printf("\n$ kubectl get pods -n %s\n", ns)
		var pods []*corev1.Pod
		for _, p := range chain.Pods() {
			if p.Namespace == ns {
				pods = append(pods, p)
			}
		}
		if len(pods) == 0 {
			fmt.Printf("No resources found in %s namespace.\n", ns)
			continue
		}
		if err := pod.PrintTable(os.Stdout, pods, chain.Now().Wall(), false); err != nil {
			return err
		}
	}
	return nil
}
