package cluster

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"

	"github.com/nodenucleus/nucleus/node"
	"github.com/nodenucleus/nucleus/proxy"
	"github.com/nodenucleus/nucleus/sim"
)

// Customers describes a stream of customers (requests) to a Service: they
// arrive at random (a Poisson stream) at Rate per second for For, and each
// is sent by a store's desk (kube-proxy) to one of the Service's pods.
type Customers struct {
	// Service and Namespace name the counter; Namespace "" is "default".
	Service, Namespace string
	// Port is the Service port; 0 means the first.
	Port int32
	// Path is the HTTP path each customer asks for; "" is "/".
	Path string
	// Rate is customers per second; For is how long they keep coming.
	Rate float64
	For  time.Duration
	// FromPod makes the customers come from inside this pod (in
	// Namespace), through its store's desk, to the ClusterIP.
	FromPod string
	// Store is where customers from outside arrive: at this store's
	// NodePort when NodePort is set, else at its ClusterIP from the store
	// itself. "" means the first store.
	Store    string
	NodePort bool
	// Clients is how many different client addresses customers come from;
	// 0 means 10.
	Clients int
}

// Outcome counts, as the Traffic tallies them.
const (
	Served  = "served"  // a pod answered 2xx or 3xx (or accepted a plain TCP connection)
	Failed  = "failed"  // a pod answered with an HTTP error
	Refused = "refused" // connection refused: no endpoint at all, or nothing listening at the pod
	Dropped = "dropped" // no answer: a Local traffic policy with no local endpoint
)

// Tally counts customers by outcome.
type Tally struct {
	Served, Failed, Refused, Dropped int
}

// Total returns the number of customers counted.
func (t Tally) Total() int { return t.Served + t.Failed + t.Refused + t.Dropped }

func (t *Tally) add(outcome string) {
	switch outcome {
	case Served:
		t.Served++
	case Failed:
		t.Failed++
	case Refused:
		t.Refused++
	case Dropped:
		t.Dropped++
	}
}

// Traffic is a running stream of customers and what happened to them.
type Traffic struct {
	Spec Customers
	// Tally counts every customer once.
	Tally Tally
	// ByPod counts customers by the pod the desk sent them to.
	ByPod map[string]*Tally
	// Stale counts customers the desk sent by rules older than head
	// office's roster: to a pod the EndpointSlices no longer list as ready.
	Stale int

	c       *Cluster
	rng     *rand.Rand
	end     sim.Time
	window  map[string]int // served per pod since the last tally record
	clients []string
}

// SendCustomers starts a stream of customers. It returns at once; the
// customers arrive as the simulation runs.
func (c *Cluster) SendCustomers(cs Customers) (*Traffic, error) {
	if cs.Namespace == "" {
		cs.Namespace = "default"
	}
	if cs.Path == "" {
		cs.Path = "/"
	}
	if cs.Clients == 0 {
		cs.Clients = 10
	}
	switch {
	case cs.Rate <= 0 || math.IsNaN(cs.Rate) || math.IsInf(cs.Rate, 0):
		return nil, fmt.Errorf("customers.rate: Invalid value: %v: must be greater than 0", cs.Rate)
	case cs.For <= 0:
		return nil, fmt.Errorf("customers.for: Invalid value: %v: must be greater than 0", cs.For)
	case cs.Clients < 0 || cs.Clients > 250:
		return nil, fmt.Errorf("customers.clients: Invalid value: %d: must be between 1 and 250", cs.Clients)
	}
	if _, err := c.api.Services.Get(cs.Namespace, cs.Service); err != nil {
		return nil, fmt.Errorf("customers.service: Not found: %q", cs.Service)
	}
	t := &Traffic{Spec: cs, ByPod: map[string]*Tally{}, c: c, window: map[string]int{},
		rng: c.loop.Rand("customers/" + cs.Namespace + "/" + cs.Service),
		end: c.loop.Now().Add(cs.For)}
	for i := 0; i < cs.Clients; i++ {
		t.clients = append(t.clients, fmt.Sprintf("203.0.113.%d", i+1))
	}
	c.loop.After(t.gap(), t.arrive)
	c.loop.After(tallyEvery, t.report)
	return t, nil
}

// tallyEvery is how often the narration sums up the customers served.
const tallyEvery = 10 * time.Second

// gap draws the time to the next customer: exponential, for a Poisson
// stream.
func (t *Traffic) gap() time.Duration {
	return time.Duration(t.rng.ExpFloat64() / t.Spec.Rate * float64(time.Second))
}

func (t *Traffic) arrive() {
	if t.c.loop.Now() >= t.end {
		return
	}
	t.serve()
	t.c.loop.After(t.gap(), t.arrive)
}

// serve sends one customer through the desk and counts the outcome.
func (t *Traffic) serve() {
	cs := t.Spec
	svc, err := t.c.api.Services.Get(cs.Namespace, cs.Service)
	if err != nil {
		t.count(Refused, "", "")
		return
	}
	req, store, ok := t.request(svc)
	if !ok {
		t.count(Refused, "", "")
		return
	}
	d := store.Proxy.Route(req)
	switch d.Outcome {
	case proxy.Rejected, proxy.NoRoute:
		t.count(Refused, "", "")
		return
	case proxy.Dropped:
		t.count(Dropped, "", "")
		return
	}
	defer store.Proxy.Done(d)
	pod := d.Endpoint.Pod.Name
	if t.stale(svc, d.Endpoint) {
		t.Stale++
	}
	if owner := t.c.storeOwning(d.Endpoint.IP); owner != nil && owner.Kubelet.Down() {
		// The store is dark: the connection gets no answer at all.
		t.count(Dropped, pod, "no answer from "+d.Endpoint.String())
		return
	}
	l, ok := t.c.dialPod(d.Endpoint.IP, int(d.Endpoint.Port))
	if !ok {
		t.count(Refused, pod, "connection refused at "+d.Endpoint.String())
		return
	}
	status, _ := l.HTTP(cs.Path)
	if status == 0 || (status >= 200 && status < 400) {
		t.count(Served, pod, "")
		return
	}
	t.count(Failed, pod, fmt.Sprintf("HTTP %d", status))
}

// request builds the first packet of a customer's connection, and picks
// the store whose desk routes it.
func (t *Traffic) request(svc *corev1.Service) (proxy.Request, *node.Store, bool) {
	cs := t.Spec
	port, ok := servicePort(svc, cs.Port)
	if !ok {
		return proxy.Request{}, nil, false
	}
	client := t.clients[t.rng.IntN(len(t.clients))]
	if cs.FromPod != "" {
		p, err := t.c.api.Pods.Get(cs.Namespace, cs.FromPod)
		if err != nil || p.Status.PodIP == "" {
			return proxy.Request{}, nil, false
		}
		s, ok := t.c.Store(p.Spec.NodeName)
		if !ok {
			return proxy.Request{}, nil, false
		}
		return proxy.Request{ClientIP: p.Status.PodIP, DestIP: svc.Spec.ClusterIP, Port: port.Port, Protocol: port.Protocol, FromPod: true}, s, true
	}
	s := t.c.stores[0]
	if cs.Store != "" {
		if s, ok = t.c.Store(cs.Store); !ok {
			return proxy.Request{}, nil, false
		}
	}
	if cs.NodePort {
		if port.NodePort == 0 {
			return proxy.Request{}, nil, false
		}
		return proxy.Request{ClientIP: client, DestIP: s.IP, Port: port.NodePort, Protocol: port.Protocol, External: true}, s, true
	}
	return proxy.Request{ClientIP: s.IP, DestIP: svc.Spec.ClusterIP, Port: port.Port, Protocol: port.Protocol}, s, true
}

func servicePort(svc *corev1.Service, port int32) (corev1.ServicePort, bool) {
	for _, p := range svc.Spec.Ports {
		if port == 0 || p.Port == port {
			return p, true
		}
	}
	return corev1.ServicePort{}, false
}

// stale reports whether head office's roster no longer lists the endpoint
// as ready: the desk routed by rules it has not yet brought up to date.
func (t *Traffic) stale(svc *corev1.Service, ep proxy.Endpoint) bool {
	for _, s := range t.c.api.EndpointSlices.List() {
		if s.Namespace != svc.Namespace || s.Labels[discoveryv1.LabelServiceName] != svc.Name {
			continue
		}
		for _, e := range s.Endpoints {
			if len(e.Addresses) > 0 && e.Addresses[0] == ep.IP {
				return e.Conditions.Ready != nil && !*e.Conditions.Ready
			}
		}
	}
	return true
}

func (t *Traffic) count(outcome, pod, why string) {
	t.Tally.add(outcome)
	if pod != "" {
		if t.ByPod[pod] == nil {
			t.ByPod[pod] = &Tally{}
		}
		t.ByPod[pod].add(outcome)
	}
	if outcome == Served {
		t.window[pod]++
		return
	}
	cs := t.Spec
	msg := fmt.Sprintf("Customer for %s %s", cs.Service, outcome)
	if why != "" {
		msg += ": " + why
	}
	t.c.loop.Record(sim.Record{
		Kind: sim.Change, Type: sim.Warning, Source: sim.Source{Component: "customers"},
		Object: sim.ObjectRef{Kind: "Service", Namespace: cs.Namespace, Name: cs.Service},
		Reason: "Customer", Message: msg, Facts: sim.Facts{From: outcome, To: pod},
	})
}

// report sums up the customers served since the last report.
func (t *Traffic) report() {
	if n := sumValues(t.window); n > 0 {
		pods := make([]string, 0, len(t.window))
		for p := range t.window {
			pods = append(pods, p)
		}
		slices.Sort(pods)
		var parts []string
		for _, p := range pods {
			parts = append(parts, fmt.Sprintf("%s %d", p, t.window[p]))
		}
		cs := t.Spec
		t.c.loop.Record(sim.Record{
			Kind: sim.Change, Source: sim.Source{Component: "customers"},
			Object:  sim.ObjectRef{Kind: "Service", Namespace: cs.Namespace, Name: cs.Service},
			Reason:  "CustomersServed",
			Message: fmt.Sprintf("%d customers served in the last %v: %s", n, tallyEvery, strings.Join(parts, ", ")),
			Facts:   sim.Facts{Count: int32(n), Duration: tallyEvery},
		})
		clear(t.window)
	}
	if t.c.loop.Now() < t.end {
		t.c.loop.After(tallyEvery, t.report)
	}
}

func sumValues(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
