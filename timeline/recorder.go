package timeline

import (
	"cmp"
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// Recorder watches a running cluster and keeps, for each pod, the history
// its pictures are drawn from. It learns container states and the pod's
// Ready condition from head office's ledger (a pod watch, as kubectl get
// pods -w sees it) and the instants of probe failures, kills and customers
// from the record. Make one with [Record]; freeze it with
// [Recorder.Timeline].
type Recorder struct {
	loop  *sim.Loop
	start sim.Time
	pods  map[apiserver.Key]*podTrack
}

// podTrack is what the recorder knows of one pod so far.
type podTrack struct {
	key        apiserver.Key
	node       string
	spec       []specEntry // init containers first, then regular ones
	containers map[string]*containerTrack
	ready      []ReadySpan // the last span is open (To is ignored)
	customers  Customers
	gone       bool
}

// containerTrack is a container's history, and its restartCount as last
// seen.
type containerTrack struct {
	Container
	restartCount int32
	seen         bool
}

// specEntry names a container in spec order.
type specEntry struct {
	name string
	init bool
}

// Record starts recording c: it subscribes to c's record and watches its
// pods with no delay, so it sees every status head office stores. Pods
// already at head office are included.
func Record(c *cluster.Cluster) *Recorder {
	r := &Recorder{loop: c.Loop(), start: c.Now(), pods: map[apiserver.Key]*podTrack{}}
	c.Subscribe(sim.ObserverFunc(r.observe))
	c.API().Pods.Watch(0, true, r.onPod)
	return r
}

// track returns the pod's track, making it on first sight.
func (r *Recorder) track(k apiserver.Key) *podTrack {
	t := r.pods[k]
	if t == nil {
		t = &podTrack{key: k, containers: map[string]*containerTrack{}}
		r.pods[k] = t
	}
	return t
}

// onPod takes one change of a pod at head office.
func (r *Recorder) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	now := r.loop.Now()
	p := ev.Object
	t := r.track(apiserver.KeyOf(p))
	if ev.Type == apiserver.Deleted {
		t.close(now)
		return
	}
	t.gone = false
	t.node = p.Spec.NodeName
	t.spec = t.spec[:0]
	for _, c := range p.Spec.InitContainers {
		t.spec = append(t.spec, specEntry{c.Name, true})
	}
	for _, c := range p.Spec.Containers {
		t.spec = append(t.spec, specEntry{c.Name, false})
	}
	for _, s := range p.Status.InitContainerStatuses {
		t.observe(now, s, true)
	}
	for _, s := range p.Status.ContainerStatuses {
		t.observe(now, s, false)
	}
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			t.setReady(now, c.Status == corev1.ConditionTrue)
		}
	}
}

// container returns the container's history, making it on first sight.
func (t *podTrack) container(name string, init bool) *containerTrack {
	c := t.containers[name]
	if c == nil {
		c = &containerTrack{Container: Container{Name: name, Init: init}}
		t.containers[name] = c
	}
	return c
}

// observe takes one container status: a new segment when the state
// changed, a Restart mark when restartCount went up since the last status
// seen (a pod first seen with restarts behind it gets no marks for them).
func (t *podTrack) observe(now sim.Time, s corev1.ContainerStatus, init bool) {
	c := t.container(s.Name, init)
	seg, ok := segmentOf(s)
	if !ok {
		return
	}
	if n := len(c.Segments); n == 0 || !sameState(c.Segments[n-1], seg) {
		if n > 0 {
			c.Segments[n-1].To = now
		}
		seg.From, seg.To = now, now
		c.Segments = append(c.Segments, seg)
	}
	if c.seen && s.RestartCount > c.restartCount {
		c.Marks = append(c.Marks, Mark{At: now, Kind: Restart, Message: fmt.Sprintf("restart %d", s.RestartCount)})
	}
	c.seen, c.restartCount = true, s.RestartCount
}

// segmentOf turns a container status into an (open) segment; false when
// the status holds no state at all.
func segmentOf(s corev1.ContainerStatus) (Segment, bool) {
	switch st := s.State; {
	case st.Running != nil:
		return Segment{State: Running, Ready: s.Ready}, true
	case st.Terminated != nil:
		return Segment{State: Terminated, Reason: st.Terminated.Reason, ExitCode: st.Terminated.ExitCode}, true
	case st.Waiting != nil:
		return Segment{State: Waiting, Reason: st.Waiting.Reason}, true
	}
	return Segment{}, false
}

// sameState reports whether two segments show the same state.
func sameState(a, b Segment) bool {
	return a.State == b.State && a.Ready == b.Ready && a.Reason == b.Reason && a.ExitCode == b.ExitCode
}

// setReady follows the pod's Ready condition.
func (t *podTrack) setReady(now sim.Time, ready bool) {
	n := len(t.ready)
	if n > 0 && t.ready[n-1].Ready == ready {
		return
	}
	if n > 0 {
		t.ready[n-1].To = now
	}
	t.ready = append(t.ready, ReadySpan{From: now, To: now, Ready: ready})
}

// close ends every open interval: the pod is gone from head office.
func (t *podTrack) close(now sim.Time) {
	if t.gone {
		return
	}
	t.gone = true
	for _, c := range t.containers {
		if n := len(c.Segments); n > 0 {
			c.Segments[n-1].To = now
		}
	}
	if n := len(t.ready); n > 0 {
		t.ready[n-1].To = now
	}
}

// Timeline freezes what has been recorded into a picture that stops at
// end: open intervals are closed at end, and anything after end is left
// out. It panics if end is before the recording began.
func (r *Recorder) Timeline(end sim.Time) *Timeline {
	if end < r.start {
		panic(fmt.Sprintf("timeline.Recorder.Timeline: end %v is before the start %v", end, r.start))
	}
	tl := &Timeline{Start: r.start, End: end}
	keys := make([]apiserver.Key, 0, len(r.pods))
	for k := range r.pods {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b apiserver.Key) int {
		return cmp.Or(cmp.Compare(a.Namespace, b.Namespace), cmp.Compare(a.Name, b.Name))
	})
	for _, k := range keys {
		tl.Pods = append(tl.Pods, r.pods[k].freeze(end))
	}
	return tl
}

// freeze copies the track into a Pod cut at end.
func (t *podTrack) freeze(end sim.Time) Pod {
	p := Pod{Namespace: t.key.Namespace, Name: t.key.Name, Node: t.node, Customers: t.customers}
	p.Ready = clip(t.ready, !t.gone, end, func(s *ReadySpan) (*sim.Time, *sim.Time) { return &s.From, &s.To })
	for _, e := range t.order() {
		fc := Container{Name: e.name, Init: e.init}
		c := t.containers[e.name]
		if c == nil {
			p.Containers = append(p.Containers, fc)
			continue
		}
		fc.Segments = clip(c.Segments, !t.gone, end, func(s *Segment) (*sim.Time, *sim.Time) { return &s.From, &s.To })
		for _, m := range c.Marks {
			if m.At <= end {
				fc.Marks = append(fc.Marks, m)
			}
		}
		p.Containers = append(p.Containers, fc)
	}
	return p
}

// order returns the pod's containers: spec order, init containers first,
// then any container the spec no longer names, sorted by name.
func (t *podTrack) order() []specEntry {
	var out []specEntry
	seen := map[string]bool{}
	for _, e := range t.spec {
		if !seen[e.name] {
			seen[e.name] = true
			out = append(out, e)
		}
	}
	var extra []specEntry
	for name, c := range t.containers {
		if !seen[name] {
			extra = append(extra, specEntry{name, c.Init})
		}
	}
	slices.SortFunc(extra, func(a, b specEntry) int { return cmp.Compare(a.name, b.name) })
	return append(out, extra...)
}

// clip copies intervals that start by end, extending the last one to end
// when it is still open and cutting any that run past end.
func clip[S any](in []S, open bool, end sim.Time, bounds func(*S) (from, to *sim.Time)) []S {
	var out []S
	for i, s := range in {
		from, to := bounds(&s)
		if *from > end {
			break
		}
		if (open && i == len(in)-1) || *to > end {
			*to = end
		}
		out = append(out, s)
	}
	return out
}
