// Command first-shift narrates one employee's first shift: one pod's whole
// life on one store, told twice, in Kubernetes' words and as a story.
//
// Run it with:
//
//	go run ./examples/first-shift
//
// What to try next: change "sleep 20" to "sleep 20; exit 3" and run it
// again: the container ends with exit code 3, the pod's phase becomes
// Failed instead of Succeeded, and kubectl would show STATUS Error.
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
)

// The work order, in the same YAML you would give a real cluster.
const workOrder = `
apiVersion: v1
kind: Pod
metadata:
  name: cashier
spec:
  restartPolicy: Never
  containers:
  - name: till
    image: busybox:1.36
    command: ["sh", "-c", "echo Good morning; sleep 20; echo Shift over"]
`

func main() {
	story.Main(firstShift)
}

func firstShift() error {
	// One store, seed 1: every run tells the same story.
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(narrator)

	fmt.Println("Head office sends a work order: one cashier for store-1.")
	fmt.Println()
	if _, err := story.Apply(chain, "cashier.yaml", workOrder); err != nil {
		return err
	}
	chain.RunFor(10 * time.Second)
	story.Pods(chain, "Ten seconds in, `kubectl get pods` shows:", false)

	chain.RunFor(50 * time.Second)
	story.Pods(chain, "A minute in, the shift is over:", false)

	fmt.Println("Head office deletes the finished pod.")
	fmt.Println()
	if err := chain.DeletePod("default", "cashier", nil); err != nil {
		return err
	}
	chain.RunFor(time.Second)
	return narrator.Err()
}
