package shell

import (
	"strings"
	"time"
)

// program turns a container's argv into the script to run and its $0 $1 ...
func (p *Process) program(argv []string) (*Script, []string) {
	p.fds[2] = sink{kind: sinkStderr}
	if len(argv) == 0 {
		return nil, []string{"sh"}
	}
	if !isShell(baseName(argv[0])) {
		return directScript(argv), argv[:1]
	}
	i, cmdMode := 1, false
	for ; i < len(argv) && len(argv[i]) > 1 && argv[i][0] == '-'; i++ {
		if argv[i] == "--" {
			i++
			break
		}
		cmdMode = cmdMode || strings.Contains(argv[i], "c")
	}
	rest := argv[i:]
	var src string
	switch {
	case cmdMode && len(rest) == 0:
		p.startErr, p.status = "sh: -c requires an argument", 2
		return nil, argv[:1]
	case cmdMode:
		src, rest = rest[0], rest[1:]
		if len(rest) == 0 {
			rest = argv[:1]
		}
	case len(rest) == 0:
		// No script and no stdin: the shell reads end-of-file and exits 0.
		return nil, argv[:1]
	default:
		content, ok := p.readFile(rest[0])
		if !ok {
			p.startErr, p.status = "sh: can't open '"+rest[0]+"': No such file or directory", 127
			return nil, argv[:1]
		}
		src = content
	}
	script, err := p.parse(src)
	if err != nil {
		p.crashed = tooDeep(err)
		if !p.crashed {
			p.startErr, p.status = err.Error(), 2
		}
		return nil, rest
	}
	p.evalExit = cmdMode
	return script, rest
}

// directScript is a one-command script for argv given without a shell: its
// words are taken as they are, with no expansion (the kubelet has already
// replaced $(VAR) references in command and args).
func directScript(argv []string) *Script {
	cmd := &simpleCommand{}
	for _, a := range argv {
		cmd.words = append(cmd.words, &word{parts: []wordPart{{kind: partLit, quoted: true, text: a}}})
	}
	return &Script{code: []instr{{op: opCmd, cmd: cmd}}}
}

// saved is a variable's value before a command's prefix assignment.
type saved struct {
	name, value string
	set         bool
	exported    bool
}

// runSimple runs one simple command: expand, redirect, assign, execute. It
// returns how long the command blocks (sleep), if it does.
func (p *Process) runSimple(c *simpleCommand) time.Duration {
	p.expandErr, p.substRan, p.blockFor, p.command = "", false, 0, c
	if k := p.kids; k != nil {
		if k.doneFor != c {
			k.doneFor, k.done = c, k.done[:0]
		}
		k.next = 0
	}
	guarded := p.cycle != nil && guardShape(c)
	if guarded {
		p.cycle.linear++
	}
	argv := p.expandWords(c.words)
	defer p.dropScratch()
	if guarded {
		p.cycle.linear--
	}
	if p.exited {
		return 0
	}
	if p.suspended {
		return p.payDebt()
	}
	if p.expandErr != "" {
		p.write(2, "sh: "+p.expandErr+"\n")
		p.exit(2)
		return 0
	}
	depth := len(p.io)
	p.pushIO(false)
	redirected := p.applyRedirs(c.redirs)
	p.resumed = false
	if p.exited {
		return 0
	}
	if p.suspended {
		p.popIO()
		return p.payDebt()
	}
	if !redirected {
		p.popIO()
		return p.payDebt()
	}
	var restore []saved
	if len(argv) > 0 && !isSpecial(argv[0]) {
		restore = p.saveVars(c.assigns)
	}
	for _, a := range c.assigns {
		v := p.assignedValue(a.value)
		if p.exited {
			return 0
		}
		if p.suspended {
			p.popIO()
			p.restoreVars(restore)
			return p.payDebt()
		}
		p.setVar(a.name, v, len(argv) > 0 && !isSpecial(argv[0]))
	}
	if p.exited {
		return 0
	}
	if len(argv) == 0 {
		if !p.substRan {
			p.status = 0
		}
	} else if body := p.function(argv[0]); body != nil && !isSpecialBuiltin(argv[0]) {
		// The body runs in its own frame from the next step; the
		// command's redirections stay until it ends.
		p.call(body, argv, depth)
		p.restoreVars(restore)
		return p.payDebt()
	} else {
		p.status = p.exec(argv)
		if guarded {
			p.noteGuard(c, argv, p.status)
		}
	}
	if !p.exited && len(p.io) == depth+1 {
		p.popIO()
	}
	if !p.replaced {
		p.restoreVars(restore)
	}
	p.replaced = false
	if p.exited {
		return 0
	}
	return p.blockFor + p.payDebt()
}

// assignedValue expands the value of an assignment. The variables that
// linear arithmetic reads (`i=$((i+1))`) are not noted as read for control:
// see cpu.go.
func (p *Process) assignedValue(w *word) string {
	if p.cycle == nil || !linearArith(w) {
		return p.expandString(w)
	}
	p.cycle.linear++
	v := p.expandString(w)
	p.cycle.linear--
	return v
}

// payDebt returns (and clears) the sleep owed by command substitutions.
func (p *Process) payDebt() time.Duration {
	d := p.debt
	p.debt = 0
	return d
}

// saveVars remembers the variables that a command's prefix assignments change.
func (p *Process) saveVars(assigns []assignment) []saved {
	var out []saved
	for _, a := range assigns {
		s := saved{name: a.name}
		if i := p.varSlot(a.name); i >= 0 {
			v := p.vars[i]
			s.value, s.set, s.exported = v.value, true, v.exported
		}
		out = append(out, s)
	}
	return out
}

// restoreVars undoes prefix assignments, last first.
func (p *Process) restoreVars(restore []saved) {
	for i := len(restore) - 1; i >= 0; i-- {
		r := restore[i]
		p.unsetVar(r.name)
		if r.set {
			p.setVar(r.name, r.value, r.exported)
		}
	}
}

// isSpecial reports POSIX special builtins, whose prefix assignments stay.
func isSpecial(name string) bool {
	switch name {
	case ":", "break", "continue", "exit", "export", "set", "trap", "unset", "return":
		return true
	}
	return false
}

// exec runs a command by name and returns its exit status.
func (p *Process) exec(argv []string) int {
	base := baseName(argv[0])
	if b := lookupBuiltin(base); b != nil {
		p.noSpace = false
		status := b(p, argv)
		if p.noSpace {
			// A write that found the disk full fails the command.
			p.noSpace = false
			return 1
		}
		return status
	}
	if base == "curl" && p.hasProgram(base) {
		return cmdCurl(p, argv)
	}
	if isShell(base) && (base != "bash" || p.hasProgram(base)) {
		return p.nestedShell(argv, p.command)
	}
	p.write(2, "sh: "+argv[0]+": not found\n")
	return 127
}

// hasProgram reports whether the process's image has the program name.
func (p *Process) hasProgram(name string) bool {
	h, ok := p.host.(ProgramHost)
	return ok && h.HasProgram(name)
}

// nestedShell runs `sh -c ...` inside a script to its end, like a command
// substitution whose output goes to this process's stdout and stderr.
func (p *Process) nestedShell(argv []string, key any) int {
	if child := p.takePending(key); child != nil {
		return p.finishNested(child, key)
	}
	if msg := argError(argv, p.vars); msg != "" {
		// execve fails: in the forked child, or in place when the shell
		// would exec; either way the status is 126.
		p.write(2, "sh: "+argv[0]+": "+msg+"\n")
		if p.tailExec() {
			p.exit(126)
		}
		return 126
	}
	if p.tailExec() {
		return p.execShell(argv)
	}
	var out []byte
	child := &Process{host: p.host, capture: &out, exact: p.exact, maxValue: p.maxValue}
	if !p.fork(child) {
		return p.code
	}
	for _, v := range p.vars {
		if v.exported {
			child.vars = append(child.vars, v)
		}
	}
	script, args := child.program(argv)
	child.args, child.fds, child.stdin = args, p.fds, p.stdin
	for fd := 1; fd <= 2; fd++ {
		if k := child.fds[fd].kind; k == sinkPipe || k == sinkSubst {
			child.fds[fd] = sink{kind: sinkSubst}
		}
	}
	if script != nil {
		child.frames = []frame{{script: script}}
	}
	return p.finishNested(child, key)
}

// finishNested runs a nested sh on, and writes what it captured once it
// has ended.
func (p *Process) finishNested(child *Process, key any) int {
	p.runChild(child, key)
	if p.exited {
		return p.code
	}
	if p.suspended {
		return 0
	}
	p.write(1, string(*child.capture))
	return child.code
}
