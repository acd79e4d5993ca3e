// Command rollout narrates a rolling update behind a counter (a Service)
// while customers keep coming. The shop's program takes ten seconds after
// it starts before it answers anyone. Head office's staffing plan (the
// Deployment controller) replaces the three employees (pods) one at a
// time, letting an old one go as soon as a new one is "available".
//
// Without a readiness probe, a new employee counts as ready the moment its
// job starts, so the customer service desk (kube-proxy) sends customers to
// it ten seconds too early, and the staffing plan lets an old employee go
// too early: customers are refused. With a readiness probe, a new employee
// is ready only once it answers, the desk waits for it, and so does the
// staffing plan: nobody is refused.
//
// Run it with:
//
//	go run ./examples/rollout
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// The counter and the staffing plan, in the YAML a real cluster takes.
// The image is made up, and registered below with a scripted behaviour.
// READINESS is replaced by a readiness probe, or by nothing.
const objects = `
apiVersion: v1
kind: Service
metadata:
  name: shop
spec:
  selector:
    app: shop
  ports:
  - port: 80
    targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 3
  selector:
    matchLabels:
      app: shop
  template:
    metadata:
      labels:
        app: shop
    spec:
      containers:
      - name: web
        image: example.com/shop/web:1.0
        ports:
        - containerPort: 8080
READINESS`

// readinessProbe is the check the second rollout adds to the template.
const readinessProbe = `        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
          periodSeconds: 2
`

// catalog returns the warehouse: every version of the shop's program
// opens port 8080 ten seconds after it starts, then answers / and /ready
// with 200.
func catalog() (*runtime.Catalog, error) {
	c := runtime.NewCatalog()
	err := c.Register("example.com/shop/web", 5_000_000, runtime.Behaviour{
		StartupTime: 10 * time.Second,
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: []runtime.PathBehaviour{
			{Path: "/", Status: 200, Body: "welcome"}, {Path: "/ready", Status: 200}}}},
	})
	return c, err
}

func main() {
	story.Main(rollout)
}

func rollout() error {
	fmt.Println("Three employees behind the counter shop; their program needs 10s after it")
	fmt.Println("starts before it answers. After a quiet minute, 20 customers a second for")
	fmt.Println("a minute, and at the same moment: kubectl set image deployment/shop web=example.com/shop/web:2.0")
	fmt.Println()
	fmt.Println("First, without a readiness probe:")
	fmt.Println()
	without, err := roll("")
	if err != nil {
		return err
	}
	fmt.Println("Then, with a readiness probe on /ready every 2s:")
	fmt.Println()
	with, err := roll(readinessProbe)
	if err != nil {
		return err
	}
	fmt.Println("The customers of both rollouts:")
	fmt.Println()
	fmt.Printf("  %-24s %8s %7s %8s\n", "", "arrived", "served", "refused")
	fmt.Printf("  %-24s %8d %7d %8d\n", "without readiness probe", without.Total(), without.Served, without.Refused)
	fmt.Printf("  %-24s %8d %7d %8d\n", "with readiness probe", with.Total(), with.Served, with.Refused)
	fmt.Println()
	fmt.Println("Without the probe, Kubernetes believes a job is ready the moment it starts:")
	fmt.Println("the desk sends customers to a new employee who cannot answer yet, and the")
	fmt.Println("staffing plan lets the old employees go before the new ones can serve.")
	fmt.Println()
	fmt.Println("What to try next: add `minReadySeconds: 10` under the Deployment's spec —" +
		" the staffing plan waits 10s before letting each old employee go, but without a probe the desk still sends customers too early:" +
		" the first rollout still refuses some.")
	return nil
}

// roll opens a chain whose template carries probe (or nothing), lets a
// quiet minute pass, then rolls out version 2.0 while customers come, and
// returns their tally.
func roll(probe string) (cluster.Tally, error) {
	chain, err := openChain(strings.Replace(objects, "READINESS", probe, 1))
	if err != nil {
		return cluster.Tally{}, err
	}
	chain.RunFor(time.Minute)
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(planNews{next: narrator})
	traffic, err := chain.SendCustomers(cluster.Customers{Service: "shop", Rate: 20, For: time.Minute})
	if err != nil {
		return cluster.Tally{}, err
	}
	if err := chain.SetImage("default", "shop", "web", "example.com/shop/web:2.0"); err != nil {
		return cluster.Tally{}, err
	}
	chain.RunFor(time.Minute + 5*time.Second)
	fmt.Println()
	if err := kubectl.PrintReplicaSets(os.Stdout, chain.ReplicaSets(), chain.Now().Wall(), false); err != nil {
		return cluster.Tally{}, err
	}
	fmt.Println()
	return traffic.Tally, narrator.Err()
}

// openChain builds a one-store chain with the shop's catalog and applies
// the objects.
func openChain(text string) (*cluster.Cluster, error) {
	cat, err := catalog()
	if err != nil {
		return nil, err
	}
	chain, err := cluster.New(cluster.Config{Seed: 1, Catalog: cat})
	if err != nil {
		return nil, err
	}
	if _, err := story.Apply(chain, "shop.yaml", text); err != nil {
		return nil, err
	}
	return chain, nil
}

// planNews passes on the staffing plan's steps: each resize of a
// ReplicaSet during the rollout.
type planNews struct{ next sim.Observer }

// Observe passes r on if it is a step of the rollout.
func (p planNews) Observe(r sim.Record) {
	if r.Reason == "ScalingReplicaSet" {
		p.next.Observe(r)
	}
}
