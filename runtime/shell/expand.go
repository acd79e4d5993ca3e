package shell

import (
	"slices"
	"strconv"
	"strings"
)

// lookupVar returns a variable's value and whether it is set.
func (p *Process) lookupVar(name string) (string, bool) {
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

// pid returns the shell's process ID: 1 as a container's main process.
func (p *Process) pid() int {
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

// maxChildRuns bounds the Runs of a command substitution or nested sh.
const maxChildRuns = 16

// runChild runs a command substitution or nested sh to its end, at most
// maxChildRuns Runs. Its sleeps become this process's debt; its commands count
// toward this process's busy budget, and a busy child is cut short (exit 1)
// once the budget is spent, so nested loops cannot stall the simulation.
func (p *Process) runChild(child *Process) {
	for i := 0; i < maxChildRuns && !child.exited; i++ {
		st := child.Run()
		p.steps += child.steps
		if !st.Exited && st.Sleep < Forever {
			p.debt += st.Sleep
		}
		if st.Sleep == CPUSlice && p.steps >= busyLimit {
			break
		}
	}
	if !child.exited {
		child.finish(1)
	}
	if p.oomDead() {
		p.oomKilled()
	}
}

// substitute runs a command substitution to its end and returns its output
// without trailing newlines. It runs at once, in a child process that sees a
// copy of the variables; the time it sleeps is owed by the command that
// contains it, which sleeps that long after it runs.
func (p *Process) substitute(s *Script) string {
	var out []byte
	child := &Process{host: p.host, args: p.args, capture: &out, evalExit: true}
	if !p.fork(child) {
		return ""
	}
	child.vars = append([]variable(nil), p.vars...)
	child.funcs = slices.Clip(p.funcs)
	child.fds[1] = sink{kind: sinkSubst}
	child.fds[2] = p.fds[2]
	if child.fds[2].kind == sinkPipe || child.fds[2].kind == sinkSubst {
		child.fds[2] = sink{kind: sinkNull}
	}
	child.frames = []frame{{script: s}}
	p.runChild(child)
	if p.exited {
		return ""
	}
	p.status, p.substRan = child.code, true
	return strings.TrimRight(string(out), "\n")
}
