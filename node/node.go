// Package node assembles a store: one container runtime (the training
// department) and one kubelet (the store manager), with the store's floor
// space, labels and taints.
//
// # Mental model
//
// A worker node is a store of the retail chain. Head office (the control
// plane) decides which employees (pods) work there; the store manager
// (kubelet) makes the store match those orders, asking the training
// department (the container runtime, through the CRI) to prepare and run
// each job (container). The customer service desk (kube-proxy) sends each
// customer who asks for a Service to one of the employees on its roster.
package node

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// Config describes one store.
type Config struct {
	// Name is the store's (node's) name, e.g. "store-1".
	Name string
	// Index numbers the store in its chain, from 1 to MaxIndex: it picks
	// the store's address (192.168.0.10+Index, counting on into
	// 192.168.1.x and beyond) and pod range (10.244.Index.0/24, counting on
	// into 10.245.x.0/24 and beyond; see ClusterCIDR).
	Index int
	// Capacity is the floor space; nil means kubelet.DefaultCapacity().
	Capacity corev1.ResourceList
	// Labels and Taints go on the Node object.
	Labels map[string]string
	Taints []corev1.Taint
	// Bandwidth to the warehouse in bytes per second; 0 means 50 MB/s.
	Bandwidth int64
	// Catalog is the warehouse; nil means runtime.NewCatalog().
	Catalog *runtime.Catalog
	// Network connects the store's programs to the rest of the chain.
	Network runtime.Network
	// Proxy configures the store's kube-proxy; NodeName and NodeIPs are
	// filled in.
	Proxy proxy.Config
	// WatchDelay is how long head office's changes take to reach the
	// store's kube-proxy.
	WatchDelay time.Duration
	// Claims holds the data of persistent volume claims, shared by the
	// chain's stores; nil gives the store a place of its own.
	Claims *kubelet.Claims
	// NoUserNamespaces gives the store a runtime without user namespaces
	// (runtime.Config.NoUserNamespaces).
	NoUserNamespaces bool
}

// MaxIndex is the largest store index: Kubernetes' documented limit of
// 5,000 nodes in one cluster
// (https://kubernetes.io/docs/setup/best-practices/cluster-large/).
const MaxIndex = 5000

// HeadOfficeIP is the address head office's API server advertises on
// the stores' network, the one before store 1's: the address in the
// "kubernetes" EndpointSlice, as a kind cluster's control-plane node
// advertises its own (172.18.0.2 there).
const HeadOfficeIP = "192.168.0.10"

// storeIP returns the address of store index: 192.168.0.11 for store 1,
// counting on past 192.168.0.255 into 192.168.1.0.
func storeIP(index int) string {
	n := 10 + index
	return fmt.Sprintf("192.168.%d.%d", n/256, n%256)
}

// The pod network. Each store gets a /24 of it (room for its 110 pods and
// more), as kube-controller-manager hands out with its default
// --node-cidr-mask-size of 24. The ranges start at 10.244.0.0, the pod
// network a kubeadm cluster with flannel knows, and take the next /24 for
// each store: a /16 holds 256 of them, a /14 1,024, and a cluster of
// 5,000 nodes needs a /11, which holds 8,192. The /11 around 10.244.0.0 is
// 10.224.0.0/11, so past 10.255.255.0/24 (store 3071) the ranges come
// round to its start, 10.224.0.0/24, as the range allocator's next
// candidate wraps round its cluster CIDR.
const (
	podBlockFirst = 20 * 256 // 10.244.0.0/24's place in 10.224.0.0/11
	podBlocks     = 8192     // the /24s in a /11
)

// podCIDR returns the pod range of store index: 10.244.1.0/24 for store 1,
// counting on past 10.244.255.0/24 into 10.245.0.0/24, and past
// 10.255.255.0/24 round to 10.224.0.0/24.
func podCIDR(index int) string {
	b := (podBlockFirst + index) % podBlocks
	return fmt.Sprintf("10.%d.%d.0/24", 224+b/256, b%256)
}

// ClusterCIDR returns the pod network of a chain of stores stores: the
// smallest that holds their pod ranges, 10.244.0.0/16 up to 255 stores (as
// in a small kubeadm cluster), 10.244.0.0/14 up to 1,023 and
// 10.224.0.0/11 beyond.
func ClusterCIDR(stores int) string {
	switch {
	case stores < 256:
		return "10.244.0.0/16"
	case stores < 1024:
		return "10.244.0.0/14"
	}
	return "10.224.0.0/11"
}

// Store is a worker node: a runtime, the kubelet that drives it, and the
// kube-proxy that routes Service traffic on it.
type Store struct {
	Name    string
	IP      string
	PodCIDR string
	Runtime *runtime.Engine
	Kubelet *kubelet.Kubelet
	Proxy   *proxy.KubeProxy
}

// New builds a store on loop, reporting to head office api. Call Start to
// open it.
func New(loop *sim.Loop, api *apiserver.Server, cfg Config) (*Store, error) {
	if cfg.Name == "" {
		return nil, fmt.Errorf("node: a store needs a name")
	}
	if cfg.Index < 1 || cfg.Index > MaxIndex {
		return nil, fmt.Errorf("node: store %s: index %d out of range 1..%d", cfg.Name, cfg.Index, MaxIndex)
	}
	s := &Store{Name: cfg.Name, IP: storeIP(cfg.Index), PodCIDR: podCIDR(cfg.Index)}
	rt, err := runtime.New(loop, runtime.Config{
		Store: cfg.Name, PodCIDR: s.PodCIDR, Bandwidth: cfg.Bandwidth, Catalog: cfg.Catalog, Network: cfg.Network,
		Memory: cfg.Capacity.Memory().Value(), NoUserNamespaces: cfg.NoUserNamespaces,
	})
	if err != nil {
		return nil, err
	}
	s.Runtime = rt
	s.Kubelet = kubelet.New(loop, api, rt, kubelet.Config{
		NodeName: cfg.Name, NodeIP: s.IP, PodCIDR: s.PodCIDR,
		Capacity: cfg.Capacity, Labels: cfg.Labels, Taints: cfg.Taints, Claims: cfg.Claims,
	})
	pcfg := cfg.Proxy
	pcfg.NodeName, pcfg.NodeIPs = cfg.Name, []string{s.IP}
	if pcfg.ClusterCIDR == "" {
		pcfg.ClusterCIDR = ClusterCIDR(cfg.Index)
	}
	kp, err := proxy.NewKubeProxy(loop, api, pcfg, cfg.WatchDelay)
	if err != nil {
		return nil, err
	}
	s.Proxy = kp
	return s, nil
}

// Start opens the store: the kubelet registers it with head office and the
// desk programs its first rules.
func (s *Store) Start() {
	s.Kubelet.Start()
	s.Proxy.Start()
}

// PowerOff cuts the store's power: every container stops, the store
// manager with them, and head office hears nothing more from the store.
func (s *Store) PowerOff() error {
	s.Kubelet.PowerOff()
	return nil
}

// PowerOn restores power after PowerOff: the store manager starts afresh
// and brings back the pods head office still has for the store.
func (s *Store) PowerOn() error {
	s.Kubelet.PowerOn()
	return nil
}

// CutOff cuts the store off from head office: its pods keep running, but
// its heartbeats and reports are lost and it hears of no change.
func (s *Store) CutOff() error {
	s.Kubelet.CutOff()
	return nil
}

// Reconnect ends a CutOff: the store calls in and catches up.
func (s *Store) Reconnect() error {
	s.Kubelet.Reconnect()
	return nil
}
