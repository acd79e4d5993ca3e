// Command init-and-sidecar narrates the two kinds of init container. First
// the Kubernetes documentation's init containers pod: its onboarding
// paperwork (two init containers, run in order) waits until head office
// has opened the counters myservice and mydb, and only then does the
// employee start the real job. Then a pod with a sidecar: an assistant (an
// init container with restartPolicy Always) who starts first and keeps
// working beside the employee for the whole shift.
//
// Run it with:
//
//	go run ./examples/init-and-sidecar
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

// The documentation's init containers pod, as published.
const initPod = `
apiVersion: v1
kind: Pod
metadata:
  name: myapp-pod
  labels:
    app.kubernetes.io/name: MyApp
spec:
  containers:
  - name: myapp-container
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
  initContainers:
  - name: init-myservice
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done"]
  - name: init-mydb
    image: busybox:1.28
    command: ['sh', '-c', "until nslookup mydb.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for mydb; sleep 2; done"]
`

// The two Services the init containers wait for, as the documentation
// gives them.
const myService = `
apiVersion: v1
kind: Service
metadata:
  name: myservice
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9376
`

const myDB = `
apiVersion: v1
kind: Service
metadata:
  name: mydb
spec:
  ports:
  - protocol: TCP
    port: 80
    targetPort: 9377
`

// A web server with a log shipper beside it: an init container with
// restartPolicy Always is a sidecar.
const sidecarPod = `
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: log-shipper
    image: busybox:1.36
    restartPolicy: Always
    command: ["sh", "-c", "trap 'exit 0' TERM; while true; do sleep 5; done"]
  containers:
  - name: nginx
    image: nginx:1.27
`

func main() {
	story.Main(initAndSidecar)
}

func initAndSidecar() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(skipRoutine{narrator})

	fmt.Println("Head office sends myapp-pod, whose paperwork waits for two counters that do not exist yet.")
	fmt.Println("(Routine lines about assignments, manuals and the desk's rules are left out.)")
	fmt.Println()
	if _, err := story.Apply(chain, "story.yaml", initPod); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	story.Pods(chain, "At 30s the first init container is still asking for myservice: Init:0/2.", false)

	fmt.Println("Head office opens the counter myservice (kubectl apply -f myservice.yaml).")
	fmt.Println()
	if _, err := story.Apply(chain, "story.yaml", myService); err != nil {
		return err
	}
	chain.RunFor(30 * time.Second)
	story.Pods(chain, "At 60s one of two init containers is done: Init:1/2.", false)

	fmt.Println("Head office opens the counter mydb.")
	fmt.Println()
	if _, err := story.Apply(chain, "story.yaml", myDB); err != nil {
		return err
	}
	chain.RunFor(10 * time.Second)
	story.Pods(chain, "At 70s the paperwork is done and the app runs; READY counts only the app.", false)

	fmt.Println("Now a pod with a sidecar: log-shipper is an init container with restartPolicy Always.")
	fmt.Println("Watch it start first, and keep running when nginx starts.")
	fmt.Println()
	if _, err := story.Apply(chain, "story.yaml", sidecarPod); err != nil {
		return err
	}
	chain.RunFor(20 * time.Second)
	story.Pods(chain, "At 90s web shows 2/2: a sidecar counts in READY, an ordinary init container does not.", false)

	fmt.Println("What to try next: delete the line `restartPolicy: Always` from log-shipper —" +
		" it becomes ordinary paperwork that never ends, so nginx never starts and web stays at Init:0/1.")
	return narrator.Err()
}

// skipRoutine passes records on to a narrator, leaving out the routine
// lines that examples/first-shift already tells.
type skipRoutine struct{ next sim.Observer }

// Observe passes r on unless it is routine.
func (s skipRoutine) Observe(r sim.Record) {
	switch r.Reason {
	case "Scheduled", "Pulling", "Pulled", "Created", "RulesSynced":
		return
	}
	s.next.Observe(r)
}
