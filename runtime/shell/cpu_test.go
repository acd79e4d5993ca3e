package shell

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Reference: a process on the CPU runs until it blocks or the scheduler
// preempts it; the CPU it used is what the kernel accounts to its cgroup
// (cpuacct.usage, cpu.stat usage_usec). Here each step costs StepCPU.
func TestRunChargesCPUPerStep(t *testing.T) {
	cases := []struct {
		script string
		want   Step
	}{
		{"echo hi; sleep 5", Step{Sleep: 5 * time.Second, CPU: (2 + writeSteps) * StepCPU}},
		{"exit 3", Step{Exited: true, ExitCode: 3, CPU: StepCPU}},
		// 3 turns of `:` + `[`... : a while loop's turn is its condition, its
		// body and the jump back.
		{"i=0; while [ $i -lt 3 ]; do i=$((i+1)); done", Step{Exited: true, CPU: (1 + 3*3 + 1) * StepCPU}},
		{"while true; do :; done", Step{CPU: Slice}},
	}
	for _, tc := range cases {
		p := Start([]string{"sh", "-c", tc.script}, nil, newFakeHost())
		assert.Equal(t, tc.want, p.Run(), "Run of %q", tc.script)
	}
}

// A busy loop costs virtual time, not the simulator's: a second of CPU of
// `while true; do :; done` is charged in full, yet only a few turns run.
func TestBusyLoopIsChargedWithoutRunningEveryTurn(t *testing.T) {
	for _, script := range []string{
		"while true; do :; done",
		"until false; do true; done",
		"while :; do echo hi > /dev/null; done",
		"i=0; while :; do i=$((i+1)); done",
		"n=7; while true; do n=$((n - 2)); m=$(( n + 1 )); done",
		"while :; do for x in a b c; do :; done; done",
		"while true; do echo hi > /tmp/f; done",
		"while :; do date > /tmp/now; cat /tmp/now > /dev/null; done",
		"yes > /dev/null",
		"i=0; while [ $i -lt 100000000 ]; do i=$((i+1)); done",
		"while true; do continue; done",
	} {
		p := Start([]string{"sh", "-c", script}, nil, newFakeHost())
		p.SetBudget(time.Second)
		st := p.Run()
		assert.Equal(t, Step{CPU: time.Second}, st, "Run of %q with a 1s budget", script)
		assert.Less(t, p.executed, 200, "%q executed %d instructions for a million steps", script, p.executed)
	}
}

// What fast-forwarding charges is what running every turn would have done:
// the same Steps, the same log, the same variables when a trap prints them.
// Counters that tests read (`while [ $i -lt N ]`) are carried forward up
// to the turn where a test would change its answer. Loops whose turns
// differ (a multiplication, a line logged) run turn by turn and must agree
// too.
func TestFastForwardMatchesRunningEveryTurn(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	scripts := []string{
		"while true; do :; done",
		"i=0; while :; do i=$((i+1)); done",
		"i=0; j=5; while true; do i=$((i+2)); j=$((j-i)); done",
		"i=9223372036854775000; while :; do i=$((i+1)); done",
		"i=0; while [ $i -lt 5000 ]; do i=$((i+1)); done; echo done $i",
		"while :; do for x in a b c; do :; done; done",
		"x=1; while :; do x=$((x*2+1)); done",
		"n=0; while :; do n=$((n+1)); if [ $((n % 400)) -eq 0 ]; then echo $n; fi; done",
		"while :; do i=$((i+1)); : $i; done",
		"while :; do i=$((i+1)); j=$i; done",
		"i=0; while :; do i=$(($i - 3)); k=$((i + i)); done",
		"while [ ! -f /tmp/go ]; do :; done; echo seen; i=0; while :; do i=$((i+1)); done",
		"while :; do x=$(echo y); i=$((i+1)); done",
		"while :; do d=$(date +%s); i=$((i+1)); done",
		"while [ $(date +%S) -lt 61 ]; do :; done",
		"while :; do while :; do i=$((i+1)); done; done",
		"export i=0; while :; do i=$((i+1)); done",
		"while true; do echo hi >> /tmp/log; rm /tmp/log; done",
		"while true; do echo hi > /tmp/f; done",
		"while :; do echo $i > /tmp/f; i=$((i+1)); done",
		"echo a > /tmp/f; while :; do cat /tmp/f >> /tmp/g; for x in a; do :; done; echo a > /tmp/f; done",
		"yes > /dev/null",
		"while :; do i=$((i+1)); continue; done",
		"i=0; while [ $i -lt 9000 ]; do i=$((i+1)); [ 1 ] && continue; echo no; done; echo $i",
		"for x in 1 2 3; do while :; do continue 2; done; done; echo out",
		"i=100000; while [ $i -gt 7 ]; do i=$((i-3)); done; echo $i",
		"i=0; while [ $i -ne 3001 ]; do i=$((i+1)); done; echo $i",
		"i=0; until [ \"$i\" -eq 2500 ]; do i=$((i+5)); done; echo $i",
		"i=0; while test $i -le 4000; do i=$((i+2)); j=$((j+1)); [ $j -ge 1000 ] && echo hit $j; done",
		"n=9223372036854770000; while [ $n -gt 0 ]; do n=$((n+1000)); done; echo $n",
		"i=0; while [ $i -lt x ]; do i=$((i+1)); done; echo $?",
		"i=0; while [ $i -lt 20000 ]; do i=$((i+1)); [ $i -eq 7777 ] && echo seven; done; echo $i",
		"a=0; b=100000; while [ $a -lt $b ]; do a=$((a+3)); b=$((b-2)); done; echo $a $b",
		// Turns that change the memory the process holds.
		"s=x; while :; do s=\"$s$s\"; done",
		"while :; do s=\"$s x\"; done",
		"i=0; while :; do export \"v$i=1\"; i=$((i+1)); done",
		"while :; do x=abcdefgh; unset x; done",
		"set -- a b c d e f g h i j k l m n o p q r; while :; do x=\"$*\"; done",
		"s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s; while :; do x=$s; done",
		"i=0; while :; do i=$((i+1)); s=\"$s.\"; [ $i -ge 3000 ] && s=; done",
		// Turns that log.
		"while true; do echo hello; done",
		"yes",
		"while :; do echo a; echo b >&2; done",
		"i=0; while :; do echo tick; i=$((i+1)); done",
		"i=0; while [ $i -lt 700 ]; do echo $i; i=$((i+1)); done; while :; do echo same; done",
		"while :; do echo -n x; done",
		"while :; do x=$(echo y >&2); done",
		"while :; do for w in a b; do echo $w; done; done",
		// Turns that append to a file, up to a full disk.
		"while true; do echo x >> /tmp/f; done",
		"while :; do echo ab >> /tmp/f; echo c >> /tmp/g; i=$((i+1)); done",
		"echo start > /tmp/f; while :; do printf abc >> /tmp/f; done",
		"while :; do echo x >> /tmp/f; [ -s /tmp/f ] && :; done",
		"while :; do echo x >> /tmp/f; n=$(wc -c < /tmp/f); done",
		"while [ $(wc -c < /tmp/f) -lt 3000 ]; do echo x >> /tmp/f; done; echo full",
		"while :; do for x in a b; do echo $x >> /tmp/f; done; echo y >> /tmp/f; done",
		"while :; do echo x >> /tmp/f || echo failed $?; done",
		"yes >> /tmp/f",
		"while :; do echo x >> /tmp/f; echo y > /tmp/f; done",
	}
	for _, script := range scripts {
		t.Run(script, func(t *testing.T) {
			fast, exact := traceRun(script, false), traceRun(script, true)
			require.Equal(t, exact, fast)
		})
	}
}

// traceRun runs script with a trap that prints its variables, six Runs of
// 5 ms of CPU (creating /tmp/go after the third), then sends SIGTERM; it
// returns every Step, the memory the process holds after it, and the log.
func traceRun(script string, exact bool) string {
	h := newFakeHost()
	p := Start([]string{"sh", "-c", "trap 'echo i=$i j=$j k=$k n=$n x=$x; exit 0' TERM; " + script}, nil, h)
	p.exact = exact
	p.SetBudget(5 * time.Millisecond)
	var b strings.Builder
	for i := 0; i < 6; i++ {
		st := p.Run()
		fmt.Fprintf(&b, "%+v held %d\n", st, p.held)
		if p.mem != nil {
			fmt.Fprintf(&b, "ledger %+v\n", *p.mem)
		}
		if st.Exited {
			break
		}
		h.now = h.now.Add(st.Sleep + st.CPU)
		if i == 2 {
			_ = h.WriteFile("/tmp/go", "", false)
		}
	}
	fmt.Fprintf(&b, "%+v\n", p.Signal(SIGTERM))
	for i, l := range h.lines {
		fmt.Fprintf(&b, "%s %s\n", h.stamps[i].Format(time.RFC3339Nano), l)
	}
	for _, f := range []string{"/tmp/f", "/tmp/g"} {
		fmt.Fprintf(&b, "%s: %q\n", f, h.files[f])
	}
	return b.String()
}

// A process that has used Instant of CPU in a Run yields right after a
// command others can see, so that the engine puts that moment on the clock;
// a Host that stamps log lines itself (LogHost) needs no yield for them.
func TestBusyLoopYieldsAfterWhatOthersSee(t *testing.T) {
	h := newFakeHost()
	p := Start([]string{"sh", "-c", "while true; do echo hello; done"}, nil, plainHost{h})
	st := p.Run()
	assert.False(t, st.Exited)
	assert.Zero(t, st.Sleep)
	assert.GreaterOrEqual(t, st.CPU, Instant)
	turn := writeSteps + 3 // true, echo, its write, the jump back
	assert.Less(t, st.CPU, Instant+time.Duration(turn)*StepCPU, "it yields within a turn of Instant")
	assert.Len(t, h.lines, int(Instant/StepCPU)/turn+1, "one line a turn")
}

// With a LogHost, a busy loop that logs runs its whole budget, and each
// line is stamped with the CPU used when it was written (the same in the
// Run's first millisecond, at once); carrying its turns forward gives the
// same lines at the same instants.
func TestLoggedLinesAreStampedWithCPU(t *testing.T) {
	for _, exact := range []bool{false, true} {
		h := newFakeHost()
		p := Start([]string{"sh", "-c", "while true; do echo hello; done"}, nil, h)
		p.exact = exact
		p.SetBudget(10 * time.Millisecond)
		st := p.Run()
		assert.Equal(t, Step{CPU: 10 * time.Millisecond}, st, "exact=%v: preempted at the end of its budget", exact)
		turn := (writeSteps + 3) * StepCPU // true, echo, its write, the jump back
		require.Len(t, h.lines, int(10*time.Millisecond/turn), "exact=%v: a line a turn", exact)
		first := int(Instant / turn)
		assert.Equal(t, h.now, h.stamps[first-1], "exact=%v: a line before Instant is at the Run's start", exact)
		assert.Equal(t, h.now.Add(time.Duration(first+1)*turn-StepCPU), h.stamps[first], "exact=%v: after it, at the CPU used", exact)
		assert.Equal(t, h.now.Add(10*time.Millisecond-StepCPU), h.stamps[len(h.stamps)-1], "exact=%v: the last line", exact)
	}
}

// `date` sees the clock move with the CPU a Run has used: a loop that
// waits for the next second by reading the clock ends when the second
// changes, 5 ms of CPU after 23:59:59.995, and carrying forward its turns
// stops short of that second, as running every turn does.
func TestDateMovesWithCPU(t *testing.T) {
	script := "d0=$(date +%S); while [ $(date +%S) = $d0 ]; do :; done; echo from $d0 to $(date +%S)"
	for _, exact := range []bool{false, true} {
		h := newFakeHost()
		h.now = time.Date(2026, 1, 1, 23, 59, 59, 995_000_000, time.UTC)
		p := Start([]string{"sh", "-c", script}, nil, plainHost{h})
		p.exact = exact
		p.SetBudget(20 * time.Millisecond)
		st := p.Run()
		assert.False(t, st.Exited, "exact=%v: it yields after its echo, past Instant", exact)
		assert.Equal(t, 5*time.Millisecond, st.CPU.Truncate(time.Millisecond), "exact=%v: after 5 ms of CPU", exact)
		assert.True(t, p.Run().Exited, "exact=%v: and then exits", exact)
		assert.Equal(t, []string{"stdout: from 59 to 00"}, h.lines, "exact=%v", exact)
		if !exact {
			assert.Less(t, p.executed, 5000, "the turns within the second are charged, not run")
		}
	}
}

// A command substitution or nested sh that is still busy when its
// parent's budget is spent goes on at the parent's next Run, as a child
// process would go on computing while its parent waits for it.
func TestBusyChildGoesOn(t *testing.T) {
	cases := []struct{ script, log string }{
		{"x=$(i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo $i); echo got $x", "stdout: got 20000"},
		{"sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo deep $i' > /tmp/out; cat /tmp/out", "stdout: deep 20000"},
		{"echo $(sh -c 'n=0; while [ $n -lt 9000 ]; do n=$((n+1)); done; echo $n') $(echo a; i=0; while [ $i -lt 9000 ]; do i=$((i+1)); done; echo $i)", "stdout: 9000 a 9000"},
	}
	for _, tc := range cases {
		for _, exact := range []bool{false, true} {
			h := newFakeHost()
			p := Start([]string{"sh", "-c", tc.script}, nil, h)
			p.exact = exact
			p.SetBudget(5 * time.Millisecond)
			steps := runToEnd(h, p, 100)
			assert.True(t, steps[len(steps)-1].Exited, "%q (exact=%v) ends", tc.script, exact)
			assert.Greater(t, len(steps), 3, "%q (exact=%v) takes several Runs of 5 ms", tc.script, exact)
			assert.Equal(t, []string{tc.log}, h.lines, "%q (exact=%v)", tc.script, exact)
		}
	}
	h := newFakeHost()
	p := Start([]string{"sh", "-c", "x=$(while :; do :; done); echo never"}, nil, h)
	for range 5 {
		assert.Equal(t, Step{CPU: Slice}, p.Run(), "a child that never ends keeps its parent busy")
	}
	assert.Empty(t, h.lines)
}

// A loop whose only change a turn is the same bytes appended to the same
// file is charged like any busy loop: a second of CPU runs a few turns,
// and the file holds every turn's bytes, up to a full disk, where each
// write fails as ash's does.
// Reference: busybox coreutils/echo.c (a failed write is reported with
// bb_msg_write_error, "write error", and strerror(errno); exit status 1).
func TestAppendLoopIsChargedWithoutRunningEveryTurn(t *testing.T) {
	for _, script := range []string{
		"while true; do echo x >> /tmp/f; done",
		"yes >> /tmp/f",
		"while :; do echo x >> /tmp/f || echo failed $? >/dev/null; i=$((i+1)); done",
	} {
		h := newFakeHost()
		p := Start([]string{"sh", "-c", script}, nil, h)
		p.SetBudget(time.Second)
		st := p.Run()
		assert.False(t, st.Exited || st.Sleep > 0, "%q is preempted", script)
		assert.InDelta(t, time.Second, st.CPU, float64(10*StepCPU), "Run of %q with a 1s budget", script)
		assert.Less(t, p.executed, 400, "%q executed %d instructions for a million steps", script, p.executed)
		assert.Len(t, h.files["/tmp/f"], fakeDisk, "%q fills its disk", script)
	}
	h := newFakeHost()
	p := Start([]string{"sh", "-c", "while true; do echo x >> /tmp/f; done"}, nil, h)
	p.SetBudget(time.Second)
	p.Run()
	require.NotEmpty(t, h.lines)
	assert.Equal(t, "stderr: sh: write error: No space left on device", h.lines[0])
	assert.Equal(t, strings.Repeat("x\n", fakeDisk/2), h.files["/tmp/f"])
}
