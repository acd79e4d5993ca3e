package shell

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// lookupVar returns a variable's value and whether it is set.
func (p *Process) lookupVar(name string) (string, bool) {
	p.cycle.readVar(name)
	if i := p.varSlot(name); i >= 0 {
		return p.vars[i].value, true
	}
	return "", false
}

// setVar sets a variable, exporting it when export is true (an exported
// variable stays exported).
//
// As ash does, the new value is allocated before the old one is freed, and
// a value that does not fit in the container's memory OOM-kills it.
func (p *Process) setVar(name, value string, export bool) {
	if p.maxValue > 0 && len(value) > p.maxValue {
		value = value[:p.maxValue]
	}
	i := p.varSlot(name)
	size := len(name) + len(value) + 1
	if i < 0 {
		size += varMemory
	}
	if !p.grow(size) {
		return
	}
	if i >= 0 {
		p.shrink(len(name) + len(p.vars[i].value) + 1)
		p.vars[i].value = value
		p.vars[i].exported = p.vars[i].exported || export
		return
	}
	p.vars = append(p.vars, variable{name: name, value: value, exported: export})
	if p.varIndex != nil {
		p.varIndex[name] = len(p.vars) - 1
	}
}

func (p *Process) unsetVar(name string) {
	if i := p.varSlot(name); i >= 0 {
		p.shrink(len(name) + len(p.vars[i].value) + 1 + varMemory)
		p.vars = append(p.vars[:i], p.vars[i+1:]...)
		p.varIndex = nil // rebuilt when needed
	}
}

// param returns the value of $name and whether it is set.
func (p *Process) param(name string) (string, bool) {
	switch name {
	case "?":
		return strconv.Itoa(p.status), true
	case "$":
		return strconv.Itoa(p.pid()), true
	case "#":
		return strconv.Itoa(max(len(p.args)-1, 0)), true
	case "@", "*":
		p.steps += len(p.args) >> argsPerStep // joining them is work
		return strings.Join(p.args[min(1, len(p.args)):], " "), len(p.args) > 1
	case "!", "-":
		return "", false
	}
	if allDigits(name) {
		n, _ := strconv.Atoi(name)
		if n < len(p.args) {
			return p.args[n], true
		}
		return "", false
	}
	return p.lookupVar(name)
}

// pid returns the shell's process ID: its Host's (ProcessHost), else 1
// as a container's main process.
func (p *Process) pid() int {
	if h, ok := p.host.(ProcessHost); ok && h.PID() > 0 {
		return h.PID()
	}
	if p.pid1 {
		return 1
	}
	return 7
}

// partValue returns the text an expansion part stands for.
func (p *Process) partValue(part *wordPart) string {
	switch part.kind {
	case partSubst:
		return p.substitute(part.sub)
	case partArith:
		return p.arithmetic(part.text)
	case partParam:
		return p.paramValue(part)
	}
	return part.text
}

// paramValue applies ${NAME op word}.
func (p *Process) paramValue(part *wordPart) string {
	value, set := p.param(part.text)
	useDef := false
	switch part.op {
	case "#":
		return strconv.Itoa(len(value))
	case "":
		return value
	case "-", "=":
		useDef = !set
	case ":-", ":=":
		useDef = !set || value == ""
	case "+":
		if set {
			return p.expandString(part.def)
		}
		return ""
	case ":+":
		if set && value != "" {
			return p.expandString(part.def)
		}
		return ""
	}
	if !useDef {
		return value
	}
	def := p.expandString(part.def)
	if (part.op == "=" || part.op == ":=") && validName(part.text) {
		p.setVar(part.text, def, false)
	}
	return def
}

// fields collects the fields of one word during expansion.
type fields struct {
	out []string
	cur []byte
	has bool // cur is a field even if empty (it had quotes)
}

func (f *fields) end() {
	if f.has {
		f.out = append(f.out, string(f.cur))
	}
	f.cur, f.has = f.cur[:0], false
}

func (f *fields) add(s string) {
	f.cur = append(f.cur, s...)
	f.has = true
}

// split adds an unquoted expansion: it is split into fields at blanks and
// newlines, the default IFS. (Pathname expansion of * and ? is not simulated.)
func (f *fields) split(s string) {
	if s == "" {
		return
	}
	if isIFS(s[0]) {
		f.end()
	}
	first := true
	for i := 0; i < len(s); {
		for i < len(s) && isIFS(s[i]) {
			i++
		}
		start := i
		for i < len(s) && !isIFS(s[i]) {
			i++
		}
		if i > start {
			if !first {
				f.end()
			}
			f.add(s[start:i])
			first = false
		}
	}
	if isIFS(s[len(s)-1]) {
		f.end()
	}
}

// isIFS reports the bytes of the default IFS: blank, tab and newline.
func isIFS(c byte) bool { return c == ' ' || c == '\t' || c == '\n' }

// expandWords expands command words into fields.
func (p *Process) expandWords(ws []*word) []string {
	f := fields{out: make([]string, 0, len(ws))}
	for _, w := range ws {
		if len(w.parts) == 1 && w.parts[0].kind == partLit {
			// A plain word (cat, /etc/nginx/nginx.conf) is its own
			// field: no need to copy it through cur.
			if lit := &w.parts[0]; lit.quoted || lit.text != "" {
				f.out = append(f.out, lit.text)
			}
			continue
		}
		p.expandInto(&f, w)
		f.end()
	}
	return f.out
}

func (p *Process) expandInto(f *fields, w *word) {
	for i := range w.parts {
		part := &w.parts[i]
		switch {
		case part.kind == partLit:
			f.cur = append(f.cur, part.text...)
			f.has = f.has || part.quoted || part.text != ""
		case part.kind == partParam && part.text == "@" && part.quoted && part.op == "":
			for j, a := range p.args[min(1, len(p.args)):] {
				if !p.growScratch(len(a) + argMemory) {
					return
				}
				if j > 0 {
					f.end()
				}
				f.add(a)
			}
		case part.quoted:
			v := p.partValue(part)
			if !p.growScratch(len(v)) {
				return
			}
			f.add(v)
		default:
			v := p.partValue(part)
			if !p.growScratch(len(v) + argMemory*countFields(v)) {
				return
			}
			f.split(v)
		}
	}
}

// countFields returns how many fields s splits into at blanks and
// newlines, without allocating them.
func countFields(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		blank := isIFS(s[i])
		if !blank && !in {
			n++
		}
		in = !blank
	}
	return n
}

// expandString expands a word without field splitting, as for assignments
// and redirection targets.
func (p *Process) expandString(w *word) string {
	if w == nil {
		return ""
	}
	var b strings.Builder
	for i := range w.parts {
		v := p.partValue(&w.parts[i])
		if !p.growScratch(len(v)) {
			return ""
		}
		b.WriteString(v)
	}
	return b.String()
}

// maxChildRuns bounds the Runs of a command substitution or nested sh in
// one Run of its parent.
const maxChildRuns = 16

// runChild runs a command substitution or nested sh (started for key, its
// script or command) towards its end. Its sleeps become this process's
// debt, and its CPU is this process's, within this process's budget. A
// child still busy when the budget is spent is kept (pending): the
// command that started it goes on at the next Run and takes it back. A
// child that still sleeps after maxChildRuns is cut short (exit 1).
func (p *Process) runChild(child *Process, key any) {
	if p.cycle != nil {
		p.cycle.children = true
	}
	busy := false
	for i := 0; i < maxChildRuns && !child.exited; i++ {
		child.budget = time.Duration(max(p.budgetSteps()-p.steps, 1)) * StepCPU
		child.base = p.base + p.cpu()
		st := child.Run()
		p.steps += child.steps
		if child.readTime {
			p.noteClock()
		}
		p.logged += child.logged
		if child.effects > 0 {
			p.effects += child.effects - 1
			p.effect()
		}
		if !st.Exited && st.Sleep < Forever {
			p.debt += st.Sleep
		}
		busy = !st.Exited && st.Sleep == 0
		if p.steps >= p.budgetSteps() {
			break
		}
	}
	switch {
	case child.exited:
	case busy && p.command != nil:
		// (A for loop's words or a compound command's redirections are
		// not a command that can go on: there a busy child is cut short.)
		if p.kids == nil {
			p.kids = &children{doneFor: p.command}
		}
		p.kids.pending, p.kids.key, p.suspended = child, key, true
	default:
		child.finish(1)
	}
	if p.oomDead() {
		p.oomKilled()
	}
}

// takePending returns the child that an earlier Run left busy for key, if
// any.
func (p *Process) takePending(key any) *Process {
	k := p.kids
	if k == nil || k.pending == nil || k.key != key {
		return nil
	}
	child := k.pending
	k.pending, k.key = nil, nil
	return child
}

// substitute runs a command substitution to its end and returns its output
// without trailing newlines. It runs at once, in a child process that sees a
// copy of the variables; the time it sleeps is owed by the command that
// contains it, which sleeps that long after it runs.
func (p *Process) substitute(s *Script) string {
	if p.suspended {
		return "" // an earlier child of this command is busy
	}
	if p.kids == nil {
		p.kids = &children{doneFor: p.command}
	}
	k := p.kids
	inCommand := p.command != nil && k.doneFor == p.command
	if i := k.next; inCommand && i < len(k.done) {
		// Finished at an earlier Run of this command.
		k.next++
		p.status, p.substRan = k.done[i].code, true
		return k.done[i].out
	}
	if p.exited {
		return ""
	}
	child := p.takePending(s)
	if child == nil {
		if child = p.newSubstitution(s); child == nil {
			return "" // the fork failed: p has ended
		}
	}
	p.runChild(child, s)
	if p.exited || p.suspended {
		return ""
	}
	out := strings.TrimRight(string(*child.capture), "\n")
	if inCommand {
		k.done = append(k.done, substResult{out, child.code})
		k.next++
	}
	p.status, p.substRan = child.code, true
	return out
}

// children is what a command keeps of its children while it goes on
// from Run to Run: the child still busy (pending, started for key: its
// script or command), and the results of the command substitutions
// doneFor has finished, in order, with the next to give.
type children struct {
	pending *Process
	key     any
	done    []substResult
	doneFor *simpleCommand
	next    int
}

// substResult is what a finished command substitution gave.
type substResult struct {
	out  string
	code int
}

// newSubstitution returns the child process of a command substitution,
// or nil when the fork fails (p has then ended).
func (p *Process) newSubstitution(s *Script) *Process {
	var out []byte
	child := &Process{host: p.host, args: p.args, capture: &out, exact: p.exact, maxValue: p.maxValue, evalExit: true}
	if !p.fork(child) {
		return nil
	}
	child.vars = append([]variable(nil), p.vars...)
	if p.fn != nil {
		child.fn = &functions{defs: slices.Clip(p.fn.defs)}
	}
	child.fds[1] = sink{kind: sinkSubst}
	child.fds[2] = p.fds[2]
	if child.fds[2].kind == sinkPipe || child.fds[2].kind == sinkSubst {
		child.fds[2] = sink{kind: sinkNull}
	}
	child.frames = []frame{{script: s}}
	return child
}
