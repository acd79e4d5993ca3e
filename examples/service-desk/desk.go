package main

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// catalog returns the warehouse: the well-known images and the two builds
// of the shop assistant.
func catalog() (*runtime.Catalog, error) {
	c := runtime.NewCatalog()
	serve := runtime.PathBehaviour{Path: "/", Status: 200, Body: "welcome"}
	err := c.Register("example.com/shop/steady", 5_000_000, runtime.Behaviour{
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: []runtime.PathBehaviour{
			serve, {Path: "/ready", Status: 200}}}},
	})
	if err != nil {
		return nil, err
	}
	err = c.Register("example.com/shop/tired", 5_000_000, runtime.Behaviour{
		Ports: []runtime.PortBehaviour{{Port: 8080, Paths: []runtime.PathBehaviour{serve,
			{Path: "/ready", Status: 200, Until: time.Minute},
			{Path: "/ready", Status: 503, From: time.Minute}}}},
	})
	return c, err
}

// openChain builds a chain whose desks work in the given mode, applies the
// counter and its employees, and lets ten quiet seconds pass. Head
// office's changes reach the desks half a second late, as on a busy
// control plane.
func openChain(cfg proxy.Config) (*cluster.Cluster, error) {
	docs, _, err := manifest.NewDecoder().Decode("shop.yaml", []byte(objects))
	if err != nil {
		return nil, err
	}
	cat, err := catalog()
	if err != nil {
		return nil, err
	}
	chain, err := cluster.New(cluster.Config{Seed: 1, Catalog: cat, Proxy: cfg, WatchDelay: 500 * time.Millisecond})
	if err != nil {
		return nil, err
	}
	for _, d := range docs {
		if err := chain.Apply(d.Object); err != nil {
			return nil, err
		}
	}
	chain.RunFor(10 * time.Second)
	return chain, nil
}

// firstStore returns the chain's first (here, only) store.
func firstStore(chain *cluster.Cluster) *node.Store {
	return chain.Stores()[0]
}

// printSVCChain prints the rules of shop's KUBE-SVC chain that choose an
// endpoint, as iptables-save writes them.
func printSVCChain(chain *cluster.Cluster) error {
	var buf bytes.Buffer
	if err := chain.Stores()[0].Proxy.Rules().WriteIPTables(&buf); err != nil {
		return err
	}
	lines := bufio.NewScanner(&buf)
	for lines.Scan() {
		l := lines.Text()
		if strings.HasPrefix(l, "-A KUBE-SVC-") && strings.Contains(l, `"default/shop`) && !strings.Contains(l, "KUBE-MARK-MASQ") {
			fmt.Println(l)
		}
	}
	return lines.Err()
}

// serve sends 20 customers a second for 30 seconds and waits until the
// last has been served.
func serve(chain *cluster.Cluster) (*cluster.Traffic, error) {
	traffic, err := chain.SendCustomers(cluster.Customers{Service: "shop", Rate: 20, For: 30 * time.Second})
	if err != nil {
		return nil, err
	}
	chain.RunFor(30 * time.Second)
	return traffic, nil
}

// printCounts prints a title and how many customers each employee served.
func printCounts(title string, t *cluster.Traffic) {
	fmt.Println(title)
	fmt.Println()
	for _, p := range []string{"shop-1", "shop-2", "shop-3"} {
		n := 0
		if tally, ok := t.ByPod[p]; ok {
			n = tally.Served
		}
		fmt.Printf("  %-7s %4d\n", p, n)
	}
	fmt.Printf("  %-7s %4d customers, %d served\n", "total", t.Tally.Total(), t.Tally.Served)
	fmt.Println()
}

// deskNews passes on the records that tell the roster's story: readiness
// changes, the roster, the desk's syncs and the customer counts, with only
// the first failed check of each pod.
type deskNews struct {
	next   sim.Observer
	failed map[string]bool
}

// Observe passes r on if it belongs to the story.
func (d deskNews) Observe(r sim.Record) {
	switch r.Reason {
	case "ReadyChanged", "EndpointsChanged", "RulesSynced", "CustomersServed":
		d.next.Observe(r)
	case "Unhealthy":
		if !d.failed[r.Object.String()] {
			d.failed[r.Object.String()] = true
			d.next.Observe(r)
		}
	}
}
