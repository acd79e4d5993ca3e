package cluster

import (
	"cmp"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
	sched "github.com/nodenucleus/nucleus/scheduler"
)

// schedulerCache is the staffing desk's own picture of the stores and the
// pods bound to them, kept up to date from watches (and from its own
// bindings, which it assumes at once, as the real scheduler does), so that
// a decision does not read the whole ledger. Like kube-scheduler's cache it
// is incremental: a pod coming or going changes its store's entry and that
// store's running totals, and nothing else.
//
// The pods and nodes it holds come from read-only watches: it never
// changes them.
type schedulerCache struct {
	entries map[string]*cacheEntry // node name -> entry, with or without a Node
	names   []string               // names of the entries that have a Node, sorted
	infos   []sched.NodeInfo       // one per name, in order; nil when names changed
	// totals holds the running totals of the stores in names, in order,
	// side by side: a cycle reads those of hundreds of stores in a row,
	// and reads them fastest from one block of memory. Each listed
	// entry's totals point into it.
	totals []sched.NodeTotals
	// withAffinity is the sum of totals.WithPodAffinity over the entries
	// that have a Node: the active pods with inter-pod terms bound to the
	// stores a cycle looks at.
	withAffinity int64
}

// cacheEntry is one store as the staffing desk sees it.
type cacheEntry struct {
	node  *corev1.Node
	index int           // position in names and infos, when node is set
	pods  []*corev1.Pod // the bound pods, sorted by "namespace/name"
	// sums holds a checksum of each pod's key, in the order of pods: the
	// watch brings each pod's every status change, and a change finds its
	// pod by scanning these few words, side by side, instead of reading
	// every pod a binary search passes through (each a trip to memory far
	// away, in a chain of 150,000 pods).
	sums []uint64
	// totals are the store's running totals: an element of the cache's
	// totals while the store is listed, its own otherwise.
	totals *sched.NodeTotals
}

func newSchedulerCache() *schedulerCache {
	return &schedulerCache{entries: map[string]*cacheEntry{}}
}

// entry returns the entry for a node name, making an empty one.
func (c *schedulerCache) entry(name string) *cacheEntry {
	e := c.entries[name]
	if e == nil {
		e = &cacheEntry{totals: new(sched.NodeTotals)}
		c.entries[name] = e
	}
	return e
}

// setNode records a node's arrival, change or departure.
func (c *schedulerCache) setNode(n *corev1.Node, deleted bool) {
	e := c.entry(n.Name)
	had := e.node != nil
	if had {
		c.withAffinity -= e.totals.WithPodAffinity
	}
	if !deleted {
		c.withAffinity += e.totals.WithPodAffinity
	}
	if deleted {
		e.node = nil
	} else {
		e.node = n
	}
	e.totals.SetNode(e.node)
	if had && e.node != nil && c.infos != nil {
		c.infos[e.index].Node = e.node
		return
	}
	if had != (e.node != nil) {
		c.names, c.infos = nil, nil // the list of stores changed
	}
}

// setPod records a bound pod's arrival, change or departure.
func (c *schedulerCache) setPod(p *corev1.Pod, deleted bool) {
	if p.Spec.NodeName == "" {
		return
	}
	e := c.entry(p.Spec.NodeName)
	if e.node != nil {
		before := e.totals.WithPodAffinity
		defer func() { c.withAffinity += e.totals.WithPodAffinity - before }()
	}
	i, found, sum := e.find(p)
	switch {
	case deleted && found:
		e.totals.RemovePod(e.pods[i])
		e.pods = slices.Delete(e.pods, i, i+1)
		e.sums = slices.Delete(e.sums, i, i+1)
	case deleted:
		return
	case found:
		old := e.pods[i]
		e.pods[i] = p
		// A pod's requests change only by an in-place resize (a new spec,
		// or a resize pending or in progress); otherwise a new version of
		// the same pod can change the totals only by finishing (a finished
		// pod takes no room), not by going from Pending to Running.
		if old.UID != p.UID || pod.Finished(old) != pod.Finished(p) || old.Generation != p.Generation ||
			sched.Resizing(old) || sched.Resizing(p) {
			e.totals.RemovePod(old)
			e.totals.AddPod(p)
		}
	default:
		e.pods = slices.Insert(e.pods, i, p)
		e.sums = slices.Insert(e.sums, i, sum)
		e.totals.AddPod(p)
	}
	if e.node != nil && c.infos != nil {
		c.infos[e.index].Pods = e.pods
	}
}

// find returns where p's key is among e's pods, or where it would go,
// whether it is there, and the checksum of the key.
func (e *cacheEntry) find(p *corev1.Pod) (i int, found bool, sum uint64) {
	sum = keySum(p)
	for i, s := range e.sums {
		if s == sum && comparePodKeys(e.pods[i], p) == 0 {
			return i, true, sum
		}
	}
	i, _ = slices.BinarySearchFunc(e.pods, p, comparePodKeys)
	return i, false, sum
}

// keySum returns the 64-bit FNV-1a hash of p's key "namespace/name". Two
// keys may share a sum: find compares the keys themselves.
func keySum(p *corev1.Pod) uint64 {
	const prime = 1099511628211
	h := uint64(14695981039346656037)
	for i := range len(p.Namespace) {
		h = (h ^ uint64(p.Namespace[i])) * prime
	}
	h = (h ^ '/') * prime
	for i := range len(p.Name) {
		h = (h ^ uint64(p.Name[i])) * prime
	}
	return h
}

// comparePodKeys orders pods a and b as their keys "namespace/name"
// compare, without building the keys.
func comparePodKeys(a, b *corev1.Pod) int {
	if a.Namespace == b.Namespace {
		return strings.Compare(a.Name, b.Name)
	}
	return compareJoined(a.Namespace, a.Name, b.Namespace, b.Name)
}

// compareJoined compares a1+"/"+a2 with b1+"/"+b2 byte by byte, as
// strings.Compare would, without joining them.
func compareJoined(a1, a2, b1, b2 string) int {
	byteAt := func(s1, s2 string, i int) byte {
		switch {
		case i < len(s1):
			return s1[i]
		case i == len(s1):
			return '/'
		}
		return s2[i-len(s1)-1]
	}
	la, lb := len(a1)+1+len(a2), len(b1)+1+len(b2)
	for i := 0; i < la && i < lb; i++ {
		if x, y := byteAt(a1, a2, i), byteAt(b1, b2, i); x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return cmp.Compare(la, lb)
}

// podsWithAffinity returns how many active bound pods have inter-pod
// affinity or anti-affinity terms.
func (c *schedulerCache) podsWithAffinity() int64 { return c.withAffinity }

// nodeInfos returns the stores by name, each with its pods in key order
// and its running totals. The slice belongs to the cache and is valid until
// the next change.
func (c *schedulerCache) nodeInfos() []sched.NodeInfo {
	if c.infos != nil {
		return c.infos
	}
	c.names = c.names[:0]
	for name, e := range c.entries {
		if e.node != nil {
			c.names = append(c.names, name)
		}
	}
	slices.Sort(c.names)
	c.infos = make([]sched.NodeInfo, len(c.names))
	c.totals = make([]sched.NodeTotals, len(c.names))
	for i, name := range c.names {
		e := c.entries[name]
		e.index = i
		c.totals[i] = *e.totals
		e.totals = &c.totals[i]
		c.infos[i] = sched.NodeInfo{Node: e.node, Pods: e.pods, Totals: e.totals}
	}
	return c.infos
}
