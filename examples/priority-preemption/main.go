// Command priority-preemption narrates the staffing desk (the scheduler)
// making room for a more important employee by sending a less important
// one home: pod priority and preemption.
//
// The chain has one store with four cpus. Two stock clerks (a Deployment
// of low priority) take 1.5 cpus each. Then a pharmacist arrives, of high
// priority, asking for 2 cpus: there is no room. Rather than leave the
// pharmacist waiting, the desk picks the clerk that started last, writes
// the store in the pharmacist's status.nominatedNodeName, marks the clerk
// DisruptionTarget (PreemptionByScheduler) and sends them home with their
// grace period (a shell that sleeps ignores SIGTERM, so the clerk takes the
// whole 30 seconds). Once the clerk has gone the pharmacist is placed
// there, and the nomination, spent, is cleared.
// The staffing plan hires a replacement clerk, who now waits: a clerk may
// not send home an employee of the same or higher priority.
//
// The priorities are written as the Priority admission plugin leaves them
// (spec.priority beside spec.priorityClassName); nucleus does not simulate
// PriorityClass objects, and reads spec.priority as set.
//
// Run it with:
//
//	go run ./examples/priority-preemption
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The work orders. On a real cluster the two PriorityClasses named here
// exist with these values, and the admission plugin checks that
// spec.priority matches.
const clerks = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: stock-clerk
spec:
  replicas: 2
  selector:
    matchLabels:
      app: stock-clerk
  template:
    metadata:
      labels:
        app: stock-clerk
    spec:
      priorityClassName: low-priority
      priority: 1000
      containers:
      - name: shelves
        image: busybox:1.36
        command: ["sh", "-c", "echo stocking shelves; sleep 3600"]
        resources:
          requests:
            cpu: 1500m
`

const pharmacist = `
apiVersion: v1
kind: Pod
metadata:
  name: pharmacist
spec:
  priorityClassName: high-priority
  priority: 1000000
  containers:
  - name: counter
    image: nginx:1.27
    resources:
      requests:
        cpu: "2"
`

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"}}})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		switch r.Reason {
		case "Scheduled", "FailedScheduling", "Preempted", "Killing":
			narrator.Observe(r)
		}
	}))

	fmt.Println("Two stock clerks, 1.5 cpus each, in a store of four cpus:")
	fmt.Println()
	if _, err := story.Apply(chain, "clerks.yaml", clerks); err != nil {
		return err
	}
	chain.RunFor(20 * time.Second)
	fmt.Println()
	fmt.Println("The pharmacist arrives, asking for 2 cpus, with a higher priority:")
	fmt.Println()
	if _, err := story.Apply(chain, "pharmacist.yaml", pharmacist); err != nil {
		return err
	}
	chain.RunFor(time.Second)
	fmt.Println()
	fmt.Println("The pharmacist waits, nominated to store-1, while the clerk leaves:")
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), true); err != nil {
		return err
	}
	fmt.Println()
	chain.RunFor(40 * time.Second)
	fmt.Println()
	fmt.Println("The clerk's replacement waits: a clerk cannot send anyone home.")
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), true); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("What to try next: give the pharmacist preemptionPolicy: Never and watch")
	fmt.Println("them wait; or add a PodDisruptionBudget for the clerks with minAvailable: 2")
	fmt.Println("(a budget is a preference: with no other store, a clerk still goes).")
	return narrator.Err()
}
