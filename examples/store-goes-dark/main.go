// Command store-goes-dark narrates what head office (the control plane)
// does when a store (a node) stops calling in. Three stores share a
// Deployment of six nginx employees (pods). store-2 loses its power: its
// store manager (the kubelet) falls silent, so it no longer renews its
// Lease. After the 50 s grace period head office marks the store's
// conditions Unknown and taints it unreachable; every pod tolerates that
// taint for 300 s, so about 5m50s after the last call head office lets
// store-2's employees go, and the staffing plan (the ReplicaSet
// controller) hires replacements on the stores that are up. The old pods
// stay Terminating until store-2's manager is back to confirm they are
// gone.
//
// Run it with:
//
//	go run ./examples/store-goes-dark
package main

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// The staffing plan, in the YAML a real cluster takes. The two
// tolerations are the ones head office's DefaultTolerationSeconds
// admission plugin gives every pod that names none; they are written out
// here so that you can see (and change) them.
const plan = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 6
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
      tolerations:
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 300
      - key: node.kubernetes.io/unreachable
        operator: Exists
        effect: NoExecute
        tolerationSeconds: 300
`

func main() {
	story.Main(storeGoesDark)
}

func storeGoesDark() error {
	chain, err := openChain()
	if err != nil {
		return err
	}
	chain.RunFor(time.Minute)
	story.Pods(chain, "One minute in, the staffing desk has spread six employees over three stores (kubectl get pods -o wide):", true)

	fmt.Println("Now store-2 loses its power. From here on, only head office's side of the")
	fmt.Println("story is told, in Kubernetes' words and then in the store's voice.")
	fmt.Println()
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(headOfficeNews{next: narrator})
	if err := chain.PowerOff("store-2"); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(2 * time.Minute))
	fmt.Println()
	fmt.Println("At 2m (kubectl get nodes): a node whose Ready condition is Unknown reads NotReady.")
	fmt.Println()
	if err := kubectl.PrintNodes(os.Stdout, chain.Nodes(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	silence(chain, "store-2")
	fmt.Println("Nothing else happens for five minutes: every pod tolerates the unreachable")
	fmt.Println("taint for 300s, in case the store is only briefly out of touch.")
	fmt.Println()
	chain.RunUntil(sim.Time(7 * time.Minute))
	story.Pods(chain, "At 7m, six employees work on store-1 and store-3; store-2's two wait, Terminating:", true)

	fmt.Println("Head office cannot finish a graceful delete alone: the store manager must")
	fmt.Println("confirm the containers are gone. Now store-2's power comes back.")
	fmt.Println()
	if err := chain.PowerOn("store-2"); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(8 * time.Minute))
	story.Pods(chain, "At 8m the old pods are gone, and the replacements stay where they are:", true)
	fmt.Println("Nobody moved the old employees: head office let them go and the staffing")
	fmt.Println("plan hired new ones, with new names. Pods are never rescheduled.")
	fmt.Println()
	fmt.Println("What to try next: change both `tolerationSeconds: 300` to `30` —" +
		" head office lets store-2's employees go at 00:02:25 instead of 00:06:55, and replacements are hired at once.")
	return narrator.Err()
}

// openChain builds three stores and applies the staffing plan.
func openChain() (*cluster.Cluster, error) {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{
		{Name: "store-1"}, {Name: "store-2"}, {Name: "store-3"}}})
	if err != nil {
		return nil, err
	}
	if _, err := story.Apply(chain, "web.yaml", plan); err != nil {
		return nil, err
	}
	return chain, nil
}

// headOfficeNews passes on the records of head office's side: the power
// cut and its end, the store's silence, the evictions, the new hires and
// where they go, and the confirmed deletions.
type headOfficeNews struct{ next sim.Observer }

// Observe passes r on if it belongs to the story.
func (h headOfficeNews) Observe(r sim.Record) {
	switch r.Reason {
	case "PowerOff", "PowerOn", "NodeNotReady", "TaintManagerEviction", "SuccessfulCreate", "Scheduled", "Deleted":
		h.next.Observe(r)
	}
}

// silence prints what head office wrote on a silent store: its taints
// and its Ready condition, as `kubectl describe node` shows them.
func silence(chain *cluster.Cluster, name string) {
	for _, n := range chain.Nodes() {
		if n.Name != name {
			continue
		}
		for _, t := range n.Spec.Taints {
			fmt.Printf("Taints:   %s:%s\n", t.Key, t.Effect)
		}
		for _, c := range n.Status.Conditions {
			if c.Type == corev1.NodeReady {
				fmt.Printf("Ready:    %s   %s   %s\n", c.Status, c.Reason, c.Message)
			}
		}
	}
	fmt.Println()
}
