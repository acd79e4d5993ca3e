// Command replicationcontroller narrates the documentation's
// ReplicationController, the old staffing order: head office's standing
// order for three nginx employees, kept from before the chain's staffing
// plans had rollouts. The replication manager (the ReplicaSet controller
// run over ReplicationControllers) hires the three; an employee dismissed
// by hand is replaced at once; `kubectl scale rc` shrinks the order to
// one; `kubectl delete rc` closes it and lets its employees go.
//
// Run it with:
//
//	go run ./examples/replicationcontroller
package main

import (
	_ "embed"
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// replication is content/en/examples/controllers/replication.yaml of the
// Kubernetes documentation (the ReplicationController page applies it;
// package cluster's tests run the same file).
//
//go:embed replication.yaml
var replication string

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	log := events.NewLog()
	chain.Subscribe(log)
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Source.Component == "replication-controller" || r.Source.Component == "scenario" {
			narrator.Observe(r)
		}
	}))
	if _, err := story.Apply(chain, "replication.yaml", replication); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(20 * time.Second))
	fmt.Println("\n00:00:20 -- kubectl describe replicationcontrollers/nginx")
	rc := chain.ReplicationControllers()[0]
	if err := kubectl.DescribeReplicationController(os.Stdout, rc, chain.Pods(), log.For("ReplicationController", "default", "nginx"), chain.Now().Wall()); err != nil {
		return err
	}
	first := chain.Pods()[0].Name
	fmt.Printf("\n00:00:20 -- kubectl delete pod %s: the order hires a replacement\n", first)
	if err := chain.DeletePod("default", first, nil); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(60 * time.Second))
	fmt.Println("\n00:01:00 -- kubectl scale rc nginx --replicas=1")
	if err := chain.ScaleReplicationController("default", "nginx", 1); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(90 * time.Second))
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println("00:01:30 -- kubectl delete rc nginx: its employees go with it")
	if err := chain.DeleteReplicationController("default", "nginx"); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(2 * time.Minute))
	if err := show(chain); err != nil {
		return err
	}
	fmt.Println("What to try next: `kubectl rolling-update` is gone (removed in kubectl 1.18);")
	fmt.Println("to change the template of running employees, use a Deployment (see")
	fmt.Println("examples/rollout), or run a second ReplicationController and scale one up")
	fmt.Println("while the other goes down, as the page's \"Rolling updates\" describes.")
	return narrator.Err()
}

// show prints what kubectl get rc and pods print now.
func show(chain *cluster.Cluster) error {
	now := chain.Now().Wall()
	fmt.Println()
	if len(chain.Pods()) == 0 && len(chain.ReplicationControllers()) == 0 {
		fmt.Print("No resources found in default namespace.\n\n")
		return nil
	}
	if err := kubectl.PrintReplicationControllers(os.Stdout, chain.ReplicationControllers(), now, false); err != nil {
		return err
	}
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), now, false); err != nil {
		return err
	}
	fmt.Println()
	return nil
}
