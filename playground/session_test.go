package playground

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/narrate"
)

// example returns the example scenario called name.
func example(t *testing.T, name string) Example {
	t.Helper()
	for _, e := range Examples() {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no example %q", name)
	return Example{}
}

// open opens the example scenario called name.
func open(t *testing.T, name string) *Session {
	t.Helper()
	s, err := Open(name+".yaml", []byte(example(t, name).YAML))
	require.NoError(t, err)
	return s
}

// column returns the value of column col in the row of name in a
// kubectl table.
func column(t *testing.T, table, name, col string) string {
	t.Helper()
	rows := strings.Split(strings.TrimSpace(table), "\n")
	header := strings.Fields(rows[0])
	for _, row := range rows[1:] {
		cells := strings.Fields(row)
		if cells[0] != name {
			continue
		}
		for i, h := range header {
			if h == col {
				return cells[i]
			}
		}
	}
	t.Fatalf("no %s for %s in:\n%s", col, name, table)
	return ""
}

func TestExamplesAreTheScenariosFolder(t *testing.T) {
	names := map[string]bool{}
	for _, e := range Examples() {
		names[e.Name] = true
		assert.NotEmpty(t, e.About, e.Name)
	}
	for _, want := range []string{"crash-loop", "liveness", "image-typo", "readiness-desk"} {
		assert.True(t, names[want], "example %s is missing", want)
	}
	assert.False(t, names["init-containers"], "init-containers reads a file the page cannot read")
}

// At one minute the crash-loop pod has restarted three times (the
// scenario's own expectation) and waits out its back-off: STATUS is the
// waiting reason.
// Reference: pkg/printers/internalversion/printers.go printPod (a waiting
// container's reason becomes STATUS).
func TestCrashLoopAtOneMinute(t *testing.T) {
	s := open(t, "crash-loop")
	in, err := s.At(time.Minute)
	require.NoError(t, err)
	assert.Equal(t, "00:01:00", in.At)
	assert.Equal(t, "CrashLoopBackOff", column(t, in.Pods, "web", "STATUS"))
	assert.Equal(t, "3", column(t, in.Pods, "web", "RESTARTS"))
	assert.Contains(t, in.Picture, "<svg")
	at15, err := s.At(15 * time.Second)
	require.NoError(t, err)
	assert.Equal(t, "CrashLoopBackOff", column(t, at15.Pods, "web", "STATUS"))
	at3, err := s.At(3 * time.Second)
	require.NoError(t, err)
	assert.Equal(t, "Running", column(t, at3.Pods, "web", "STATUS"))
}

func TestNarrationLinesCarryTheirInstant(t *testing.T) {
	whole, err := open(t, "crash-loop").Run(narrate.Store)
	require.NoError(t, err)
	lines := whole.Lines
	require.NotEmpty(t, lines)
	var last time.Duration
	for _, l := range lines {
		assert.GreaterOrEqual(t, l.At, last, "lines out of order at %q", l.Text)
		last = l.At
		// Each line starts with its own instant, as the narration writes it.
		assert.True(t, strings.HasPrefix(l.Text, clockOf(l.At)), "%q does not start with %s", l.Text, clockOf(l.At))
	}
}

// clockOf writes d as the narration does: 00:01:05.
func clockOf(d time.Duration) string {
	s := int(d / time.Second)
	return strings.Join([]string{two(s / 3600), two(s / 60 % 60), two(s % 60)}, ":")
}

func two(n int) string { return string(rune('0'+n/10)) + string(rune('0'+n%10)) }

func TestATypoNamesItsLine(t *testing.T) {
	yaml := "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    imag: nginx\n"
	_, err := Open("editor.yaml", []byte(yaml))
	require.Error(t, err)
	p := ProblemOf(err)
	assert.Equal(t, 8, p.Line)
	assert.Contains(t, p.Message, "imag")
}

func TestChecksReport(t *testing.T) {
	whole, err := open(t, "crash-loop").Run(narrate.Both)
	require.NoError(t, err)
	report := whole.Checks
	assert.Contains(t, report, "PASS  00:00:15  pod web status is CrashLoopBackOff")
	assert.Contains(t, report, "0 failed")
}

func TestTimelineIsAnSVG(t *testing.T) {
	svg, err := open(t, "crash-loop").Timeline()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(svg, "<svg"), svg[:min(len(svg), 80)])
	assert.Contains(t, svg, "web")
}
