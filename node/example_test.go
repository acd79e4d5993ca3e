package node_test

import (
	"fmt"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/sim"
)

// A store is a runtime, a kubelet and a kube-proxy with an address and a
// pod range; started, it registers its Node with head office.
func Example() {
	loop := sim.New(1)
	ledger := apiserver.New(loop)
	s, err := node.New(loop, ledger, node.Config{Name: "store-1", Index: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	s.Start()
	n, _ := ledger.Nodes.Get("", "store-1")
	fmt.Println(s.Name, s.IP, s.PodCIDR, n.Status.Conditions[len(n.Status.Conditions)-1].Reason)
	// Output:
	// store-1 192.168.0.11 10.244.1.0/24 KubeletReady
}
