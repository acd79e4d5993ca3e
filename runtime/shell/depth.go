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

// execCost is the CPU an exec costs, in steps of StepCPU: about the
// hundred microseconds an exec of busybox takes, so a shell that keeps
// replacing itself runs ten thousand execs a second of CPU.
const execCost = 100

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
			p.shrink(len(v.name) + len(v.value) + 1 + varMemory)
		}
	}
	clear(p.vars[len(kept):])
	p.vars, p.varIndex = kept, nil
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

// The kernel bounds what a program is exec'd with: no argument longer than
// MAX_ARG_STRLEN (32 pages, 128 KiB), and the arguments and environment
// together no larger than ARG_MAX (a quarter of the 8 MiB stack limit).
// execve fails with E2BIG past either; ash then prints the error after the
// program's name and the command's status is 126.
// Reference: linux include/uapi/linux/binfmts.h (MAX_ARG_STRLEN), fs/exec.c
// (E2BIG); busybox shell/ash.c (shellexec: 126 for errors other than
// ENOENT and the like).
const (
	maxArgLen  = 32 * 4096
	maxArgSize = 8 << 20 / 4
)

// argError is what exec'ing argv with env fails with, or "".
func argError(argv []string, vars []variable) string {
	size := 0
	for _, a := range argv {
		if len(a) >= maxArgLen {
			return "Argument list too long"
		}
		size += len(a) + 1
	}
	for _, v := range vars {
		if v.exported {
			if len(v.name)+1+len(v.value) >= maxArgLen {
				return "Argument list too long"
			}
			size += len(v.name) + len(v.value) + 2
		}
	}
	if size > maxArgSize {
		return "Argument list too long"
	}
	return ""
}

// parseCost is what nucleus's parse of a large script costs per byte of
// it, as a bound: the syntax tree and its instructions take up to a few
// hundred bytes per byte of a dense script. ash parses one command at a
// time, in little memory; nucleus parses a whole script before it runs it,
// and counts the parse of a script over freeParse bytes against the
// container's memory, so that a huge generated script (`sh /tmp/huge.sh`,
// a trap) cannot make nucleus itself grow.
const (
	parseCost = 128
	freeParse = 64 << 10
)

// parse parses src, having counted the memory the parse of a large script
// takes; when it does not fit, the process has been OOM-killed and parse
// returns nil, nil.
func (p *Process) parse(src string) (*Script, error) {
	cost := 0
	if len(src) > freeParse {
		cost = len(src) * parseCost
	}
	if !p.grow(cost) {
		return nil, nil
	}
	defer p.shrink(cost)
	return Parse(src)
}
