// Command crash-loop narrates an employee who keeps walking out: a
// container that exits with an error five seconds after it starts, under
// the pod's default restartPolicy, Always. The store manager (the kubelet)
// calls it back at once the first time, then waits 10s, 20s, 40s, ...
// capped at five minutes: CrashLoopBackOff.
//
// Run it with:
//
//	go run ./examples/crash-loop
package main

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/sim"
)

// The work order, in the same YAML you would give a real cluster. There is
// no restartPolicy: head office fills in the default, Always.
const workOrder = `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: busybox:1.36
    command: ["sh", "-c", "sleep 5; exit 1"]
`

func main() {
	story.Main(crashLoop)
}

func crashLoop() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	board := &switchboard{current: narrator}
	chain.Subscribe(board)
	ledger := &callBacks{}
	chain.Subscribe(ledger)

	fmt.Println("Head office sends a work order: web, whose job walks out after five seconds.")
	fmt.Println("Watch the first two exits: the first is answered at once, the second with a BackOff.")
	fmt.Println()
	if _, err := story.Apply(chain, "web.yaml", workOrder); err != nil {
		return err
	}
	chain.RunFor(15 * time.Second)
	story.Pods(chain, "Fifteen seconds in, the manager is waiting before the next call-back:", false)
	lastState(chain)
	fmt.Println("On a real cluster STATUS may read Error for a moment after an exit, until the")
	fmt.Println("kubelet's next sync; nucleus reports the back-off in the same sync.")
	fmt.Println()
	fmt.Println("From here on, one line per restart: see how the wait after each exit doubles.")
	fmt.Println()
	board.current = nil
	ledger.loud = true
	chain.RunFor(35 * time.Second)
	story.Pods(chain, "At 50s the job is back at work; RESTARTS says how long ago it last walked out:", false)

	chain.RunUntil(sim.Time(6 * time.Minute))
	story.Pods(chain, "Six minutes in, RESTARTS counts every call-back and says when the last exit was:", false)

	chain.RunUntil(sim.Time(11 * time.Minute))
	fmt.Println()
	fmt.Println("The wait stops growing at five minutes (300s). It goes back to 10s only")
	fmt.Println("after the job has stayed up, with no new back-off, for ten minutes.")
	fmt.Println("The manager never hires a new employee: it is the same pod, restarted in place.")
	fmt.Println()
	fmt.Println("What to try next: add `restartPolicy: OnFailure` and change `exit 1` to `exit 0` —" +
		" the job ends cleanly once, is never called back, and the pod shows Completed with 0 restarts.")
	return narrator.Err()
}

// switchboard passes each record to the observer chosen at the moment, so
// that a story can change how much it tells as it goes.
type switchboard struct{ current sim.Observer }

// Observe hands r to the current observer.
func (s *switchboard) Observe(r sim.Record) {
	if s.current != nil {
		s.current.Observe(r)
	}
}

// callBacks follows the container's exits and starts; once loud, it
// prints one line per restart: when it came, and how long after the
// previous exit.
type callBacks struct {
	loud     bool
	exited   sim.Time
	restarts int
}

// Observe notes exits and counts (and, once loud, prints) each restart.
func (c *callBacks) Observe(r sim.Record) {
	switch r.Reason {
	case "ContainerExited":
		c.exited = r.Time
	case "Started":
		if c.exited == 0 {
			return // the first start is not a restart
		}
		c.restarts++
		if c.loud {
			fmt.Printf("%s store-1 restart %d: web starts job app again, %ds after it walked out at %s.\n",
				r.Time, c.restarts, int(r.Time.Sub(c.exited).Seconds()), c.exited)
		}
	}
}

// lastState prints the previous instance of the pod's first container as
// `kubectl describe pod` shows it under "Last State".
func lastState(chain *cluster.Cluster) {
	p, err := chain.Pod("default", "web")
	if err != nil || len(p.Status.ContainerStatuses) == 0 {
		return
	}
	st := p.Status.ContainerStatuses[0]
	if w := st.State.Waiting; w != nil {
		fmt.Printf("State:      Waiting (%s)\n", w.Reason)
	}
	if t := lastTerminated(st); t != nil {
		fmt.Printf("Last State: Terminated (%s, exit code %d)\n", t.Reason, t.ExitCode)
	}
	fmt.Println()
}

// lastTerminated returns how the previous instance of a container ended,
// or nil.
func lastTerminated(st corev1.ContainerStatus) *corev1.ContainerStateTerminated {
	return st.LastTerminationState.Terminated
}
