package shell

import (
	"slices"
	"strings"
)

// Programs remembers what argv lines start: a command run again and again
// (an exec probe's `cat /tmp/healthy` every ten seconds) is parsed once.
// Scripts are never changed by the processes that run them, so one parsed
// Script serves them all. Only programs that depend on argv alone are kept;
// `sh FILE` reads the file afresh every time. The zero value is ready to
// use.
//
// Programs also keeps the processes given back with Release, and Start
// hands them out again: a probe's command every few seconds, for hours,
// then costs no new process each time.
type Programs struct {
	parsed map[string]parsedProgram
	key    []byte     // the lookup key being built
	free   []*Process // released processes, ready for reuse
}

// maxFree is how many released processes Programs keeps.
const maxFree = 8

type parsedProgram struct {
	script   *Script
	args     []string
	startErr string
	status   int
}

// Start is [Start], with the program taken from p when it has been parsed
// before.
// The caller keeps argv: Start copies what it keeps of it.
func (c *Programs) Start(argv []string, env []string, host Host) *Process {
	c.key = c.key[:0]
	for i, a := range argv {
		if i > 0 {
			c.key = append(c.key, 0)
		}
		c.key = append(c.key, a...)
	}
	if pp, ok := c.parsed[string(c.key)]; ok {
		p := c.process(env, host)
		p.fds[2] = sink{kind: sinkStderr}
		p.startErr, p.status = pp.startErr, pp.status
		p.args = pp.args
		if pp.script != nil {
			p.frames = append(p.frames, frame{script: pp.script})
		}
		return p
	}
	argv = slices.Clone(argv)
	p := c.process(env, host)
	p.load(argv)
	if cacheable(argv) {
		if c.parsed == nil {
			c.parsed = map[string]parsedProgram{}
		}
		pp := parsedProgram{args: p.args, startErr: p.startErr, status: p.status}
		if len(p.frames) > 0 {
			pp.script = p.frames[0].script
		}
		c.parsed[string(c.key)] = pp
	}
	return p
}

// process returns a new process, reusing a released one when it can.
func (c *Programs) process(env []string, host Host) *Process {
	n := len(c.free)
	if n == 0 {
		return newProcess(env, host)
	}
	p := c.free[n-1]
	c.free[n-1] = nil
	c.free = c.free[:n-1]
	p.init(env, host)
	return p
}

// Release gives back a process from Start that has ended and that nothing
// will touch again, not even to read its exit code: a later Start may hand
// it out as a new process.
func (c *Programs) Release(p *Process) {
	if len(c.free) < maxFree {
		c.free = append(c.free, p)
	}
}

// cacheable reports whether what argv starts depends on argv alone: a
// command, or a shell given its script with -c.
func cacheable(argv []string) bool {
	if len(argv) == 0 || !isShell(baseName(argv[0])) {
		return true
	}
	for _, a := range argv[1:] {
		if len(a) < 2 || a[0] != '-' {
			return false
		}
		if strings.Contains(a, "c") {
			return true
		}
	}
	return false
}
