package runtime

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A student's `while true; do echo x >> FILE; done` runs a virtual minute
// in bounded work wherever FILE lies: the container's writable layer, an
// emptyDir on disk or in memory, or a claim. Its file holds every turn's
// line, kept as a run, so the simulator's memory does not grow with the
// turns; cat, tail and wc see the file a real one would be.
func TestAppendLoopRunsAMinuteInBoundedWork(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	for _, where := range []string{"/tmp/f", "/cache/f", "/mem/f", "/data/f"} {
		t.Run(where, func(t *testing.T) {
			s := newStore(t)
			disk, mem, claim := NewVolume(false), NewVolume(true), NewVolume(false)
			id := s.run(ContainerConfig{Name: "c", Image: "busybox",
				Command: []string{"sh", "-c", "while true; do echo x >> " + where + "; done"},
				Mounts:  []Mount{{Path: "/cache", Volume: disk}, {Path: "/mem", Volume: mem}, {Path: "/data", Volume: claim}}})
			events, end := 0, s.loop.Now().Add(time.Minute)
			for s.loop.Now() < end && s.loop.Step() {
				events++
			}
			require.Equal(t, ContainerRunning, s.status(id).State)
			assert.Less(t, events, 20_000, "a virtual minute of appends is a bounded number of events")
			c := s.e.containers[id]
			pl := (&Host{c: c}).resolve(where)
			x := pl.runs[pl.key]
			require.NotNil(t, x, "the file ends in a run")
			assert.Less(t, len(pl.fs[pl.key]), 1<<10, "what the map holds stays small")
			size := int64(len(pl.fs[pl.key])) + x.count*2
			assert.Greater(t, size, int64(1<<20), "a minute of appends writes megabytes")

			r := s.exec(id, 0, "wc", "-c", where)
			assert.Equal(t, []string{itoa(int(size)), where}, strings.Fields(r.Stdout), "wc -c counts every byte")
			assert.Equal(t, "x\nx\n", s.exec(id, 0, "tail", "-n", "2", where).Stdout)
			content, ok := (&Host{c: c}).ReadFile(where)
			require.True(t, ok)
			assert.Equal(t, strings.Repeat("x\n", int(size/2)), content, "cat spells the whole file out")
		})
	}
}

// A claim's volume holds its capacity and no more: the write that does
// not fit fails with ENOSPC, as a full disk answers, and the loop goes on
// failing without swamping the simulator.
// Reference: https://kubernetes.io/docs/concepts/storage/persistent-volumes/#capacity
// (a volume has a specific storage capacity); busybox coreutils/echo.c
// (bb_msg_write_error: "write error", then strerror(errno), status 1).
func TestFullVolumeFailsWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	s := newStore(t)
	claim := NewVolume(false)
	claim.Capacity = 1 << 20
	id := s.run(ContainerConfig{Name: "c", Image: "busybox",
		Command: []string{"sh", "-c", "while true; do echo x >> /data/f; done"},
		Mounts:  []Mount{{Path: "/data", Volume: claim}}})
	events, end := 0, s.loop.Now().Add(time.Minute)
	for s.loop.Now() < end && s.loop.Step() {
		events++
	}
	assert.Less(t, events, 20_000)
	assert.EqualValues(t, 1<<20, claim.Usage(), "the claim is full to the byte")
	r := s.exec(id, 0, "sh", "-c", "echo more >> /data/f")
	assert.Equal(t, 1, r.ExitCode)
	assert.Equal(t, "sh: write error: No space left on device\n", r.Stderr)
	r = s.exec(id, 0, "sh", "-c", "rm /data/f; echo more >> /data/f; cat /data/f")
	assert.Equal(t, "more\n", r.Stdout, "removing the file frees the space")
}
