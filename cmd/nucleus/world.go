package main

import (
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
	"github.com/nodenucleus/nucleus/scenario"
)

// world is one finished quiet run: the cluster stopped at the instant the
// command looks at, the logbook (the Events) kept from time zero, and the
// scenario that was run.
type world struct {
	c   *cluster.Cluster
	log *events.Log
	sc  *scenario.Scenario
}

// simulate reads files as a scenario, lets adjust change a copy of it (the
// seed and proxy flags), and runs it to d without narration, with a
// logbook subscribed before anything happens: the scenario's chain, seed
// and timed actions apply; its expectations are not checked. Errors are
// failures naming the file, or usage errors for a bad d.
func simulate(s streams, files []string, d time.Duration, flag string, adjust func(*scenario.Scenario) (*scenario.Scenario, error)) (*world, error) {
	if err := checkDuration(flag, d); err != nil {
		return nil, err
	}
	sc, err := loadScenario(files, s.in, s.errOut)
	if err != nil {
		return nil, err
	}
	if sc, err = adjust(sc); err != nil {
		return nil, err
	}
	log := events.NewLog()
	r, err := play(sc, playOptions{end: d}, log)
	if err != nil {
		return nil, err
	}
	return &world{c: r.Cluster, log: log, sc: sc}, nil
}

// now returns the instant the world stopped at, on the wall clock.
func (w *world) now() time.Time { return w.c.Now().Wall() }

// scope is the namespace a command looks in: one namespace, or every one
// (-A, --all-namespaces).
type scope struct {
	namespace string
	all       bool
}

// holds reports whether an object in namespace ns is in the scope.
func (sc scope) holds(ns string) bool { return sc.all || ns == sc.namespace }

// inScope returns the objects of objs whose namespace is in sc, in order.
func inScope[T metav1.Object](objs []T, sc scope) []T {
	var out []T
	for _, o := range objs {
		if sc.holds(o.GetNamespace()) {
			out = append(out, o)
		}
	}
	return out
}

// emptyMessage returns kubectl's message for an empty table in sc:
// "No resources found" for every namespace or a cluster-scoped kind,
// "No resources found in NS namespace." otherwise.
func (sc scope) emptyMessage(namespaced bool) string {
	if sc.all || !namespaced {
		return noResources("")
	}
	return noResources(sc.namespace)
}
