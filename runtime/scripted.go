package runtime

import (
	"cmp"
	"slices"
	"syscall"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// plan is a program's life written down: what it does at which moment
// after its container starts, and how it answers signals. A plan is built
// once (per image, or per command line) and shared, read-only, by every
// container that runs it; a running container only keeps its place in it.
type plan struct {
	actions  []action // sorted by time, in the order they were added
	ports    []planPort
	logs     []planLog
	memory   []MemoryStep
	exitCode int
	signals  []signalPlan
}

type actionKind uint8

const (
	actListen actionKind = iota
	actLog
	actMemory
	actExit
)

// action is one thing a plan does at a moment: open ports[i], write
// logs[i], set memory[i], or exit.
type action struct {
	at   time.Duration
	kind actionKind
	i    int
}

// planPort opens one port: open returns the listener a container serves.
type planPort struct {
	port int
	open func(h *Host) Listener
}

// planLog is one log line; line, when set, writes it from what the
// program sees (its clock, its address) instead of text.
type planLog struct {
	stream, text string
	line         func(h *Host) string
}

func stdout(text string) planLog { return planLog{stream: "stdout", text: text} }
func stderr(text string) planLog { return planLog{stream: "stderr", text: text} }

// signalPlan is how a program answers one signal: it writes logs and, if
// exit is set, exits with code after a while.
type signalPlan struct {
	sig  syscall.Signal
	exit SignalBehaviour
	logs []planLog
}

func (p *plan) add(at time.Duration, kind actionKind, i int) {
	p.actions = append(p.actions, action{at: at, kind: kind, i: i})
	slices.SortStableFunc(p.actions, func(a, b action) int { return cmp.Compare(a.at, b.at) })
}

// listen opens a port at a moment.
func (p *plan) listen(at time.Duration, port int, open func(h *Host) Listener) *plan {
	p.ports = append(p.ports, planPort{port: port, open: open})
	p.add(at, actListen, len(p.ports)-1)
	return p
}

// log writes a line at a moment.
func (p *plan) log(at time.Duration, l planLog) *plan {
	p.logs = append(p.logs, l)
	p.add(at, actLog, len(p.logs)-1)
	return p
}

// useMemory sets the memory use at a moment.
func (p *plan) useMemory(m MemoryStep) *plan {
	p.memory = append(p.memory, m)
	p.add(m.At, actMemory, len(p.memory)-1)
	return p
}

// exitAt makes the program exit by itself at a moment.
func (p *plan) exitAt(at time.Duration, code int) *plan {
	p.exitCode = code
	p.add(at, actExit, 0)
	return p
}

// on says how the program answers a signal.
func (p *plan) on(sig syscall.Signal, exit SignalBehaviour, logs ...planLog) *plan {
	p.signals = append(p.signals, signalPlan{sig: sig, exit: exit, logs: logs})
	return p
}

// program returns the ProgramFunc that runs the plan.
func (p *plan) program() ProgramFunc {
	return func(_, _ []string, h *Host) Process { return &scripted{h: h, p: p, exitAt: -1} }
}

// scripted is a container's process that follows a plan.
type scripted struct {
	h        *Host
	p        *plan
	next     int           // the next action
	exitAt   time.Duration // when a handled signal's shutdown ends; -1: none
	exitCode int
}

// Run does everything the plan holds up to now and sleeps until its next
// action.
func (s *scripted) Run() shell.Step {
	now := s.h.Uptime()
	for s.next < len(s.p.actions) && s.p.actions[s.next].at <= now {
		a := s.p.actions[s.next]
		s.next++
		if a.kind == actExit {
			return shell.Step{Exited: true, ExitCode: s.p.exitCode}
		}
		s.apply(a)
		if s.h.c.status.State != ContainerRunning {
			return shell.Step{Sleep: forever}
		}
	}
	if s.exitAt >= 0 && s.exitAt <= now {
		return shell.Step{Exited: true, ExitCode: s.exitCode}
	}
	return s.sleep(now)
}

func (s *scripted) apply(a action) {
	switch a.kind {
	case actListen:
		pp := s.p.ports[a.i]
		s.h.Listen(pp.port, pp.open(s.h))
	case actLog:
		s.write(s.p.logs[a.i])
	case actMemory:
		m := s.p.memory[a.i]
		s.h.SetMemory(m.Bytes, m.PerSecond)
	}
}

func (s *scripted) write(l planLog) {
	text := l.text
	if l.line != nil {
		text = l.line(s.h)
	}
	s.h.Log(cmp.Or(l.stream, "stdout"), text)
}

// sleep returns the Step that waits for the next action or the end of a
// shutdown.
func (s *scripted) sleep(now time.Duration) shell.Step {
	wake := time.Duration(-1)
	if s.next < len(s.p.actions) {
		wake = s.p.actions[s.next].at
	}
	if s.exitAt >= 0 && (wake < 0 || s.exitAt < wake) {
		wake = s.exitAt
	}
	if wake < 0 {
		return shell.Step{Sleep: forever}
	}
	return shell.Step{Sleep: max(wake-now, time.Nanosecond)}
}

// Signal answers a signal as the plan says; a signal the plan does not
// handle is ignored, as the kernel ignores it for a PID 1 without a
// handler. A process that is not PID 1 (in a pod's shared PID namespace)
// dies of it instead, 128+sig, unless the signal's default is to be
// ignored.
func (s *scripted) Signal(sig syscall.Signal) shell.Step {
	now := s.h.Uptime()
	if !slices.ContainsFunc(s.p.signals, func(sp signalPlan) bool { return sp.sig == sig }) &&
		s.h.pid != 1 && !shell.IgnoredByDefault(sig) {
		return shell.Step{Exited: true, ExitCode: 128 + int(sig)}
	}
	for _, sp := range s.p.signals {
		if sp.sig != sig {
			continue
		}
		for _, l := range sp.logs {
			s.write(l)
		}
		if !sp.exit.Exit {
			break
		}
		if sp.exit.After == 0 {
			return shell.Step{Exited: true, ExitCode: sp.exit.Code}
		}
		if at := now + sp.exit.After; s.exitAt < 0 || at < s.exitAt {
			s.exitAt, s.exitCode = at, sp.exit.Code
		}
		break
	}
	return s.sleep(now)
}
