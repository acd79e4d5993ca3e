package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestEventsGolden(t *testing.T) {
	// Reference: kubelet.md §3 (the crash loop's back-off and its events).
	tests := []struct {
		golden string
		args   []string
	}{
		{"events-crash.golden", []string{"events", "--for", "2m", crash}},
		{"events-busybox-jsonl.golden", []string{"events", "-o", "jsonl", "--for", "1m", busybox}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := nucleus(t, "", tt.args...)
			require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", tt.args, r.errOut)
			assert.Empty(t, r.errOut, "%v stderr", tt.args)
			golden(t, tt.golden, r.out)
		})
	}
}

func TestEventsJSONLinesAreJSON(t *testing.T) {
	r := nucleus(t, "", "events", "-o", "jsonl", "--for", "1m", busybox)
	require.Equal(t, exitOK, r.code, "events -o jsonl exit code")
	lines := strings.Split(strings.TrimSuffix(r.out, "\n"), "\n")
	require.NotEmpty(t, lines, "events -o jsonl lines")
	reasons := map[string]bool{}
	for i, line := range lines {
		var rec struct {
			Time   string `json:"time"`
			Kind   string `json:"kind"`
			Reason string `json:"reason"`
		}
		require.NoError(t, json.Unmarshal([]byte(line), &rec), "line %d %q", i, line)
		assert.NotEmpty(t, rec.Time, "line %d time", i)
		reasons[rec.Reason] = true
	}
	// Reference: kubelet.md §1.1: the busybox pod runs, then succeeds.
	for _, want := range []string{"Scheduled", "Pulling", "Started"} {
		assert.True(t, reasons[want], "events -o jsonl has no %s record", want)
	}
}

func TestEventsWriteErrorIsReported(t *testing.T) {
	var errOut strings.Builder
	code := run([]string{"events", "-o", "jsonl", busybox}, strings.NewReader(""), brokenWriter{}, &errOut)
	assert.Equal(t, exitFailure, code, "events -o jsonl with a broken stdout exit code")
	assert.Equal(t, "error: writing the records: broken pipe\n", errOut.String(), "events with a broken stdout stderr")
}

func TestEventWideRow(t *testing.T) {
	// Reference: printers.go printEvent (wide) and formatEventSource: the
	// source falls back to reportingController/Instance, a series overrides
	// LAST SEEN and COUNT, and a count of 0 is shown as 1.
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
		got := eventWideRow(&tt.ev, now)
		assert.Equal(t, tt.want, got, "eventWideRow(%s)", tt.name)
	}
}
