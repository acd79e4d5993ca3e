// Command eviction narrates a store that runs short of memory. The store
// (a node) has 1Gi; three employees (pods) share it: a cache that asked
// for nothing (BestEffort) and keeps growing, a checkout that asked for
// 400Mi (Burstable) and later uses a little more, and a ledger whose
// requests equal its limits (Guaranteed). When the memory still free
// falls under the kubelet's hard threshold (memory.available<100Mi), the
// store manager reports MemoryPressure and sends home first the pod that
// uses the most beyond what it asked for: the BestEffort cache.
//
// Run it with:
//
//	go run ./examples/eviction
package main

import (
	"fmt"
	"os"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/examples/internal/story"
	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/narrate"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// The three employees, in the YAML a real cluster takes. Their images
// are made up, and registered below with the memory each program uses.
const employees = `
apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  containers:
  - name: app
    image: example.com/shop/cache:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: checkout
spec:
  containers:
  - name: app
    image: example.com/shop/checkout:1.0
    resources:
      requests: {memory: 400Mi}
      limits:   {memory: 600Mi}
---
apiVersion: v1
kind: Pod
metadata:
  name: ledger
spec:
  containers:
  - name: app
    image: example.com/shop/ledger:1.0
    resources:
      requests: {cpu: 100m, memory: 300Mi}
      limits:   {cpu: 100m, memory: 300Mi}
`

const mi = 1 << 20

// catalog returns the warehouse: the cache grows from 100Mi to 300Mi in
// ninety seconds; checkout uses 300Mi, then 420Mi from 100 seconds on (20Mi
// over its request); the ledger stays at 250Mi.
func catalog() (*runtime.Catalog, error) {
	c := runtime.NewCatalog()
	images := []struct {
		repo string
		b    runtime.Behaviour
	}{
		{"example.com/shop/cache", runtime.Behaviour{Memory: []runtime.MemoryStep{
			{Bytes: 100 * mi}, {At: 30 * time.Second, Bytes: 150 * mi},
			{At: time.Minute, Bytes: 200 * mi}, {At: 90 * time.Second, Bytes: 300 * mi}}}},
		{"example.com/shop/checkout", runtime.Behaviour{Memory: []runtime.MemoryStep{
			{Bytes: 300 * mi}, {At: 100 * time.Second, Bytes: 420 * mi}}}},
		{"example.com/shop/ledger", runtime.Behaviour{Memory: []runtime.MemoryStep{{Bytes: 250 * mi}}}},
	}
	for _, im := range images {
		if err := c.Register(im.repo, 10_000_000, im.b); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func main() {
	story.Main(eviction)
}

func eviction() error {
	chain, err := openStore()
	if err != nil {
		return err
	}
	fmt.Println("A small store with 1Gi of memory; head office may place 924Mi of requests")
	fmt.Println("there (allocatable = capacity - the 100Mi eviction threshold):")
	fmt.Println()
	if err := kubectl.PrintNodes(os.Stdout, chain.Nodes(), chain.Now().Wall(), false); err != nil {
		return err
	}
	chain.RunFor(90 * time.Second)
	usage(chain, "At 1m30s, each employee's memory against what it asked for:")
	fmt.Println("From here on, only the store's memory story is told.")
	fmt.Println()
	narrator := narrate.New(os.Stdout, narrate.Both)
	chain.Subscribe(pressureNews{next: narrator})
	chain.RunUntil(sim.Time(2 * time.Minute))
	usage(chain, "At 2m, the cache is gone; checkout, 20Mi over its request, stays:")
	fmt.Println("Both cache and checkout used more than they asked for; the manager ranks")
	fmt.Println("by that first, then by priority, then by how far over: cache, 300Mi over,")
	fmt.Println("goes first. A BestEffort pod asked for nothing, so it is always over.")
	fmt.Println()
	conditions(chain, "The store, from kubectl describe node store-1:")
	fmt.Println("While MemoryPressure is True, head office's staffing desk places no new")
	fmt.Println("employee here (the taint), and the manager turns away at the door any")
	fmt.Println("BestEffort employee sent straight to it. The condition stays True for 5")
	fmt.Println("minutes after the threshold was last crossed (evictionPressureTransitionPeriod):")
	fmt.Println()
	chain.RunUntil(sim.Time(7 * time.Minute))
	fmt.Println()
	show(chain, "At 7m (kubectl get pods):")
	evictedStatus(chain)
	fmt.Println("The evicted pod is not restarted: its phase is Failed. Only a controller")
	fmt.Println("(a Deployment's ReplicaSet) would hire a replacement, on a store with room.")
	fmt.Println()
	fmt.Println("What to try next: give cache `resources: {requests: {memory: 200Mi}, limits: {memory: 200Mi}}` —" +
		" its own limit stops it: cache is OOMKilled each time it grows past 200Mi, and the store never runs short of memory.")
	return narrator.Err()
}

// openStore builds a one-store chain with 1Gi of memory and applies the
// employees.
func openStore() (*cluster.Cluster, error) {
	cat, err := catalog()
	if err != nil {
		return nil, err
	}
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceMemory] = resource.MustParse("1Gi")
	chain, err := cluster.New(cluster.Config{Seed: 1, Catalog: cat,
		Stores: []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}})
	if err != nil {
		return nil, err
	}
	if _, err := story.Apply(chain, "shop.yaml", employees); err != nil {
		return nil, err
	}
	return chain, nil
}

// pressureNews passes on the records of the memory story: evictions, the
// store's memory condition, and the kills that follow.
type pressureNews struct{ next sim.Observer }

// Observe passes r on if it belongs to the story.
func (p pressureNews) Observe(r sim.Record) {
	switch r.Reason {
	case "Evicted", "NodeHasInsufficientMemory", "NodeHasSufficientMemory", "Killing", "ContainerExited":
		r.Message = strings.TrimRight(r.Message, " ")
		p.next.Observe(r)
	}
}

// usage prints each pod's memory use, request and QoS class, as
// `kubectl top pods` and `kubectl get pods -o custom-columns` would
// together, and what the store has left.
func usage(chain *cluster.Cluster, title string) {
	fmt.Println()
	fmt.Println(title)
	fmt.Println()
	s := chain.Stores()[0]
	var used int64
	fmt.Printf("%-10s %-8s %-8s %s\n", "NAME", "MEMORY", "REQUEST", "QOS")
	for _, p := range chain.Pods() {
		var mem int64
		for _, cs := range p.Status.ContainerStatuses {
			mem += s.Runtime.MemoryUsage(strings.TrimPrefix(cs.ContainerID, "containerd://"))
		}
		used += mem
		req := p.Spec.Containers[0].Resources.Requests[corev1.ResourceMemory]
		fmt.Printf("%-10s %-8s %-8s %s\n", p.Name, fmt.Sprintf("%dMi", mem/mi), fmt.Sprintf("%dMi", req.Value()/mi), p.Status.QOSClass)
	}
	fmt.Printf("memory.available = 1024Mi - %dMi = %dMi (hard threshold: 100Mi)\n", used/mi, 1024-used/mi)
	fmt.Println()
}

// conditions prints the store's taints and its MemoryPressure and Ready
// conditions.
func conditions(chain *cluster.Cluster, title string) {
	fmt.Println(title)
	fmt.Println()
	n := chain.Nodes()[0]
	for _, t := range n.Spec.Taints {
		fmt.Printf("Taints: %s:%s\n", t.Key, t.Effect)
	}
	fmt.Printf("%-15s %-7s %s\n", "TYPE", "STATUS", "REASON")
	for _, c := range n.Status.Conditions {
		if c.Type == corev1.NodeMemoryPressure || c.Type == corev1.NodeReady {
			fmt.Printf("%-15s %-7s %s\n", c.Type, c.Status, c.Reason)
		}
	}
	fmt.Println()
}

// evictedStatus prints the evicted pod's phase, reason and message, as
// `kubectl get pod cache -o yaml` shows them under status.
func evictedStatus(chain *cluster.Cluster) {
	p, err := chain.Pod("default", "cache")
	if err != nil {
		return
	}
	fmt.Println("STATUS shows the container's last reason; the pod's own status says why:")
	fmt.Println()
	fmt.Printf("  phase: %s\n  reason: %s\n  message: %q\n", p.Status.Phase, p.Status.Reason, p.Status.Message)
	fmt.Println()
}

// show prints the pods as `kubectl get pods` would, then a blank line.
func show(chain *cluster.Cluster, title string) {
	fmt.Println(title)
	fmt.Println()
	_ = pod.PrintTable(os.Stdout, chain.Pods(), chain.Now().Wall(), false)
	fmt.Println()
}
