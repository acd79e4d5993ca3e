package shell

import "errors"

// This file counts the memory a shell holds against its container's, so
// that a runaway (`s=x; while :; do s="$s$s"; done`) ends the way it ends
// on a node: the kernel's OOM killer ends the container (exit code 137,
// reason OOMKilled) when it reaches its memory limit. The interpreter asks
// for the bytes before it allocates them, so nucleus itself never holds
// more than the container may.

// ErrOutOfMemory is what a MemoryHost's WriteFile returns when the bytes
// do not fit in the container's memory: the container has been OOM-killed.
var ErrOutOfMemory = errors.New("out of memory")

// ErrReadOnly is what a Host's WriteFile returns for a file on a
// read-only mount (a ConfigMap's volume, a mount with readOnly: true).
//
//lint:ignore ST1005 strerror(EROFS)'s own words, which the shell prints
var ErrReadOnly = errors.New("Read-only file system")

// ErrNoSpace is what a Host's WriteFile returns when the bytes do not fit
// on the disk the file lies on (a claim's capacity); the write fails and
// the shell says so.
//
//lint:ignore ST1005 strerror(ENOSPC)'s own words, which the shell prints
var ErrNoSpace = errors.New("No space left on device")

// MemoryHost is a Host that counts the memory a program holds against its
// container's memory, as the memory cgroup does.
type MemoryHost interface {
	Host
	// Charge counts n more bytes held (n < 0 gives bytes back). It reports
	// false when they do not fit: the container has then been OOM-killed,
	// and the process must end at once.
	Charge(n int64) bool
}

// memPage is how the shell charges its host: a page at a time, as the
// kernel charges a cgroup for the pages a process touches.
const memPage = 4 << 10

// unhostedMemory bounds what a process holds when its Host does not count
// memory (a test's fake): past it the process ends as if OOM-killed.
const unhostedMemory = 16 << 20

// processMemory is what each process a shell forks (a nested sh, a
// command substitution) costs its container: the kernel's task, stack and
// page tables and the pages the child writes to, an estimate for a busybox
// sh (nucleus's own, not a figure Kubernetes gives).
const processMemory = 128 << 10

// varMemory is what each variable costs beyond its name and value: ash's
// struct var (32 bytes) and the allocator's headers of it and of its
// name=value text.
const varMemory = 64

// varIndexed is how many variables a process has before it finds them
// through an index rather than by looking at each: a script that exports
// variables by the thousand (export "v$i=1" in a loop) must not make each
// lookup cost more.
const varIndexed = 32

// varSlot returns the index of the variable called name in p.vars, or -1.
func (p *Process) varSlot(name string) int {
	if p.varIndex == nil && len(p.vars) > varIndexed {
		p.varIndex = make(map[string]int, len(p.vars))
		for i, v := range p.vars {
			p.varIndex[v.name] = i
		}
	}
	if p.varIndex != nil {
		if i, ok := p.varIndex[name]; ok {
			return i
		}
		return -1
	}
	for i := range p.vars {
		if p.vars[i].name == name {
			return i
		}
	}
	return -1
}

// argsPerStep: joining 2^argsPerStep arguments ("$*") costs one step of
// CPU (StepCPU), beside the KiB it copies.
const argsPerStep = 4

// argMemory is what each argument of a command costs beyond its text: the
// pointer to it in the argument list.
const argMemory = 16

// memory is the ledger of one process and the children it forks: the bytes
// they hold and the pages charged to the host for them.
type memory struct {
	host    MemoryHost // nil: bounded by unhostedMemory alone
	used    int64
	granted int64 // used, rounded up to pages, charged to the host
	killed  bool  // the container was OOM-killed
}

// ledgerOf returns the process's ledger, started on first use.
func (p *Process) ledgerOf() *memory {
	if p.mem == nil {
		p.ledger = memory{}
		p.ledger.host, _ = p.host.(MemoryHost)
		p.mem = &p.ledger
	}
	return p.mem
}

// grow counts n more bytes; false: they do not fit.
func (m *memory) grow(n int64) bool {
	if m.killed {
		return false
	}
	need := m.used + n
	if need > m.granted {
		more := (need - m.granted + memPage - 1) / memPage * memPage
		ok := m.granted+more <= unhostedMemory
		if m.host != nil {
			ok = m.host.Charge(more)
		}
		if !ok {
			m.killed = true
			return false
		}
		m.granted += more
	}
	m.used = need
	return true
}

// shrink gives n bytes back, and the pages they freed once there are a
// few.
func (m *memory) shrink(n int64) {
	m.used = max(m.used-n, 0)
	keep := (m.used + memPage - 1) / memPage * memPage
	if extra := m.granted - keep; extra >= 4*memPage && !m.killed {
		if m.host != nil {
			m.host.Charge(-extra)
		}
		m.granted = keep
	}
}

// grow counts n more bytes held by the process; when they do not fit, the
// process ends as the OOM killer ends it (SIGKILL, 137) and grow reports
// false.
func (p *Process) grow(n int) bool {
	p.ledgerOf()
	if n <= 0 {
		return !p.mem.killed
	}
	if !p.mem.grow(int64(n)) {
		p.oomKilled()
		return false
	}
	p.held += int64(n)
	return true
}

// shrink gives back n bytes the process held.
func (p *Process) shrink(n int) {
	if p.mem == nil || n <= 0 {
		return
	}
	k := min(int64(n), p.held)
	p.held -= k
	p.mem.shrink(k)
}

// growScratch counts n bytes of a command's expansion, given back when the
// command ends.
//
// Copying the bytes costs CPU: each KiB a command expands costs a step
// (StepCPU, about 1 GB/s), so that a loop building a long string moves the
// clock as its work does. The bytes short of a KiB carry to the next part
// of the same command, not to the next command: every turn of a loop that
// repeats itself costs the same, which fast-forwarding relies on (cpu.go).
func (p *Process) growScratch(n int) bool {
	if !p.grow(n) {
		return false
	}
	p.steps += (p.scratch+n)>>10 - p.scratch>>10
	p.scratch += n
	return true
}

// dropScratch gives back the memory of the command's expansion.
func (p *Process) dropScratch() {
	p.shrink(p.scratch)
	p.scratch = 0
}

// oomKilled ends the process as the kernel's OOM killer does: at once,
// with SIGKILL, no trap run.
func (p *Process) oomKilled() {
	if p.mem != nil {
		p.mem.killed = true
	}
	if !p.exited {
		p.finish(128 + 9)
	}
}

// releaseMemory gives back everything the process held, and, for the
// process that started the ledger, the pages charged to the host.
func (p *Process) releaseMemory() {
	if p.mem == nil {
		return
	}
	p.shrink(int(p.held))
	p.scratch = 0
	if p.depth == 0 && p.mem.host != nil && p.mem.granted > 0 && !p.mem.killed {
		p.mem.host.Charge(-p.mem.granted)
		p.mem.granted = 0
	}
}

// oomDead reports whether the container was OOM-killed under the process.
func (p *Process) oomDead() bool { return p.mem != nil && p.mem.killed }
