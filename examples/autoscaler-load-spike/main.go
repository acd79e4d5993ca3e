// Command autoscaler-load-spike narrates a HorizontalPodAutoscaler riding
// a load spike: head office's district manager (the autoscaler) watches
// the php-apache team of the HPA walkthrough. For five minutes a hundred
// customers a second come to its counter, each costing the employee who
// serves them 7 ms of CPU; the manager hires, every 15 seconds at most
// double the team (or four more), until each employee is about 50% busy
// against the 200m each asked for. When the rush is over it waits out the
// five-minute stabilization window before it lets them go.
//
// Run it with:
//
//	go run ./examples/autoscaler-load-spike
package main

import (
	_ "embed"
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// phpApache is the walkthrough's php-apache Deployment and Service, and
// an autoscaler in autoscaling/v2, in the YAML a real cluster takes
// (package cluster's tests run the same file).
//
//go:embed php-apache.yaml
var phpApache string

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"}, {Name: "store-2"}}})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Source.Component == "horizontal-pod-autoscaler" {
			narrator.Observe(r)
		}
	}))
	if _, err := story.Apply(chain, "php-apache.yaml", phpApache); err != nil {
		return err
	}
	show := func(what string) error {
		fmt.Printf("%s -- %s\n\n", chain.Now(), what)
		if err := kubectl.PrintHPAs(os.Stdout, chain.HPAs(), chain.Now().Wall()); err != nil {
			return err
		}
		fmt.Println()
		return nil
	}
	chain.RunUntil(sim.Time(time.Minute))
	if err := show("a quiet minute: one employee, idle"); err != nil {
		return err
	}
	if _, err := chain.SendCustomers(cluster.Customers{Service: "php-apache", Rate: 100, For: 5 * time.Minute}); err != nil {
		return err
	}
	fmt.Println("00:01:00 -- the rush: 100 customers a second for five minutes, 7 ms of CPU each")
	chain.RunUntil(sim.Time(4 * time.Minute))
	if err := show("the rush at its height"); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(6 * time.Minute))
	fmt.Println("00:06:00 -- the rush is over")
	chain.RunUntil(sim.Time(13 * time.Minute))
	if err := show("after the stabilization window"); err != nil {
		return err
	}
	fmt.Println("The manager hires at once but lets staff go only after the highest")
	fmt.Println("recommendation of the last five minutes says so, so a dip in the rush")
	fmt.Println("does not cost the team it will need again a minute later.")
	fmt.Println()
	fmt.Println("What to try next: add a behavior to the autoscaler (scaleDown:")
	fmt.Println("stabilizationWindowSeconds: 60, policies: [{type: Pods, value: 1,")
	fmt.Println("periodSeconds: 30}]) and watch the team shrink one employee at a time.")
	return narrator.Err()
}
