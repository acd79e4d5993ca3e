package proxy

import (
	"fmt"
	"math/rand/v2"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// MinSyncPeriod is the shortest time between two syncs of the rules.
// Reference: proxy-and-runtime.md A5 (iptables.minSyncPeriod default 1s).
const MinSyncPeriod = time.Second

// KubeProxy is one store's customer service desk, driven by the loop: it
// watches Services and EndpointSlices at head office and reprograms its
// Dataplane at most once per MinSyncPeriod, so a change reaches the data
// plane with the delay a real kube-proxy has. Between a change at head
// office and the next sync, customers are routed by the old rules.
type KubeProxy struct {
	loop     *sim.Loop
	api      *apiserver.Server
	cfg      Config
	source   sim.Source
	dp       Dataplane
	rng      *rand.Rand
	lastSync sim.Time
	synced   bool
	pending  sim.Handle
	syncs    int
	delay    time.Duration
	// lastMessage describes the rules last narrated.
	lastMessage string
}

// NewKubeProxy returns the desk of one store. Call Start to open it.
//
// watchDelay is how long a change at head office takes to reach the desk.
func NewKubeProxy(loop *sim.Loop, api *apiserver.Server, cfg Config, watchDelay time.Duration) (*KubeProxy, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("kube-proxy on %s: %w", cfg.NodeName, err)
	}
	return &KubeProxy{
		loop: loop, api: api, cfg: cfg.withDefaults(),
		source: sim.Source{Component: "kube-proxy", Store: cfg.NodeName},
		rng:    loop.Rand("proxy/" + cfg.NodeName),
		delay:  watchDelay,
	}, nil
}

// Start watches head office and programs the first rules.
func (kp *KubeProxy) Start() {
	kp.api.Services.Watch(kp.delay, false, func(apiserver.WatchEvent[*corev1.Service]) { kp.changed() })
	kp.api.EndpointSlices.Watch(kp.delay, false, func(apiserver.WatchEvent[*discoveryv1.EndpointSlice]) { kp.changed() })
	kp.changed()
}

// Config returns the desk's configuration, with defaults filled in.
func (kp *KubeProxy) Config() Config { return kp.cfg }

// changed asks for a sync: now if the last one was at least MinSyncPeriod
// ago, else as soon as that period is over.
func (kp *KubeProxy) changed() {
	if kp.loop.Scheduled(kp.pending) {
		return
	}
	at := kp.loop.Now()
	if kp.synced && at < kp.lastSync.Add(MinSyncPeriod) {
		at = kp.lastSync.Add(MinSyncPeriod)
	}
	kp.pending = kp.loop.At(at, kp.sync)
}

func (kp *KubeProxy) sync() {
	rules := Build(kp.cfg, kp.api.Services.List(), kp.api.EndpointSlices.List())
	kp.dp.Program(rules, kp.loop.Now().Duration())
	kp.lastSync, kp.synced = kp.loop.Now(), true
	kp.syncs++
	endpoints := 0
	for _, sp := range rules.Ports {
		endpoints += len(sp.AllReachable)
	}
	msg := fmt.Sprintf("Programmed %s rules for %d service ports, %d endpoints", kp.cfg.Mode, len(rules.Ports), endpoints)
	if msg == kp.lastMessage || (kp.lastMessage == "" && len(rules.Ports) == 0) {
		// Nothing a learner could see changed: no line in the narration.
		return
	}
	kp.lastMessage = msg
	kp.loop.Record(sim.Record{
		Kind: sim.Change, Source: kp.source,
		Object:  sim.ObjectRef{Kind: "Node", Name: kp.cfg.NodeName, UID: kp.cfg.NodeName},
		Reason:  "RulesSynced",
		Message: msg,
		Facts:   sim.Facts{Count: int32(len(rules.Ports))},
	})
}

// Syncs returns how many times the rules have been programmed.
func (kp *KubeProxy) Syncs() int { return kp.syncs }

// Rules returns the rules programmed at the last sync (nil before the
// first).
func (kp *KubeProxy) Rules() *Rules { return kp.dp.Rules() }

// Route sends a new connection through the programmed rules, as the
// kernel does with the rules kube-proxy wrote.
func (kp *KubeProxy) Route(req Request) Decision {
	return kp.dp.Route(req, kp.rng, kp.loop.Now().Duration())
}

// Done tells the desk a forwarded connection has closed (for ipvs lc).
func (kp *KubeProxy) Done(d Decision) { kp.dp.Done(d) }
