// Command four-parts narrates the four parts of a worker node working
// together on one small job: the container runtime (the training
// department) pulls an image and starts a container, the kubelet (the
// store manager) reports the pod's status to head office, kube-proxy (the
// customer service desk) writes the rules that send a Service's traffic to
// the pod, and the pod (an employee) serves a customer who asked for the
// Service by name.
//
// Run it with:
//
//	go run ./examples/four-parts
//
// What to try next: change the Service's targetPort from 80 to 8080 and
// run it again: the desk's rule now sends customers to port 8080 of the
// pod, where nothing listens, so every customer is refused, while the pod
// itself stays Running and Ready.
package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
)

// The work order and the counter, in the YAML a real cluster takes.
const objects = `
apiVersion: v1
kind: Pod
metadata:
  name: clerk
  labels:
    app: returns
spec:
  containers:
  - name: desk
    image: nginx:1.27
    ports:
    - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: returns
spec:
  selector:
    app: returns
  ports:
  - port: 80
    targetPort: 80
`

func main() {
	story.Main(fourParts)
}

func fourParts() error {
	chain, err := cluster.New(cluster.Config{Seed: 1})
	if err != nil {
		return err
	}
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(narrator)

	fmt.Println("Head office sends a work order (a Pod) and opens a counter (a Service) for it.")
	fmt.Println("Watch the four parts of store-1: the training department (container runtime)")
	fmt.Println("pulls and starts, the store manager (kubelet) reports, the customer service desk")
	fmt.Println("(kube-proxy) writes its rules, and the employee (pod) serves.")
	fmt.Println()
	if _, err := story.Apply(chain, "returns.yaml", objects); err != nil {
		return err
	}
	chain.RunFor(5 * time.Second)
	if err := showRules(chain); err != nil {
		return err
	}

	traffic, err := chain.SendCustomers(cluster.Customers{Service: "returns", Rate: 1, For: 3 * time.Second, Clients: 1})
	if err != nil {
		return err
	}
	chain.RunFor(10 * time.Second)
	fmt.Println()
	fmt.Printf("Customers: %d served, %d refused.\n", traffic.Tally.Served, traffic.Tally.Refused)
	fmt.Println()
	fmt.Println("`kubectl get pods`, as the store manager reported it to head office:")
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	recap()
	fmt.Println()
	fmt.Println("What to try next: change the Service's targetPort from 80 to 8080 and run it again:")
	fmt.Println("the desk now sends the customer to port 8080 of the clerk, where nothing listens, so")
	fmt.Println("the customer is refused, while clerk stays Running and Ready.")
	return narrator.Err()
}

// recap names which lines of the story came from which part.
func recap() {
	fmt.Println("The four parts, and their lines in the story:")
	fmt.Println("- container runtime (training department): Pulled, Created, Started. The kubelet")
	fmt.Println("  asks for each through the CRI, and records the event.")
	fmt.Println("- kubelet (store manager): PhaseChanged and ReadyChanged, the pod's status as")
	fmt.Println("  written to head office. It never routes a customer.")
	fmt.Println("- kube-proxy (customer service desk): RulesSynced, and the rules above. It gives")
	fmt.Println("  no pod its address; it only sends the Service's traffic to pod addresses.")
	fmt.Println("- pod (employee): clerk, with one address of its own, who served the customer.")
}

// showRules prints the lines of store-1's iptables rules that belong to
// the returns Service: the desk's routing cards for that counter.
func showRules(chain *cluster.Cluster) error {
	store, ok := chain.Store("store-1")
	if !ok {
		return fmt.Errorf("no store-1")
	}
	var b bytes.Buffer
	if err := store.Proxy.Rules().WriteIPTables(&b); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("The desk's routing cards for returns (iptables-save -t nat, trimmed):")
	fmt.Println()
	sc := bufio.NewScanner(&b)
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "-A") && strings.Contains(line, "returns") {
			fmt.Println("  " + line)
		}
	}
	fmt.Println()
	return explainPath(chain)
}

// explainPath says, with the run's own addresses, how a customer's
// packet travels through those rules.
func explainPath(chain *cluster.Cluster) error {
	svc, err := chain.API().Services.Get("default", "returns")
	if err != nil {
		return fmt.Errorf("the counter is missing: %v", err)
	}
	p, err := chain.Pod("default", "clerk")
	if err != nil {
		return fmt.Errorf("the clerk is missing: %v", err)
	}
	fmt.Printf("A customer who asks for returns reaches %s:80, an address no machine answers.\n", svc.Spec.ClusterIP)
	fmt.Println("KUBE-SERVICES matches it, KUBE-SVC picks an endpoint (there is one), and KUBE-SEP")
	fmt.Printf("rewrites the destination to the clerk's own address, %s:80 (DNAT).\n", p.Status.PodIP)
	fmt.Println()
	return nil
}
