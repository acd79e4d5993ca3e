package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: proxy-and-runtime.md B1.1 (ExecSync), B4 (126/127: not
// executable / not found; 143 for SIGTERM of a process that is not PID 1).
func TestExecSync(t *testing.T) {
	tests := []struct {
		name     string
		image    string
		cmd      []string
		timeout  time.Duration
		code     int
		stdout   string
		stderr   string
		timedOut bool
		took     time.Duration
	}{
		{"cat a file the container wrote", "busybox", []string{"cat", "/tmp/healthy"}, 0, 0, "ok\n", "", false, 0},
		{"cat a missing file", "busybox", []string{"cat", "/tmp/missing"}, 0, 1, "", "cat: can't open '/tmp/missing': No such file or directory\n", false, 0},
		{"sleep takes virtual time", "busybox", []string{"sh", "-c", "sleep 3; echo done"}, 10 * time.Second, 0, "done\n", "", false, 3 * time.Second},
		{"past the timeout: killed", "busybox", []string{"sleep", "30"}, 2 * time.Second, -1, "", "", true, 2 * time.Second},
		{"a busy loop never ends: killed at the timeout", "busybox", []string{"sh", "-c", "while true; do :; done"}, 2 * time.Second, -1, "", "", true, 2 * time.Second},
		{"busy work takes its CPU time", "busybox", []string{"sh", "-c", "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo $i"}, 0, 0, "100000\n", "", false, 300008 * time.Microsecond},
		{"not found in an image without a shell", "registry.k8s.io/pause", []string{"cat", "/tmp/healthy"}, 0, 127, "",
			"OCI runtime exec failed: exec failed: unable to start container process: exec: \"cat\": executable file not found in $PATH: unknown\n", false, 0},
		{"a file that is not a program", "busybox", []string{"/tmp/healthy"}, 0, 126, "",
			"OCI runtime exec failed: exec failed: unable to start container process: exec: \"/tmp/healthy\": permission denied: unknown\n", false, 0},
		{"an image program: redis-cli ping", "redis", []string{"redis-cli", "ping"}, 0, 0, "PONG\n", "", false, 0},
		{"output as written, without a final newline", "busybox", []string{"sh", "-c", "printf 'a\nb'; printf oops >&2"}, 0, 0, "a\nb", "oops", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			cfg := ContainerConfig{Name: "c", Image: tt.image}
			if tt.image == "busybox" {
				cfg.Command = []string{"sh", "-c", "echo ok > /tmp/healthy; sleep 3600"}
			}
			id := s.run(cfg)
			s.runFor(time.Second)
			start := s.loop.Now()
			r := s.exec(id, tt.timeout, tt.cmd...)
			assert.Equal(t, tt.code, r.ExitCode, "exit code")
			assert.Equal(t, tt.stdout, r.Stdout, "stdout")
			assert.Equal(t, tt.stderr, r.Stderr, "stderr")
			assert.Equal(t, tt.timedOut, r.TimedOut, "timed out")
			assert.Equal(t, tt.took, s.loop.Now().Sub(start), "took")
			assert.Equal(t, ContainerRunning, s.status(id).State, "the container keeps running")
		})
	}
}

// Reference: proxy-and-runtime.md B1.1 (ExecSync needs a running container).
func TestExecSyncNotRunning(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"true"}})
	s.runFor(time.Second)
	r := s.exec(id, time.Second, "cat", "/etc/hostname")
	assert.Equal(t, -1, r.ExitCode)
	assert.Contains(t, r.Stderr, "CONTAINER_EXITED")
	r = s.exec("nope", time.Second, "true")
	assert.Equal(t, -1, r.ExitCode)
	assert.Contains(t, r.Stderr, "not found")
}

// An exec is not PID 1: an untrapped signal would kill it, and it dies with
// its container.
// Reference: proxy-and-runtime.md B4 (137 = SIGKILL).
func TestExecSyncDiesWithContainer(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sleep", "3600"}})
	var r ExecResult
	s.e.ExecSync(id, []string{"sleep", "60"}, 0, func(x ExecResult) { r = x })
	s.runFor(time.Second)
	require.NoError(t, s.e.Crash(id, 1))
	s.runFor(time.Second)
	assert.Equal(t, 137, r.ExitCode)
}

// Execs reuse the shell processes of execs that ended: a reused process
// starts afresh, with nothing of the one before it, even when execs
// overlap.
func TestExecReusedProcessStartsAfresh(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sleep", "3600"}})
	s.runFor(time.Second)
	r := s.exec(id, 0, "sh", "-c", "X=set; cd /tmp; trap 'echo bye' EXIT; echo $X")
	assert.Equal(t, "set\nbye\n", r.Stdout)
	for range 2 { // the second time, the program is the one parsed before
		r = s.exec(id, 0, "sh", "-c", `echo "[$X] $(pwd)"; X=again; trap 'echo no' EXIT; trap '' EXIT`)
		assert.Equal(t, "[] /\n", r.Stdout, "a reused process keeps nothing of the last one")
	}

	// Two execs at once, the second starting while the first sleeps.
	var slow, quick ExecResult
	s.e.ExecSync(id, []string{"sh", "-c", "Y=slow; sleep 2; echo $Y"}, 0, func(x ExecResult) { slow = x })
	s.e.ExecSync(id, []string{"sh", "-c", "echo quick $Y"}, 0, func(x ExecResult) { quick = x })
	s.runFor(3 * time.Second)
	assert.Equal(t, "slow\n", slow.Stdout)
	assert.Equal(t, "quick\n", quick.Stdout)

	// After a timeout and a command that is not there, execs still answer
	// what they ran, once each.
	r = s.exec(id, 2*time.Second, "sh", "-c", "echo started; sleep 30")
	assert.True(t, r.TimedOut)
	assert.Equal(t, "started\n", r.Stdout)
	assert.Equal(t, 127, s.exec(id, 0, "nosuch").ExitCode)
	answers := 0
	s.e.ExecSync(id, []string{"echo", "last"}, time.Second, func(x ExecResult) { r, answers = x, answers+1 })
	s.runFor(time.Minute)
	assert.Equal(t, 1, answers, "one answer, and no stray deadline")
	assert.Equal(t, "last\n", r.Stdout)
}

// Changes moves with every change a relist would see, and only then.
func TestChanges(t *testing.T) {
	s := newStore(t)
	before := s.e.Changes()
	id := s.run(ContainerConfig{Name: "c", Image: "busybox", Command: []string{"sh", "-c", "sleep 5; exit 1"}})
	afterStart := s.e.Changes()
	assert.Greater(t, afterStart, before, "create and start")
	s.runFor(time.Second)
	s.exec(id, 0, "cat", "/etc/hostname")
	assert.Equal(t, afterStart, s.e.Changes(), "an exec changes no container's state")
	s.runFor(5 * time.Second)
	exited := s.e.Changes()
	assert.Greater(t, exited, afterStart, "the container exited")
	require.NoError(t, s.e.RemoveContainer(id))
	removed := s.e.Changes()
	assert.Greater(t, removed, exited, "container removed")
	require.NoError(t, s.e.StopPodSandbox(s.sb))
	require.NoError(t, s.e.RemovePodSandbox(s.sb))
	assert.Greater(t, s.e.Changes(), removed, "sandbox removed")
}
