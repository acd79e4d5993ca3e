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
// order, as the kernel does, and not reused. The namespace keeps no list
// of its processes: they are the pause process, and each running
// container's main process, the children its program forked (nginx's
// worker) and its execs, which the containers already know; ps, kill and
// /proc gather them when they look (procs). A store of nginx pods that
// nobody runs ps in keeps two numbers per container.
type pidNamespace struct {
	inode uint32 // 0: no namespace
	last  int32  // the last PID handed out
}

// next hands out the next PID.
func (ns *pidNamespace) next() int {
	ns.last++
	return int(ns.last)
}

// proc is a process as /proc and ps show it, gathered when they look:
// 32 bytes. Its environment is its container's (children inherit it);
// the pause process has none.
type proc struct {
	pid int
	c   *container // nil: the pause process
	// exec is the ExecSync command the process runs; nil: the
	// container's main process, or its nginx worker.
	exec *execution
	// worker is the nginx master whose worker the process is; nil:
	// not a worker.
	worker *nginx
}

// user returns the process's user as busybox ps shows it: a name, or the
// UID.
func (p *proc) user() string {
	if p.worker != nil {
		return nginxUser
	}
	return "root"
}

// argv returns the process's command line. nginx retitles its processes
// (setproctitle): the master's is one word, "nginx: master process "
// followed by its arguments.
func (p *proc) argv() []string {
	switch {
	case p.c == nil:
		return pauseTitle
	case p.exec != nil:
		return p.exec.cmd
	case p.worker != nil:
		return nginxWorkerTitle
	}
	if _, ok := p.c.proc.(*nginx); ok {
		return []string{"nginx: master process " + strings.Join(nginxArgs(p.c.args), " ")}
	}
	return p.c.args
}

// pauseTitle is the pause process's command line.
var pauseTitle = []string{"/pause"}

// environ returns the process's environment.
func (p *proc) environ() []string {
	if p.c == nil {
		return nil
	}
	return p.c.env
}

// deliver sends sig to the process, a process of sb.
func (p *proc) deliver(sb *sandbox, sig syscall.Signal) {
	switch {
	case p.c == nil:
		sb.pauseSignal(sig)
	case p.exec != nil:
		p.exec.signal(sig)
	case p.worker != nil:
		p.worker.workerSignal(p.pid, sig)
	default:
		p.c.signal(sig)
	}
}

// pidNamespace returns the PID namespace c's processes live in: the pod's
// when it shares one, else c's own; nil when c has none (it has not
// started, or has exited).
func (sb *sandbox) pidNamespace(c *container) *pidNamespace {
	switch {
	case sb.pidns.inode != 0:
		return &sb.pidns
	case c.pidns.inode != 0:
		return &c.pidns
	}
	return nil
}

// join returns the PID namespace a starting container's processes go
// in: the pod's, or a new one of its own.
func (sb *sandbox) join(c *container) *pidNamespace {
	if ns := sb.pidNamespace(c); ns != nil {
		return ns
	}
	c.pidns.inode = sb.e.newNSInode()
	return &c.pidns
}

// startPause makes the pause container of a sandbox whose containers
// share a PID namespace: /pause, its PID 1.
func (sb *sandbox) startPause() {
	sb.pidns.inode = sb.e.newNSInode()
	sb.pidns.next()
}

// pauseSignal is a signal to the pause process. It reaps orphans and
// handles only SIGINT and SIGTERM, by exiting (a SIGKILL from inside the
// namespace does not reach its init). Its exit ends every process of the
// namespace, killed as the kernel kills them when a PID namespace's init
// dies (137), and the sandbox, whose pause container is gone, is
// NotReady: the kubelet's next sync kills the pod and makes a new one.
// Reference: kubernetes build/pause/linux/pause.c (sigdown, sigreap);
// https://man7.org/linux/man-pages/man7/pid_namespaces.7.html ("If the
// init process of a PID namespace terminates, the kernel terminates all
// of the processes in the namespace via a SIGKILL signal"); containerd
// reports a sandbox whose task exited SANDBOX_NOTREADY.
func (sb *sandbox) pauseSignal(sig syscall.Signal) {
	if sig != shell.SIGINT && sig != shell.SIGTERM {
		return
	}
	sb.pauseExited = true
	for _, c := range sb.containers {
		c.exit(137, false)
	}
	sb.status.State = SandboxNotReady
	sb.changed()
}

// leave takes c's processes out of its PID namespace when it exits: its
// own namespace goes; in a shared one its processes end with it (they are
// gathered from the running containers), as containerd kills what is
// left of a container whose init exited.
func (sb *sandbox) leave(c *container) { c.pidns = pidNamespace{} }

// procs returns the processes of the PID namespace c's processes live
// in, by PID.
func (sb *sandbox) procs(c *container) []proc {
	var out []proc
	switch {
	case sb.pidns.inode != 0:
		if !sb.pauseExited {
			out = append(out, proc{pid: 1})
		}
		for _, d := range sb.containers {
			out = d.appendProcs(out)
		}
		slices.SortFunc(out, func(a, b proc) int { return a.pid - b.pid })
	case c.pidns.inode != 0:
		out = c.appendProcs(out)
		slices.SortFunc(out, func(a, b proc) int { return a.pid - b.pid })
	}
	return out
}

// appendProcs appends the processes of c, when it runs: its main process,
// its nginx worker, its execs.
func (c *container) appendProcs(out []proc) []proc {
	if c.status.State != ContainerRunning || c.host == nil || c.host.pid == 0 {
		return out
	}
	out = append(out, proc{pid: c.host.pid, c: c})
	if n, ok := c.proc.(*nginx); ok && n.worker != 0 {
		out = append(out, proc{pid: n.worker, c: c, worker: n})
	}
	for _, x := range c.execs {
		if x.host.pid != 0 {
			out = append(out, proc{pid: x.host.pid, c: c, exec: x})
		}
	}
	return out
}

// find returns the process with the PID in the caller's namespace.
func (h *Host) find(pid int) (proc, bool) {
	for _, p := range h.c.sandbox.procs(h.c) {
		if p.pid == pid {
			return p, true
		}
	}
	return proc{}, false
}

// PID returns the process's PID in its namespace (shell.ProcessHost).
func (h *Host) PID() int { return h.pid }

// Processes returns the processes of the namespace, by PID, as ps lists
// them (shell.ProcessHost).
func (h *Host) Processes() []shell.ProcessInfo {
	procs := h.c.sandbox.procs(h.c)
	if len(procs) == 0 {
		return nil
	}
	out := make([]shell.ProcessInfo, 0, len(procs))
	for _, p := range procs {
		out = append(out, shell.ProcessInfo{PID: p.pid, User: p.user(), Command: strings.Join(p.argv(), " ")})
	}
	return out
}

// Kill sends sig to the process with the PID, as kill(2) does: it is
// delivered right after the current event. It reports false when no
// such process is in the namespace.
func (h *Host) Kill(pid int, sig syscall.Signal) bool {
	p, ok := h.find(pid)
	if !ok {
		return false
	}
	sb := h.c.sandbox
	h.c.e.loop.After(0, func() { p.deliver(sb, sig) })
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
func (h *Host) procOf(p string) (proc, string, bool) {
	rest, ok := strings.CutPrefix(p, "/proc/")
	if !ok {
		return proc{}, "", false
	}
	id, rest, _ := strings.Cut(rest, "/")
	pid := h.pid
	if id != "self" {
		n, err := strconv.Atoi(id)
		if err != nil {
			return proc{}, "", false
		}
		pid = n
	}
	pr, found := h.find(pid)
	return pr, rest, found
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
		for _, p := range h.c.sandbox.procs(h.c) {
			out = append(out, strconv.Itoa(p.pid))
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
