package events

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// webRef is the pod most tests report about.
var webRef = sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web", UID: "uid-web", FieldPath: "spec.containers{app}"}

// kubeletRecord returns a kubelet event about web at virtual time at.
func kubeletRecord(at time.Duration, typ, reason, msg string) sim.Record {
	return sim.Record{
		Time: sim.Time(at), Kind: sim.Event, Type: typ,
		Source: sim.Source{Component: "kubelet", Store: "store-1"},
		Object: webRef, Reason: reason, Message: msg,
	}
}

// wall returns the API timestamp of virtual time at.
func wall(at time.Duration) metav1.Time { return metav1.NewTime(sim.Epoch.Add(at)) }

// Reference: client-go tools/record/event.go makeEvent and generateEvent.
func TestObserveMakesAFullEvent(t *testing.T) {
	l := NewLog()
	l.Observe(kubeletRecord(2500*time.Millisecond, sim.Normal, "Pulled", "Successfully pulled image \"nginx\""))
	got := l.Events()
	require.Len(t, got, 1)
	at := sim.Epoch.Add(2500 * time.Millisecond)
	want := corev1.Event{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Event"},
		ObjectMeta: metav1.ObjectMeta{
			Name:              fmt.Sprintf("web.%x", at.UnixNano()),
			Namespace:         "default",
			CreationTimestamp: wall(2 * time.Second),
		},
		InvolvedObject: corev1.ObjectReference{Kind: "Pod", Namespace: "default", Name: "web", UID: "uid-web",
			APIVersion: "v1", FieldPath: "spec.containers{app}"},
		Reason: "Pulled", Message: "Successfully pulled image \"nginx\"",
		Source:         corev1.EventSource{Component: "kubelet", Host: "store-1"},
		FirstTimestamp: wall(2 * time.Second), LastTimestamp: wall(2 * time.Second),
		Count: 1, Type: "Normal", ReportingController: "kubelet", ReportingInstance: "store-1",
	}
	assert.Equal(t, want, got[0])
	assert.Equal(t, "web.1816687f5559f900", got[0].Name, "name is <object>.<16 hex digits of nanoseconds>")
}

// Reference: client-go tools/record/event.go makeEvent (cluster-scoped
// objects' events go to the "default" namespace).
func TestClusterScopedObjectsEventsLiveInDefault(t *testing.T) {
	l := NewLog()
	l.Observe(sim.Record{Kind: sim.Event, Type: sim.Normal, Source: sim.Source{Component: "kubelet", Store: "store-1"},
		Object: sim.ObjectRef{Kind: "Node", Name: "store-1", UID: "store-1"}, Reason: "NodeReady", Message: "Node store-1 status is now: NodeReady"})
	l.Observe(sim.Record{Kind: sim.Change, Object: webRef, Reason: "Running"})
	got := l.Events()
	require.Len(t, got, 1, "Change records are not Events")
	assert.Equal(t, "default", got[0].Namespace)
	assert.Equal(t, "", got[0].InvolvedObject.Namespace)
	assert.Len(t, l.For("Node", "", "store-1"), 1)
	assert.Empty(t, l.For("Pod", "default", "web"))
}

// Reference: client-go tools/record/events_cache.go eventObserve and getEventKey.
func TestIdenticalEventsAreCounted(t *testing.T) {
	l := NewLog()
	for i := 0; i < 4; i++ {
		l.Observe(kubeletRecord(time.Duration(i)*20*time.Second, sim.Warning, "BackOff", "Back-off restarting failed container app in pod web_default(uid-web)"))
	}
	// Another fieldPath is another event.
	other := kubeletRecord(90*time.Second, sim.Warning, "BackOff", "Back-off restarting failed container app in pod web_default(uid-web)")
	other.Object.FieldPath = "spec.containers{sidecar}"
	l.Observe(other)

	got := l.For("Pod", "default", "web")
	require.Len(t, got, 2)
	first := got[0]
	assert.Equal(t, int32(4), first.Count, "Count after 4 identical events")
	assert.Equal(t, wall(0), first.FirstTimestamp)
	assert.Equal(t, wall(60*time.Second), first.LastTimestamp)
	assert.Equal(t, fmt.Sprintf("web.%x", sim.Epoch.UnixNano()), first.Name, "a repeat keeps the first name")
	assert.Equal(t, int32(1), got[1].Count)
}

// Reference: client-go tools/record/events_cache.go EventAggregate
// (10 similar events in 10 minutes).
func TestSimilarEventsAreCombined(t *testing.T) {
	l := NewLog()
	for i := 0; i < 11; i++ {
		l.Observe(kubeletRecord(time.Duration(i)*time.Second, sim.Warning, "Unhealthy", fmt.Sprintf("Liveness probe failed: attempt %d", i)))
	}
	got := l.Events()
	require.Len(t, got, 10, "9 single events and one combined")
	combined := got[9]
	assert.Equal(t, "(combined from similar events): Liveness probe failed: attempt 10", combined.Message)
	assert.Equal(t, int32(2), combined.Count, "the 10th and 11th similar events")
	assert.Equal(t, wall(9*time.Second), combined.FirstTimestamp)
	assert.Equal(t, wall(10*time.Second), combined.LastTimestamp)
	assert.Equal(t, fmt.Sprintf("web.%x", sim.Epoch.Add(9*time.Second).UnixNano()), combined.Name)
	assert.Equal(t, "", combined.ReportingController, "client-go's aggregate Event carries no reporting fields")
	assert.Equal(t, "kubelet", combined.Source.Component)

	// Ten quiet minutes later the group starts afresh.
	l.Observe(kubeletRecord(10*time.Second+AggregateInterval+time.Second, sim.Warning, "Unhealthy", "Liveness probe failed: later"))
	got = l.Events()
	require.Len(t, got, 11)
	assert.Equal(t, "Liveness probe failed: later", got[10].Message)
}

// Reference: client-go tools/record/events_cache.go EventSourceObjectSpamFilter
// (burst 25, one more every 300 s; dropped events still count).
func TestSpamFilterHoldsASourceToItsBudget(t *testing.T) {
	l := NewLog()
	for i := 0; i < 30; i++ {
		l.Observe(kubeletRecord(time.Duration(i)*time.Second, sim.Warning, "BackOff", "Back-off restarting failed container"))
	}
	got := l.Events()
	require.Len(t, got, 1)
	assert.Equal(t, int32(25), got[0].Count, "Count after 30 events at once, burst 25")
	assert.Equal(t, wall(24*time.Second), got[0].LastTimestamp)

	// Another reason from the same source about the same object is held too.
	l.Observe(kubeletRecord(40*time.Second, sim.Normal, "Pulled", "already present"))
	assert.Len(t, l.Events(), 1, "the bucket is empty for every reason")

	// 300 s after the last token was taken, one more fits, carrying the
	// events the filter dropped in its count.
	l.Observe(kubeletRecord(324*time.Second, sim.Warning, "BackOff", "Back-off restarting failed container"))
	got = l.Events()
	assert.Equal(t, int32(31), got[0].Count, "Count after the refill")
	assert.Equal(t, wall(324*time.Second), got[0].LastTimestamp)

	// Another source has a budget of its own.
	l.Observe(sim.Record{Time: sim.Time(325 * time.Second), Kind: sim.Event, Type: sim.Normal,
		Source: sim.Source{Component: "default-scheduler"}, Object: webRef, Reason: "Scheduled", Message: "Successfully assigned default/web to store-1"})
	assert.Len(t, l.Events(), 2)
}

func TestTokenBucketRefill(t *testing.T) {
	// Reference: client-go util/flowcontrol TokenBucketRateLimiter (x/time/rate).
	tests := []struct {
		after time.Duration
		want  bool
	}{
		{299 * time.Second, false},
		{300 * time.Second, true},
		{600 * time.Second, true},
	}
	for _, tt := range tests {
		l := NewLog()
		start := sim.Epoch
		for i := 0; i < SpamBurst; i++ {
			require.True(t, l.allow("k", start))
		}
		require.False(t, l.allow("k", start))
		if got := l.allow("k", start.Add(tt.after)); got != tt.want {
			t.Errorf("allow after %v = %v, want %v", tt.after, got, tt.want)
		}
	}
}

func TestEventsReturnsCopies(t *testing.T) {
	l := NewLog()
	l.Observe(kubeletRecord(0, sim.Normal, "Started", "Started container app"))
	l.Events()[0].Message = "changed"
	l.For("Pod", "default", "web")[0].Reason = "changed"
	got := l.Events()[0]
	assert.Equal(t, "Started container app", got.Message)
	assert.Equal(t, "Started", got.Reason)
}

// Two different events about one object at one instant are two Events,
// named one nanosecond apart, as a real clock would have made them.
func TestSameInstantEventsKeepTheirOwnNames(t *testing.T) {
	l := NewLog()
	for _, reason := range []string{"Scheduled", "Pulling"} {
		l.Observe(sim.Record{Time: 0, Reason: reason, Source: sim.Source{Component: "kubelet", Store: "store-1"},
			Object: sim.ObjectRef{Kind: "Pod", Namespace: "default", Name: "web"}, Message: reason})
	}
	evs := l.Events()
	if len(evs) != 2 {
		t.Fatalf("Events() has %d events, want 2", len(evs))
	}
	if evs[0].Name == evs[1].Name {
		t.Errorf("both events are named %q", evs[0].Name)
	}
}
