// Command startup-probe narrates two slow new hires: both take 40 seconds
// before they answer at all. One has a startup probe, the store manager's
// grace for a new hire, that holds the liveness probe off until it first
// passes; the other has only a liveness probe, which gives up on it before
// it is ready and has it killed, again and again.
//
// Run it with:
//
//	go run ./examples/startup-probe
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// slowImage is a made-up image, registered below with a scripted
// behaviour: its program opens port 8080 only 40 seconds after it starts,
// then answers /healthz with 200. On SIGTERM it exits
// at once, with 0, as a well-behaved server does.
const slowImage = "example.com/shop/slow-starter"

// Two work orders for the same slow starter. The startup probe allows up
// to failureThreshold × periodSeconds = 30 × 2s = 60s to start.
const workOrders = `
apiVersion: v1
kind: Pod
metadata:
  name: with-startup
spec:
  containers:
  - name: app
    image: example.com/shop/slow-starter:1.0
    startupProbe:
      httpGet:
        path: /healthz
        port: 8080
      failureThreshold: 30
      periodSeconds: 2
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
---
apiVersion: v1
kind: Pod
metadata:
  name: without-startup
spec:
  containers:
  - name: app
    image: example.com/shop/slow-starter:1.0
    livenessProbe:
      httpGet:
        path: /healthz
        port: 8080
`

func main() {
	story.Main(startupProbe)
}

func startupProbe() error {
	catalog := runtime.NewCatalog()
	err := catalog.Register(slowImage, 20_000_000, runtime.Behaviour{
		StartupTime: 40 * time.Second,
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: []runtime.PathBehaviour{
			{Path: "/healthz", Status: 200},
		}}},
		OnSIGTERM: runtime.SignalBehaviour{Exit: true},
	})
	if err != nil {
		return err
	}
	chain, err := cluster.New(cluster.Config{Seed: 1, Catalog: catalog})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	quiet := &quietStartup{next: skipArrivals{narrator}}
	chain.Subscribe(quiet)

	fmt.Println("Two employees start the same slow job: it answers nothing for its first 40 seconds.")
	fmt.Println("(Arrival lines are left out, and of the startup probe's failures only the first is told.)")
	fmt.Println()
	if _, err := story.Apply(chain, "slow.yaml", workOrders); err != nil {
		return err
	}
	chain.RunFor(35 * time.Second)
	story.Pods(chain, "At 35s, neither answers yet. without-startup failed its liveness probe three times and"+
		"\nwas restarted; with-startup's liveness probe has not run at all:", false)
	fmt.Printf("(with-startup's startup probe has failed %d times so far; it may fail 30 times in a row.)\n\n", quiet.skipped+1)

	chain.RunFor(25 * time.Second)
	story.Pods(chain, "At 60s, with-startup passed its startup probe and is Ready; without-startup is killed"+
		"\nagain, and now waits out a back-off:", false)

	fmt.Println("without-startup will never get to 40 seconds: each life ends at the third liveness")
	fmt.Println("failure, 30s in, and the waits between lives grow to five minutes. Note too that it")
	fmt.Println("showed 1/1 while answering nothing: with no readiness probe, started means Ready.")
	fmt.Println()
	fmt.Println("What to try next: add `initialDelaySeconds: 45` to without-startup's livenessProbe —" +
		" its first liveness check comes after it is up, so it is never killed and shows 1/1 with 0 restarts.")
	return narrator.Err()
}

// quietStartup passes records on, except startup probe failures after the
// first, which it only counts.
type quietStartup struct {
	next    sim.Observer
	told    bool
	skipped int
}

// Observe passes r on, or counts it.
func (q *quietStartup) Observe(r sim.Record) {
	if r.Reason == "Unhealthy" && strings.HasPrefix(r.Message, "Startup probe failed") {
		if q.told {
			q.skipped++
			return
		}
		q.told = true
	}
	q.next.Observe(r)
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
