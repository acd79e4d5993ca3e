package shell

import (
	"sort"
	"strings"
	"syscall"
)

// cmdTrap installs (`trap 'action' SIG...`), ignores (with an empty action), resets
// (`trap - SIG`) or lists (`trap`) signal actions.
func cmdTrap(p *Process, argv []string) int {
	if len(argv) == 1 {
		p.listTraps()
		return 0
	}
	action, sigs := argv[1], argv[2:]
	if _, isSig := signalNumber(action); isSig && allDigits(action) {
		action, sigs = "-", argv[1:] // `trap 15`: a leading number resets
	}
	var script *Script
	if action != "-" && action != "" {
		s, err := p.parse(action)
		if p.exited {
			return 137
		}
		if err != nil {
			p.write(2, err.Error()+"\n")
			return 2
		}
		script = s
	}
	status := 0
	for _, name := range sigs {
		sig, ok := signalNumber(name)
		if !ok {
			p.write(2, "sh: trap: "+name+": invalid signal specification\n")
			status = 1
			continue
		}
		p.removeTrap(sig)
		if action != "-" {
			p.traps = append(p.traps, trap{sig: sig, action: script, text: action})
		}
	}
	return status
}

func (p *Process) removeTrap(sig syscall.Signal) {
	for i, t := range p.traps {
		if t.sig == sig {
			p.traps = append(p.traps[:i], p.traps[i+1:]...)
			return
		}
	}
}

func (p *Process) findTrap(sig syscall.Signal) (trap, bool) {
	for _, t := range p.traps {
		if t.sig == sig {
			return t, true
		}
	}
	return trap{}, false
}

// listTraps prints `trap -- 'action' NAME` lines, sorted by signal.
func (p *Process) listTraps() {
	traps := append([]trap(nil), p.traps...)
	sort.Slice(traps, func(i, j int) bool { return traps[i].sig < traps[j].sig })
	for _, t := range traps {
		p.write(1, "trap -- '"+t.text+"' "+signalName(t.sig)+"\n")
	}
}

func signalName(sig syscall.Signal) string {
	if sig == sigExit {
		return "EXIT"
	}
	return strings.TrimPrefix(strings.ToUpper(sigNames(sig)), "SIG")
}

func sigNames(sig syscall.Signal) string {
	switch sig {
	case SIGHUP:
		return "HUP"
	case SIGINT:
		return "INT"
	case SIGQUIT:
		return "QUIT"
	case SIGKILL:
		return "KILL"
	case SIGUSR1:
		return "USR1"
	case SIGUSR2:
		return "USR2"
	case SIGTERM:
		return "TERM"
	}
	return sig.String()
}

// Signal delivers sig to the process now and returns what it does next; the
// returned Step replaces the one the engine had scheduled.
//
//   - SIGKILL always ends the process with 137 (128+9).
//   - A signal with a trap wakes the process: an interrupted sleep returns
//     128+sig, the trap action runs at once, and the process goes on from
//     there (or exits, if the action calls exit). A trap with an empty action ignores it.
//   - A signal without a trap is ignored when the process is PID 1 (the
//     kernel drops signals to a PID-namespace init that has no handler), or
//     when its default action is to ignore it; otherwise it kills the process
//     with 128+sig, e.g. 143 for SIGTERM.
//
// An ignored signal leaves a sleeping process asleep: the Step carries the
// rest of its sleep.
func (p *Process) Signal(sig syscall.Signal) Step {
	if p.exited {
		return p.exitStep()
	}
	if sig == SIGKILL {
		p.finish(128 + int(SIGKILL))
		return p.exitStep()
	}
	t, trapped := p.findTrap(sig)
	switch {
	case trapped && t.action != nil && !p.inTrap():
		if p.sleeping {
			p.sleeping, p.forever = false, false
			p.status = 128 + int(sig)
		}
		p.frames = append(p.frames, frame{script: t.action, saved: p.status, trap: true})
		return p.Run()
	case trapped || p.pid1 || IgnoredByDefault(sig):
		return p.resume()
	}
	p.finish(128 + int(sig))
	return p.exitStep()
}

// inTrap reports whether a trap action is running now; a second trapped
// signal during it is not delivered (simplification: real shells queue it).
func (p *Process) inTrap() bool {
	for _, f := range p.frames {
		if f.trap || f.exitAfter {
			return true
		}
	}
	return false
}

// resume returns the Step of a process that ignored a signal.
func (p *Process) resume() Step {
	if p.sleeping {
		if rest := p.wakeAt.Sub(p.host.Now()); rest > 0 {
			return Step{Sleep: min(rest, Forever)}
		}
	}
	return p.Run()
}

// IgnoredByDefault reports signals whose default action is to do nothing.
func IgnoredByDefault(sig syscall.Signal) bool {
	switch sig {
	case SIGCHLD, SIGURG, SIGWINCH, SIGCONT:
		return true
	}
	return false
}
