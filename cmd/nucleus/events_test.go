package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
