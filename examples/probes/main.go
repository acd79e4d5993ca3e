// Command probes narrates the store manager's two everyday checks side by
// side: the liveness probe ("are you still with us?"), whose failure gets
// an employee sent home and called back (the container is killed and
// restarted), and the readiness probe ("ready to serve customers?"), whose
// failure only takes the employee off the customer roster until it passes
// again.
//
// Run it with:
//
//	go run ./examples/probes
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// Two work orders. The first is the Kubernetes documentation's HTTP
// liveness pod, as published: agnhost's liveness server answers /healthz
// with 200 for its first 10 seconds and 500 after. The second keeps
// running, but takes its /tmp/ready file away from 20s to 35s.
const workOrders = `
apiVersion: v1
kind: Pod
metadata:
  labels:
    test: liveness
  name: liveness-http
spec:
  containers:
  - name: liveness
    image: registry.k8s.io/e2e-test-images/agnhost:2.40
    args:
    - liveness
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
        httpHeaders:
        - name: Custom-Header
          value: Awesome
      initialDelaySeconds: 3
      periodSeconds: 3
---
apiVersion: v1
kind: Pod
metadata:
  name: readiness-exec
spec:
  containers:
  - name: till
    image: busybox:1.36
    command: ["sh", "-c", "touch /tmp/ready; sleep 20; rm /tmp/ready; sleep 15; touch /tmp/ready; sleep 3600"]
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      periodSeconds: 5
`

func main() {
	story.Main(probes)
}

func probes() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(skipArrivals{narrator})

	fmt.Println("Two employees start work. (The lines about assigning them and fetching")
	fmt.Println("their manuals are left out: examples/first-shift tells them.)")
	fmt.Println("Watch who gets killed and restarted, and who is only taken off the roster.")
	fmt.Println()
	if _, err := story.Apply(chain, "probes.yaml", workOrders); err != nil {
		return err
	}
	chain.RunFor(25 * time.Second)
	story.Pods(chain, "At 25s: liveness-http failed its liveness probe three times in a row, was killed and restarted;"+
		"\nreadiness-exec has failed its readiness probe once, which changes nothing yet:", false)

	chain.RunFor(7 * time.Second)
	story.Pods(chain, "At 32s: the third readiness failure in a row made readiness-exec not Ready (0/1),"+
		"\nbut it is still Running, with no restart:", false)

	chain.RunFor(8 * time.Second)
	story.Pods(chain, "At 40s: readiness-exec is Ready again after one good answer; liveness-http, killed a second"+
		"\ntime, waits out a back-off before its next restart, like any container that keeps exiting:", false)

	fmt.Println("A liveness failure is answered by a restart; a readiness failure only by leaving the")
	fmt.Println("customer roster (the EndpointSlice), so no Service sends it customers meanwhile.")
	fmt.Println("Both count failures in a row: only the third (failureThreshold 3) acts.")
	fmt.Println()
	fmt.Println("What to try next: add `failureThreshold: 1` to readiness-exec's readinessProbe —" +
		" it leaves the roster at its first failure, at 20s, and the 25s table already shows 0/1.")
	return narrator.Err()
}

// skipArrivals passes records on to a narrator, leaving out the routine
// lines of a pod's arrival that examples/first-shift already tells.
type skipArrivals struct{ next sim.Observer }

// Observe passes r on unless it is routine.
func (s skipArrivals) Observe(r sim.Record) {
	switch r.Reason {
	case "Scheduled", "PhaseChanged", "Pulling", "Pulled", "Created":
		return
	}
	s.next.Observe(r)
}
