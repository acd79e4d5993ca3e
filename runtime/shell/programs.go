package shell

import "strings"

// Programs remembers what argv lines start: a command run again and again
// (an exec probe's `cat /tmp/healthy` every ten seconds) is parsed once.
// Scripts are never changed by the processes that run them, so one parsed
// Script serves them all. Only programs that depend on argv alone are kept;
// `sh FILE` reads the file afresh every time. The zero value is ready to
// use.
type Programs struct {
	parsed map[string]parsedProgram
}

type parsedProgram struct {
	script   *Script
	args     []string
	startErr string
	status   int
}

// Start is [Start], with the program taken from p when it has been parsed
// before.
func (c *Programs) Start(argv []string, env []string, host Host) *Process {
	key := strings.Join(argv, "\x00")
	if pp, ok := c.parsed[key]; ok {
		p := newProcess(env, host)
		p.fds[2] = sink{kind: sinkStderr}
		p.startErr, p.status = pp.startErr, pp.status
		p.args = pp.args
		if pp.script != nil {
			p.frames = append(p.frames, frame{script: pp.script})
		}
		return p
	}
	p := Start(argv, env, host)
	if cacheable(argv) {
		if c.parsed == nil {
			c.parsed = map[string]parsedProgram{}
		}
		pp := parsedProgram{args: p.args, startErr: p.startErr, status: p.status}
		if len(p.frames) > 0 {
			pp.script = p.frames[0].script
		}
		c.parsed[key] = pp
	}
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
