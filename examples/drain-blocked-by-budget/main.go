// Command drain-blocked-by-budget narrates a drain that a disruption
// budget holds back: three cashiers (a Deployment's pods) all work in
// store-1, and head office's minimum staffing rule (a PodDisruptionBudget
// with minAvailable 2) says never fewer than two on the floor. The closing
// crew (`kubectl drain store-1`) cordons the store and asks head office to
// send each cashier away (the eviction API). The first may go; the others
// are refused with 429 ("Cannot evict pod as it would violate the pod's
// disruption budget."), and the crew asks again every 5 seconds, until a
// replacement hired in store-2 is ready and the rule has a disruption to
// spare again.
//
// Run it with:
//
//	go run ./examples/drain-blocked-by-budget
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The cashiers and the rule, in the YAML a real cluster takes. A new
// cashier is ready 10 seconds after starting (its readiness probe's
// initial delay), so a replacement is not ready at once.
const objects = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cashier
spec:
  replicas: 3
  selector:
    matchLabels: {app: cashier}
  template:
    metadata:
      labels: {app: cashier}
    spec:
      containers:
      - name: till
        image: nginx:1.27
        readinessProbe:
          httpGet: {port: 80}
          initialDelaySeconds: 10
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: cashiers
spec:
  minAvailable: 2
  selector:
    matchLabels: {app: cashier}
`

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
	if err != nil {
		return err
	}
	// store-2 is still being fitted out when the cashiers are hired.
	if err := chain.Cordon("store-2", true); err != nil {
		return err
	}
	if _, err := story.Apply(chain, "cashier.yaml", objects); err != nil {
		return err
	}
	chain.RunFor(time.Minute)
	if err := chain.Cordon("store-2", false); err != nil {
		return err
	}

	fmt.Println("Three cashiers work in store-1; store-2 has just opened. The minimum")
	fmt.Println("staffing rule allows one cashier away at a time:")
	fmt.Println()
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("Head office closes store-1 for repairs: kubectl drain store-1.")
	fmt.Println()

	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		// The closing crew's lines, head office's answers, and each new
		// cashier turning ready.
		if r.Source.Component == cluster.DrainComponent || r.Reason == controller.EvictionGranted ||
			(r.Reason == "ReadyChanged" && r.Facts.To == "True") {
			narrator.Observe(r)
		}
	}))
	if err := chain.Drain("store-1", cluster.DrainOptions{}); err != nil {
		return err
	}
	chain.RunFor(time.Minute)
	fmt.Println()
	fmt.Println("store-1 is empty and cordoned; the three cashiers work in store-2:")
	fmt.Println()
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("The rule never let fewer than two cashiers serve: each refusal (429) came")
	fmt.Println("while two were on the floor, and the next cashier could go only once a")
	fmt.Println("replacement in store-2 was ready. A drain never deletes pods itself; it")
	fmt.Println("asks the eviction API, which checks the budget.")
	fmt.Println()
	fmt.Println("What to try next: set minAvailable to 3 — no cashier may ever go, and the")
	fmt.Println("drain asks every 5 seconds forever (kubectl drain --timeout ends it).")
	return narrator.Err()
}

// show prints the pods (kubectl get pods -o wide) and the budget
// (kubectl get pdb).
func show(chain *cluster.Cluster) error {
	if err := pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), true); err != nil {
		return err
	}
	fmt.Println()
	return kubectl.PrintPodDisruptionBudgets(os.Stdout, chain.PodDisruptionBudgets(), chain.Now().Wall())
}
