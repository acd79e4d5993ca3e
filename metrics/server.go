package metrics

import (
	"cmp"
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

// Server holds the previous and the latest sample of every container and
// the metrics of the latest complete round.
type Server struct {
	last  map[string]Sample // by container id
	pods  map[podKey]PodMetrics
	nodes map[string]NodeMetrics
}

// NewServer returns a metrics-server that has scraped nothing yet.
func NewServer() *Server {
	return &Server{last: map[string]Sample{}, pods: map[podKey]PodMetrics{}, nodes: map[string]NodeMetrics{}}
}

// Scrape takes one round of samples (every running container of every
// node) and replaces the metrics with the rates since the previous round.
// A container that is not in the round is forgotten.
func (s *Server) Scrape(samples []Sample) {
	samples = slices.Clone(samples)
	slices.SortFunc(samples, func(a, b Sample) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Pod, b.Pod), cmp.Compare(a.Container, b.Container))
	})
	last := make(map[string]Sample, len(samples))
	pods := map[podKey]PodMetrics{}
	incomplete := map[podKey]bool{}
	nodes := map[string]NodeMetrics{}
	for _, cur := range samples {
		last[cur.ID] = cur
		k := podKey{cur.Namespace, cur.Pod}
		prev, ok := s.last[cur.ID]
		if !ok || cur.Time <= prev.Time || cur.CPU < prev.CPU {
			incomplete[k] = true
			continue
		}
		window := cur.Time.Sub(prev.Time)
		milli := int64((cur.CPU - prev.CPU) * 1000 / uint64(window))
		pm := pods[k]
		pm.Namespace, pm.Name = cur.Namespace, cur.Pod
		pm.Timestamp, pm.Window = cur.Time, window
		pm.Containers = append(pm.Containers, ContainerMetrics{Name: cur.Container, Usage: Usage{MilliCPU: milli, Memory: int64(cur.Memory)}})
		pods[k] = pm
		nm := nodes[cur.Node]
		nm.Name, nm.Timestamp, nm.Window = cur.Node, cur.Time, window
		nm.MilliCPU += milli
		nm.Memory += int64(cur.Memory)
		nodes[cur.Node] = nm
	}
	for k := range incomplete {
		delete(pods, k)
	}
	s.last, s.pods, s.nodes = last, pods, nodes
}

// PodMetrics returns the latest metrics of a pod, and false when the pod
// has none (not running, or not scraped twice yet).
func (s *Server) PodMetrics(namespace, name string) (PodMetrics, bool) {
	p, ok := s.pods[podKey{namespace, name}]
	return p, ok
}

// AllPodMetrics returns the latest metrics of every pod, sorted by
// namespace and name.
func (s *Server) AllPodMetrics() []PodMetrics {
	out := make([]PodMetrics, 0, len(s.pods))
	for _, p := range s.pods {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b PodMetrics) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	return out
}

// NodeMetrics returns the latest metrics of a node, and false when it has
// none.
func (s *Server) NodeMetrics(name string) (NodeMetrics, bool) {
	n, ok := s.nodes[name]
	return n, ok
}
