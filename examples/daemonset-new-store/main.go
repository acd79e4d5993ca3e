// Command daemonset-new-store narrates a DaemonSet on a chain that gains
// stores: head office's door rule (a DaemonSet) says one greeter at every
// store's door. Two stores have theirs; then store-3 opens and the
// DaemonSet controller hires its greeter at once, pinned to store-3 by
// name and placed by the scheduler. store-4 opens reserved for deliveries
// (a NoSchedule taint the greeter does not tolerate) and gets none.
//
// Run it with:
//
//	go run ./examples/daemonset-new-store
package main

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The door rule, in the YAML a real cluster takes.
const greeter = `
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: greeter
spec:
  selector:
    matchLabels: {app: greeter}
  template:
    metadata:
      labels: {app: greeter}
    spec:
      containers:
      - name: greeter
        image: nginx:1.27
        resources:
          requests: {cpu: 50m, memory: 32Mi}
`

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
	if err != nil {
		return err
	}
	if _, err := story.Apply(chain, "greeter.yaml", greeter); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	fmt.Println("Two stores, a greeter at each door:")
	fmt.Println()
	if err := show(chain); err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		// The door rule's hires, where the scheduler places them, and each
		// greeter turning ready.
		if r.Source.Component == controller.DaemonSetComponent ||
			(r.Object.Kind == "Pod" && (r.Reason == "Scheduled" || r.Reason == "Started")) {
			narrator.Observe(r)
		}
	}))
	fmt.Println()
	fmt.Println("00:00:30 -- store-3 opens (a node joins the cluster)")
	fmt.Println()
	if err := chain.AddStore(cluster.StoreConfig{Name: "store-3"}); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	fmt.Println()
	fmt.Println("00:01:00 -- store-4 opens, reserved for deliveries (taint dedicated=deliveries:NoSchedule)")
	fmt.Println()
	if err := chain.AddStore(cluster.StoreConfig{Name: "store-4",
		Taints: []corev1.Taint{{Key: "dedicated", Value: "deliveries", Effect: corev1.TaintEffectNoSchedule}}}); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	fmt.Println("(nothing: the greeter does not tolerate the taint)")
	fmt.Println()
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("Nobody asked for the third greeter: the controller watches the stores")
	fmt.Println("(nodes) as well as its own DaemonSet, and a new store that the template")
	fmt.Println("may work at gets its pod. DESIRED counts those stores, so it grew from 2")
	fmt.Println("to 3 and not to 4.")
	fmt.Println()
	fmt.Println("What to try next: give the greeter a toleration (key: dedicated,")
	fmt.Println("operator: Exists) and store-4 gets one too; or a nodeSelector, and only")
	fmt.Println("the stores with that label do.")
	return narrator.Err()
}

// show prints the set (kubectl get daemonsets) and its pods (kubectl get
// pods -o wide).
func show(chain *cluster.Cluster) error {
	if err := kubectl.PrintDaemonSets(os.Stdout, chain.DaemonSets(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	return pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), true)
}
