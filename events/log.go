package events

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/sim"
)

// Log is the store logbook: the Event objects the API server holds after
// every component's event recorder has correlated what it reported. It
// implements sim.Observer, so it can subscribe to a sim.Loop. The zero
// value is not ready for use; call NewLog.
type Log struct {
	events  []corev1.Event // stored Events, in order of creation
	byName  map[string]int // Event name -> index in events
	seen    map[string]observation
	similar map[string]*similarGroup
	spam    map[string]*tokenBucket
	// notify, when set, hears of every Event stored.
	notify func(ev corev1.Event, created bool)
}

// Notify calls fn with a copy of every Event the logbook stores from now
// on, and whether it is new (false when an Event by that name was
// updated, its count raised): what a watch of Events hears.
func (l *Log) Notify(fn func(ev corev1.Event, created bool)) { l.notify = fn }

// NewLog returns an empty logbook.
func NewLog() *Log {
	return &Log{
		byName:  map[string]int{},
		seen:    map[string]observation{},
		similar: map[string]*similarGroup{},
		spam:    map[string]*tokenBucket{},
	}
}

// Observe takes one record. A record of kind sim.Event goes through the
// correlator (aggregation, deduplication, spam filter) and, unless the spam
// filter drops it, creates or updates one Event. Change records are not
// Events in Kubernetes and are ignored.
func (l *Log) Observe(r sim.Record) {
	if r.Kind != sim.Event {
		return
	}
	now := r.Time.Wall()
	ev := makeEvent(r, now)
	ev, key := l.aggregate(ev, now)
	ev = l.deduplicate(ev, key)
	if !l.allow(spamKey(&ev), now) {
		return
	}
	l.store(ev)
}

// store creates the Event or, when one by that name exists, updates it, as
// the recorder's create-or-patch does.
func (l *Log) store(ev corev1.Event) {
	if i, ok := l.byName[ev.Name]; ok {
		ev.CreationTimestamp = l.events[i].CreationTimestamp
		l.events[i] = ev
		l.told(i, false)
		return
	}
	ev.CreationTimestamp = ev.LastTimestamp
	l.byName[ev.Name] = len(l.events)
	l.events = append(l.events, ev)
	l.told(len(l.events)-1, true)
}

// told passes stored Event i to the listener, if there is one.
func (l *Log) told(i int, created bool) {
	if l.notify != nil {
		l.notify(*l.events[i].DeepCopy(), created)
	}
}

// Events returns a copy of every stored Event, in order of first
// occurrence.
func (l *Log) Events() []corev1.Event {
	out := make([]corev1.Event, len(l.events))
	for i := range l.events {
		l.events[i].DeepCopyInto(&out[i])
	}
	return out
}

// For returns a copy of the Events about one object (involvedObject kind,
// namespace and name), in order of first occurrence: what
// `kubectl describe` lists under "Events:". Cluster-scoped objects such as
// Nodes have the namespace "".
func (l *Log) For(kind, namespace, name string) []corev1.Event {
	var out []corev1.Event
	for i := range l.events {
		o := l.events[i].InvolvedObject
		if o.Kind == kind && o.Namespace == namespace && o.Name == name {
			out = append(out, *l.events[i].DeepCopy())
		}
	}
	return out
}

// apiVersions maps the kinds nucleus simulates outside the core group to
// their apiVersion; every other kind is core "v1".
var apiVersions = map[string]string{
	"Deployment":          "apps/v1",
	"ReplicaSet":          "apps/v1",
	"Job":                 "batch/v1",
	"CronJob":             "batch/v1",
	"PodDisruptionBudget": "policy/v1",
	"EndpointSlice":       "discovery.k8s.io/v1",
	"Lease":               "coordination.k8s.io/v1",
}

// apiVersionOf returns the apiVersion of kind.
func apiVersionOf(kind string) string {
	if v, ok := apiVersions[kind]; ok {
		return v
	}
	return "v1"
}

// makeEvent returns the Event a component's recorder builds for r at now:
// named "<object name>.<now in hex nanoseconds>", in the object's namespace
// ("default" for cluster-scoped objects), with count 1.
func makeEvent(r sim.Record, now time.Time) corev1.Event {
	namespace := r.Object.Namespace
	if namespace == "" {
		namespace = metav1.NamespaceDefault
	}
	stamp := apiTime(now)
	return corev1.Event{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Event"},
		ObjectMeta: metav1.ObjectMeta{
			Name:      eventName(r.Object.Name, now),
			Namespace: namespace,
		},
		InvolvedObject: corev1.ObjectReference{
			Kind:       r.Object.Kind,
			Namespace:  r.Object.Namespace,
			Name:       r.Object.Name,
			UID:        types.UID(r.Object.UID),
			APIVersion: apiVersionOf(r.Object.Kind),
			FieldPath:  r.Object.FieldPath,
		},
		Reason:              r.Reason,
		Message:             r.Message,
		Source:              corev1.EventSource{Component: r.Source.Component, Host: r.Source.Store},
		FirstTimestamp:      stamp,
		LastTimestamp:       stamp,
		Count:               1,
		Type:                r.Type,
		ReportingController: r.Source.Component,
		ReportingInstance:   r.Source.Store,
	}
}

// eventName returns "<name>.<t in hex nanoseconds since 1970>".
func eventName(name string, t time.Time) string {
	return fmt.Sprintf("%v.%x", name, t.UnixNano())
}

// apiTime returns t as the API server stores it: JSON timestamps carry
// whole seconds.
func apiTime(t time.Time) metav1.Time {
	return metav1.NewTime(t.UTC().Truncate(time.Second))
}
