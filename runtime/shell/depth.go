package shell

// This file bounds how deep shells nest, so that no script can make
// nucleus itself recurse without end; each bound ends the container the
// way the same script ends a busybox container.
//
//   - A shell started with -c runs its last command in place (exec, no
//     fork), as ash does: a script that calls `sh -c "$0" "$0"` as its last
//     command replaces itself for ever, in constant memory, and keeps the
//     CPU busy, as it does on a node.
//   - Any other nested shell or command substitution is a forked process.
//     Each costs processMemory against the container's memory, so a
//     recursion ends OOM-killed at the memory limit; and no more than
//     maxProcesses may be nested, where the next fork fails as it fails in
//     a pod whose pids limit is reached: ash prints "sh: can't fork:
//     Resource temporarily unavailable" and exits 2.
//   - A script nested deeper than maxNesting (subshells, $(...), ${...})
//     crashes the shell with SIGSEGV (exit code 139) before its first
//     command, as ash's recursive parser overflows its stack; so does a
//     function maxNesting calls deep (function.go).

// maxProcesses is how many shells may be nested in one another in a
// container: nucleus's own bound, as if the pod had a pids limit of 1024.
// (The kubelet's default podPidsLimit is -1, unlimited: a real node is
// bounded by the kernel's pid_max and by memory.)
const maxProcesses = 1024

// execCost is the CPU an exec costs, in commands' worth (see busyLimit): a
// shell that keeps replacing itself runs ten execs in a CPUSlice, about
// the hundred microseconds an exec of busybox takes.
const execCost = busyLimit / 10

// forkError is ash's message when fork(2) fails with EAGAIN, as it does
// when the pids cgroup's limit is reached.
const forkError = "sh: can't fork: Resource temporarily unavailable"

// fork makes child a process forked by p: it shares p's memory ledger,
// is nested one deeper, and costs processMemory. It reports false when the
// fork fails: past maxProcesses p prints ash's message and exits 2; out of
// memory the container has been OOM-killed and p ends with it.
func (p *Process) fork(child *Process) bool {
	if p.depth+1 >= maxProcesses {
		p.write(2, forkError+"\n")
		p.exit(2)
		return false
	}
	child.mem, child.depth = p.ledgerOf(), p.depth+1
	if !child.grow(processMemory) {
		p.oomKilled()
		return false
	}
	return true
}

// tailExec reports whether a nested `sh` run now may replace this process
// instead of forking: the process is a shell started with -c (or a command
// substitution), the command is the last one of its script, with no
// redirection, pipe or loop around it, and no trap is set (ash forks then,
// so that the trap can still run).
// Reference: busybox shell/ash.c (evalstring(minusc, EV_EXIT); evalcommand
// execs without forking under EV_EXIT when no trap is set).
func (p *Process) tailExec() bool {
	if !p.evalExit || len(p.traps) > 0 || len(p.frames) != 1 || len(p.loops) > 0 {
		return false
	}
	f := &p.frames[0]
	return f.pc == len(f.script.code) && len(p.io) == 1 && p.io[0].fds == p.fds
}

// execShell replaces the process's program with argv's, as exec(2) does:
// the same process (and PID), the exported variables as its environment,
// the same file descriptors.
func (p *Process) execShell(argv []string) int {
	p.steps += execCost
	kept := p.vars[:0]
	for _, v := range p.vars {
		if v.exported {
			kept = append(kept, v)
		} else {
			p.shrink(len(v.name) + len(v.value) + 1)
		}
	}
	clear(p.vars[len(kept):])
	p.vars = kept
	fds := p.fds
	p.frames = p.frames[:0]
	p.evalExit = false
	p.load(argv)
	p.fds[1], p.fds[2] = fds[1], fds[2]
	switch {
	case p.crashed:
		p.finish(128 + 11)
	case p.startErr != "":
		p.write(2, p.startErr+"\n")
		p.startErr = ""
		p.exit(p.status)
	case len(p.frames) == 0:
		p.exit(0)
	}
	p.status, p.replaced = 0, true
	return 0
}

// tooDeep reports a script nested past maxNesting, which crashes ash.
func tooDeep(err error) bool {
	se, ok := err.(*SyntaxError)
	return ok && se.overflow
}

// errTooDeep is the parse error of a script nested past maxNesting.
var errTooDeep = &SyntaxError{Msg: "nesting too deep", overflow: true}
