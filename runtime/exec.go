package runtime

import (
	"fmt"
	"math"
	"path"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
	"github.com/nodenucleus/nucleus/sim"
)

// ExecResult is what ExecSync reports of a command run in a container.
type ExecResult struct {
	Stdout, Stderr string
	// ExitCode is the command's exit status; -1 when the command did not
	// run or did not exit by itself (the container is not running, or the
	// command timed out).
	ExitCode int
	// TimedOut says the command was still running at the timeout and was
	// killed.
	TimedOut bool
}

// execution is one ExecSync command running in a container.
type execution struct {
	c        *container
	host     Host     // the process's view of the container
	cmd      []string // its command line, as ps shows it
	proc     Process
	wake     sim.Handle
	deadline sim.Handle
	out      [2]strings.Builder // stdout, stderr
	done     func(ExecResult)
	finished bool
	running  bool // inside the process's Run
	// spare is the shell process of an earlier exec that this execution
	// served, ended: the next shell command run in it reuses it.
	spare *shell.Process
	// runFn and timeoutFn are x.run and the timeout's kill as func
	// values, made once for every exec this execution serves: an exec
	// probe runs every ten seconds for hours.
	runFn, timeoutFn func()
}

// write appends one line of output.
func (x *execution) write(stream, line string) {
	i := 0
	if stream == "stderr" {
		i = 1
	}
	x.add(i, line)
	x.add(i, "\n")
}

// maxExecOutput bounds what an exec's output keeps of each stream: the
// kubelet's CRI client takes messages of at most 16 MiB, so a larger
// answer never reaches it.
// Reference: kubernetes/cri-client pkg/utils.go (maxMsgSize = 16 MiB).
const maxExecOutput = 16 << 20

// add appends s to stream i of the output, up to maxExecOutput.
func (x *execution) add(i int, s string) {
	if room := maxExecOutput - x.out[i].Len(); len(s) > room {
		s = s[:max(room, 0)]
	}
	x.out[i].WriteString(s)
}

// ExecSync runs cmd inside a running container, as `kubectl exec` and exec
// probes do: in the container's file system and network, as a process that
// is not PID 1 (an untrapped SIGTERM would kill it). It runs in virtual
// time: a `sleep 5` in it takes five seconds. done is called once, through
// the loop, with the result. A timeout of zero means no timeout; past it,
// the command is killed and the result says TimedOut. A command the image
// does not have ends with 127 (126 when the path exists but is not a
// program) and the runtime's error text; a container that is not running
// answers ExitCode -1 with the reason in Stderr.
// Reference: proxy-and-runtime.md B1.1 (ExecSync), B4 (126/127).
func (e *Engine) ExecSync(id string, cmd []string, timeout time.Duration, done func(ExecResult)) {
	if done == nil {
		done = func(ExecResult) {}
	}
	c, ok := e.containers[id]
	switch {
	case !ok:
		e.answer(done, ExecResult{ExitCode: -1, Stderr: (&NotFoundError{"container", id}).Error()})
		return
	case c.status.State != ContainerRunning:
		e.answer(done, ExecResult{ExitCode: -1, Stderr: fmt.Sprintf("cannot exec in a container that is not running: container %q is in state %v", id, c.status.State)})
		return
	}
	x := e.newExecution(c, done)
	p, code, why := c.image.spec.execProgram(cmd, c.env, &x.host)
	if p == nil {
		e.recycle(x)
		e.answer(done, ExecResult{ExitCode: code, Stderr: why + "\n"})
		return
	}
	x.proc = p
	if ns := c.sandbox.pidNamespace(c); ns != nil {
		x.cmd, x.host.pid = cmd, ns.next()
	}
	c.execs = append(c.execs, x)
	if timeout > 0 {
		x.deadline = e.loop.After(timeout, x.timeoutFn)
	}
	x.run()
}

// run lets the exec's process run, and applies what it does next. A
// process that has ended is given back for reuse once it has returned from
// Run.
func (x *execution) run() {
	c := x.c
	now := c.e.loop.Now()
	if at := c.cpu.runnableAt(now); at > now {
		x.wake = c.e.loop.At(at, x.runFn)
		return
	}
	c.budget(x.proc)
	x.running = true
	s := x.proc.Run()
	x.running = false
	x.step(s)
	if x.finished {
		x.release()
	}
}

// newExecution returns an execution of a command in c, reusing one that
// ended when it can.
func (e *Engine) newExecution(c *container, done func(ExecResult)) *execution {
	var x *execution
	if n := len(e.execFree); n > 0 {
		x = e.execFree[n-1]
		e.execFree[n-1] = nil
		e.execFree = e.execFree[:n-1]
		*x = execution{spare: x.spare, runFn: x.runFn, timeoutFn: x.timeoutFn}
	} else {
		x = &execution{}
		x.runFn = x.run
		x.timeoutFn = func() { x.finish(-1, true) }
	}
	x.c, x.done = c, done
	x.host = Host{c: c, exec: x}
	return x
}

// release gives back an execution whose shell process has ended, with the
// process, to the engine for later execs to reuse. The process may not be
// inside Run. A process of another kind (an image's program) is not
// reused, and neither is its execution, which the program may still hold.
func (x *execution) release() {
	sh, ok := x.proc.(*shell.Process)
	if !ok || x.running {
		return
	}
	x.proc, x.spare = nil, sh
	x.c.e.recycle(x)
}

// recycle keeps an execution that nothing refers to any more for reuse.
func (e *Engine) recycle(x *execution) {
	if len(e.execFree) < maxFreeExecs {
		e.execFree = append(e.execFree, x)
	}
}

// maxFreeExecs is how many ended executions an engine keeps for reuse.
const maxFreeExecs = 8

// execProgram starts cmd in an image for ExecSync: one of the image's
// programs, or the shell (not as PID 1) when the image has one. When cmd
// cannot start it returns nil, the exit code and the runtime's message.
func (im *ImageSpec) execProgram(cmd, env []string, h *Host) (Process, int, string) {
	if len(cmd) == 0 {
		return nil, 126, execError("exec: no command specified")
	}
	name := path.Base(cmd[0])
	if p, ok := im.Programs[name]; ok {
		return p(slices.Clone(cmd), env, h), 0, ""
	}
	if im.Shell && shell.Known(name) {
		sh := h.c.e.programs.Start(h.exec.spare, cmd, env, h)
		h.exec.spare = nil
		sh.SetPID1(false)
		return sh, 0, ""
	}
	if _, exists := h.Stat(cmd[0]); exists && strings.Contains(cmd[0], "/") {
		return nil, 126, execError(fmt.Sprintf("exec: %q: permission denied", cmd[0]))
	}
	return nil, 127, execError(fmt.Sprintf("exec: %q: executable file not found in $PATH", cmd[0]))
}

func execError(why string) string {
	return "OCI runtime exec failed: exec failed: unable to start container process: " + why + ": unknown"
}

// step applies what the exec's process does next, once the CPU it used
// (which counts against its container's) has been served.
func (x *execution) step(s shell.Step) {
	if x.finished {
		return
	}
	loop := x.c.e.loop
	loop.Cancel(x.wake)
	now := loop.Now()
	at := x.c.cpu.cpuTimed(now, s)
	if s.Exited {
		if at == now {
			x.finish(s.ExitCode, false)
		} else {
			x.wake = loop.At(at, func() { x.finish(s.ExitCode, false) })
		}
		return
	}
	if s.Sleep <= 0 && s.CPU <= 0 {
		s.Sleep = time.Millisecond
	}
	if s.Sleep >= forever || at.Duration() > math.MaxInt64-s.Sleep {
		return
	}
	x.wake = loop.At(at.Add(s.Sleep), x.runFn)
}

// signal delivers a signal to the exec's process (kill from another
// process of its namespace).
func (x *execution) signal(sig syscall.Signal) {
	if x.finished {
		return
	}
	if sig == shell.SIGKILL {
		x.finish(137, false)
		return
	}
	x.c.budget(x.proc)
	x.running = true
	s := x.proc.Signal(sig)
	x.running = false
	x.step(s)
	if x.finished {
		x.release()
	}
}

// finish ends the exec and reports its result through the loop.
func (x *execution) finish(code int, timedOut bool) {
	if x.finished {
		return
	}
	x.finished = true
	c := x.c
	c.e.loop.Cancel(x.wake)
	c.e.loop.Cancel(x.deadline)
	c.execs = slices.DeleteFunc(c.execs, func(y *execution) bool { return y == x })
	r := ExecResult{Stdout: x.out[0].String(), Stderr: x.out[1].String(), ExitCode: code, TimedOut: timedOut}
	done := x.done
	x.release()
	c.e.answer(done, r)
}

// answer reports the result of an exec through the loop, right after the
// current event. The answers wait in a queue that one callback, made
// once, takes from: they are all due now and the loop runs them in the
// order they were sent, so the callback always finds its own answer
// first, and an exec probe every ten seconds makes no closure.
func (e *Engine) answer(done func(ExecResult), r ExecResult) {
	e.answers = append(e.answers, execAnswer{done, r})
	e.loop.After(0, e.answerFn)
}

// execAnswer is an exec's result and the callback it goes to.
type execAnswer struct {
	done func(ExecResult)
	r    ExecResult
}

// deliverAnswer hands the first waiting answer to its callback.
func (e *Engine) deliverAnswer() {
	a := e.answers[e.answered]
	e.answers[e.answered] = execAnswer{}
	e.answered++
	if e.answered == len(e.answers) {
		e.answers, e.answered = e.answers[:0], 0
	}
	a.done(a.r)
}

// endExecs kills the execs of a container that stops: they die with it
// (SIGKILL, 137).
func (c *container) endExecs() {
	for len(c.execs) > 0 {
		c.execs[0].finish(137, false)
	}
}
