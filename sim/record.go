package sim

import (
	"fmt"
	"time"
)

// Kind tells apart the two sorts of record.
type Kind uint8

const (
	// Event is a Kubernetes Event: what `kubectl get events` would show.
	Event Kind = iota
	// Change is a state change that Kubernetes reports in an object's status
	// rather than as an Event (a pod's phase, a condition, an endpoint). The
	// narrator tells it too, so a learner sees why the next event happens.
	Change
)

// String returns "Event" or "Change".
func (k Kind) String() string {
	if k == Change {
		return "Change"
	}
	return "Event"
}

// Event types, as Kubernetes spells them.
const (
	Normal  = "Normal"
	Warning = "Warning"
)

// Source is the component that made a record, and the store it works in
// ("" for head office).
type Source struct {
	Component string // kubelet, kube-proxy, default-scheduler, ...
	Store     string // the node's name
}

// ObjectRef names the object a record is about.
type ObjectRef struct {
	Kind      string // Pod, Node, Service, ...
	Namespace string
	Name      string
	UID       string
	// FieldPath points inside the object, as Kubernetes events do:
	// "spec.containers{app}".
	FieldPath string
}

// String returns kubectl's short form: "pod/web".
func (o ObjectRef) String() string {
	return lowerKind(o.Kind) + "/" + o.Name
}

func lowerKind(k string) string {
	b := []byte(k)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Facts carry the details of a record that the storefront voice retells in
// its own words. Each field is optional.
type Facts struct {
	Container string        // the container involved
	Image     string        // the image involved
	Duration  time.Duration // how long something took, or a back-off
	ExitCode  int32         // a terminated container's exit code
	Count     int32         // a restart count, a number of customers, ...
	From, To  string        // a state change: the old and the new value
}

// Record is one entry in the simulation's record: something notable that
// happened, once, at one instant.
type Record struct {
	Time    Time
	Kind    Kind
	Type    string // Normal or Warning
	Source  Source
	Object  ObjectRef
	Reason  string // in Kubernetes' words: Scheduled, Pulling, Started, BackOff, ...
	Message string // in Kubernetes' words
	Facts   Facts
}

// String formats the record in the technical voice:
// "00:00:02 store-1 kubelet Pulled pod/web Successfully pulled ...".
func (r Record) String() string {
	where := r.Source.Store
	if where == "" {
		where = "head-office"
	}
	return fmt.Sprintf("%v %s %s %s %v %s", r.Time, where, r.Source.Component, r.Reason, r.Object, r.Message)
}

// Observer receives every record as it is made.
type Observer interface {
	Observe(Record)
}

// ObserverFunc adapts a function to the Observer interface.
type ObserverFunc func(Record)

// Observe calls f(r).
func (f ObserverFunc) Observe(r Record) { f(r) }

// Subscribe adds an observer. Observers see records in the order they are
// made, and are called in the order they subscribed.
func (l *Loop) Subscribe(o Observer) { l.observers = append(l.observers, o) }

// Record stamps r with the current time, a Normal type if it has none, and
// hands it to every observer.
func (l *Loop) Record(r Record) {
	r.Time = l.now
	if r.Type == "" {
		r.Type = Normal
	}
	l.records++
	for _, o := range l.observers {
		o.Observe(r)
	}
}

// Records returns how many records have been made.
func (l *Loop) Records() uint64 { return l.records }
