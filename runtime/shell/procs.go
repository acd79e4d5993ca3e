package shell

import (
	"fmt"
	"strconv"
	"strings"
	"syscall"
)

// ProcessInfo is one process as ps lists it.
type ProcessInfo struct {
	PID     int
	User    string // a user name, or the UID where /etc/passwd has none
	Command string // its command line
}

// ProcessHost is a Host that shows the processes of the process's PID
// namespace: a container's own, or the pod's when its containers share
// one (shareProcessNamespace), where ps lists the other containers'
// processes and kill signals them.
type ProcessHost interface {
	Host
	// PID returns the process's PID in its namespace.
	PID() int
	// Processes returns the namespace's processes, by PID.
	Processes() []ProcessInfo
	// Kill sends sig to the process with the PID; false when there is
	// no such process.
	Kill(pid int, sig syscall.Signal) bool
}

// LinkHost is a Host with symbolic links to read: /proc/self/ns/user and
// the like.
type LinkHost interface {
	Host
	Readlink(path string) (string, bool)
}

// cmdPs lists the processes of the namespace as busybox's ps does, in its
// default columns: PID USER TIME COMMAND. Its options (`ps ax`, `ps -ef`)
// change nothing: busybox lists every process whatever they say. A
// process's CPU time is not tracked apart from its container's, so TIME
// shows 0:00.
// Reference: busybox procps/ps.c (the default format pid,user,time,args).
func cmdPs(p *Process, _ []string) int {
	var b strings.Builder
	b.WriteString("PID   USER     TIME  COMMAND\n")
	h, ok := p.host.(ProcessHost)
	if !ok {
		fmt.Fprintf(&b, "%5d %-8s %5s %s\n", p.pid(), "root", "0:00", "ps")
		p.write(1, b.String())
		return 0
	}
	for _, pr := range h.Processes() {
		fmt.Fprintf(&b, "%5d %-8s %5s %s\n", pr.PID, pr.User, "0:00", pr.Command)
	}
	p.write(1, b.String())
	return 0
}

// cmdKill sends a signal (SIGTERM unless -SIG, -N or -s SIG says
// otherwise) to each PID, as busybox's kill does: a PID that is not in the
// namespace is "No such process", and the status is 1.
func cmdKill(p *Process, argv []string) int {
	sig, args := SIGTERM, argv[1:]
	if len(args) > 0 && strings.HasPrefix(args[0], "-") && len(args[0]) > 1 {
		name := args[0][1:]
		args = args[1:]
		if name == "s" {
			if len(args) == 0 {
				p.write(2, "kill: option requires an argument -- s\n")
				return 1
			}
			name, args = args[0], args[1:]
		}
		s, ok := signalNumber(name)
		if !ok || s == sigExit && name != "0" {
			p.write(2, "kill: bad signal name '"+name+"'\n")
			return 1
		}
		sig = s
	}
	if len(args) == 0 {
		p.write(2, "Usage: kill [-l] [-SIG] PID...\n")
		return 1
	}
	h, _ := p.host.(ProcessHost)
	status := 0
	for _, a := range args {
		pid, err := strconv.Atoi(a)
		if err != nil {
			p.write(2, "kill: bad pid '"+a+"'\n")
			status = 1
			continue
		}
		found := h != nil && (sig == sigExit && hasPID(h, pid) || sig != sigExit && h.Kill(pid, sig))
		if !found {
			p.write(2, "kill: can't kill pid "+a+": No such process\n")
			status = 1
		}
	}
	p.effect()
	return status
}

// hasPID reports whether the namespace has a process with the PID (kill
// -0 asks only that).
func hasPID(h ProcessHost, pid int) bool {
	for _, pr := range h.Processes() {
		if pr.PID == pid {
			return true
		}
	}
	return false
}

// cmdReadlink prints where each symbolic link points; a path that is not
// a link prints nothing and fails, as busybox's readlink does without -f.
func cmdReadlink(p *Process, argv []string) int {
	if len(argv) < 2 {
		p.write(2, "Usage: readlink [-fnv] FILE\n")
		return 1
	}
	h, ok := p.host.(LinkHost)
	status := 0
	for _, a := range argv[1:] {
		target, found := "", false
		if ok {
			target, found = h.Readlink(a)
		}
		if !found {
			status = 1
			continue
		}
		p.write(1, target+"\n")
	}
	return status
}
