package metrics

import (
	"cmp"
	"iter"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// Resolution is how often metrics-server scrapes every node: 15 seconds,
// its --metric-resolution default.
const Resolution = 15 * time.Second

// Sample is one container's running totals at one instant, as the
// kubelet's summary API reports them (from the runtime's ContainerStats).
type Sample struct {
	Namespace, Pod, Container string
	// Node is the store the pod runs on.
	Node string
	// ID is the runtime's container id: a restarted container has a new
	// id, and its total starts again from zero.
	ID string
	// Time is when the sample was taken.
	Time sim.Time
	// CPU is usageCoreNanoSeconds; Memory the working set in bytes.
	CPU, Memory uint64
}

// Usage is one container's (or pod's, or node's) current use: CPU in
// millicores (a rate over the window) and memory in bytes.
type Usage struct {
	MilliCPU int64
	Memory   int64
}

// ContainerMetrics is the use of one container of a pod.
type ContainerMetrics struct {
	Name string
	Usage
}

// PodMetrics is metrics.k8s.io's PodMetrics: when the rate ends
// (Timestamp), over what window, and each container's use.
type PodMetrics struct {
	Namespace, Name string
	Timestamp       sim.Time
	Window          time.Duration
	Containers      []ContainerMetrics
}

// Total returns the pod's use: the sum of its containers'.
func (p PodMetrics) Total() Usage {
	var u Usage
	for _, c := range p.Containers {
		u.MilliCPU += c.MilliCPU
		u.Memory += c.Memory
	}
	return u
}

// NodeMetrics is metrics.k8s.io's NodeMetrics.
type NodeMetrics struct {
	Name      string
	Timestamp sim.Time
	Window    time.Duration
	Usage
}

type podKey struct{ namespace, name string }

// scraped is what the server keeps of one container between rounds: the
// latest sample's totals and the previous one's (time and CPU), so that
// the rate is worked out when it is read, not every round for every
// container. A container seen once has its previous total equal to its
// latest, which gives no rate.
type scraped struct {
	name, id, node string
	// round is the round of the latest sample.
	round          uint64
	time, prevTime sim.Time
	cpu, prevCPU   uint64
	memory         uint64
}

// rated reports whether the container has a rate: a previous sample,
// earlier than the latest, with a total no higher.
func (c *scraped) rated() bool { return c.time > c.prevTime && c.cpu >= c.prevCPU }

// usage returns the container's rate and memory over its window. It is
// meaningful only when rated.
func (c *scraped) usage() (Usage, time.Duration) {
	window := c.time.Sub(c.prevTime)
	return Usage{MilliCPU: int64((c.cpu - c.prevCPU) * 1000 / uint64(window)), Memory: int64(c.memory)}, window
}

// Server holds, for every container of the latest round, its latest and
// previous totals; the metrics are worked out from them when read.
type Server struct {
	// round counts the rounds begun.
	round uint64
	// pods holds each pod's containers of the latest round, in the order
	// they were scraped.
	pods map[podKey][]scraped
	// nodes are the node metrics of round nodesRound, worked out at the
	// first NodeMetrics after a round.
	nodes      map[string]NodeMetrics
	nodesRound uint64
}

// NewServer returns a metrics-server that has scraped nothing yet.
func NewServer() *Server {
	return &Server{pods: map[podKey][]scraped{}, nodes: map[string]NodeMetrics{}}
}

// Scrape takes one round of samples (every running container of every
// node) and replaces the metrics with the rates since the previous round.
// A container that is not in the round is forgotten.
func (s *Server) Scrape(samples []Sample) { s.ScrapeSeq(slices.Values(samples)) }

// ScrapeSeq is Scrape for a round given as a sequence, in any order: the
// caller walks its stores without building a list. The samples of one
// round are expected to share its instant.
func (s *Server) ScrapeSeq(samples iter.Seq[Sample]) {
	s.round++
	for cur := range samples {
		s.add(cur)
	}
	// Forget what the round did not see.
	for k, cs := range s.pods {
		kept := slices.DeleteFunc(cs, func(c scraped) bool { return c.round != s.round })
		if len(kept) == 0 {
			delete(s.pods, k)
		} else if len(kept) != len(cs) {
			s.pods[k] = kept
		}
	}
}

// add takes one sample of the round: the container's latest totals, its
// totals of the previous round kept as the previous ones.
func (s *Server) add(cur Sample) {
	k := podKey{cur.Namespace, cur.Pod}
	cs := s.pods[k]
	for i := range cs {
		c := &cs[i]
		if c.id == cur.ID && c.round == s.round-1 {
			c.prevTime, c.prevCPU = c.time, c.cpu
			c.round, c.time, c.cpu, c.memory = s.round, cur.Time, cur.CPU, cur.Memory
			c.node = cur.Node
			return
		}
	}
	s.pods[k] = append(cs, scraped{name: cur.Container, id: cur.ID, node: cur.Node, round: s.round,
		time: cur.Time, prevTime: cur.Time, cpu: cur.CPU, prevCPU: cur.CPU, memory: cur.Memory})
}

// PodMetrics returns the latest metrics of a pod, and false when the pod
// has none (not running, or not scraped twice yet).
func (s *Server) PodMetrics(namespace, name string) (PodMetrics, bool) {
	return podMetrics(podKey{namespace, name}, s.pods[podKey{namespace, name}])
}

// podMetrics returns the metrics of pod k from its containers cs: each
// container's use, sorted by name, stamped with the last one's instant
// and window; false when a container has no rate yet.
func podMetrics(k podKey, cs []scraped) (PodMetrics, bool) {
	if len(cs) == 0 {
		return PodMetrics{}, false
	}
	for i := range cs {
		if !cs[i].rated() {
			return PodMetrics{}, false
		}
	}
	order := make([]*scraped, len(cs))
	for i := range cs {
		order[i] = &cs[i]
	}
	slices.SortFunc(order, func(a, b *scraped) int { return cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.id, b.id)) })
	pm := PodMetrics{Namespace: k.namespace, Name: k.name, Containers: make([]ContainerMetrics, len(order))}
	for i, c := range order {
		var u Usage
		u, pm.Window = c.usage()
		pm.Timestamp = c.time
		pm.Containers[i] = ContainerMetrics{Name: c.name, Usage: u}
	}
	return pm, true
}

// AllPodMetrics returns the latest metrics of every pod, sorted by
// namespace and name.
func (s *Server) AllPodMetrics() []PodMetrics {
	out := make([]PodMetrics, 0, len(s.pods))
	for k, cs := range s.pods {
		if pm, ok := podMetrics(k, cs); ok {
			out = append(out, pm)
		}
	}
	slices.SortFunc(out, func(a, b PodMetrics) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// NodeMetrics returns the latest metrics of a node, and false when it has
// none: the sum of the rates of the containers on it that have one (in
// pods that have metrics or not), stamped with the latest of their
// instants.
func (s *Server) NodeMetrics(name string) (NodeMetrics, bool) {
	if s.nodesRound != s.round {
		s.sumNodes()
	}
	n, ok := s.nodes[name]
	return n, ok
}

// sumNodes works out the node metrics of the latest round.
func (s *Server) sumNodes() {
	clear(s.nodes)
	for _, cs := range s.pods {
		for i := range cs {
			c := &cs[i]
			if !c.rated() {
				continue
			}
			u, window := c.usage()
			nm := s.nodes[c.node]
			if c.time > nm.Timestamp || c.time == nm.Timestamp && window > nm.Window {
				nm.Timestamp, nm.Window = c.time, window
			}
			nm.Name = c.node
			nm.MilliCPU += u.MilliCPU
			nm.Memory += u.Memory
			s.nodes[c.node] = nm
		}
	}
	s.nodesRound = s.round
}
