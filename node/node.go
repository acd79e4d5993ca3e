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
	// Index numbers the store in its chain, from 1: it picks the store's
	// address (192.168.0.10+Index) and pod range (10.244.Index.0/24).
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
	if cfg.Index < 1 || cfg.Index > 250 {
		return nil, fmt.Errorf("node: store %s: index %d out of range 1..250", cfg.Name, cfg.Index)
	}
	s := &Store{
		Name:    cfg.Name,
		IP:      fmt.Sprintf("192.168.0.%d", 10+cfg.Index),
		PodCIDR: fmt.Sprintf("10.244.%d.0/24", cfg.Index),
	}
	rt, err := runtime.New(loop, runtime.Config{
		Store: cfg.Name, PodCIDR: s.PodCIDR, Bandwidth: cfg.Bandwidth, Catalog: cfg.Catalog, Network: cfg.Network,
	})
	if err != nil {
		return nil, err
	}
	s.Runtime = rt
	s.Kubelet = kubelet.New(loop, api, rt, kubelet.Config{
		NodeName: cfg.Name, NodeIP: s.IP, PodCIDR: s.PodCIDR,
		Capacity: cfg.Capacity, Labels: cfg.Labels, Taints: cfg.Taints,
	})
	pcfg := cfg.Proxy
	pcfg.NodeName, pcfg.NodeIPs = cfg.Name, []string{s.IP}
	if pcfg.ClusterCIDR == "" {
		pcfg.ClusterCIDR = "10.244.0.0/16"
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
