package main

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLogsGolden(t *testing.T) {
	// Reference: kubelet.md §2 (a restarted container is a new instance in
	// the same pod, its predecessor kept as lastState) and kubelet_pods.go
	// validateContainerLogStatus (which instance --previous reads).
	tests := []struct {
		golden string
		args   []string
	}{
		{"logs-web.golden", []string{"logs", "web", web}},
		{"logs-web-timestamps.golden", []string{"logs", "web", "--timestamps", web}},
		// At 8s the container runs again: the current instance started at
		// 6s, the previous one failed at 5.244s.
		{"logs-crash-8s.golden", []string{"logs", "crash", "--at", "8s", "--timestamps", crash}},
		{"logs-crash-8s-previous.golden", []string{"logs", "crash", "--at", "8s", "--timestamps", "--previous", crash}},
		{"logs-duo-b.golden", []string{"logs", "duo", "-c", "b", duo}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			r := nucleus(t, "", tt.args...)
			require.Equal(t, exitOK, r.code, "%v exit code; stderr: %s", tt.args, r.errOut)
			assert.Empty(t, r.errOut, "%v stderr", tt.args)
			assert.NotEmpty(t, r.out, "%v stdout", tt.args)
			golden(t, tt.golden, r.out)
		})
	}
}

func TestLogsTimestampsAreRFC3339Nano(t *testing.T) {
	// kubectl logs --timestamps starts each line with the time the runtime
	// took it, in RFC3339 with nanoseconds, and a space.
	plain := nucleus(t, "", "logs", "crash", "--at", "8s", "--previous", crash)
	stamped := nucleus(t, "", "logs", "crash", "--at", "8s", "--previous", "--timestamps", crash)
	require.Equal(t, exitOK, stamped.code, "logs --timestamps exit code; stderr: %s", stamped.errOut)
	plainLines := strings.Split(strings.TrimSuffix(plain.out, "\n"), "\n")
	stampedLines := strings.Split(strings.TrimSuffix(stamped.out, "\n"), "\n")
	require.Len(t, stampedLines, len(plainLines), "lines with and without --timestamps")
	for i, line := range stampedLines {
		stamp, text, ok := strings.Cut(line, " ")
		require.True(t, ok, "line %d %q has no timestamp", i, line)
		_, err := time.Parse(time.RFC3339Nano, stamp)
		assert.NoError(t, err, "line %d timestamp %q", i, stamp)
		assert.Equal(t, plainLines[i], text, "line %d text", i)
	}
	assert.Equal(t, "2025-01-01T00:00:00.244Z starting", stampedLines[0], "first line of the previous instance")
}

func TestLogsDefaultContainerAnnotation(t *testing.T) {
	// kubectl picks the container named by kubectl.kubernetes.io/default-container
	// when -c is not given (KEP-2227).
	manifest := `apiVersion: v1
kind: Pod
metadata:
  name: duo
  annotations:
    kubectl.kubernetes.io/default-container: b
spec:
  containers:
  - name: a
    image: busybox:1.36
    command: ["sh", "-c", "echo I am a; sleep 3600"]
  - name: b
    image: busybox:1.36
    command: ["sh", "-c", "echo I am b; sleep 3600"]
`
	r := nucleus(t, manifest, "logs", "duo", "-")
	require.Equal(t, exitOK, r.code, "logs duo exit code; stderr: %s", r.errOut)
	assert.Equal(t, "I am b\n", r.out, "logs duo with the default-container annotation")
}

func TestLogContainerID(t *testing.T) {
	// Reference: kubelet_pods.go validateContainerLogStatus.
	// At 20s the container waits in CrashLoopBackOff: its current log is
	// the last terminated instance's, as is --previous.
	current := nucleus(t, "", "logs", "crash", "--at", "20s", crash)
	previous := nucleus(t, "", "logs", "crash", "--at", "20s", "--previous", crash)
	assert.Equal(t, previous.out, current.out, "logs at 20s (waiting) differ from --previous")
	assert.Equal(t, "starting\ngiving up\n", current.out, "logs at 20s")
}

// TestLogsTail: --tail N keeps the last N lines of what logs prints, all
// of them when N is negative (kubectl's default, -1) or larger than the
// log, and nothing when N is 0.
// Reference: staging/src/k8s.io/kubectl/pkg/cmd/logs/logs.go (--tail,
// default -1), passed on as PodLogOptions.tailLines.
func TestLogsTail(t *testing.T) {
	all := nucleus(t, "", "logs", "web", web)
	require.Equal(t, exitOK, all.code, all.errOut)
	lines := strings.SplitAfter(all.out, "\n")
	lines = lines[:len(lines)-1] // the empty string after the last newline
	require.Greater(t, len(lines), 1, "the golden log of web has several lines")
	for _, tt := range []struct {
		tail string
		want string
	}{
		{"-1", all.out},
		{"1000", all.out},
		{"0", ""},
		{"1", lines[len(lines)-1]},
		{"2", lines[len(lines)-2] + lines[len(lines)-1]},
	} {
		r := nucleus(t, "", "logs", "web", "--tail", tt.tail, web)
		require.Equal(t, exitOK, r.code, "--tail %s: %s", tt.tail, r.errOut)
		assert.Equal(t, tt.want, r.out, "--tail %s", tt.tail)
	}
}
