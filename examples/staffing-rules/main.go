// Command staffing-rules narrates two of the staffing desk's (the
// scheduler's) rules that go beyond "is there room?".
//
// First, a topology spread constraint: the chain has four stores in two
// districts (zones), three stores in district a and one in district b.
// Head office wants six cashiers spread evenly over the districts, never
// more than one apart (maxSkew 1 over topology.kubernetes.io/zone). Left to
// itself the desk would fill the emptiest stores, one or two cashiers each;
// with the constraint, district b's only store takes half of them.
//
// Second, scheduling gates: an auditor is hired with two sign-offs still
// missing (spec.schedulingGates). Head office keeps the auditor waiting,
// STATUS SchedulingGated, and the desk does not even try to place them
// until the last sign-off is removed.
//
// Run it with:
//
//	go run ./examples/staffing-rules
package main

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The work orders, in the YAML a real cluster takes.
const orders = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cashier
spec:
  replicas: 6
  selector:
    matchLabels:
      app: cashier
  template:
    metadata:
      labels:
        app: cashier
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: topology.kubernetes.io/zone
        whenUnsatisfiable: DoNotSchedule
        labelSelector:
          matchLabels:
            app: cashier
      containers:
      - name: till
        image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: auditor
spec:
  schedulingGates:
  - name: example.com/background-check
  - name: example.com/budget
  containers:
  - name: audit
    image: busybox:1.36
    command: ["sh", "-c", "echo checking the books; sleep 3600"]
`

func main() {
	story.Main(run)
}

func store(name, zone string) cluster.StoreConfig {
	return cluster.StoreConfig{Name: name, Labels: map[string]string{corev1.LabelTopologyZone: zone}}
}

func run() error {
	docs, _, err := manifest.NewDecoder().Decode("orders.yaml", []byte(orders))
	if err != nil {
		return err
	}
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{
		store("store-1", "a"), store("store-2", "a"), store("store-3", "a"), store("store-4", "b"),
	}})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		// Only the staffing desk's decisions.
		if r.Reason == "Scheduled" || r.Reason == "FailedScheduling" {
			narrator.Observe(r)
		}
	}))

	fmt.Println("Six cashiers, spread over two districts: stores 1-3 are in district a,")
	fmt.Println("store 4 alone in district b.")
	fmt.Println()
	if err := chain.Apply(docs[0].Object, docs[1].Object); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	fmt.Println()
	fmt.Println("District b's one store took three cashiers, district a's three stores the")
	fmt.Println("other three. The auditor waits for two sign-offs, not for room:")
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), true); err != nil {
		return err
	}
	auditor, err := chain.Pod("default", "auditor")
	if err != nil {
		return err
	}
	for _, c := range auditor.Status.Conditions {
		fmt.Printf("\nauditor: %s=%s reason %s: %q\n", c.Type, c.Status, c.Reason, c.Message)
	}
	fmt.Println()
	fmt.Println("A sign-off can only be removed; an update that adds one is refused:")
	added := auditor.DeepCopy()
	added.Spec.SchedulingGates = append(added.Spec.SchedulingGates, corev1.PodSchedulingGate{Name: "example.com/late"})
	fmt.Println(chain.Update(added))
	fmt.Println()
	fmt.Println("The background check comes back; one sign-off is left, and the auditor")
	fmt.Println("still waits. Then the budget is approved and the last gate removed:")
	fmt.Println()
	for _, gates := range [][]corev1.PodSchedulingGate{auditor.Spec.SchedulingGates[1:], nil} {
		next := auditor.DeepCopy()
		next.Spec.SchedulingGates = gates
		if err := chain.Update(next); err != nil {
			return err
		}
		chain.RunFor(10 * time.Second)
	}
	fmt.Println()
	fmt.Println("What to try next: set maxSkew to 3 and watch district a take more; or")
	fmt.Println("change whenUnsatisfiable to ScheduleAnyway and add a seventh cashier.")
	return narrator.Err()
}
