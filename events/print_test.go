package events

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Reference: pkg/printers/internalversion/printers.go printEvent (columns
// LAST SEEN, TYPE, REASON, OBJECT, MESSAGE; NAMESPACE first with -A).
func TestPrintTable(t *testing.T) {
	l := NewLog()
	l.Observe(sim.Record{Time: 0, Kind: sim.Event, Type: sim.Normal, Source: sim.Source{Component: "default-scheduler"},
		Object: sim.ObjectRef{Kind: "Pod", Namespace: "shop", Name: "web"}, Reason: "Scheduled", Message: "Successfully assigned shop/web to store-1"})
	for i := 0; i < 3; i++ {
		l.Observe(sim.Record{Time: sim.Time(time.Duration(10+i*20) * time.Second), Kind: sim.Event, Type: sim.Warning,
			Source: sim.Source{Component: "kubelet", Store: "store-1"},
			Object: sim.ObjectRef{Kind: "Pod", Namespace: "shop", Name: "web", FieldPath: "spec.containers{app}"},
			Reason: "BackOff", Message: "Back-off restarting failed container app in pod web_shop(uid)  "})
	}
	l.Observe(sim.Record{Time: sim.Time(5 * time.Second), Kind: sim.Event, Type: sim.Normal,
		Source: sim.Source{Component: "kubelet", Store: "store-1"},
		Object: sim.ObjectRef{Kind: "Node", Name: "store-1"}, Reason: "NodeReady", Message: "Node store-1 status is now: NodeReady"})
	now := sim.Epoch.Add(3 * time.Minute)

	tests := []struct {
		name string
		all  bool
		want string
	}{
		{"namespace", false, "" +
			"LAST SEEN   TYPE      REASON      OBJECT         MESSAGE\n" +
			"3m          Normal    Scheduled   pod/web        Successfully assigned shop/web to store-1\n" +
			"2m55s       Normal    NodeReady   node/store-1   Node store-1 status is now: NodeReady\n" +
			"2m10s       Warning   BackOff     pod/web        Back-off restarting failed container app in pod web_shop(uid)\n"},
		{"all namespaces", true, "" +
			"NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT         MESSAGE\n" +
			"shop        3m          Normal    Scheduled   pod/web        Successfully assigned shop/web to store-1\n" +
			"default     2m55s       Normal    NodeReady   node/store-1   Node store-1 status is now: NodeReady\n" +
			"shop        2m10s       Warning   BackOff     pod/web        Back-off restarting failed container app in pod web_shop(uid)\n"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		require.NoError(t, PrintTable(&buf, l.Events(), now, tt.all))
		assert.Equal(t, tt.want, buf.String(), tt.name)
	}
}

// Reference: printers.go printEvent (zero lastTimestamp falls back to the
// first; a zero time prints "<unknown>"); kubectl SortableEvents.
func TestPrintTableFallbacks(t *testing.T) {
	now := sim.Epoch.Add(time.Hour)
	evs := []corev1.Event{
		{Type: "Normal", Reason: "Late", InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "b"},
			LastTimestamp: metav1.NewTime(sim.Epoch.Add(50 * time.Minute))},
		{Type: "Normal", Reason: "Micro", InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "a"},
			EventTime: metav1.NewMicroTime(sim.Epoch.Add(30 * time.Minute))},
		{Type: "Normal", Reason: "NoTime", InvolvedObject: corev1.ObjectReference{Kind: "Node"}},
	}
	var buf bytes.Buffer
	require.NoError(t, PrintTable(&buf, evs, now, false))
	want := "" +
		"LAST SEEN   TYPE     REASON   OBJECT   MESSAGE\n" +
		"<unknown>   Normal   NoTime   node     \n" +
		"30m         Normal   Micro    pod/a    \n" +
		"10m         Normal   Late     pod/b    \n"
	assert.Equal(t, want, buf.String())
	assert.Equal(t, "Late", evs[0].Reason, "PrintTable does not reorder the caller's slice")
}

// failWriter fails every write.
type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestPrintTableReturnsWriteErrors(t *testing.T) {
	err := PrintTable(failWriter{}, nil, sim.Epoch, false)
	assert.EqualError(t, err, "disk full")
}

// Reference: pkg/printers/internalversion/printers.go printEvent (wide)
// and formatEventSource: the source falls back to
// reportingController/Instance, a series overrides LAST SEEN and COUNT,
// and a count of 0 is shown as 1.
func TestWideRow(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 10, 0, 0, time.UTC)
	at := func(d time.Duration) metav1.Time { return metav1.NewTime(now.Add(-d)) }
	tests := []struct {
		name string
		ev   corev1.Event
		want []string
	}{
		{"legacy event", corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: "web.1"},
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web", FieldPath: "spec.containers{app}"},
			Type:           "Normal", Reason: "Started", Message: " Started container app ",
			Source:         corev1.EventSource{Component: "kubelet", Host: "store-1"},
			FirstTimestamp: at(5 * time.Minute), LastTimestamp: at(time.Minute), Count: 3,
		}, []string{"60s", "Normal", "Started", "pod/web", "spec.containers{app}", "kubelet, store-1",
			"Started container app", "5m", "3", "web.1"}},
		{"newer API, with a series", corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: "n.2"},
			InvolvedObject: corev1.ObjectReference{Kind: "Node"},
			Type:           "Warning", Reason: "Rebooted",
			ReportingController: "kubelet",
			EventTime:           metav1.NewMicroTime(now.Add(-2 * time.Hour)),
			Series:              &corev1.EventSeries{Count: 7, LastObservedTime: metav1.NewMicroTime(now.Add(-30 * time.Second))},
		}, []string{"30s", "Warning", "Rebooted", "node", "", "kubelet", "", "120m", "7", "n.2"}},
		{"singleton without a count", corev1.Event{
			ObjectMeta:     metav1.ObjectMeta{Name: "x"},
			InvolvedObject: corev1.ObjectReference{Kind: "Service", Name: "web"},
			Source:         corev1.EventSource{Component: "endpoint-controller"},
			FirstTimestamp: at(10 * time.Second),
		}, []string{"10s", "", "", "service/web", "", "endpoint-controller", "", "10s", "1", "x"}},
	}
	for _, tt := range tests {
		got := wideRow(&tt.ev, now)
		assert.Equal(t, tt.want, got, "wideRow(%s)", tt.name)
	}
}

// Reference: printers.go printEvent (wide columns after the plain ones'
// order; NAMESPACE first with -A).
func TestPrintWideTable(t *testing.T) {
	now := sim.Epoch.Add(time.Hour)
	evs := []corev1.Event{
		{ObjectMeta: metav1.ObjectMeta{Name: "web.2", Namespace: "shop"}, Type: "Warning", Reason: "BackOff",
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web", FieldPath: "spec.containers{app}"},
			Source:         corev1.EventSource{Component: "kubelet", Host: "store-1"}, Count: 4,
			FirstTimestamp: metav1.NewTime(sim.Epoch.Add(40 * time.Minute)), LastTimestamp: metav1.NewTime(sim.Epoch.Add(55 * time.Minute))},
		{ObjectMeta: metav1.ObjectMeta{Name: "web.1", Namespace: "shop"}, Type: "Normal", Reason: "Scheduled",
			InvolvedObject: corev1.ObjectReference{Kind: "Pod", Name: "web"}, ReportingController: "default-scheduler",
			EventTime: metav1.NewMicroTime(sim.Epoch.Add(30 * time.Minute))},
	}
	var buf bytes.Buffer
	require.NoError(t, PrintWideTable(&buf, evs, now, true))
	want := "" +
		"NAMESPACE   LAST SEEN   TYPE      REASON      OBJECT    SUBOBJECT              SOURCE              MESSAGE   FIRST SEEN   COUNT   NAME\n" +
		"shop        30m         Normal    Scheduled   pod/web                          default-scheduler             30m          1       web.1\n" +
		"shop        5m          Warning   BackOff     pod/web   spec.containers{app}   kubelet, store-1              20m          4       web.2\n"
	assert.Equal(t, want, buf.String())
	assert.Equal(t, "BackOff", evs[0].Reason, "PrintWideTable does not reorder the caller's slice")
	assert.EqualError(t, PrintWideTable(failWriter{}, evs, now, false), "disk full", "PrintWideTable(failing writer)")
}

// Reference: kubectl pkg/util/event SortableEvents (a series' last
// observation, else lastTimestamp, else eventTime).
func TestLastSeen(t *testing.T) {
	at := func(m int) time.Time { return sim.Epoch.Add(time.Duration(m) * time.Minute) }
	tests := []struct {
		name string
		ev   corev1.Event
		want time.Time
	}{
		{"series", corev1.Event{LastTimestamp: metav1.NewTime(at(2)), EventTime: metav1.NewMicroTime(at(1)),
			Series: &corev1.EventSeries{LastObservedTime: metav1.NewMicroTime(at(3))}}, at(3)},
		{"lastTimestamp", corev1.Event{LastTimestamp: metav1.NewTime(at(2)), EventTime: metav1.NewMicroTime(at(1))}, at(2)},
		{"eventTime", corev1.Event{EventTime: metav1.NewMicroTime(at(1))}, at(1)},
		{"nothing", corev1.Event{}, time.Time{}},
	}
	for _, tt := range tests {
		if got := LastSeen(&tt.ev); !got.Equal(tt.want) {
			t.Errorf("LastSeen(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}
