package runtime

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/sim"
)

func shellConfig(script string, limit int64) ContainerConfig {
	return ContainerConfig{Name: "sh", Image: "busybox:1.36", Command: []string{"sh", "-c", script}, MemoryLimit: limit}
}

// A runaway shell ends OOM-killed at its container's limit, or, without
// one, at what the store has left, or at nucleus's own MaxHeld: whatever
// it grows (a variable, a file), with exit code 137 and reason OOMKilled.
// Reference: proxy-and-runtime.md B4 (OOMKilled from the runtime's OOM
// event, 137 = 128+SIGKILL); pkg/kubelet/cm (a container without a limit
// is bounded by the pods' cgroup, the node's memory).
func TestShellRunawayIsOOMKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	tests := []struct {
		name   string
		cfg    Config
		script string
		limit  int64
	}{
		{"a string doubling", Config{}, `s=x; while :; do s="$s$s"; done`, 16 * miB},
		{"a string growing by appends", Config{}, `s=xxxxxxxxxxxxxxxx; while :; do s="$s$s$s$s"; s="$s"; done`, 8 * miB},
		{"a file doubling", Config{}, `echo x > /tmp/f; while :; do cat /tmp/f >> /tmp/f; done`, 16 * miB},
		{"a file growing line by line", Config{}, `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; while :; do echo $s$s$s$s >> /tmp/f; done`, 2 * miB},
		{"a long argument list", Config{}, `s="a a a a a a a a"; while :; do set -- $s $s; s="$*"; done`, 16 * miB},
		{"a command substitution's output", Config{}, `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s; x=$(while :; do echo $s; done)`, 2 * miB},
		{"sed reading a file as big as the limit", Config{}, `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s; i=0; while [ $i -lt 1200 ]; do echo $s >> /tmp/f; i=$((i+1)); done; while :; do sed p /tmp/f > /dev/null; done`, 2 * miB},
		{"a huge generated script", Config{}, `s=":;"; while [ ${#s} -lt 4000000 ]; do s="$s$s"; done; echo "$s" > /tmp/huge.sh; s=; sh /tmp/huge.sh`, 0},
		{"no limit: the store's memory", Config{Memory: 12 * miB}, `s=x; while :; do s="$s$s"; done`, 0},
		{"no limit: nucleus's own bound", Config{MaxHeld: 12 * miB}, `s=x; while :; do s="$s$s"; done`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStoreWith(t, tt.cfg)
			id := s.run(shellConfig(tt.script, tt.limit))
			s.runFor(time.Minute)
			st := s.status(id)
			assert.Equal(t, ContainerExited, st.State, "state")
			assert.Equal(t, "OOMKilled", st.Reason, "reason")
			assert.Equal(t, int32(137), st.ExitCode, "exit code")
			assert.Zero(t, s.e.MemoryUsage(id), "memory of the exited container")
		})
	}
}

// What a shell holds shows in the container's memory use: a file written
// to its writable layer counts, and removing it gives the memory back.
func TestFilesCountAgainstMemory(t *testing.T) {
	s := newStore(t)
	id := s.run(shellConfig(`s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s
i=0; while [ $i -lt 1024 ]; do echo $s >> /tmp/f; i=$((i+1)); done
sleep 10; rm /tmp/f; sleep 3600`, 0))
	base := int64(400 * kiB)
	s.runFor(5 * time.Second)
	used := s.e.MemoryUsage(id)
	assert.GreaterOrEqual(t, used, base+1024*1025, "with a 1 MiB file: %d bytes", used)
	assert.Less(t, used, base+2*miB, "with a 1 MiB file: %d bytes", used)
	s.runFor(10 * time.Second)
	assert.Less(t, s.e.MemoryUsage(id), base+64*kiB, "after rm")
}

// The log keeps only the current file's lines, which is all `kubectl
// logs` reads; the kubelet rotates the file at its monitor's tick once it
// reaches MaxSize, keeps MaxFiles files, and compresses all rotated files
// but the newest.
// Reference: pkg/kubelet/logs/container_log_manager.go (processContainer,
// rotateLog, removeExcessLogs, compressLog, rotateLatestLog);
// kubernetes/website content/en/docs/concepts/cluster-administration/logging.md
// ("Only the contents of the latest log file are available through kubectl
// logs").
func TestLogRotation(t *testing.T) {
	s := newStoreWith(t, Config{Logs: LogPolicy{MaxSize: 1000, MaxFiles: 3}})
	// One line a second, 60 to 70 bytes in the file with its prefix:
	// the file reaches 1000 bytes after 15 to 17 lines.
	id := s.run(shellConfig(`i=10; while :; do echo "line $i of the log, forty bytes long"; i=$((i+1)); sleep 1; done`, 0))
	s.runFor(25 * time.Second)
	files, err := s.e.LogFiles(id)
	require.NoError(t, err)
	require.Len(t, files, 2, "files: %v", files)
	rotated, current := files[0], files[1]
	assert.Equal(t, "/var/log/pods/default_web_uid-1/sh/0.log.20250101-000020", rotated.Path,
		"rotated at the monitor's tick after the file reached MaxSize, not as it did")
	assert.GreaterOrEqual(t, rotated.Size, int64(1000))
	assert.False(t, rotated.Compressed)
	assert.Equal(t, "/var/log/pods/default_web_uid-1/sh/0.log", current.Path)
	lines, err := s.e.Logs(id)
	require.NoError(t, err)
	require.NotEmpty(t, lines)
	for _, l := range lines {
		assert.GreaterOrEqual(t, l.Time, sim.Time(20*time.Second), "a line from before the rotation: %v", l)
	}
	var size int64
	for _, l := range lines {
		size += criLineSize(l.Time, l.Text)
	}
	assert.Equal(t, current.Size, size, "the current file's size is its lines'")
	assert.Equal(t, rotated.Size+current.Size, s.e.LogUsage(id), "the log's usage is every file's")

	s.runFor(100 * time.Second)
	files, err = s.e.LogFiles(id)
	require.NoError(t, err)
	require.Len(t, files, 3, "MaxFiles: %v", files)
	assert.True(t, files[0].Compressed && strings.HasSuffix(files[0].Path, ".gz"), "older rotated file compressed: %v", files[0])
	assert.False(t, files[1].Compressed, "newest rotated file not compressed: %v", files[1])
	lines, _ = s.e.Logs(id)
	assert.Less(t, len(lines), 20, "the current file only")
}

// A container that writes faster than the monitor looks never keeps more
// than twice MaxSize: nucleus's own bound for the disk speed that bounds a
// real writer. An echo loop therefore holds a bounded log.
func TestLogOfAnEchoLoopIsBounded(t *testing.T) {
	s := newStoreWith(t, Config{Logs: LogPolicy{MaxSize: 64 * kiB}})
	id := s.run(shellConfig(`while :; do echo hello world; done`, 0))
	s.runFor(200 * time.Millisecond)
	files, err := s.e.LogFiles(id)
	require.NoError(t, err)
	// Rotations within one second reuse a name: compressing X writes over
	// the X.gz of the rotation before, as on a node.
	require.GreaterOrEqual(t, len(files), 3, "files: %v", files)
	require.LessOrEqual(t, len(files), DefaultContainerLogMaxFiles, "files: %v", files)
	for _, f := range files {
		assert.LessOrEqual(t, f.Size, int64(2*64*kiB), "file %s", f.Path)
	}
	lines, _ := s.e.Logs(id)
	assert.LessOrEqual(t, len(lines)*len("2025-01-01T00:00:01.001Z stdout F hello world\n"), 2*64*kiB+64, "lines of the current file")
}

// An exec whose command writes without end keeps no more of its output
// than the kubelet's CRI client can receive.
// Reference: kubernetes/cri-client pkg/utils.go (maxMsgSize 16 MiB).
func TestExecOutputIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	s := newStore(t)
	id := s.run(shellConfig("sleep 3600", 0))
	r := s.exec(id, time.Second, "sh", "-c", `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s; while :; do echo $s; done`)
	assert.True(t, r.TimedOut, "timed out")
	assert.Equal(t, maxExecOutput, len(r.Stdout), "stdout kept")
}

// A busy loop that logs runs whole Runs at a time, its turns carried
// forward: each line is stamped when it was written, none after the
// instant the log is read, and the current file holds them, rotated as
// the kubelet rotates it.
// Reference: pkg/kubelet/logs/container_log_manager.go (rotateLogs).
func TestLogOfABusyLoopIsStampedAndRotated(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	s := newStore(t)
	id := s.run(shellConfig(`while true; do echo hello; done`, 0))
	s.runFor(30 * time.Second)
	lines, err := s.e.Logs(id)
	require.NoError(t, err)
	require.NotEmpty(t, lines)
	now := s.e.loop.Now()
	var size int64
	for i, l := range lines {
		require.Equal(t, "hello", l.Text)
		require.LessOrEqual(t, l.Time, now, "line %d is not ahead of the clock", i)
		if i > 0 {
			require.GreaterOrEqual(t, l.Time, lines[i-1].Time, "line %d is in order", i)
		}
		size += criLineSize(l.Time, l.Text)
	}
	assert.Greater(t, lines[len(lines)-1].Time, now.Add(-10*time.Millisecond), "the last line is recent")
	files, err := s.e.LogFiles(id)
	require.NoError(t, err)
	require.Greater(t, len(files), 1, "the log was rotated: %v", files)
	cur := files[len(files)-1]
	// A Run may have written up to a second ahead of the clock: the file
	// already holds those lines, Logs does not show them yet.
	assert.LessOrEqual(t, size, cur.Size, "the current file holds its lines")
	for _, f := range files {
		assert.LessOrEqual(t, f.Size, int64(2*DefaultContainerLogMaxSize), "file %s", f.Path)
	}
}
