// Command service-desk narrates the customer service desk (kube-proxy):
// three employees (pods) behind one counter (a Service), customers (new
// connections) sent to them for a while, and how the desk picks an
// employee for each in two proxy modes. In iptables mode each customer
// is sent at random, so the counts come out roughly even; in IPVS mode
// with the round-robin scheduler they take turns, so the counts come out
// exactly even. Then one employee fails its readiness check: head office
// takes it off the roster (the EndpointSlice), the desk rewrites its
// rules, and customers stop reaching it.
//
// Run it with:
//
//	go run ./examples/service-desk
package main

import (
	"fmt"
	"os"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/proxy"
)

// The counter and its three employees, in the YAML a real cluster takes.
// shop-1 and shop-2 run a steady build of the shop assistant; shop-3 runs
// one whose readiness check (/ready) starts failing one minute after it
// starts, while it goes on serving customers at /. Both images are made
// up, and registered below with a scripted behaviour.
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
    targetPort: http
---
apiVersion: v1
kind: Pod
metadata:
  name: shop-1
  labels:
    app: shop
spec:
  containers:
  - name: web
    image: example.com/shop/steady:1.0
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /ready
        port: http
      periodSeconds: 2
---
apiVersion: v1
kind: Pod
metadata:
  name: shop-2
  labels:
    app: shop
spec:
  containers:
  - name: web
    image: example.com/shop/steady:1.0
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /ready
        port: http
      periodSeconds: 2
---
apiVersion: v1
kind: Pod
metadata:
  name: shop-3
  labels:
    app: shop
spec:
  containers:
  - name: web
    image: example.com/shop/tired:1.0
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /ready
        port: http
      periodSeconds: 2
`

func main() {
	story.Main(serviceDesk)
}

func serviceDesk() error {
	fmt.Println("Head office opens the counter shop with three employees behind it, in two")
	fmt.Println("chains built from the same seed: one whose desks work in iptables mode, one in IPVS mode.")
	fmt.Println()
	ipt, err := openChain(proxy.Config{Mode: proxy.ModeIPTables})
	if err != nil {
		return err
	}
	fmt.Println("The iptables desk's rule book for shop (iptables-save -t nat, the KUBE-SVC chain):")
	fmt.Println()
	if err := printSVCChain(ipt); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("Rule 1 takes a customer with probability 1/3; of the rest, rule 2 takes 1/2;")
	fmt.Println("rule 3 takes whoever is left: each employee gets each customer with chance 1/3.")
	fmt.Println()
	iptTraffic, err := serve(ipt)
	if err != nil {
		return err
	}
	printCounts("iptables mode, 30s of customers: random, roughly even:", iptTraffic)

	ipvs, err := openChain(proxy.Config{Mode: proxy.ModeIPVS, Scheduler: proxy.SchedulerRoundRobin})
	if err != nil {
		return err
	}
	fmt.Println("The IPVS desk's rule book (ipvsadm -Ln): one virtual server, three real servers, rr.")
	fmt.Println("(IPVS mode is deprecated since Kubernetes 1.35; nftables mode is the way forward.)")
	fmt.Println()
	if err := firstStore(ipvs).Proxy.Rules().WriteIPVS(os.Stdout); err != nil {
		return err
	}
	fmt.Println()
	ipvsTraffic, err := serve(ipvs)
	if err != nil {
		return err
	}
	printCounts("IPVS round robin, the same 30s: the employees take turns, so no two counts differ by more than one:", ipvsTraffic)
	return tiredEmployee(ipt)
}

// tiredEmployee goes on with the iptables chain: shop-3 fails its
// readiness check, and customers stop reaching it once the desk syncs.
func tiredEmployee(ipt *cluster.Cluster) error {
	fmt.Println("Back in the iptables chain, customers keep coming for another minute, and at about")
	fmt.Println("1m shop-3 starts failing its readiness check. Watch the roster, then the desk's rules.")
	fmt.Println()
	narrator := narrate.New(os.Stdout, narrate.Both)
	ipt.Subscribe(deskNews{next: narrator, failed: map[string]bool{}})
	traffic, err := ipt.SendCustomers(cluster.Customers{Service: "shop", Rate: 20, For: 60 * time.Second})
	if err != nil {
		return err
	}
	ipt.RunFor(61 * time.Second)
	fmt.Println()
	printCounts("The last minute, by employee:", traffic)
	fmt.Printf("Stale: %d. In the half second between the roster change and the desk's sync, the old\n", traffic.Stale)
	fmt.Println("rules still sent customers to shop-3, which happened to be still answering. A pod that had")
	fmt.Println("already stopped would have turned them away: the desk only learns from the roster, and")
	fmt.Println("rewrites its rules at most once a second (minSyncPeriod), so a careless rollout drops customers.")
	fmt.Println()
	fmt.Println("`kubectl get pods`: shop-3 is Running but not Ready, and was never restarted:")
	fmt.Println()
	if err := pod.PrintTable(os.Stdout, ipt.Pods(), ipt.Now().Wall(), false); err != nil {
		return err
	}
	fmt.Println()
	fmt.Println("What to try next: change the three `periodSeconds: 2` to `periodSeconds: 10` —" +
		" shop-3's third failure in a row comes at 1m20s instead of 1m04s, so it serves more of the last minute (256, not 141).")
	return narrator.Err()
}
