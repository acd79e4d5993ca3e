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
type Programs struct {
	parsed map[string]parsedProgram
	key    []byte // the lookup key being built
}

type parsedProgram struct {
	script   *Script
	args     []string
	startErr string
	status   int
}

// Start is [Start], with the program taken from c when it has been parsed
// before. The caller keeps argv: Start copies what it keeps of it. reuse,
// when not nil, is a process that has ended and that nothing will touch
// again: it becomes the new process, emptied but with its memory kept, so
// that a probe's command every few seconds, for hours, costs no new
// process each time.
func (c *Programs) Start(reuse *Process, argv []string, env []string, host Host) *Process {
	c.key = c.key[:0]
	for i, a := range argv {
		if i > 0 {
			c.key = append(c.key, 0)
		}
		c.key = append(c.key, a...)
	}
	if pp, ok := c.parsed[string(c.key)]; ok {
		p := renew(reuse, env, host)
		p.fds[2] = sink{kind: sinkStderr}
		p.startErr, p.status = pp.startErr, pp.status
		p.args = pp.args
		if pp.script != nil {
			p.frames = append(p.frames, frame{script: pp.script})
		}
		return p
	}
	argv = slices.Clone(argv)
	p := renew(reuse, env, host)
	p.load(argv)
	if cacheable(argv) && !p.exited {
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

// renew returns p made a new process with env, or a new process when p is
// nil.
func renew(p *Process, env []string, host Host) *Process {
	if p == nil {
		return newProcess(env, host)
	}
	p.init(env, host)
	return p
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
