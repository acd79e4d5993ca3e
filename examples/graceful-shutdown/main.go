// Command graceful-shutdown narrates two employees told to leave: head
// office deletes their pods, and the store manager (the kubelet) asks each
// job to stop with the image's stop signal, giving it the pod's
// terminationGracePeriodSeconds to wrap up before a SIGKILL. nginx stops
// cleanly at once on SIGQUIT; a busybox shell running as PID 1 has no
// handler for SIGTERM, so the signal is dropped and the job is killed when
// the grace period ends, with exit code 137.
//
// Run it with:
//
//	go run ./examples/graceful-shutdown
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

// Two work orders. web keeps the default grace period, 30s; clock asks
// for 10s.
const workOrders = `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: clock
spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: tick
    image: busybox:1.36
    command: ["sh", "-c", "sleep 3600"]
`

func main() {
	story.Main(gracefulShutdown)
}

func gracefulShutdown() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	board := &switchboard{}
	chain.Subscribe(board)

	fmt.Println("Head office sends two work orders: web (nginx) and clock (a busybox shell).")
	if _, err := story.Apply(chain, "shop.yaml", workOrders); err != nil {
		return err
	}
	chain.RunFor(20 * time.Second)
	show(chain, "Twenty seconds in, both are at work (their arrival is told in examples/first-shift):")

	fmt.Println("Head office deletes both pods (kubectl delete pod web clock).")
	fmt.Println("Watch which job stops when its stop signal arrives, and which waits for SIGKILL.")
	fmt.Println()
	board.current = narrator
	for _, name := range []string{"web", "clock"} {
		if err := chain.DeletePod("default", name, nil); err != nil {
			return err
		}
	}
	chain.RunFor(5 * time.Second)
	show(chain, "At 25s web is gone; clock is Terminating: its shell ignored SIGTERM and the 10s run on.")

	chain.RunFor(10 * time.Second)
	show(chain, "At 35s both are gone:")

	fmt.Println("Exit code 137 is 128 + 9: the job died of SIGKILL. A deleted pod's containers are")
	fmt.Println("never restarted, whatever the restartPolicy. Had clock kept the default, 30s, it")
	fmt.Println("would have held up its pod for 30 seconds: a shell as PID 1 hears SIGTERM only with a `trap`.")
	fmt.Println()
	fmt.Println("What to try next: set clock's terminationGracePeriodSeconds to 3 —" +
		" the shell is killed 3 seconds after the delete, at 00:00:23, still with exit code 137.")
	return narrator.Err()
}

// switchboard passes each record to the observer chosen at the moment, so
// that a story can stay quiet through a part it has told elsewhere.
type switchboard struct{ current sim.Observer }

// Observe hands r to the current observer, if any.
func (s *switchboard) Observe(r sim.Record) {
	if s.current != nil {
		s.current.Observe(r)
	}
}

// show prints a title and the pods as `kubectl get pods` would, between
// blank lines.
func show(chain *cluster.Cluster, title string) {
	fmt.Println()
	fmt.Println(title)
	fmt.Println()
	if pods := chain.Pods(); len(pods) > 0 {
		_ = pod.PrintTable(os.Stdout, pods, chain.Now().Wall(), false)
	} else {
		fmt.Println("No resources found in default namespace.")
	}
	fmt.Println()
}
