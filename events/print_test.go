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
