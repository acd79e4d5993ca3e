package narrate

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

func pulledAt2s() sim.Record {
	r := podRecord("Pulled", sim.Facts{Container: "app", Image: "nginx:1.27", Duration: 1200 * time.Millisecond})
	r.Time = sim.Time(2 * time.Second)
	r.Type = sim.Normal
	r.Message = `Successfully pulled image "nginx:1.27" in 1.2s (1.4s including waiting). Image size: 72000000 bytes.`
	return r
}

func TestNarratorVoices(t *testing.T) {
	technical := `00:00:02 store-1 kubelet Pulled pod/web Successfully pulled image "nginx:1.27" in 1.2s (1.4s including waiting). Image size: 72000000 bytes.`
	store := `00:00:02 store-1 The store manager has the training manual for web's job app (nginx:1.27): fetched from the warehouse in 1.2s.`
	cases := []struct {
		voice Voice
		want  string
	}{
		{Kubernetes, technical + "\n"},
		{Store, store + "\n"},
		// Both writes the technical line first, then the storefront line.
		{Both, technical + "\n" + store + "\n"},
	}
	for _, tc := range cases {
		var buf bytes.Buffer
		New(&buf, tc.voice).Observe(pulledAt2s())
		assert.Equal(t, tc.want, buf.String(), "voice %v", tc.voice)
	}
}

func TestNarratorBothKeepsRecordOrder(t *testing.T) {
	loop := sim.New(1)
	var buf bytes.Buffer
	n := New(&buf, Both)
	loop.Subscribe(n)
	loop.Record(headOfficeRecord("default-scheduler", "Scheduled", sim.Facts{To: "store-1"}))
	loop.RunFor(time.Second)
	loop.Record(podRecord("Started", sim.Facts{Container: "app"}))
	require.NoError(t, n.Err())
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 4)
	assert.Equal(t, "00:00:00 head-office default-scheduler Scheduled pod/web ", lines[0])
	assert.Equal(t, "00:00:00 head-office Head office's staffing desk assigns web to store-1.", lines[1])
	assert.Equal(t, "00:00:01 store-1 kubelet Started pod/web ", lines[2])
	assert.Equal(t, "00:00:01 store-1 web starts job app.", lines[3])
}

// failingWriter accepts n writes, then fails every write.
type failingWriter struct {
	n      int
	writes int
}

func (w *failingWriter) Write(p []byte) (int, error) {
	w.writes++
	if w.writes > w.n {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

func TestNarratorKeepsFirstWriteError(t *testing.T) {
	w := &failingWriter{n: 1}
	n := New(w, Both)
	n.Observe(pulledAt2s())
	n.Observe(pulledAt2s())
	require.EqualError(t, n.Err(), "disk full")
	assert.Equal(t, 2, w.writes, "writes after the first error = %d, want none", w.writes-2)
}

func TestNewPanicsOnProgrammerErrors(t *testing.T) {
	assert.PanicsWithValue(t, "narrate.New: nil writer", func() { New(nil, Store) })
	assert.PanicsWithValue(t, "narrate.New: unknown voice Voice(7)", func() { New(&bytes.Buffer{}, Voice(7)) })
}

// The technical voice marks nucleus's own notes, and only them: an Event is
// the record as Kubernetes writes it, a Change is no Kubernetes Event.
func TestTechnicalMarksNotes(t *testing.T) {
	exited := podRecord("ContainerExited", sim.Facts{Container: "app", ExitCode: 1})
	exited.Kind = sim.Change
	exited.Time = sim.Time(7 * time.Second)
	exited.Message = "Container app exited with code 1 (Error)"
	assert.Equal(t, "00:00:07 store-1 # kubelet ContainerExited pod/web Container app exited with code 1 (Error)", Technical(exited))
	assert.True(t, IsNote(exited))

	slice := headOfficeRecord("endpointslice-controller", "EndpointsChanged", sim.Facts{})
	slice.Kind = sim.Change
	assert.Equal(t, "00:00:00 head-office # endpointslice-controller EndpointsChanged pod/web ", Technical(slice))

	pulled := pulledAt2s()
	assert.False(t, IsNote(pulled))
	assert.Equal(t, pulled.String(), Technical(pulled), "an Event is told exactly as recorded")
}

// For a projector: lines wrap at the width with the times in a column of
// their own, and the pod UIDs of Kubernetes messages are left out unless
// asked for.
func TestNarratorOptions(t *testing.T) {
	backOff := podRecord("BackOff", sim.Facts{Container: "app", Duration: 10 * time.Second})
	backOff.Time = sim.Time(11 * time.Second)
	backOff.Object.UID = "a184899e-6b9f-4ed2-af15-996cee34ecda"
	backOff.Message = "Back-off restarting failed container app in pod web_default(a184899e-6b9f-4ed2-af15-996cee34ecda)"

	var plain, uids, narrow bytes.Buffer
	New(&plain, Kubernetes).Observe(backOff)
	assert.Equal(t, "00:00:11 store-1 kubelet BackOff pod/web Back-off restarting failed container app in pod web_default\n", plain.String())

	n := New(&uids, Kubernetes)
	n.SetOptions(Options{UIDs: true})
	n.Observe(backOff)
	assert.Equal(t, Technical(backOff)+"\n", uids.String(), "--uids keeps the message as Kubernetes wrote it")

	n = New(&narrow, Kubernetes)
	n.SetOptions(Options{Width: 40})
	n.Observe(backOff)
	want := "00:00:11 store-1 kubelet BackOff pod/web\n" +
		"         Back-off restarting failed\n" +
		"         container app in pod\n" +
		"         web_default\n"
	assert.Equal(t, want, narrow.String())
	for _, line := range strings.Split(strings.TrimSuffix(narrow.String(), "\n"), "\n") {
		assert.LessOrEqual(t, len(line), 40, "%q", line)
	}
	assert.Panics(t, func() { n.SetOptions(Options{Width: -1}) })
}

func TestWrapKeepsALongWordWhole(t *testing.T) {
	assert.Equal(t, "00:00:01 a\n         bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n         c", wrap("00:00:01 a bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb c", 20))
	assert.Equal(t, "short line", wrap("short line", 20))
}
