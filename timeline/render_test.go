package timeline_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/timeline"
)

func TestTickStep(t *testing.T) {
	cases := []struct {
		span time.Duration
		max  int
		want time.Duration
	}{
		{time.Minute, 12, 5 * time.Second},
		{3 * time.Minute, 12, 15 * time.Second},
		{3 * time.Minute, 6, 30 * time.Second},
		{10 * time.Minute, 12, time.Minute},
		{2 * time.Hour, 12, 10 * time.Minute},
		{2 * time.Hour, 6, 30 * time.Minute},
		{time.Second, 0, time.Second},
	}
	for _, c := range cases {
		if got := timeline.TickStep(c.span, c.max); got != c.want {
			t.Errorf("TickStep(%v, %d) = %v, want %v", c.span, c.max, got, c.want)
		}
	}
}

func TestTickLabel(t *testing.T) {
	cases := []struct {
		d    time.Duration
		long bool
		want string
	}{
		{0, false, "00:00"},
		{90 * time.Second, false, "01:30"},
		{61*time.Minute + 5*time.Second, true, "1:01:05"},
	}
	for _, c := range cases {
		if got := timeline.TickLabel(c.d, c.long); got != c.want {
			t.Errorf("TickLabel(%v, %v) = %q, want %q", c.d, c.long, got, c.want)
		}
	}
}

func TestSegmentName(t *testing.T) {
	cases := []struct {
		s      timeline.Segment
		want   string
		failed bool
	}{
		{timeline.Segment{State: timeline.Running, Ready: true}, "Running", false},
		{timeline.Segment{State: timeline.Running}, "Running (not ready)", false},
		{timeline.Segment{State: timeline.Waiting, Reason: "ImagePullBackOff"}, "ImagePullBackOff", false},
		{timeline.Segment{State: timeline.Terminated, Reason: "Completed"}, "Completed (exit 0)", false},
		{timeline.Segment{State: timeline.Terminated, Reason: "OOMKilled", ExitCode: 137}, "OOMKilled (exit 137)", true},
		{timeline.Segment{State: timeline.Terminated, Reason: "Error", ExitCode: 1}, "Error (exit 1)", true},
	}
	for _, c := range cases {
		if got := c.s.Name(); got != c.want {
			t.Errorf("Name() = %q, want %q", got, c.want)
		}
		if got := c.s.Failed(); got != c.failed {
			t.Errorf("%s Failed() = %v, want %v", c.want, got, c.failed)
		}
	}
}

// A width too narrow for the slots is bad input: an error naming the
// field, never a panic.
func TestWriteTextWidth(t *testing.T) {
	tl := run(t, "crash-loop", time.Minute)
	var b bytes.Buffer
	err := tl.WriteText(&b, 20)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "width: Invalid value: 20")
	for _, width := range []int{40, 80, 132} {
		b.Reset()
		require.NoError(t, tl.WriteText(&b, width))
		lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
		for i, line := range lines[2 : len(lines)-2] { // the rows and the axis; not the title and legend
			assert.LessOrEqual(t, len(line), width, "line %d %q wider than %d", i+2, line, width)
		}
	}
}

// Mermaid: a gantt block with seconds formats, a section per pod and crit
// tasks for exits with an error.
func TestMermaidShape(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, run(t, "crash-loop", time.Minute).WriteMermaid(&b))
	out := b.String()
	assert.True(t, strings.HasPrefix(out, "```mermaid\ngantt\n"), "fenced gantt block")
	assert.True(t, strings.HasSuffix(out, "```\n"), "closed fence")
	assert.Contains(t, out, "dateFormat HH:mm:ss.SSS")
	assert.Contains(t, out, "axisFormat %M:%S")
	assert.Contains(t, out, "section web")
	assert.Contains(t, out, "app CrashLoopBackOff :done,")
	assert.Contains(t, out, "app Error (exit 1) :crit, milestone,")
}
