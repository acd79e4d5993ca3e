package scheduler

import (
	"fmt"
	"testing"

	corev1 "k8s.io/api/core/v1"
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
