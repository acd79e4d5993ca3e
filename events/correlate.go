package events

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The correlator's settings: client-go tools/record events_cache.go
// (defaultAggregateMaxEvents, defaultAggregateIntervalInSeconds,
// defaultSpamBurst, defaultSpamQPS).
const (
	// AggregateMaxEvents is how many different messages for the same
	// source, object, type and reason start the "(combined from similar
	// events)" Event.
	AggregateMaxEvents = 10
	// AggregateInterval is how long after the last similar event a group of
	// similar events is forgotten.
	AggregateInterval = 600 * time.Second
	// SpamBurst is how many Events a source may write about one object
	// before the spam filter holds it to SpamQPS.
	SpamBurst = 25
	// CombinedPrefix starts the message of an aggregated Event.
	CombinedPrefix = "(combined from similar events): "
)

// spamQPS is the spam filter's refill rate, one token every 300 seconds. The
// recorder keeps it as a float32, and the token bucket reads it as a
// float64, so nucleus does the same to refill at exactly the same rate.
var spamQPS = float64(float32(1.0 / 300.0))

// observation is what the recorder remembers about an Event it sent: how
// often it happened, when first, and under which name.
type observation struct {
	count int32
	name  string
	first metav1.Time
}

// similarGroup is the aggregator's memory of events that differ only by
// message: the messages seen and when the last one came.
type similarGroup struct {
	messages map[string]bool
	last     time.Time
}

// eventKey returns the key under which identical events are counted:
// source, host, involved object (fieldPath included), type, reason and
// message, joined as client-go's getEventKey joins them.
func eventKey(ev *corev1.Event) string {
	o := ev.InvolvedObject
	return strings.Join([]string{
		ev.Source.Component, ev.Source.Host,
		o.Kind, o.Namespace, o.Name, o.FieldPath, string(o.UID), o.APIVersion,
		ev.Type, ev.Reason, ev.Message,
	}, "")
}

// aggregateKey returns the key under which similar events (the same but
// for message and fieldPath) are grouped, as EventAggregatorByReasonFunc
// builds it.
func aggregateKey(ev *corev1.Event) string {
	o := ev.InvolvedObject
	return strings.Join([]string{
		ev.Source.Component, ev.Source.Host,
		o.Kind, o.Namespace, o.Name, string(o.UID), o.APIVersion,
		ev.Type, ev.Reason, ev.ReportingController, ev.ReportingInstance,
	}, "")
}

// spamKey returns the key of the spam filter's token bucket: source, host
// and involved object, whatever the reason.
func spamKey(ev *corev1.Event) string {
	o := ev.InvolvedObject
	return strings.Join([]string{
		ev.Source.Component, ev.Source.Host,
		o.Kind, o.Namespace, o.Name, string(o.UID), o.APIVersion,
	}, "")
}

// aggregate files ev among its similar events and returns the Event to
// record with the key to count it under: ev itself and its eventKey while
// fewer than AggregateMaxEvents different messages were seen in the
// interval, otherwise a new "(combined from similar events)" Event and the
// aggregateKey, so that all later similar events count on that one.
func (l *Log) aggregate(ev corev1.Event, now time.Time) (corev1.Event, string) {
	key := aggregateKey(&ev)
	g := l.similar[key]
	if g == nil || now.Sub(g.last) > AggregateInterval {
		g = &similarGroup{messages: map[string]bool{}}
		l.similar[key] = g
	}
	g.messages[ev.Message] = true
	g.last = now
	if len(g.messages) < AggregateMaxEvents {
		return ev, eventKey(&ev)
	}
	g.forgetOne()
	stamp := apiTime(now)
	combined := corev1.Event{
		TypeMeta:       ev.TypeMeta,
		InvolvedObject: ev.InvolvedObject,
		Reason:         ev.Reason,
		Message:        CombinedPrefix + ev.Message,
		Source:         ev.Source,
		FirstTimestamp: stamp,
		LastTimestamp:  stamp,
		Count:          1,
		Type:           ev.Type,
	}
	combined.Name = eventName(ev.InvolvedObject.Name, now)
	combined.Namespace = ev.Namespace
	return combined, key
}

// forgetOne drops one message so the group never grows past
// AggregateMaxEvents-1 between events. client-go drops an arbitrary one;
// nucleus drops the alphabetically first, to stay deterministic.
func (g *similarGroup) forgetOne() {
	msgs := make([]string, 0, len(g.messages))
	for m := range g.messages {
		msgs = append(msgs, m)
	}
	sort.Strings(msgs)
	delete(g.messages, msgs[0])
}

// deduplicate returns ev as the recorder sends it: the first occurrence
// under key as it is, a repeat with the first one's name and
// firstTimestamp and the count raised by one. It remembers the result,
// whether or not the spam filter lets it through.
func (l *Log) deduplicate(ev corev1.Event, key string) corev1.Event {
	if seen, ok := l.seen[key]; ok && seen.count > 0 {
		ev.Name = seen.name
		ev.FirstTimestamp = seen.first
		ev.Count = seen.count + 1
	} else {
		ev.Name = l.uniqueName(ev.Name)
	}
	l.seen[key] = observation{count: ev.Count, name: ev.Name, first: ev.FirstTimestamp}
	return ev
}

// uniqueName keeps a new Event from taking the name of another one. A
// real recorder's names differ by the nanoseconds of the wall clock; in
// virtual time two events about one object can share an instant, so the
// later one is named one nanosecond on, as it would be on a real clock.
func (l *Log) uniqueName(name string) string {
	if _, taken := l.byName[name]; !taken {
		return name
	}
	dot := strings.LastIndexByte(name, '.')
	n, err := strconv.ParseInt(name[dot+1:], 16, 64)
	if dot < 0 || err != nil {
		return name
	}
	for {
		n++
		candidate := fmt.Sprintf("%s.%x", name[:dot], n)
		if _, taken := l.byName[candidate]; !taken {
			return candidate
		}
	}
}

// tokenBucket is the spam filter's rate limiter for one source and object:
// it holds up to SpamBurst tokens, starts full and gains spamQPS tokens a
// second; each Event takes one.
type tokenBucket struct {
	tokens float64
	last   time.Time
}

// allow reports whether the source and object behind key may write an
// Event at now, and takes a token if so. A refused attempt changes nothing.
func (l *Log) allow(key string, now time.Time) bool {
	b := l.spam[key]
	if b == nil {
		b = &tokenBucket{tokens: SpamBurst, last: now}
		l.spam[key] = b
	}
	tokens := b.tokens
	if elapsed := now.Sub(b.last); elapsed > 0 {
		tokens += elapsed.Seconds() * spamQPS
	}
	if tokens > SpamBurst {
		tokens = SpamBurst
	}
	if tokens < 1 {
		return false
	}
	b.tokens, b.last = tokens-1, now
	return true
}
