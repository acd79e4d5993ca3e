// Command job-failures narrates a Job whose workers keep failing: head
// office's temp agency (the Job controller) sends a temporary worker (a
// pod) to do a task once; the task fails, and with restartPolicy Never the
// worker is not called back, so the agency sends a new one, waiting
// longer after each failure (10s, 20s, 40s, ... capped at ten minutes).
// After backoffLimit retries it gives up: first the FailureTarget
// condition, then, once no worker is left on the floor, Failed, with the
// reason BackoffLimitExceeded.
//
// Run it with:
//
//	go run ./examples/job-failures
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The contract, in the YAML a real cluster takes: a backup that cannot
// reach its database and exits with code 1, retried at most three times.
const contract = `
apiVersion: batch/v1
kind: Job
metadata:
  name: backup
spec:
  backoffLimit: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: dump
        image: busybox:1.36
        command: ["sh", "-c", "echo connecting to db; sleep 2; echo db unreachable; exit 1"]
`

func main() {
	story.Main(run)
}

func run() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		// The temp agency's records, and how each worker's shift ends.
		if r.Source.Component == "job-controller" || (r.Reason == "PhaseChanged" && r.Facts.To == "Failed") {
			narrator.Observe(r)
		}
	}))

	fmt.Println("Head office signs a contract with its temp agency: back up the database,")
	fmt.Println("once, retrying at most three times. The database is down.")
	fmt.Println()
	if _, err := story.Apply(chain, "backup.yaml", contract); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	fmt.Println()
	fmt.Println("Thirty seconds in, the second worker has failed and the agency is waiting 20s:")
	fmt.Println()
	if err := kubectl.PrintJobs(os.Stdout, chain.Jobs(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	chain.RunFor(2 * time.Minute)
	fmt.Println()
	fmt.Println("The agency has given up. Every worker it sent is still on the books, Error:")
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	if err := kubectl.PrintJobs(os.Stdout, chain.Jobs(), chain.Now().Wall(), false); err != nil {
		return err
	}
	j := chain.Jobs()[0]
	fmt.Println()
	fmt.Println("status.conditions:")
	for _, c := range j.Status.Conditions {
		fmt.Printf("  %s=%s  reason %s: %q\n", c.Type, c.Status, c.Reason, c.Message)
	}
	fmt.Println()
	fmt.Println("backoffLimit 3 means three retries: four workers failed before the agency")
	fmt.Println("gave up. The waits between them were the Job controller's own back-off,")
	fmt.Println("not the store manager's CrashLoopBackOff: with restartPolicy Never nobody")
	fmt.Println("restarts a container; the agency sends a new worker instead.")
	fmt.Println()
	fmt.Println("What to try next: change restartPolicy to OnFailure — the store manager")
	fmt.Println("restarts the same worker in place (RESTARTS climbs, one pod only), and the")
	fmt.Println("agency gives up once the restarts reach backoffLimit.")
	return narrator.Err()
}
