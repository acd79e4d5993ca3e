package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A loop that appends the same 256 KiB chunk a second to an emptyDir on
// disk writes 1 GiB in 4096 turns; no turn repeats the one before (each
// sleeps), yet the simulator holds two chunks' bytes, not the gigabyte:
// the file's end is a run of the chunk. ls -l and the volume's
// usage (what the kubelet counts on the store's disk) are exact.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#emptydir
// (an emptyDir lives on the medium backing the node: its disk).
func TestAppendedGigabyteHeldInBoundedMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	const chunk, turns = 256 << 10, 4096
	script := `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s
s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s; printf %s $s > /tmp/chunk; s=
i=0; while [ $i -lt 4096 ]; do cat /tmp/chunk >> /cache/f; i=$((i+1)); sleep 1; done; sleep 3600`
	s := newStore(t)
	disk := NewVolume(false)
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sh", "-c", script},
		Mounts: []Mount{{Path: "/cache", Volume: disk}}})
	s.runFor(turns*time.Second + time.Minute)
	require.Equal(t, ContainerRunning, s.status(id).State)
	assert.EqualValues(t, int64(chunk)*turns, disk.Usage(), "the volume counts every byte")

	pl := (&Host{c: s.e.containers[id]}).resolve("/cache/f")
	held := len(pl.fs[pl.key])
	if x := pl.runs[pl.key]; x != nil {
		held += len(x.unit)
	}
	assert.LessOrEqual(t, held, 2*chunk, "the file's bytes held in memory")

	// ls -l asks the size alone; wc -c would hold the gigabyte it reads,
	// as this shell's commands hold what they read, and be OOM-killed.
	r := s.exec(id, 0, "ls", "-l", "/cache/f")
	assert.Contains(t, r.Stdout, " 1073741824 ", "ls -l: %q", r.Stderr)
	r = s.exec(id, 0, "sh", "-c", "[ -s /cache/f ] && echo non-empty")
	assert.Equal(t, "non-empty\n", r.Stdout)
}
