package shell

import (
	"errors"
	"strings"
)

// sinkKind says where a file descriptor's output goes.
type sinkKind uint8

const (
	sinkStdout sinkKind = iota // the container log, stream "stdout"
	sinkStderr                 // the container log, stream "stderr"
	sinkNull                   // /dev/null
	sinkFile                   // appended to a file in the container
	sinkPipe                   // the buffer of the pipe frame io[idx]
	sinkSubst                  // the output of a command substitution
)

// sink is where one of fds 1 and 2 writes (fd 0 reads from Process.stdin).
type sink struct {
	kind sinkKind
	idx  int
	path string
}

// ioFrame saves the file descriptors around a redirection or a pipeline.
//
// ownStdin is set when the frame gave fd 0 a new source (`< file`, a pipe
// stage): popping it restores the stdin saved. Otherwise the command read
// the same standard input as the shell around it, and what it consumed
// (`read` takes a line) stays consumed, as a shared file offset does.
type ioFrame struct {
	fds      [3]sink
	stdin    string
	buf      []byte // a pipeline's output so far
	ownStdin bool
}

func (p *Process) pushIO(pipe bool) {
	p.io = append(p.io, ioFrame{fds: p.fds, stdin: p.stdin})
}

func (p *Process) popIO() {
	top := p.io[len(p.io)-1]
	p.fds = top.fds
	if top.ownStdin {
		p.stdin = top.stdin
	}
	p.io = p.io[:len(p.io)-1]
}

// ownStdin records that the innermost io frame gave fd 0 a new source.
func (p *Process) ownStdin() {
	if n := len(p.io); n > 0 {
		p.io[n-1].ownStdin = true
	}
}

// unwindIO pops io frames down to depth (for break and continue).
func (p *Process) unwindIO(depth int) {
	for len(p.io) > depth {
		p.popIO()
	}
}

// applyRedirs opens the redirections in order; on failure it prints the
// shell's message, sets $? to 1 and returns false.
func (p *Process) applyRedirs(rs []redirection) bool {
	for _, r := range rs {
		if r.fd > 2 {
			continue // only stdin, stdout and stderr are simulated
		}
		target := p.expandString(r.target)
		if p.exited {
			return false
		}
		if msg := p.redirect(r, target); msg != "" {
			p.write(2, "sh: "+msg+"\n")
			p.status = 1
			return false
		}
	}
	return true
}

// redirect applies one redirection; it returns an error message or "".
func (p *Process) redirect(r redirection, target string) string {
	switch r.kind {
	case redirDup:
		switch target {
		case "0", "1", "2":
			p.fds[r.fd] = p.fds[target[0]-'0']
		case "-":
			p.fds[r.fd] = sink{kind: sinkNull}
		default:
			return target + ": bad file descriptor"
		}
	case redirIn:
		content, ok := p.readFile(target)
		if !ok && target != "/dev/null" {
			return "can't open '" + target + "': No such file or directory"
		}
		if r.fd == 0 {
			p.ownStdin()
			p.stdin = content
		}
	default:
		s, msg := p.openOut(target, r.kind == redirAppend || p.resumed)
		if msg != "" {
			return msg
		}
		if r.fd > 0 {
			p.fds[r.fd] = s
		}
	}
	return ""
}

// openOut opens target for writing (truncating unless appendTo) and returns its sink.
func (p *Process) openOut(target string, appendTo bool) (sink, string) {
	switch target {
	case "/dev/null":
		return sink{kind: sinkNull}, ""
	case "/dev/stdout":
		return p.fds[1], ""
	case "/dev/stderr":
		return p.fds[2], ""
	}
	if isDir, ok := p.host.Stat(target); ok && isDir {
		return sink{}, "can't create " + target + ": Is a directory"
	}
	p.wrote(target)
	if appendTo {
		p.appended(target, "")
	} else {
		p.rewrote(target)
	}
	if err := p.host.WriteFile(target, "", appendTo); err != nil {
		why := "nonexistent directory"
		if errors.Is(err, ErrReadOnly) {
			why = err.Error()
		}
		return sink{}, "can't create " + target + ": " + why
	}
	return sink{kind: sinkFile, path: target}, ""
}

// write sends s to file descriptor fd (1 or 2).
func (p *Process) write(fd int, s string) {
	if s == "" || p.oomDead() {
		return
	}
	out := p.fds[fd]
	switch out.kind {
	case sinkStdout, sinkStderr:
		p.steps += writeSteps + outputSteps(s)
		stream := 0
		if out.kind == sinkStderr {
			stream = 1
		}
		if o, ok := p.host.(OutputHost); ok && o.Output(stream, s) {
			p.effect()
			return
		}
		if _, ok := p.host.(LogHost); !ok {
			p.effect()
		}
		p.logOut(stream, s)
	case sinkFile:
		// A vanished file just loses the write; a write that does not fit
		// in the container's memory ends it.
		// A full disk fails the write: the command says so and fails.
		p.wrote(out.path)
		switch err := p.host.WriteFile(out.path, s, true); {
		case err == nil:
			p.appended(out.path, s)
		case errors.Is(err, ErrOutOfMemory):
			p.oomKilled()
		case errors.Is(err, ErrNoSpace):
			if !p.noSpace {
				p.noSpace = true
				if fd == 1 {
					p.write(2, "sh: write error: "+err.Error()+"\n")
				}
			}
		}
	case sinkPipe:
		if out.idx < len(p.io) {
			p.io[out.idx].buf = appendCapped(p.io[out.idx].buf, s)
		}
	case sinkSubst:
		// The shell reads a substitution's output whole, into its memory.
		if p.grow(len(s)) {
			*p.capture = append(*p.capture, s...)
		}
	}
}

// pipeCapacity is how much a pipe holds. Stages run one after the other, so
// a writer that never ends (`yes | head`) cannot be stopped by its reader;
// what it writes beyond this is dropped.
const pipeCapacity = 64 << 10

func appendCapped(buf []byte, s string) []byte {
	if room := pipeCapacity - len(buf); len(s) > room {
		s = s[:max(room, 0)]
	}
	return append(buf, s...)
}

// logOut appends s to the container log, one Host.Log call per whole line.
func (p *Process) logOut(stream int, s string) {
	s = p.partial[stream] + s
	for {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			break
		}
		p.logLine(stream, s[:i])
		s = s[i+1:]
	}
	for len(s) >= maxLogLine {
		p.logLine(stream, s[:maxLogLine])
		s = s[maxLogLine:]
	}
	p.partial[stream] = s
}

// outputSteps is what a large write to stdout or stderr costs beyond
// writeSteps: a step for each line after the first and for each KiB, the
// log shim's work of stamping and appending each line (cat of a large
// file). So what one command writes to the log takes virtual time in
// proportion, and the lines a container logs in a virtual second of CPU
// are bounded (about a million), whatever one command writes. A write of
// one short line, as echo's, costs nothing more.
func outputSteps(s string) int {
	n := len(s) >> 10
	if lines := strings.Count(s, "\n"); lines > 1 {
		n += lines - 1
	}
	return n
}

// writeSteps is what a write to stdout or stderr costs, in steps of
// StepCPU: the write(2) to the container's pipe (about a microsecond) and
// the runtime's log shim reading it, stamping it and appending it to the
// log file (a few more), which a writer faster than the shim waits for
// once the pipe's 64 KiB are full. So `while true; do echo hello; done`
// logs about 140,000 lines a second of CPU.
const writeSteps = 5

// logLine sends one line to the container's log. A LogHost stamps it with
// the CPU the process has used in its Run (none below Instant, whose steps
// happen at the instant the Run started), and a loop turn notes it, for
// fast-forwarding turns that log the same lines (cpu.go).
func (p *Process) logLine(stream int, text string) {
	lh, ok := p.host.(LogHost)
	if !ok {
		p.host.Log(streamName(stream), text)
		return
	}
	after := p.base + p.cpu()
	if after < Instant {
		after = 0
	}
	lh.LogAt(streamName(stream), text, after)
	p.logged++
	if c := p.cycle; c != nil && len(c.lines) < maxTurnLines {
		c.lines = append(c.lines, turnLine{stream: stream, text: text, steps: p.steps, at: after})
	}
}

// maxLogLine is where a line without a newline is cut, as containerd's CRI
// logger cuts lines longer than max_container_log_line_size (16 KiB).
const maxLogLine = 16 << 10

// flushLog writes unfinished lines when the process exits, as the runtime's
// log writer does when the stream closes.
func (p *Process) flushLog() {
	for stream, s := range p.partial {
		if s != "" {
			p.logLine(stream, s)
			p.partial[stream] = ""
		}
	}
}

func streamName(stream int) string {
	if stream == 0 {
		return "stdout"
	}
	return "stderr"
}
