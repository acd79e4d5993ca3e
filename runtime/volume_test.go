package runtime

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two containers that mount the same volume share its files: what one
// writes the other reads, a file outlives the container that wrote it,
// and a read-only mount refuses writes.
// Reference: https://kubernetes.io/docs/tasks/access-application-cluster/communicate-containers-same-pod-shared-volume/
func TestVolumeSharedBetweenContainers(t *testing.T) {
	s := newStore(t)
	v := NewVolume(false)
	writer := s.run(ContainerConfig{Name: "writer", Image: "busybox",
		Command: []string{"sh", "-c", "echo hello > /pod-data/index.html; exit 0"},
		Mounts:  []Mount{{Path: "/pod-data", Volume: v}}})
	s.runFor(time.Second)
	require.Equal(t, ContainerExited, s.status(writer).State)
	got, ok := v.ReadFile("/index.html")
	require.True(t, ok, "the file is in the volume after its writer exited")
	assert.Equal(t, "hello\n", got)

	reader := s.run(ContainerConfig{Name: "reader", Image: "busybox", Command: []string{"sleep", "3600"},
		Mounts: []Mount{{Path: "/usr/share/nginx/html", Volume: v, ReadOnly: true}}})
	r := s.exec(reader, 0, "cat", "/usr/share/nginx/html/index.html")
	assert.Equal(t, "hello\n", r.Stdout)
	r = s.exec(reader, 0, "sh", "-c", "echo x > /usr/share/nginx/html/other")
	assert.NotEqual(t, 0, r.ExitCode)
	assert.Contains(t, r.Stderr, "Read-only file system")
	assert.Equal(t, "index.html\n", s.exec(reader, 0, "ls", "/usr/share/nginx/html").Stdout)
	r = s.exec(reader, 0, "ls", "/usr/share/nginx/html/nope", "/usr/share/nginx/html/index.html")
	assert.Equal(t, 1, r.ExitCode)
	assert.Equal(t, "/usr/share/nginx/html/index.html\n", r.Stdout)
	assert.Equal(t, "ls: /usr/share/nginx/html/nope: No such file or directory\n", r.Stderr)
}

// A volume made with a builder holds nothing until it is first used:
// then it holds what the builder writes, as if it had run at once. A
// rebuild before that replaces the builder; after it, it writes at once.
// A missing subPath of a mount is still made a directory when the volume
// is built.
func TestVolumeOfBuildsOnFirstUse(t *testing.T) {
	builds := 0
	hosts := func(text string) func(*Volume) {
		return func(v *Volume) {
			builds++
			v.WriteFile("hosts", text)
		}
	}
	v := NewVolumeOf(false, hosts("first\n"))
	v.Rebuild(hosts("second\n"))
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sleep", "3600"},
		Mounts: []Mount{
			{Path: "/etc/hosts", Volume: v, SubPath: "hosts"},
			{Path: "/data", Volume: v, SubPath: "data"},
		}})
	assert.Equal(t, 0, builds, "nothing read the volume yet")
	assert.Equal(t, "second\n", s.exec(id, 0, "cat", "/etc/hosts").Stdout)
	assert.Equal(t, 1, builds)
	assert.Equal(t, []string{"/", "/data/", "/hosts"}, v.Files())
	v.Rebuild(hosts("third\n"))
	assert.Equal(t, 2, builds, "a built volume is rewritten at once")
	got, _ := v.ReadFile("hosts")
	assert.Equal(t, "third\n", got)
}

// A subPath mounts one file or directory of a volume; a missing subPath
// is created in the volume as a directory.
// Reference: https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath
func TestVolumeSubPath(t *testing.T) {
	s := newStore(t)
	v := NewVolume(false)
	v.WriteFile("game.properties", "lives=3\n")
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sleep", "3600"},
		Mounts: []Mount{
			{Path: "/etc/game.properties", Volume: v, SubPath: "game.properties"},
			{Path: "/var/www", Volume: v, SubPath: "html"},
		}})
	assert.Equal(t, "lives=3\n", s.exec(id, 0, "cat", "/etc/game.properties").Stdout)
	assert.Equal(t, 0, s.exec(id, 0, "sh", "-c", "echo hi > /var/www/a").ExitCode)
	got, _ := v.ReadFile("/html/a")
	assert.Equal(t, "hi\n", got)
	assert.Equal(t, "hi\n", s.exec(id, 0, "cat", "/var/www/a").Stdout)
}

// A tmpfs volume's files count against the memory of the container that
// writes them; a volume on disk does not.
func TestMemoryVolumeCountsAgainstMemory(t *testing.T) {
	for _, memory := range []bool{false, true} {
		s := newStore(t)
		v := NewVolume(memory)
		id := s.run(ContainerConfig{Name: "c", Image: "busybox", MemoryLimit: 8 << 20,
			Command: []string{"sh", "-c", `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s
i=0; while [ $i -lt 1536 ]; do echo $s >> /cache/f; i=$((i+1)); done; sleep 3600`},
			Mounts: []Mount{{Path: "/cache", Volume: v}}})
		s.runFor(time.Minute)
		st := s.status(id)
		if memory {
			assert.Equal(t, "OOMKilled", st.Reason, "12 MiB in a tmpfs under an 8 MiB limit")
		} else {
			assert.Equal(t, ContainerRunning, st.State, "12 MiB on disk under an 8 MiB limit")
			assert.EqualValues(t, 1536*8193, v.Usage())
		}
	}
}

// The termination message is the end of the file at
// terminationMessagePath, or under FallbackToLogsOnError the end of the
// log when the file is empty and the container failed.
// Reference: pkg/kubelet/kuberuntime/kuberuntime_container.go
// (getTerminationMessage); pkg/kubelet/container/runtime.go (4 KiB, 2 KiB, 80 lines);
// https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/
func TestTerminationMessage(t *testing.T) {
	many := "i=0; while [ $i -lt 100 ]; do echo line $i; i=$((i+1)); done; exit 1"
	tests := []struct {
		name, script string
		fallback     bool
		want         string
	}{
		{"the file", "echo Sleep expired > /dev/termination-log; exit 0", false, "Sleep expired\n"},
		{"the file wins over the logs", "echo log; echo file > /dev/termination-log; exit 1", true, "file\n"},
		{"no fallback: empty", "echo log; exit 1", false, ""},
		{"fallback after a success: empty", "echo log; exit 0", true, ""},
		{"fallback after a failure: the last 80 lines", many, true, lines(20, 100)},
		{"a big file keeps its last 4 KiB", "i=0; while [ $i -lt 1000 ]; do echo 1234 >> /dev/termination-log; i=$((i+1)); done; echo end >> /dev/termination-log", false, strings.Repeat("1234\n", 1000)[5000-4092:] + "end\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sh", "-c", tt.script},
				TerminationMessagePath: "/dev/termination-log", TerminationMessageFallback: tt.fallback})
			s.runFor(time.Second)
			st := s.status(id)
			require.Equal(t, ContainerExited, st.State)
			assert.Equal(t, tt.want, st.Message)
		})
	}
}

func lines(from, to int) string {
	var b strings.Builder
	for i := from; i < to; i++ {
		b.WriteString("line ")
		b.WriteString(itoa(i))
		b.WriteByte('\n')
	}
	return b.String()
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
