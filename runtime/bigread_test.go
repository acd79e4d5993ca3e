package runtime

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigFile is a store whose emptyDir on disk holds /data/f, lines lines of
// "x", kept as a run, as a loop's appends leave it.
func bigFile(t *testing.T, lines int64) (*store, *Volume) {
	t.Helper()
	s := newStore(t)
	disk := NewVolume(false)
	id := s.run(ContainerConfig{Name: "w", Image: "busybox:1.36", Command: []string{"sh", "-c", "echo x >> /data/f; sleep 3600"},
		Mounts: []Mount{{Path: "/data", Volume: disk}}})
	s.runFor(time.Second)
	pl := (&Host{c: s.e.containers[id]}).resolve("/data/f")
	require.Equal(t, "x\n", pl.fs[pl.key])
	pl.runs[pl.key] = &run{unit: "x\n", count: lines - 1}
	return s, disk
}

// Reading a file larger than the reader may hold does not spell it out:
// the read OOM-kills the reader (this shell's commands hold what they
// read), whatever the file's size, in bounded work.
func TestReadOfAHugeFileIsRefusedBeforeItIsSpelled(t *testing.T) {
	s, disk := bigFile(t, 4<<30) // 8 GiB of "x\n"
	for _, limit := range []int64{64 * miB, 0} {
		cfg := ContainerConfig{Name: "cat", Image: "busybox:1.36", Command: []string{"sh", "-c", "cat /data/f"},
			Mounts: []Mount{{Path: "/data", Volume: disk}}, MemoryLimit: limit}
		id := s.run(cfg)
		s.runFor(time.Second)
		st := s.status(id)
		assert.Equal(t, ContainerExited, st.State, "limit %d", limit)
		assert.EqualValues(t, 137, st.ExitCode, "limit %d", limit)
		assert.Zero(t, s.e.containers[id].logs.written, "nothing was written")
	}
	id := s.run(ContainerConfig{Name: "wc", Image: "busybox:1.36", Command: []string{"sh", "-c", "sleep 3600"},
		Mounts: []Mount{{Path: "/data", Volume: disk}}})
	s.runFor(time.Second)
	r := s.exec(id, time.Second, "ls", "-l", "/data/f")
	assert.Contains(t, r.Stdout, " 8589934592 ", "the size is still known")
}

// What a container writes to its log takes CPU in proportion, so the
// lines it logs in a virtual second stay bounded however it writes them:
// a loop of cat over a 100,000-line file, and yes. The work is counted in
// log lines, not wall time.
// Reference: containerd's CRI logger (each line read, stamped and
// appended by the shim).
func TestLogLinesPerVirtualSecondAreBounded(t *testing.T) {
	s, disk := bigFile(t, 100_000)
	for _, script := range []string{"while true; do cat /data/f; done", "yes"} {
		id := s.run(ContainerConfig{Name: strings.Fields(script)[0], Image: "busybox:1.36", Command: []string{"sh", "-c", script},
			Mounts: []Mount{{Path: "/data", Volume: disk}}})
		// A Run may write up to a second ahead of the clock: five
		// seconds see at most six seconds of lines.
		s.runFor(5 * time.Second)
		lines := s.e.containers[id].logs.written
		assert.Greater(t, lines, int64(500_000), "%s: it logs", script)
		assert.Less(t, lines, int64(6*1_100_000), "%s: about a million lines a second of CPU at most", script)
		require.NoError(t, s.e.StopContainer(id, 0, nil))
		s.runFor(time.Second)
	}
}
