package scheduler

import (
	"fmt"
	"testing"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/internal/cputime"
)

// benchNodes returns n nodes in three zones, each with perNode app=foo
// pods, and their cached totals, as the cluster's scheduler cache keeps them.
func benchNodes(n, perNode int) []NodeInfo {
	nodes := make([]NodeInfo, n)
	for i := range nodes {
		nd := zonedNode(fmt.Sprintf("n%03d", i), string(rune('a'+i%3)))
		var pods []*corev1.Pod
		for j := range perNode {
			pods = append(pods, foo(fmt.Sprintf("p%03d-%02d", i, j)))
		}
		t := NewNodeTotals(nd, pods)
		nodes[i] = NodeInfo{Node: nd, Pods: pods, Totals: &t}
	}
	return nodes
}

// BenchmarkScheduleRules measures one scheduling cycle over 100 stores of
// 30 pods each: a plain pod, and pods whose anti-affinity or spread makes
// the desk count every pod of the chain.
func BenchmarkScheduleRules(b *testing.B) {
	nodes := benchNodes(100, 30)
	cases := map[string]*corev1.Pod{
		"plain":          foo("new"),
		"anti-affinity":  withAntiAffinity(labelled("new", "app", "bar"), term("foo", hostnameKey)),
		"spread-zone":    withSpread(foo("new"), spread(zoneKey, 1, corev1.DoNotSchedule)),
		"spread-soft":    withSpread(foo("new"), spread(hostnameKey, 1, corev1.ScheduleAnyway)),
		"node-preferred": withPreferred(withPreferred(foo("new"), 1, zoneKey, "a"), 50, zoneKey, "b"),
	}
	for _, name := range []string{"plain", "anti-affinity", "spread-zone", "spread-soft", "node-preferred"} {
		b.Run(name, func(b *testing.B) {
			var s Scheduler
			rng := seeded(1)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Schedule(cases[name], nodes, rng); err != nil {
					var fe *FitError
					if name != "anti-affinity" || !asFitError(err, &fe) {
						b.Fatal(err)
					}
				}
			}
		})
	}
}

func asFitError(err error, fe **FitError) bool {
	f, ok := err.(*FitError)
	*fe = f
	return ok
}

// BenchmarkPreempt measures DefaultPreemption's choice over 100 full
// stores of 30 low-priority pods each: victims on every store, then the
// pick.
func BenchmarkPreempt(b *testing.B) {
	nodes := make([]NodeInfo, 100)
	candidates := make([]string, len(nodes))
	for i := range nodes {
		nd := node(fmt.Sprintf("n%03d", i), "3", "8Gi", 110)
		var pods []*corev1.Pod
		for j := range 30 {
			pods = append(pods, withPriority(pod(fmt.Sprintf("p%03d-%02d", i, j), "100m", ""), int32(j%3)))
		}
		nodes[i] = NodeInfo{Node: nd, Pods: pods}
		candidates[i] = nd.Name
	}
	p := withPriority(pod("new", "1", ""), 10)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok, err := Preempt(p, nodes, candidates, nil); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkScheduleLargestChain measures one cycle for a plain pod over
// Kubernetes' largest supported cluster, 5,000 stores of 30 pods each, with
// their totals side by side as the cluster's scheduler cache keeps them:
// the cycle filters and scores the 500 stores percentageOfNodesToScore
// asks for (5 percent, at least 100).
func BenchmarkScheduleLargestChain(b *testing.B) {
	const stores = 5000
	pods := make([]*corev1.Pod, 30) // the same 30 pods on every store: only their sums matter here
	for j := range pods {
		pods[j] = pod(fmt.Sprintf("p%02d", j), "10m", "16Mi")
	}
	totals := make([]NodeTotals, stores)
	nodes := make([]NodeInfo, stores)
	for i := range nodes {
		nd := node(fmt.Sprintf("store-%04d", i), "64", "256Gi", 110)
		totals[i] = NewNodeTotals(nd, pods)
		nodes[i] = NodeInfo{Node: nd, Pods: pods, Totals: &totals[i]}
	}
	s := Scheduler{NodesHaveNode: true, PodsWithAffinity: func() int64 { return 0 }}
	p := pod("new", "10m", "16Mi")
	rng := seeded(1)
	b.ReportAllocs()
	start := cputime.Now()
	for b.Loop() {
		if _, err := s.Schedule(p, nodes, rng); err != nil {
			b.Fatal(err)
		}
	}
	cputime.Report(b, start)
}
