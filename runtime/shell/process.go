package shell

import (
	"syscall"
	"time"
)

// Process is one running shell (or one direct command such as `sleep 3600`)
// inside a container. It is a state machine: the engine calls Run, the
// process executes until it exits or blocks, and the returned Step says when
// to call Run again. It never reads the wall clock and never starts goroutines.
type Process struct {
	host      Host
	code      int
	status    int // $?
	steps     int // CPU used in this Run, in StepCPU (see cpu.go: commands, turns, bytes copied)
	budget    time.Duration
	effects   int            // things others can see done in this Run
	logged    int            // log lines written to a LogHost in this Run
	kids      *children      // busy and finished children of a command gone on
	command   *simpleCommand // the command being run
	cycle     *cycleState    // made at the first loop turn
	noSpace   bool           // a write of the command running found its disk full
	executed  int            // instructions executed, all Runs (for tests)
	maxValue  int            // longest value a variable keeps, 0: any (for fuzzing)
	base      time.Duration  // CPU its parent had used in the Run when this child ran
	wakeAt    time.Time
	debt      time.Duration // sleep owed by command substitutions
	vars      []variable
	varIndex  map[string]int // name -> index in vars, once there are many (see varSlot)
	args      []string       // $0 $1 ...
	frames    []frame
	loops     []loopFrame
	io        []ioFrame
	fds       [3]sink
	stdin     string
	partial   [2]string // an unfinished log line of stdout and stderr
	traps     []trap
	capture   *[]byte    // stdout of a command substitution
	startErr  string     // a message to print at the first Run, then exit 2
	fn        *functions // made at the first definition (function.go)
	depth     int        // how many shells this one is nested in (see depth.go)
	mem       *memory    // the memory ledger it shares with its children (see memory.go)
	ledger    memory     // the memory ledger, when this process started it
	held      int64      // bytes this process holds, counted in mem
	scratch   int        // bytes of the current command's expansion, counted in mem
	pid1      bool
	exited    bool
	sleeping  bool // blocked in sleep (or tail -f) until wakeAt
	forever   bool // the block has no end
	yieldNow  bool // an effect past Instant: yield after this command
	again     bool // the command has more to do: run it again (yes)
	resumed   bool // this command is one going on: > appends
	suspended bool // a child is busy: run this command again
	exact     bool // run every loop turn, never fast-forward (for tests)
	readTime  bool // the clock was read in this Run
	crashed   bool // the shell died of SIGSEGV before its first command (see depth.go)
	evalExit  bool // its last command may replace it (sh -c; see tailExec)
	replaced  bool // the running command replaced the program (execShell)
	substRan  bool // a command substitution ran while expanding (per command)
	// per-command scratch state
	expandErr string        // an arithmetic error seen while expanding
	blockFor  time.Duration // set by sleep and tail -f
	follow    *following    // the file tail -f follows, while it runs again
}

// frame is one script being executed: the main script, or a trap action.
type frame struct {
	script    *Script
	pc        int
	saved     int  // $? to restore after a trap
	trap      bool // a trap action: $? is restored when it ends
	exitAfter bool // the EXIT trap: the process exits with saved when it ends
	call      bool // a function's body; its caller is on the calls stack
}

// loopFrame is one loop being executed.
type loopFrame struct {
	breakPC, contPC int
	status          int
	items           []string // for loops: the expanded words
	next            int
	ioDepth         int
	frame           int
}

// variable is one shell variable; exported ones are in the environment.
type variable struct {
	name, value string
	exported    bool
}

// trap is an action installed with `trap 'action' SIG`; a nil action ignores it.
type trap struct {
	sig    syscall.Signal
	action *Script
	text   string // the action as written, for `trap` to list
}

// sigExit is the pseudo-signal 0 of `trap ... EXIT`.
const sigExit syscall.Signal = 0

// Start creates the process for a container's argv (its command and args,
// or the image's entrypoint) and environment (NAME=value). argv[0] may be a
// shell (`sh -c script [arg0 args...]`, `/bin/sh script-file`, `sh`) or a
// command (`sleep 3600`, `echo hi`). Nothing runs until Run. A script that does
// not parse is not a Go error: the process prints the error to stderr and exits
// with 2 at its first Run, as busybox does.
func Start(argv []string, env []string, host Host) *Process {
	p := newProcess(env, host)
	p.load(argv)
	return p
}

// load gives a new process its program.
func (p *Process) load(argv []string) {
	script, args := p.program(argv)
	p.args = args
	if script != nil {
		p.frames = append(p.frames, frame{script: script})
	}
}

// newProcess returns a process with its environment, before it has a
// program.
func newProcess(env []string, host Host) *Process {
	p := &Process{}
	p.init(env, host)
	return p
}

// init makes p a new process with its environment, before it has a
// program. The memory behind its slices is kept for reuse, emptied.
func (p *Process) init(env []string, host Host) {
	vars, frames, loops := p.vars[:cap(p.vars)], p.frames[:cap(p.frames)], p.loops[:cap(p.loops)]
	io, traps := p.io[:cap(p.io)], p.traps[:cap(p.traps)]
	clear(vars)
	clear(frames)
	clear(loops)
	clear(io)
	clear(traps)
	cycle := p.cycle
	*p = Process{host: host, pid1: true, cycle: cycle,
		vars: vars[:0], frames: frames[:0], loops: loops[:0], io: io[:0], traps: traps[:0]}
	for _, kv := range env {
		for i := 0; i < len(kv); i++ {
			if kv[i] == '=' {
				p.setVar(kv[:i], kv[i+1:], true)
				break
			}
		}
	}
}

// SetPID1 says whether the process is its container's PID 1 (the default).
// Linux delivers a signal from outside to PID 1 only if it installed a
// handler for it (SIGKILL excepted), so an untrapped SIGTERM is ignored by PID 1
// and kills any other process with 143.
func (p *Process) SetPID1(pid1 bool) { p.pid1 = pid1 }

// Exited returns the exit code and true once the process has ended.
func (p *Process) Exited() (code int, ok bool) { return p.code, p.exited }

// Run executes the process until it exits, blocks in a sleep, or has used
// its CPU budget (see SetBudget); Step.CPU says how much CPU it used.
func (p *Process) Run() Step {
	if p.exited {
		return p.exitStep()
	}
	if p.crashed {
		p.finish(128 + 11)
		return p.exitStep()
	}
	if p.startErr != "" {
		p.write(2, p.startErr+"\n")
		p.startErr = ""
		p.exit(p.status)
		return p.exitStep()
	}
	if p.sleeping {
		if p.forever {
			p.wakeAt = p.host.Now().Add(Forever)
			return Step{Sleep: Forever}
		}
		p.sleeping = false
	}
	p.steps, p.effects, p.logged, p.yieldNow, p.readTime = 0, 0, 0, false, false
	if p.cycle != nil {
		p.cycle.reset()
	}
	limit := p.budgetSteps()
	for !p.exited {
		if p.steps >= limit || p.yieldNow {
			return Step{CPU: p.cpu()}
		}
		if d := p.step(); d > 0 {
			st := p.block(d)
			st.CPU = p.cpu()
			return st
		}
	}
	st := p.exitStep()
	st.CPU = p.cpu()
	return st
}

func (p *Process) exitStep() Step { return Step{Exited: true, ExitCode: p.code} }

// block puts the process to sleep for d.
func (p *Process) block(d time.Duration) Step {
	p.sleeping = true
	p.forever = d >= Forever
	if p.forever {
		d = Forever
	}
	p.wakeAt = p.host.Now().Add(d)
	return Step{Sleep: d}
}

// step executes one instruction and returns how long it blocks, if it does.
func (p *Process) step() time.Duration {
	if len(p.frames) == 0 {
		p.exit(p.status)
		return 0
	}
	f := &p.frames[len(p.frames)-1]
	if f.pc >= len(f.script.code) {
		p.endFrame()
		return 0
	}
	in := &f.script.code[f.pc]
	f.pc++
	p.executed++
	p.command = nil // runSimple sets it
	switch in.op {
	case opCmd:
		p.steps++
		d := p.runSimple(in.cmd)
		if p.suspended {
			// A child is busy: this command goes on at the next Run.
			p.suspended = false
			if !p.exited {
				p.resumed = true
				f.pc--
			}
			return d
		}
		if p.kids != nil {
			p.kids.doneFor = nil
		}
		if !p.again {
			p.follow = nil // only a tail -f that runs again goes on following
		}
		if p.again {
			// The command goes on (`yes`): it runs again, a turn of a loop.
			p.again = false
			if !p.exited {
				p.resumed = true
				f.pc--
				p.turnAt(f.pc, len(p.loops)+1)
			}
		}
		return d
	case opJump:
		back := in.target < f.pc
		site := f.pc - 1
		f.pc = in.target
		if back {
			p.steps++ // a loop turn counts as work, even with nothing in it
			p.turn(site)
		}
	case opJumpIfFail:
		if p.status != 0 {
			f.pc = in.target
		}
	case opJumpIfOK:
		if p.status == 0 {
			f.pc = in.target
		}
	case opNot:
		p.status = boolStatus(p.status != 0)
	case opStatus0:
		p.status = 0
	default:
		p.structured(in, f)
	}
	return 0
}

// structured runs the instructions of redirections, pipes and loops.
func (p *Process) structured(in *instr, f *frame) {
	switch in.op {
	case opRedirPush:
		p.pushIO(false)
		if !p.applyRedirs(in.redirs) && !p.exited {
			p.popIO()
			f.pc = p.skipRedirBlock(f)
		}
	case opRedirPop:
		p.popIO()
	case opPipeStart:
		p.pushIO(true)
		p.fds[1] = sink{kind: sinkPipe, idx: len(p.io) - 1}
	case opPipeNext, opPipeLast:
		top := &p.io[len(p.io)-1]
		p.stdin, top.buf = string(top.buf), top.buf[:0]
		top.ownStdin = true
		if in.op == opPipeLast {
			p.fds[1] = top.fds[1]
		}
	case opPipeEnd:
		status := p.status
		p.popIO()
		p.status = status
	case opLoopPush:
		lf := loopFrame{breakPC: in.target, contPC: in.target2, ioDepth: len(p.io), frame: len(p.frames) - 1}
		if in.loop != nil {
			lf.items = p.forItems(in.loop)
			p.dropScratch()
		}
		p.loops = append(p.loops, lf)
	case opLoopSave:
		p.loops[len(p.loops)-1].status = p.status
	case opLoopPop:
		p.status = p.loops[len(p.loops)-1].status
		p.loops = p.loops[:len(p.loops)-1]
	case opDefun:
		p.define(in.fn)
	case opForNext:
		lf := &p.loops[len(p.loops)-1]
		if lf.next >= len(lf.items) {
			f.pc = in.target
			return
		}
		p.setVar(in.loop.name, lf.items[lf.next], false)
		lf.next++
	}
}

// skipRedirBlock returns the pc after the opRedirPop that matches the
// opRedirPush just run: a compound command whose redirection failed is skipped.
func (p *Process) skipRedirBlock(f *frame) int {
	depth := 1
	code := f.script.code
	for pc := f.pc; pc < len(code); pc++ {
		switch code[pc].op {
		case opRedirPush:
			depth++
		case opRedirPop:
			depth--
			if depth == 0 {
				return pc + 1
			}
		}
	}
	return len(code)
}

// forItems expands the words of a for loop; without `in`, it is "$@".
func (p *Process) forItems(n *forCommand) []string {
	if !n.inList {
		return append([]string(nil), p.args[min(1, len(p.args)):]...)
	}
	return p.expandWords(n.items)
}

// endFrame finishes the innermost script: the main script ends the process
// with $?; a trap action restores $? and lets the interrupted script go on.
func (p *Process) endFrame() {
	f := p.frames[len(p.frames)-1]
	p.frames = p.frames[:len(p.frames)-1]
	switch {
	case f.exitAfter:
		p.finish(f.saved)
	case f.trap:
		p.status = f.saved
	case f.call:
		p.endCall()
	default:
		p.exit(p.status)
	}
}

// exit ends the process with code, after running the EXIT trap if one is set.
func (p *Process) exit(code int) {
	code &= 0xff
	for i, t := range p.traps {
		if t.sig == sigExit {
			p.traps = append(p.traps[:i], p.traps[i+1:]...)
			if t.action != nil {
				p.frames = append(p.frames, frame{script: t.action, saved: code, exitAfter: true})
				p.status = code
				return
			}
		}
	}
	p.finish(code)
}

// finish ends the process now with code and flushes unfinished log lines.
func (p *Process) finish(code int) {
	p.exited, p.code, p.sleeping = true, code, false
	if p.kids != nil && p.kids.pending != nil {
		p.kids.pending.releaseMemory()
	}
	p.kids = nil
	p.releaseMemory()
	// The stacks are emptied but keep their memory, for Programs to reuse.
	clear(p.frames)
	clear(p.loops)
	clear(p.io)
	p.frames, p.loops, p.io = p.frames[:0], p.loops[:0], p.io[:0]
	p.flushLog()
}

func boolStatus(ok bool) int {
	if ok {
		return 0
	}
	return 1
}
