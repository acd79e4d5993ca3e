// Command oom-kill narrates requests, limits and an OOM kill. Three
// employees (pods) ask for floor space in three ways, and head office
// files each under a quality-of-service class: Guaranteed (requests equal
// limits), Burstable (a request below its limit) and BestEffort (nothing
// asked, nothing promised). Then the documentation's stress pod tries to
// use 250M under a 100Mi memory limit: the kernel's OOM killer ends its
// job (OOMKilled, exit code 137), the store manager (the kubelet) calls
// it back, it is killed again, and the manager starts to wait between
// call-backs: CrashLoopBackOff.
//
// Run it with:
//
//	go run ./examples/oom-kill
package main

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// The three ways to ask for room, in the YAML a real cluster takes.
const threeWays = `
apiVersion: v1
kind: Pod
metadata:
  name: ledger
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {cpu: 100m, memory: 200Mi}
      limits:   {cpu: 100m, memory: 200Mi}
---
apiVersion: v1
kind: Pod
metadata:
  name: checkout
spec:
  containers:
  - name: app
    image: nginx:1.27
    resources:
      requests: {memory: 100Mi}
      limits:   {memory: 300Mi}
---
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: app
    image: nginx:1.27
`

// The page's first step, `kubectl create namespace mem-example`: without
// it head office refuses the pod (namespaces "mem-example" not found).
const memExample = `
apiVersion: v1
kind: Namespace
metadata:
  name: mem-example
`

// The documentation's "Exceed a Container's memory limit" pod
// (kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource),
// unchanged: stress allocates 250M under a 100Mi limit.
const memoryDemo = `
apiVersion: v1
kind: Pod
metadata:
  name: memory-demo-2
  namespace: mem-example
spec:
  containers:
  - name: memory-demo-2-ctr
    image: polinux/stress
    resources:
      requests:
        memory: "50Mi"
      limits:
        memory: "100Mi"
    command: ["stress"]
    args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"]
`

func main() {
	story.Main(oomKill)
}

func oomKill() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	fmt.Println("Three employees ask for room in three ways: ledger asks for exactly what it")
	fmt.Println("may use, checkout asks for less than its ceiling, cache asks for nothing.")
	if _, err := story.Apply(chain, "shop.yaml", threeWays); err != nil {
		return err
	}
	chain.RunFor(5 * time.Second)
	fmt.Println()
	fmt.Println("Head office files each under a QoS class (status.qosClass):")
	fmt.Println()
	printQOS(chain.Pods())
	fmt.Println()
	fmt.Println("Now the documentation's stress pod: it asks for 50Mi, may use at most 100Mi,")
	fmt.Println("and tries to use 250M. Only its story is told from here on.")
	fmt.Println()
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(onlyPod{name: "memory-demo-2", next: narrator})
	if _, err := story.Apply(chain, "mem-example.yaml", memExample); err != nil {
		return err
	}
	if _, err := story.Apply(chain, "memory-demo-2.yaml", memoryDemo); err != nil {
		return err
	}
	chain.RunFor(15 * time.Second)
	show(chain, "Fifteen seconds later (kubectl get pods -n mem-example):")
	lastState(chain)
	fmt.Println("The limit is enforced by the kernel, not by the store manager: the job is")
	fmt.Println("killed with SIGKILL (128 + 9 = 137), and the manager only reads the reason.")
	fmt.Println("It then treats the exit like any other: restart, with a back-off that doubles.")
	fmt.Println()
	fmt.Println("What to try next: change `--vm-bytes` to `\"80M\"` —" +
		" stress stays under its 100Mi limit and memory-demo-2 keeps Running with 0 restarts.")
	return narrator.Err()
}

// printQOS prints each pod's requests, limits and QoS class, as
// `kubectl get pods -o custom-columns` would.
func printQOS(pods []*corev1.Pod) {
	fmt.Printf("%-10s %-26s %-26s %s\n", "NAME", "REQUESTS", "LIMITS", "QOS")
	for _, p := range pods {
		r := p.Spec.Containers[0].Resources
		fmt.Printf("%-10s %-26s %-26s %s\n", p.Name, list(r.Requests), list(r.Limits), p.Status.QOSClass)
	}
}

// list returns the cpu and memory of a resource list, or <none>.
func list(rl corev1.ResourceList) string {
	s := ""
	for _, name := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		if q, ok := rl[name]; ok {
			if s != "" {
				s += ","
			}
			s += fmt.Sprintf("%s=%s", name, q.String())
		}
	}
	if s == "" {
		return "<none>"
	}
	return s
}

// onlyPod passes on the records about one pod.
type onlyPod struct {
	name string
	next sim.Observer
}

// Observe passes r on if it is about the pod.
func (o onlyPod) Observe(r sim.Record) {
	if r.Object.Name == o.name {
		o.next.Observe(r)
	}
}

// lastState prints the stress container's state as `kubectl describe pod`
// shows it.
func lastState(chain *cluster.Cluster) {
	p, err := chain.Pod("mem-example", "memory-demo-2")
	if err != nil || len(p.Status.ContainerStatuses) == 0 {
		return
	}
	st := p.Status.ContainerStatuses[0]
	if w := st.State.Waiting; w != nil {
		fmt.Printf("State:      Waiting (%s)\n", w.Reason)
	}
	if t := st.LastTerminationState.Terminated; t != nil {
		fmt.Printf("Last State: Terminated (%s, exit code %d)\n", t.Reason, t.ExitCode)
	}
	fmt.Printf("QoS Class:  %s\n", p.Status.QOSClass)
	fmt.Println()
}

// show prints the stress pod as `kubectl get pods` would, between blank
// lines.
func show(chain *cluster.Cluster, title string) {
	fmt.Println()
	fmt.Println(title)
	fmt.Println()
	var mine []*corev1.Pod
	for _, p := range chain.Pods() {
		if p.Namespace == "mem-example" {
			mine = append(mine, p)
		}
	}
	_ = pod.PrintTable(os.Stdout, mine, chain.Now().Wall(), false)
	fmt.Println()
}
