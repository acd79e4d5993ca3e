package main

import (
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/events"
)

// world is one finished quiet run: the cluster stopped at the instant the
// command looks at, and the logbook (the Events) kept from time zero.
type world struct {
	c   *cluster.Cluster
	log *events.Log
}

// simulate reads files, applies every object at time zero to a chain
// described by cfg, with a logbook subscribed before anything happens, and
// runs for d without narration. Errors are failures naming the file, or
// usage errors for a bad d.
func simulate(s streams, files []string, cfg cluster.Config, d time.Duration, flag string) (*world, error) {
	if err := checkDuration(flag, d); err != nil {
		return nil, err
	}
	docs, err := readManifests(files, s.in, s.errOut)
	if err != nil {
		return nil, err
	}
	log := events.NewLog()
	c, err := startClusterWith(cfg, docs, func(c *cluster.Cluster) { c.Subscribe(log) })
	if err != nil {
		return nil, err
	}
	c.RunFor(d)
	return &world{c: c, log: log}, nil
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
