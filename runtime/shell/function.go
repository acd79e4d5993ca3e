package shell

// This file holds shell functions: `name() compound-command` defines one,
// and running name runs its body in a frame of its own, with the call's
// arguments as $1 $2 ..., until its end or `return`. A function calls
// itself in the same process, as ash does: ash recurses in C for each call,
// so a recursion without end (`f() { f; }; f`) overflows its stack and
// dies of SIGSEGV (exit code 139); nucleus ends it so past maxNesting calls.
// Reference: POSIX Shell Command Language §2.9.5 (function definition
// command); busybox shell/ash.c (simplecmd: "bad function name" for a name
// that is not a valid name or is a special builtin; evalfun).

// funcDef is `name() body`.
type funcDef struct {
	name string
	body *Script
}

func (*funcDef) isCommand() {}

// specialBuiltins are ash's special builtins, which no function may be
// named after.
var specialBuiltins = []string{".", ":", "break", "continue", "eval", "exec", "exit", "export", "readonly", "return", "set", "shift", "times", "trap", "unset"}

// funcDef parses the rest of `name() body`, name being w.
func (p *parser) funcDef(w *word) (command, error) {
	if err := p.advance(); err != nil { // (
		return nil, err
	}
	if p.tok.kind != tokRParen {
		return nil, p.unexpected()
	}
	name, ok := w.literal()
	if !ok || !validName(name) || isSpecialBuiltin(name) {
		return nil, syntaxErrorf("bad function name")
	}
	if err := p.advance(); err != nil {
		return nil, err
	}
	if err := p.skipNewlines(); err != nil {
		return nil, err
	}
	body, err := p.command()
	if err != nil {
		return nil, err
	}
	c := &compiler{}
	c.command(body)
	return &funcDef{name: name, body: &Script{code: c.code}}, nil
}

func isSpecialBuiltin(name string) bool {
	for _, s := range specialBuiltins {
		if s == name {
			return true
		}
	}
	return false
}

// functions is what a process knows of functions: their definitions and
// the calls running now. Most scripts define none, so a process makes it
// on the first definition.
type functions struct {
	defs  []funcDef
	calls []callFrame // the callers of the functions running now
}

// function returns the body of the function called name, or nil.
func (p *Process) function(name string) *Script {
	if p.fn == nil {
		return nil
	}
	for i := len(p.fn.defs) - 1; i >= 0; i-- {
		if p.fn.defs[i].name == name {
			return p.fn.defs[i].body
		}
	}
	return nil
}

// define adds (or replaces) a function.
func (p *Process) define(fn *funcDef) {
	if p.fn == nil {
		p.fn = &functions{}
	}
	for i := range p.fn.defs {
		if p.fn.defs[i].name == fn.name {
			p.fn.defs[i] = *fn
			return
		}
	}
	p.fn.defs = append(p.fn.defs, *fn)
}

// callFrame is what a function call keeps of its caller: its $1 $2 ...,
// and the depths of the io and loop stacks to return to.
type callFrame struct {
	args      []string
	io, loops int
}

// call starts running a function's body with argv's arguments; io is the
// depth of the file descriptor stack before the command's redirections,
// which stay in force until the body ends.
func (p *Process) call(body *Script, argv []string, io int) {
	if len(p.fn.calls) >= maxNesting {
		p.finish(128 + 11) // ash's C stack is gone: SIGSEGV
		return
	}
	p.fn.calls = append(p.fn.calls, callFrame{args: p.args, io: io, loops: len(p.loops)})
	p.frames = append(p.frames, frame{script: body, call: true})
	p.args = append([]string{p.args[0]}, argv[1:]...)
}

// endCall ends the innermost function's frame: the caller's arguments,
// loops and file descriptors come back; $? is the body's.
func (p *Process) endCall() {
	c := p.fn.calls[len(p.fn.calls)-1]
	p.fn.calls = p.fn.calls[:len(p.fn.calls)-1]
	p.args = c.args
	p.loops = p.loops[:min(c.loops, len(p.loops))]
	p.unwindIO(c.io)
}

// cmdReturn ends the innermost function with N (or $?); outside a function
// it ends the script, as ash does in a -c script.
func cmdReturn(p *Process, argv []string) int {
	code := p.status
	if len(argv) > 1 {
		n, ok := atoiStatus(argv[1])
		if !ok {
			p.write(2, "sh: return: Illegal number: "+argv[1]+"\n")
			n = 2
		}
		code = n
	}
	for i := len(p.frames) - 1; i >= 0; i-- {
		if !p.frames[i].call {
			continue
		}
		for j := len(p.frames) - 1; j > i; j-- {
			if p.frames[j].call {
				p.fn.calls = p.fn.calls[:len(p.fn.calls)-1]
			}
		}
		p.frames = p.frames[:i+1]
		p.frames[i].pc = len(p.frames[i].script.code)
		for len(p.loops) > 0 && p.loops[len(p.loops)-1].frame >= i {
			p.loops = p.loops[:len(p.loops)-1]
		}
		return code
	}
	p.exit(code)
	return code
}

// atoiStatus reads a non-negative exit status, modulo 256.
func atoiStatus(s string) (int, bool) {
	if !allDigits(s) || len(s) > 18 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n & 0xff, true
}
