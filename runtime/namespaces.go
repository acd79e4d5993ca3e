package runtime

import (
	"slices"
	"strconv"
	"strings"
	"syscall"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// IDMapping is a pod's user namespace (hostUsers: false): user and group
// IDs 0 to Length-1 inside are HostID to HostID+Length-1 on the store, so
// the container's root is an unprivileged user there. The zero value is
// the store's own user namespace.
type IDMapping struct {
	HostID, Length uint32
}

// RuntimeHandler is one handler the runtime offers (a RuntimeClass's
// handler; "" is the default) and the features the node reports for it
// in status.runtimeHandlers.
type RuntimeHandler struct {
	Name                    string
	RecursiveReadOnlyMounts bool
	UserNamespaces          bool
}

// RuntimeHandlers returns the handlers the runtime reports, as containerd
// does: runc, then the default "". Both support recursive read-only mounts;
// user namespaces unless Config.NoUserNamespaces.
// Reference: pkg/kubelet/nodestatus/setters.go (RuntimeHandlers).
func (e *Engine) RuntimeHandlers() []RuntimeHandler {
	userns := !e.cfg.NoUserNamespaces
	return []RuntimeHandler{
		{Name: "runc", RecursiveReadOnlyMounts: true, UserNamespaces: userns},
		{Name: "", RecursiveReadOnlyMounts: true, UserNamespaces: userns},
	}
}

// The inode numbers of the store's own namespaces, as /proc/<pid>/ns/*
// links show them (the kernel's PROC_USER_INIT_INO, PROC_PID_INIT_INO).
// A namespace made for a pod or a container gets the next number from
// firstNSInode on.
const (
	hostUserNSInode = 4026531837
	hostPIDNSInode  = 4026531836
	firstNSInode    = 4026532160
)

// newNSInode returns the inode number of a new namespace.
func (e *Engine) newNSInode() uint32 {
	e.nsInodes++
	return firstNSInode + e.nsInodes - 1
}

// pidNamespace is a PID namespace: the pod's, which all its containers
// share (shareProcessNamespace; the pause container is its PID 1), or one
// container's own (its main process is PID 1). PIDs are handed out in
// order, as the kernel does, and not reused.
type pidNamespace struct {
	owner *container // nil: the pod's shared namespace
	inode uint32
	last  int
	procs []*proc // the living processes, by PID
}

// proc is a process as /proc and ps show it. Its environment is its
// container's (children inherit it); the pause process has none.
type proc struct {
	pid  int
	user string // as busybox ps shows it: a name, or the UID
	// title is its command line (argv). A program that retitles itself
	// sets prefix: the command line is then one word, prefix followed by
	// title joined with spaces, built only when ps or /proc reads it.
	title  []string
	prefix string
	c      *container
	// signal delivers a signal to the process; nil: it is its
	// container's main process, and the container's signal does.
	signal func(sig syscall.Signal)
}

// argv returns the process's command line.
func (p *proc) argv() []string {
	if p.prefix != "" {
		return []string{p.prefix + strings.Join(p.title, " ")}
	}
	return p.title
}

// environ returns the process's environment.
func (p *proc) environ() []string {
	if p.c == nil {
		return nil
	}
	return p.c.env
}

// deliver sends sig to the process.
func (p *proc) deliver(sig syscall.Signal) {
	if p.signal == nil {
		p.c.signal(sig)
		return
	}
	p.signal(sig)
}

// spawn gives p the next PID of the namespace and adds it.
func (ns *pidNamespace) spawn(p *proc) int {
	ns.last++
	p.pid = ns.last
	ns.procs = append(ns.procs, p)
	return p.pid
}

// skip uses n PIDs, as the short-lived processes a program forks do (the
// helpers of nginx's entrypoint script).
func (ns *pidNamespace) skip(n int) { ns.last += n }

// find returns the process with the PID, or nil.
func (ns *pidNamespace) find(pid int) *proc {
	for _, p := range ns.procs {
		if p.pid == pid {
			return p
		}
	}
	return nil
}

// reap removes the process with the PID.
func (ns *pidNamespace) reap(pid int) {
	ns.procs = slices.DeleteFunc(ns.procs, func(p *proc) bool { return p.pid == pid })
}

// pidNamespace returns the PID namespace c's processes live in: the pod's
// when it shares one, else c's own; nil when c has none (it has not
// started, or has exited).
func (sb *sandbox) pidNamespace(c *container) *pidNamespace {
	for _, ns := range sb.pidns {
		if ns.owner == nil || ns.owner == c {
			return ns
		}
	}
	return nil
}

// join returns the PID namespace a starting container's processes go
// in: the pod's, or a new one of its own.
func (sb *sandbox) join(c *container) *pidNamespace {
	if ns := sb.pidNamespace(c); ns != nil {
		return ns
	}
	ns := &pidNamespace{owner: c, inode: sb.e.newNSInode()}
	sb.pidns = append(sb.pidns, ns)
	return ns
}

// startPause makes the pause container of a sandbox whose containers
// share a PID namespace: /pause, its PID 1. It reaps orphans and handles
// only SIGINT and SIGTERM, by exiting (a SIGKILL from inside the
// namespace does not reach its init). Its exit ends every process of the
// namespace, killed as the kernel kills them when a PID namespace's init
// dies (137), and the sandbox, whose pause container is gone, is
// NotReady: the kubelet's next sync kills the pod and makes a new one.
// Reference: kubernetes build/pause/linux/pause.c (sigdown, sigreap);
// https://man7.org/linux/man-pages/man7/pid_namespaces.7.html ("If the
// init process of a PID namespace terminates, the kernel terminates all
// of the processes in the namespace via a SIGKILL signal"); containerd
// reports a sandbox whose task exited SANDBOX_NOTREADY.
func (sb *sandbox) startPause() {
	ns := &pidNamespace{inode: sb.e.newNSInode()}
	sb.pidns = append(sb.pidns, ns)
	ns.spawn(&proc{user: "root", title: []string{"/pause"}, signal: func(sig syscall.Signal) {
		if sig != shell.SIGINT && sig != shell.SIGTERM {
			return
		}
		ns.reap(1)
		for _, c := range sb.containers {
			c.exit(137, false)
		}
		sb.status.State = SandboxNotReady
		sb.changed()
	}})
}

// leave removes c's processes from its PID namespace when it exits: its
// own namespace goes, and in a shared one its processes are killed with
// it, as containerd kills what is left of a container whose init exited.
func (sb *sandbox) leave(c *container) {
	for i, ns := range sb.pidns {
		switch ns.owner {
		case c:
			sb.pidns = slices.Delete(sb.pidns, i, i+1)
			return
		case nil:
			ns.procs = slices.DeleteFunc(ns.procs, func(p *proc) bool { return p.c == c })
			return
		}
	}
}

// spawn starts a process in the container's PID namespace, for the
// container's program: a child it forks (an nginx worker). It returns
// the child's PID; Reap removes it.
func (h *Host) Spawn(user string, title []string, signal func(sig syscall.Signal)) int {
	ns := h.c.sandbox.join(h.c)
	return ns.spawn(&proc{user: user, title: title, c: h.c, signal: signal})
}

// SkipPIDs uses n PIDs of the namespace, for short-lived children.
func (h *Host) SkipPIDs(n int) { h.c.sandbox.join(h.c).skip(n) }

// Reap removes a process the program had spawned, once it has exited.
func (h *Host) Reap(pid int) {
	if ns := h.c.sandbox.pidNamespace(h.c); ns != nil {
		ns.reap(pid)
	}
}

// Retitle sets the command line ps shows for the process with the PID,
// as nginx's setproctitle does ("nginx: master process ..."): one word,
// prefix followed by args joined with spaces.
func (h *Host) Retitle(pid int, prefix string, args []string) {
	if p := h.find(pid); p != nil {
		p.title, p.prefix = args, prefix
	}
}

// find returns the process with the PID in the caller's namespace, or nil.
func (h *Host) find(pid int) *proc {
	if ns := h.c.sandbox.pidNamespace(h.c); ns != nil {
		return ns.find(pid)
	}
	return nil
}

// PID returns the process's PID in its namespace (shell.ProcessHost).
func (h *Host) PID() int { return h.pid }

// Processes returns the processes of the namespace, by PID, as ps lists
// them (shell.ProcessHost).
func (h *Host) Processes() []shell.ProcessInfo {
	ns := h.c.sandbox.pidNamespace(h.c)
	if ns == nil {
		return nil
	}
	out := make([]shell.ProcessInfo, 0, len(ns.procs))
	for _, p := range ns.procs {
		out = append(out, shell.ProcessInfo{PID: p.pid, User: p.user, Command: strings.Join(p.argv(), " ")})
	}
	return out
}

// Kill sends sig to the process with the PID, as kill(2) does: it is
// delivered right after the current event. It reports false when no
// such process is in the namespace.
func (h *Host) Kill(pid int, sig syscall.Signal) bool {
	p := h.find(pid)
	if p == nil {
		return false
	}
	h.c.e.loop.After(0, func() { p.deliver(sig) })
	return true
}

// Readlink returns where a symbolic link under /proc points
// (shell.LinkHost): /proc/<pid>/ns/user and ns/pid name the namespaces,
// /proc/<pid>/root is "/", /proc/self is the caller's PID.
func (h *Host) Readlink(p string) (string, bool) {
	p = clean(p)
	if p == "/proc/self" {
		return strconv.Itoa(h.pid), true
	}
	pr, rest, ok := h.procOf(p)
	if !ok {
		return "", false
	}
	switch rest {
	case "root", "cwd":
		return "/", true
	case "exe":
		if argv := pr.argv(); len(argv) > 0 {
			return argv[0], true
		}
	case "ns/user":
		return "user:[" + strconv.Itoa(int(h.userNSInode())) + "]", true
	case "ns/pid":
		return "pid:[" + strconv.Itoa(int(h.c.sandbox.pidNamespace(h.c).inode)) + "]", true
	}
	return "", false
}

// userNSInode returns the inode of the pod's user namespace.
func (h *Host) userNSInode() uint32 {
	if sb := h.c.sandbox; sb.userNS != 0 {
		return sb.userNS
	}
	return hostUserNSInode
}

// procOf finds the process a path under /proc names (/proc/<pid>/... or
// /proc/self/...) and what follows its directory ("" for the directory
// itself).
func (h *Host) procOf(p string) (*proc, string, bool) {
	rest, ok := strings.CutPrefix(p, "/proc/")
	if !ok {
		return nil, "", false
	}
	id, rest, _ := strings.Cut(rest, "/")
	pid := h.pid
	if id != "self" {
		n, err := strconv.Atoi(id)
		if err != nil {
			return nil, "", false
		}
		pid = n
	}
	pr := h.find(pid)
	return pr, rest, pr != nil
}

// procFile returns what a path under /proc holds: the file's content, or
// (with root set) the path in another process's root to look up instead.
// dir says the path is a directory.
func (h *Host) procFile(p string) (content string, root *Host, rootPath string, dir, ok bool) {
	if p == "/proc/self" {
		return "", nil, "", true, true
	}
	pr, rest, found := h.procOf(p)
	if !found {
		return "", nil, "", false, false
	}
	switch {
	case rest == "" || rest == "ns":
		return "", nil, "", true, true
	case rest == "root" || strings.HasPrefix(rest, "root/"):
		if pr.c == nil {
			return "", nil, "", false, false // pause: nothing else in its image
		}
		return "", &Host{c: pr.c, pid: pr.pid}, "/" + strings.TrimPrefix(strings.TrimPrefix(rest, "root"), "/"), false, true
	case rest == "cmdline":
		return strings.Join(pr.argv(), "\x00") + "\x00", nil, "", false, true
	case rest == "environ":
		env := pr.environ()
		if len(env) == 0 {
			return "", nil, "", false, true
		}
		return strings.Join(env, "\x00") + "\x00", nil, "", false, true
	case rest == "uid_map" || rest == "gid_map":
		return h.idMap(), nil, "", false, true
	case rest == "ns/user" || rest == "ns/pid":
		return "", nil, "", false, true
	}
	return "", nil, "", false, false
}

// idMap returns /proc/<pid>/uid_map as the kernel prints it: the whole
// range of IDs in the store's namespace, else the pod's mapping.
// Reference: https://man7.org/linux/man-pages/man7/user_namespaces.7.html
func (h *Host) idMap() string {
	m := h.c.sandbox.status.Config.UserNamespace
	if m.Length == 0 {
		m = IDMapping{HostID: 0, Length: 4294967295}
	}
	return pad10(0) + " " + pad10(int(m.HostID)) + " " + pad10(int(m.Length)) + "\n"
}

// pad10 formats n as the kernel's "%10u".
func pad10(n int) string {
	s := strconv.Itoa(n)
	if len(s) < 10 {
		s = strings.Repeat(" ", 10-len(s)) + s
	}
	return s
}

// isProc reports whether the clean path p lies under /proc.
func isProc(p string) bool { return strings.HasPrefix(p, "/proc/") }

// listProc lists a directory under /proc: /proc itself holds a directory
// for each process of the namespace and self; /proc/<pid>/root is the
// process's root.
func (h *Host) listProc(d string) ([]string, bool) {
	if d == "/proc" {
		var out []string
		if ns := h.c.sandbox.pidNamespace(h.c); ns != nil {
			for _, p := range ns.procs {
				out = append(out, strconv.Itoa(p.pid))
			}
		}
		out = append(out, "self")
		slices.Sort(out)
		return out, true
	}
	_, root, rp, dir, ok := h.procFile(d)
	switch {
	case root != nil:
		return root.List(rp)
	case !ok || !dir:
		return nil, false
	case strings.HasSuffix(d, "/ns"):
		return []string{"pid", "user"}, true
	}
	return []string{"cmdline", "environ", "gid_map", "ns", "root", "uid_map"}, true
}
