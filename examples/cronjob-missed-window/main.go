// Command cronjob-missed-window narrates a CronJob across a missed window:
// head office's shift roster (the CronJob controller) sends a report shift
// every two minutes. The roster is put away (suspend: true) from 00:03 to
// 00:11:30, and four shifts go by. When it comes back, the controller
// does not run the four it missed: it counts them as the real controller
// does and starts only the most recent, if that is still within
// startingDeadlineSeconds. The story runs twice: without a starting
// deadline (the 00:10 shift starts 90 seconds late), and with a 60-second
// one (the controller looks back only 60 seconds, does not see 00:10 at
// all, and waits for 00:12).
//
// Run it with:
//
//	go run ./examples/cronjob-missed-window
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	batchv1 "k8s.io/api/batch/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// The roster line, in the YAML a real cluster takes. DEADLINE is replaced
// by a startingDeadlineSeconds line, or by nothing.
const roster = `
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "*/2 * * * *"
DEADLINE  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: report
            image: busybox:1.36
            command: ["sh", "-c", "echo counting the till; sleep 20"]
`

func main() {
	for _, deadline := range []string{"", "  startingDeadlineSeconds: 60\n"} {
		if err := run(deadline); err != nil {
			fmt.Fprintln(os.Stderr, "error:", err)
			os.Exit(1)
		}
	}
	fmt.Println("The controller counts missed times from the last scheduled one (or its")
	fmt.Println("creation), fits the interval between two times into the gap, and starts at")
	fmt.Println("most one Job: the most recent missed time, unless it is older than")
	fmt.Println("startingDeadlineSeconds. Over a hundred missed times, it warns TooManyMissedTimes.")
	fmt.Println()
	fmt.Println("What to try next: set `concurrencyPolicy: Forbid` and make the report sleep")
	fmt.Println("150s — a time that comes while the last shift still works is skipped")
	fmt.Println("(JobAlreadyActive), and started late when the shift ends.")
}

func run(deadline string) error {
	docs, _, err := manifest.NewDecoder().Decode("report.yaml", []byte(strings.Replace(roster, "DEADLINE", deadline, 1)))
	if err != nil {
		return err
	}
	cj := docs[0].Object.(*batchv1.CronJob)
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Source.Component == "cronjob-controller" {
			narrator.Observe(r)
		}
	}))
	if deadline == "" {
		fmt.Println("First, without startingDeadlineSeconds:")
	} else {
		fmt.Println("Then, with startingDeadlineSeconds: 60:")
	}
	fmt.Println()
	if err := chain.Apply(cj); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(3 * time.Minute))
	fmt.Println("00:03:00 -- the roster is put away: kubectl patch cronjob report -p '{\"spec\":{\"suspend\":true}}'")
	if err := setSuspend(chain, cj, true); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(11*time.Minute + 30*time.Second))
	fmt.Println("00:11:30 -- and brought back: suspend false. 00:04, 00:06, 00:08 and 00:10 went by.")
	if err := setSuspend(chain, cj, false); err != nil {
		return err
	}
	chain.RunUntil(sim.Time(13 * time.Minute))
	if deadline == "" {
		fmt.Println("Only 00:10, the most recent missed time, ran, 90 seconds late; 00:04 to 00:08 never will.")
	} else {
		fmt.Println("00:10 is 90 seconds old, beyond the 60-second deadline: the controller looks back")
		fmt.Println("only 60 seconds, finds no missed time, and waits for 00:12.")
	}
	fmt.Println()
	if err := kubectl.PrintCronJobs(os.Stdout, chain.CronJobs(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	if err := kubectl.PrintJobs(os.Stdout, chain.Jobs(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	return narrator.Err()
}

// setSuspend applies the roster again with spec.suspend set, as kubectl
// patch would.
func setSuspend(chain *cluster.Cluster, cj *batchv1.CronJob, suspend bool) error {
	next := cj.DeepCopy()
	next.Spec.Suspend = &suspend
	return chain.Apply(next)
}
