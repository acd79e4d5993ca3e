package shell

import (
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: the Kubernetes liveness-probe example (exec probe `cat
// /tmp/healthy`): `touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600`.
// Each sleep returns a Step; the file exists only during the first 30 s.
func TestSleepStepsInVirtualTime(t *testing.T) {
	h := newFakeHost()
	p := Start([]string{"/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"}, nil, h)

	st := p.Run()
	require.Equal(t, Step{Sleep: 30 * time.Second, CPU: 2 * StepCPU}, st, "first Run: touch and sleep")
	_, ok := h.Stat("/tmp/healthy")
	assert.True(t, ok, "/tmp/healthy exists during the first sleep")

	h.now = h.now.Add(st.Sleep)
	st = p.Run()
	require.Equal(t, Step{Sleep: 600 * time.Second, CPU: 2 * StepCPU}, st, "second Run: rm and sleep")
	_, ok = h.Stat("/tmp/healthy")
	assert.False(t, ok, "/tmp/healthy is removed after 30 s")

	st = p.Run()
	assert.Equal(t, Step{Exited: true, ExitCode: 0}, st, "third Run")
	code, done := p.Exited()
	assert.True(t, done)
	assert.Equal(t, 0, code)
}

// Reference: busybox sleep accepts integers, decimals, s/m/h/d suffixes and
// sums its arguments; a bad number prints `sleep: invalid number 'x'`, exit 1.
func TestSleepArguments(t *testing.T) {
	cases := []struct {
		arg   string
		sleep time.Duration
		code  int
	}{
		{"3", 3 * time.Second, 0},
		{"0.5", 500 * time.Millisecond, 0},
		{"2m", 2 * time.Minute, 0},
		{"1h", time.Hour, 0},
		{"infinity", Forever, 0},
		{"x", 0, 1},
		{"-1", 0, 1},
	}
	for _, tc := range cases {
		h := newFakeHost()
		p := Start([]string{"sleep", tc.arg}, nil, h)
		st := p.Run()
		if tc.code != 0 {
			if !st.Exited || st.ExitCode != tc.code {
				t.Errorf("sleep %s = %+v, want exit %d", tc.arg, st, tc.code)
			}
			assert.Equal(t, []string{"stderr: sleep: invalid number '" + tc.arg + "'"}, h.lines)
			continue
		}
		if st.Sleep != tc.sleep || st.Exited {
			t.Errorf("sleep %s = %+v, want Sleep %v", tc.arg, st, tc.sleep)
		}
	}
}

// Reference: `sleep infinity` and `tail -f /dev/null` keep a container up
// for ever; a Run after Forever waits again.
func TestForever(t *testing.T) {
	for _, argv := range [][]string{{"sleep", "infinity"}, {"tail", "-f", "/dev/null"}} {
		h := newFakeHost()
		p := Start(argv, nil, h)
		for i := 0; i < 3; i++ {
			st := p.Run()
			if st.Exited || st.Sleep != Forever {
				t.Fatalf("%v Run %d = %+v, want Sleep Forever", argv, i, st)
			}
		}
	}
}

// Reference: busybox `sh` with no arguments reads its (empty) stdin and
// exits 0 at once, so `image: busybox` with no command completes and, under
// restartPolicy Always, goes into CrashLoopBackOff.
func TestStartForms(t *testing.T) {
	cases := []struct {
		argv []string
		code int
		log  string
	}{
		{[]string{"sh"}, 0, ""},
		{[]string{"/bin/sh"}, 0, ""},
		{nil, 0, ""},
		{[]string{"echo", "hi", "$HOME"}, 0, "stdout: hi $HOME"},
		{[]string{"/bin/echo", "direct"}, 0, "stdout: direct"},
		{[]string{"sh", "-c", "echo $0 $1 $#", "zero", "one"}, 0, "stdout: zero one 1"},
		{[]string{"sh", "-c", "echo $0"}, 0, "stdout: sh"},
		{[]string{"sh", "-ec", "exit 4"}, 4, ""},
		{[]string{"sh", "-c"}, 2, "stderr: sh: -c requires an argument"},
		{[]string{"sh", "-c", "fi"}, 2, `stderr: sh: syntax error: unexpected "fi"`},
		{[]string{"sh", "/script.sh"}, 127, "stderr: sh: can't open '/script.sh': No such file or directory"},
		{[]string{"sh", "/tmp/run.sh", "a"}, 0, "stdout: from file a"},
		{[]string{"nosuch"}, 127, "stderr: sh: nosuch: not found"},
	}
	for _, tc := range cases {
		h := newFakeHost()
		h.files["/tmp/run.sh"] = "echo from file $1\n"
		p := Start(tc.argv, nil, h)
		runToEnd(h, p, 10)
		code, ok := p.Exited()
		got := strings.Join(h.lines, "|")
		if !ok || code != tc.code || got != tc.log {
			t.Errorf("Start(%q) = exit %d (exited %v), log %q; want exit %d, log %q", tc.argv, code, ok, got, tc.code, tc.log)
		}
	}
}

// Reference: Known strips a leading path, as exec looks a name up in PATH.
func TestKnown(t *testing.T) {
	cases := map[string]bool{
		"sh": true, "/bin/sh": true, "sleep": true, "/usr/bin/wget": true, "[": true,
		"nginx": false, "bash": false, "/agnhost": false, "": false,
	}
	for name, want := range cases {
		if got := Known(name); got != want {
			t.Errorf("Known(%q) = %v, want %v", name, got, want)
		}
	}
}

// Reference: a process that never blocks is preempted when its CPU budget
// is spent (the kernel's scheduler takes the CPU back), so `while true; do
// :; done` cannot hang the loop.
func TestBusyLoopYields(t *testing.T) {
	h := newFakeHost()
	p := Start([]string{"sh", "-c", "while true; do :; done"}, nil, h)
	for i := 0; i < 3; i++ {
		st := p.Run()
		if st != (Step{CPU: Slice}) {
			t.Fatalf("Run %d = %+v, want preempted after %v of CPU", i, st, Slice)
		}
	}
	p2 := Start([]string{"sh", "-c", "i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; echo $i"}, nil, h)
	steps := runToEnd(h, p2, 100)
	last := steps[len(steps)-1]
	assert.True(t, last.Exited, "a long loop ends")
	assert.GreaterOrEqual(t, len(steps), 4, "30,000 turns of 4 steps take several Runs of 10,000 steps")
	assert.Equal(t, "stdout: 30000", h.lines[len(h.lines)-1])
}

// Reference: proxy-and-runtime.md §B4 (128+N: SIGKILL 137, SIGTERM 143) and
// the Linux rule that PID 1 of a PID namespace gets no signal from outside
// without a handler (SIGKILL excepted).
func TestSignals(t *testing.T) {
	cases := []struct {
		name   string
		script string
		pid1   bool
		sig    syscall.Signal
		step   Step
		log    string
	}{
		{"PID 1 ignores untrapped TERM", "sleep 3600", true, SIGTERM, Step{Sleep: 3590 * time.Second}, ""},
		{"not PID 1: TERM kills with 143", "sleep 3600", false, SIGTERM, Step{Exited: true, ExitCode: 143}, ""},
		{"KILL is 137", "sleep 3600", true, SIGKILL, Step{Exited: true, ExitCode: 137}, ""},
		{"trap runs and exits", "trap 'echo bye; exit 0' TERM; sleep 3600", true, SIGTERM, Step{Exited: true, ExitCode: 0, CPU: (2 + writeSteps) * StepCPU}, "stdout: bye"},
		{"trap code", "trap 'exit 7' TERM; while true; do sleep 1; done", true, SIGTERM, Step{Exited: true, ExitCode: 7, CPU: StepCPU}, ""},
		{"trap without exit goes on", "trap 'echo got $?' TERM; sleep 3600; echo after", true, SIGTERM, Step{Exited: true, ExitCode: 0, CPU: (2 + 2*writeSteps) * StepCPU}, "stdout: got 143|stdout: after"},
		{"ignored with empty trap", "trap '' TERM; sleep 3600", false, SIGTERM, Step{Sleep: 3590 * time.Second}, ""},
		{"trap reset", "trap 'exit 0' TERM; trap - TERM; sleep 3600", true, SIGTERM, Step{Sleep: 3590 * time.Second}, ""},
		{"KILL skips the trap", "trap 'echo bye' TERM KILL; sleep 3600", true, SIGKILL, Step{Exited: true, ExitCode: 137}, ""},
		{"INT without trap, not PID 1", "sleep 10", false, SIGINT, Step{Exited: true, ExitCode: 130}, ""},
		{"EXIT trap runs on exit", "trap 'echo cleanup' EXIT; trap 'exit 3' TERM; sleep 60", true, SIGTERM, Step{Exited: true, ExitCode: 3, CPU: (2 + writeSteps) * StepCPU}, "stdout: cleanup"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newFakeHost()
			p := Start([]string{"sh", "-c", tc.script}, nil, h)
			p.SetPID1(tc.pid1)
			first := p.Run()
			require.False(t, first.Exited, "the script sleeps")
			h.now = h.now.Add(10 * time.Second)
			got := p.Signal(tc.sig)
			if got != tc.step {
				t.Errorf("Signal(%v) = %+v, want %+v", tc.sig, got, tc.step)
			}
			assert.Equal(t, tc.log, strings.Join(h.lines, "|"))
		})
	}
}

// Reference: a signal to an exited process changes nothing.
func TestSignalAfterExit(t *testing.T) {
	h := newFakeHost()
	p := Start([]string{"true"}, nil, h)
	require.True(t, p.Run().Exited)
	assert.Equal(t, Step{Exited: true, ExitCode: 0}, p.Signal(SIGKILL))
	assert.Equal(t, Step{Exited: true, ExitCode: 0}, p.Run())
}

// allocatedBytes returns the bytes f allocates, averaged over n calls.
func allocatedBytes(n int, f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < n; i++ {
		f()
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

// Reference: brief budget: a running process costs well under 2 KiB beside its
// script's syntax tree.
func TestProcessMemory(t *testing.T) {
	h := newFakeHost()
	script := "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"
	env := []string{"KUBERNETES_SERVICE_HOST=10.96.0.1", "KUBERNETES_SERVICE_PORT=443"}
	withRun := allocatedBytes(200, func() {
		p := Start([]string{"sh", "-c", script}, env, h)
		if st := p.Run(); st.Sleep != 30*time.Second {
			t.Fatalf("Run = %+v, want Sleep 30s", st)
		}
	})
	parseOnly := allocatedBytes(200, func() { _, _ = Parse(script) })
	if withRun < parseOnly || withRun-parseOnly > 1152 {
		t.Errorf("a started, sleeping process costs %d bytes beside its script, want under 1152 (2 KiB budget)", withRun-parseOnly)
	}
	t.Logf("process: %d bytes beside a %d-byte script", withRun-parseOnly, parseOnly)
}

// Programs parses a command once and runs it as Start would; a script
// read from a file is read afresh each time.
func TestProgramsRunLikeStart(t *testing.T) {
	var progs Programs
	h := newFakeHost()
	for i := 0; i < 3; i++ {
		p := progs.Start(nil, []string{"cat", "/tmp/x"}, nil, h)
		steps := runToEnd(h, p, 10)
		if last := steps[len(steps)-1]; !last.Exited || last.ExitCode != 1 {
			t.Fatalf("run %d of cat /tmp/x without the file: %+v, want exit 1", i, last)
		}
	}
	if len(progs.parsed) != 1 {
		t.Errorf("Programs holds %d programs, want 1", len(progs.parsed))
	}
	_ = h.WriteFile("/tmp/x", "hello\n", false)
	p := progs.Start(nil, []string{"cat", "/tmp/x"}, nil, h)
	if last := runToEnd(h, p, 10); !last[len(last)-1].Exited || last[len(last)-1].ExitCode != 0 {
		t.Errorf("cached cat /tmp/x with the file: %+v, want exit 0", last)
	}
	_ = h.WriteFile("/s.sh", "exit 3\n", false)
	if code := runCode(h, progs.Start(nil, []string{"sh", "/s.sh"}, nil, h)); code != 3 {
		t.Errorf("sh /s.sh = %d, want 3", code)
	}
	_ = h.WriteFile("/s.sh", "exit 4\n", false)
	if code := runCode(h, progs.Start(nil, []string{"sh", "/s.sh"}, nil, h)); code != 4 {
		t.Errorf("sh /s.sh after the file changed = %d, want 4 (a script file is read afresh)", code)
	}
}

func runCode(h *fakeHost, p *Process) int {
	steps := runToEnd(h, p, 10)
	return steps[len(steps)-1].ExitCode
}

// Reference: busybox coreutils/tail.c: -f looks at the file again every
// second (-s) and prints what was appended; a file that shrank is read
// again from the top ("file truncated"); -F waits for a file that is not
// there yet; -n +N starts at line N.
func TestTailFollows(t *testing.T) {
	h := newFakeHost()
	h.files["/tmp/log"] = "a\nb\nc\n"
	p := Start([]string{"tail", "-n", "+2", "-F", "/tmp/log"}, nil, h)
	look := func() Step {
		t.Helper()
		st := p.Run()
		if st.Exited || st.Sleep != time.Second {
			t.Fatalf("Run = %+v, want a one-second wait", st)
		}
		h.now = h.now.Add(st.Sleep)
		return st
	}
	look()
	h.files["/tmp/log"] += "d\n"
	look()
	look() // nothing new: nothing printed
	h.files["/tmp/log"] = "x\n"
	look()
	delete(h.files, "/tmp/log")
	look()
	h.files["/tmp/log"] = "x\ny\n"
	look()
	want := "stdout: b|stdout: c|stdout: d|stderr: tail: /tmp/log: file truncated|stdout: x|stdout: y"
	if got := strings.Join(h.lines, "|"); got != want {
		t.Errorf("tail -F log = %q, want %q", got, want)
	}

	h = newFakeHost()
	p = Start([]string{"tail", "-F", "/tmp/later"}, nil, h)
	look()
	h.files["/tmp/later"] = "hello\n"
	look()
	want = "stderr: tail: can't open '/tmp/later': No such file or directory|stdout: hello"
	if got := strings.Join(h.lines, "|"); got != want {
		t.Errorf("tail -F of a file made later = %q, want %q", got, want)
	}
}
