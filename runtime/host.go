package runtime

import (
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// Network is what lies outside a store's containers: name lookups and other
// addresses (pods on other stores, Services). The cluster provides it.
type Network interface {
	// LookupHost resolves a name as a pod in namespace would (a Service
	// name, or a full DNS name).
	LookupHost(namespace, name string) (addr string, ok bool)
	// Dial reports the listener at ip:port, if something listens there.
	Dial(ip string, port int) (Listener, bool)
}

type isolated struct{}

func (isolated) LookupHost(string, string) (string, bool) { return "", false }
func (isolated) Dial(string, int) (Listener, bool)        { return nil, false }

// Host is a container as its program sees it: its clock, its name, its log,
// its files, its memory and its network. It implements shell.Host. A
// process started by ExecSync sees the same container through its own
// Host, whose output goes to the exec's result instead of the log.
type Host struct {
	c    *container
	exec *execution // nil for the container's main process
	pid  int        // the process's PID in its namespace
}

var baseDirs = []string{"/", "/bin/", "/dev/", "/etc/", "/proc/", "/root/", "/tmp/", "/usr/", "/var/"}

// fs returns the container's file system, created on first use: the
// first write, remove or listing. Until then, reads go to seeded, which
// works out the same answers without building the map, so a container
// whose files are only read (an exec probe's cat) keeps none.
func (h *Host) fs() map[string]string {
	c := h.c
	if c.files == nil {
		c.prepareMounts()
		c.files = make(map[string]string, len(baseDirs)+16)
		c.runs = runs{}
		for _, d := range baseDirs {
			c.files[d] = ""
		}
		for _, m := range c.mounts {
			eachParent(m.Path, func(d string) { c.files[d] = "" })
		}
		c.files["/etc/hostname"] = h.Hostname() + "\n"
		c.files["/etc/resolv.conf"] = h.resolvConf()
		// The service account volume the kubelet mounts into every pod
		// by default (automountServiceAccountToken): scripts in the
		// Kubernetes documentation read the namespace from it.
		for _, d := range saDirs {
			c.files[d] = ""
		}
		c.files[saDir+"namespace"] = h.namespace()
		for p, content := range c.image.spec.Files {
			eachParent(p, func(d string) { c.files[d] = "" })
			c.files[p] = content
		}
		c.files[saDir+"token"] = saToken
		c.files[saDir+"ca.crt"] = saCACert
		c.prepareTerminationLog()
	}
	return c.files
}

// seeded returns what the container's file system that fs builds holds
// at the clean path p, without building it. Files written more than once
// there are looked up in the reverse order of fs, the last write first.
func (h *Host) seeded(p string) (string, bool) {
	c := h.c
	if strings.HasSuffix(p, "/") {
		return "", h.seededDir(p)
	}
	if tp, ok := c.terminationLog(); ok && p == tp && !h.seededDir(dirKey(tp)) {
		return "", true
	}
	switch p {
	case saDir + "token":
		return saToken, true
	case saDir + "ca.crt":
		return saCACert, true
	}
	if content, ok := c.image.spec.Files[p]; ok {
		return content, true
	}
	switch p {
	case saDir + "namespace":
		return h.namespace(), true
	case "/etc/resolv.conf":
		return h.resolvConf(), true
	case "/etc/hostname":
		return h.Hostname() + "\n", true
	}
	return "", false
}

// seededDir reports whether the directory d (ending in "/") is in the
// file system that fs builds.
func (h *Host) seededDir(d string) bool {
	c := h.c
	if slices.Contains(baseDirs, d) || slices.Contains(saDirs, d) {
		return true
	}
	for _, m := range c.mounts {
		if isParent(d, m.Path) {
			return true
		}
	}
	for p := range c.image.spec.Files {
		if isParent(d, p) {
			return true
		}
	}
	tp, ok := c.terminationLog()
	return ok && isParent(d, tp)
}

// eachParent calls f with each directory above p, deepest first, "/"
// left out: "/a/b/" and "/a/" for "/a/b/c".
func eachParent(p string, f func(dir string)) {
	for d := dirOf(p); d != "/"; d = dirOf(strings.TrimSuffix(d, "/")) {
		f(d)
	}
}

// isParent reports whether d is one of the directories eachParent gives
// for p. For a clean absolute p (all the paths seeded looks at) those are
// its prefixes that end in "/", "/" left out, found without building them:
// seeded runs on every exec probe.
func isParent(d, p string) bool {
	if strings.HasPrefix(p, "/") && path.Clean(p) == p {
		return len(d) > 1 && len(d) < len(p) && d[len(d)-1] == '/' && strings.HasPrefix(p, d)
	}
	found := false
	eachParent(p, func(x string) { found = found || x == d })
	return found
}

// resolvConf is the /etc/resolv.conf of a container that the kubelet
// gave none: the cluster's DNS with its namespace's search path.
func (h *Host) resolvConf() string {
	return "search " + h.namespace() + ".svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n"
}

// The service account volume's directories and placeholder files.
var saDirs = []string{"/var/run/", "/var/run/secrets/", "/var/run/secrets/kubernetes.io/", saDir}

const (
	saToken  = "(a service account token)"
	saCACert = "(the cluster's CA certificate)"
)

// saDir is where the service account volume is mounted.
const saDir = "/var/run/secrets/kubernetes.io/serviceaccount/"

func (h *Host) namespace() string {
	if ns := h.c.sandbox.status.Config.Namespace; ns != "" {
		return ns
	}
	return "default"
}

// Now returns the simulated wall clock.
func (h *Host) Now() time.Time { return h.c.e.loop.Now().Wall() }

// Hostname returns the pod's hostname.
func (h *Host) Hostname() string {
	cfg := h.c.sandbox.status.Config
	if cfg.Hostname != "" {
		return cfg.Hostname
	}
	return cfg.Name
}

// HasProgram reports whether the container's image has the program name
// (beyond the shell's commands).
func (h *Host) HasProgram(name string) bool {
	_, ok := h.c.image.spec.Programs[name]
	return ok
}

// IP returns the pod's address.
func (h *Host) IP() string { return h.c.sandbox.status.IP }

// Log appends a line to the container's log, or to the output of the exec
// that owns this Host.
func (h *Host) Log(stream, line string) {
	if h.exec != nil {
		h.exec.write(stream, line)
		return
	}
	h.c.log(stream, line)
}

// LogAt appends a line written after the process had used after of CPU
// in its Run (shell.LogHost).
func (h *Host) LogAt(stream, line string, after time.Duration) {
	if h.exec != nil {
		h.exec.write(stream, line)
		return
	}
	h.c.logAt(stream, line, h.c.e.loop.Now().Add(after))
}

// LogRepeat appends lines n times, repetition i period*i after the first
// (shell.LogHost): a loop's turns that log the same lines.
func (h *Host) LogRepeat(lines []shell.TimedLine, n int, period time.Duration) {
	if h.exec != nil {
		for i := 0; i < n; i++ {
			for _, l := range lines {
				h.exec.write(l.Stream, l.Text)
			}
		}
		return
	}
	h.c.logRepeat(lines, n, period)
}

// Output takes output as written when this Host belongs to an exec, whose
// caller gets the bytes back whole; a container's main process logs line
// by line instead.
func (h *Host) Output(stream int, s string) bool {
	if h.exec == nil {
		return false
	}
	h.exec.add(stream, s)
	return true
}

// Uptime returns how long the container has been running.
func (h *Host) Uptime() time.Duration { return h.c.e.loop.Now().Sub(h.c.status.StartedAt) }

// SetMemory sets the container's memory use to bytes now, growing by
// perSecond bytes every second from now on (0: steady). A use over the
// container's memory limit, now or when the growth crosses it, gets the
// container OOM-killed at that instant.
func (h *Host) SetMemory(bytes, perSecond int64) { h.c.setMemory(bytes, perSecond) }

// Charge counts n more bytes that the container's programs hold (n < 0
// gives bytes back). It reports false when they do not fit in the
// container's memory: the container is then OOM-killed at once.
func (h *Host) Charge(n int64) bool { return h.c.charge(n) }

// Exit ends the container's main process with code, as a program that
// calls exit from a request handler does (agnhost netexec's /exit). The
// exit happens as a loop event right after the current one.
func (h *Host) Exit(code int) {
	c := h.c
	c.e.loop.After(0, func() { c.exit(int32(code), false) })
}

func clean(p string) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return path.Clean(p)
}

// ReadFile returns a file's content.
func (h *Host) ReadFile(p string) (string, bool) {
	p = clean(p)
	if isProc(p) {
		content, root, rp, dir, ok := h.procFile(p)
		if root != nil {
			return root.ReadFile(rp)
		}
		return content, ok && !dir
	}
	pl := h.resolve(p)
	return pl.get(pl.key)
}

// FileSize returns the size of a file without spelling out its run
// (shell.SizeHost).
func (h *Host) FileSize(p string) (int64, bool) {
	p = clean(p)
	if isProc(p) {
		content, root, rp, dir, ok := h.procFile(p)
		if root != nil {
			return root.FileSize(rp)
		}
		return int64(len(content)), ok && !dir
	}
	pl := h.resolve(p)
	if pl.fs == nil {
		s, ok := pl.host.seeded(pl.key)
		return int64(len(s)), ok
	}
	s, ok := pl.fs[pl.key]
	return int64(len(s)) + pl.runs.size(pl.key), ok
}

// WriteFile writes or appends to a file whose directory exists. The bytes
// a file grows by count against the container's memory (unless the file
// is on a volume on disk): a write that does not fit OOM-kills the
// container and returns shell.ErrOutOfMemory, having written nothing. A
// read-only mount refuses the write, and a full disk (a claim's Capacity,
// the store's disk: see SetDiskFree) a write past it (shell.ErrNoSpace).
func (h *Host) WriteFile(p, content string, appendTo bool) error {
	p = clean(p)
	pl := h.resolveToWrite(p)
	if err := h.writable(pl); err != nil {
		return err
	}
	old, exists := pl.fs[pl.key]
	if appendTo && content == "" && exists {
		return nil // opening for append changes nothing
	}
	grow := int64(len(content))
	if !appendTo {
		grow -= int64(len(old)) + pl.runs.size(pl.key)
	}
	if !h.c.fits(pl, grow) {
		return shell.ErrNoSpace
	}
	if pl.chargeable() && !h.c.charge(grow) {
		return shell.ErrOutOfMemory
	}
	h.c.layer(pl, grow)
	if appendTo {
		if x := pl.runs[pl.key]; x != nil && x.unit == content {
			x.count++
			return nil
		}
		if pl.runs[pl.key] == nil && len(old) >= runAfter && strings.HasSuffix(old, content) {
			// The same bytes again: the file's end becomes a run of them.
			h.c.forgetFile(p)
			pl.fs[pl.key] = old[:len(old)-len(content)]
			pl.runs[pl.key] = &run{unit: content, count: 2}
			return nil
		}
		pl.runs.settle(pl.fs, pl.key)
		content = h.c.appendFile(p, pl.fs[pl.key], content)
	} else {
		delete(pl.runs, pl.key)
		h.c.forgetFile(p)
	}
	pl.fs[pl.key] = content
	return nil
}

// writable returns why the file at pl cannot be written, or nil.
func (h *Host) writable(pl place) error {
	if pl.isDir() {
		return errIsDir
	}
	if _, ok := pl.fs[dirOf(pl.key)]; !ok {
		return errNotExist
	}
	if pl.mount != nil && pl.mount.ReadOnly {
		return errReadOnly
	}
	return nil
}

func dirOf(p string) string {
	d := path.Dir(p)
	if d == "/" {
		return "/"
	}
	return d + "/"
}

// Remove deletes a file or an empty-or-not directory tree, and gives the
// memory its files held back to the container. A mount point itself is
// busy; what lies in a read-only mount stays.
func (h *Host) Remove(p string) error {
	p = clean(p)
	pl := h.resolveToWrite(p)
	if pl.mount != nil && (pl.mount.Path == p || pl.mount.ReadOnly) {
		if _, ok := pl.fs[pl.key]; !ok && !pl.isDir() {
			return errNotExist
		}
		if pl.mount.Path == p {
			return errBusy
		}
		return errReadOnly
	}
	give := func(p, k, content string) {
		size := int64(len(content)) + pl.runs.size(k)
		if pl.chargeable() {
			h.c.charge(-size)
		}
		h.c.layer(pl, -size)
		delete(pl.runs, k)
		h.c.forgetFile(p)
	}
	if content, ok := pl.fs[pl.key]; ok && pl.key != "/" {
		give(p, pl.key, content)
		delete(pl.fs, pl.key)
		return nil
	}
	if pl.key != "/" && pl.isDir() {
		prefix := pl.key + "/"
		for k, content := range pl.fs {
			if strings.HasPrefix(k, prefix) {
				give(p+k[len(pl.key):], k, content)
				delete(pl.fs, k)
			}
		}
		return nil
	}
	return errNotExist
}

// MakeDir creates a directory whose parent exists.
func (h *Host) MakeDir(p string) error {
	p = clean(p)
	pl := h.resolveToWrite(p)
	if _, ok := pl.fs[pl.key]; ok || pl.isDir() {
		return errExist
	}
	if _, ok := pl.fs[dirOf(pl.key)]; !ok {
		return errNotExist
	}
	if pl.mount != nil && pl.mount.ReadOnly {
		return errReadOnly
	}
	pl.fs[pl.key+"/"] = ""
	return nil
}

// Stat reports whether a path exists and whether it is a directory.
func (h *Host) Stat(p string) (isDir bool, ok bool) {
	p = clean(p)
	if isProc(p) {
		_, root, rp, dir, ok := h.procFile(p)
		if root != nil {
			return root.Stat(rp)
		}
		return dir, ok
	}
	pl := h.resolve(p)
	if pl.isDir() {
		return true, true
	}
	return false, pl.has(pl.key)
}

// Mode returns the permission bits of path: a volume's file carries the
// mode the kubelet gave it; every other file is 0644, a directory 0755.
func (h *Host) Mode(p string) (uint32, bool) {
	pl := h.resolve(clean(p))
	if pl.isDir() {
		return dirMode, true
	}
	if !pl.has(pl.key) {
		return 0, false
	}
	if v := pl.volume(); v != nil {
		return v.Mode(pl.key), true
	}
	return fileMode, true
}

// Files returns every path in the container's file system, its mounts
// included, sorted; directories end in "/".
func (h *Host) Files() []string {
	var out []string
	for k := range h.fs() {
		if !h.c.hidden(strings.TrimSuffix(k, "/")) || k == "/" {
			out = append(out, k)
		}
	}
	out = append(out, h.c.mountedFiles()...)
	slices.Sort(out)
	return slices.Compact(out)
}

// List returns the names right under directory dir, sorted (shell.Lister).
func (h *Host) List(dir string) ([]string, bool) {
	if d := clean(dir); d == "/proc" || isProc(d) {
		return h.listProc(d)
	}
	if isDir, ok := h.Stat(dir); !ok || !isDir {
		return nil, false
	}
	prefix := dirKey(clean(dir))
	var out []string
	for _, f := range h.Files() {
		rest, ok := strings.CutPrefix(f, prefix)
		if !ok || rest == "" {
			continue
		}
		rest = strings.TrimSuffix(rest, "/")
		if !strings.Contains(rest, "/") {
			out = append(out, rest)
		}
	}
	return out, true
}

// LookupHost resolves a name from inside the pod.
func (h *Host) LookupHost(name string) (string, bool) {
	if name == h.Hostname() || name == "localhost" {
		if name == "localhost" {
			return "127.0.0.1", true
		}
		return h.IP(), true
	}
	return h.c.e.cfg.Network.LookupHost(h.c.sandbox.status.Config.Namespace, name)
}

// Connect reports whether something listens at host:port.
func (h *Host) Connect(host string, port int) bool {
	_, ok := h.dial(host, port)
	return ok
}

// HTTPGet sends a GET for path to host:port. ok is false when nothing
// listens there, or when the listener does not speak HTTP (the connection
// is closed without an answer).
func (h *Host) HTTPGet(host string, port int, p string) (int, string, bool) {
	l, ok := h.dial(host, port)
	if !ok {
		return 0, "", false
	}
	status, body := l.HTTP(p)
	if status == 0 {
		return 0, "", false
	}
	return status, body, true
}

// Open connects to host:port once: the listener, whether it speaks TLS,
// and false when nothing listens (shell.TLSHost).
func (h *Host) Open(host string, port int) (shell.Conn, bool, bool) {
	l, ok := h.dial(host, port)
	if !ok {
		return nil, false, false
	}
	return l, ProtocolOf(l) == ProtocolHTTPS, true
}

func (h *Host) dial(host string, port int) (Listener, bool) {
	ip := host
	if host == "localhost" || host == "127.0.0.1" {
		ip = h.IP()
	} else if !looksLikeIP(host) {
		addr, ok := h.LookupHost(host)
		if !ok {
			return nil, false
		}
		ip = addr
	}
	return h.c.e.Dial(ip, port)
}

func looksLikeIP(s string) bool {
	return strings.Trim(s, "0123456789.") == "" && strings.Count(s, ".") == 3
}

// ListenText makes the container answer on a port with response, as a
// program that writes it to each connection does (nc -l): a response
// that starts with an HTTP status line is an HTTP answer (its status and
// what follows the blank line), anything else a TCP port that speaks no
// HTTP.
func (h *Host) ListenText(port int, response string) {
	status, body, ok := parseHTTPResponse(response)
	if !ok {
		h.Listen(port, &Port{Speaks: ProtocolTCP})
		return
	}
	h.Listen(port, &Port{Answer: func(string) (int, string) { return status, body }})
}

// parseHTTPResponse reads "HTTP/1.x CODE ...", headers, a blank line and
// the body.
func parseHTTPResponse(s string) (int, string, bool) {
	line, rest, _ := strings.Cut(s, "\n")
	f := strings.Fields(line)
	if len(f) < 2 || !strings.HasPrefix(f[0], "HTTP/") {
		return 0, "", false
	}
	status, err := strconv.Atoi(f[1])
	if err != nil || status < 100 || status > 999 {
		return 0, "", false
	}
	if _, body, ok := strings.Cut(rest, "\r\n\r\n"); ok {
		return status, body, true
	}
	if strings.HasPrefix(rest, "\r\n") || strings.HasPrefix(rest, "\n") {
		return status, strings.TrimPrefix(strings.TrimPrefix(rest, "\r"), "\n"), true
	}
	_, body, _ := strings.Cut(rest, "\n\n")
	return status, body, true
}

// Listen makes the container answer on a port until it exits.
func (h *Host) Listen(port int, l Listener) {
	key := h.IP() + ":" + strconv.Itoa(port)
	h.c.e.listeners[key] = h.c
	if l0 := h.c.listener(port); l0 != nil {
		*l0 = l
		return
	}
	h.c.ports = append(h.c.ports, portListener{port, l})
}

// listener returns the place of what answers on port, or nil.
func (c *container) listener(port int) *Listener {
	for i := range c.ports {
		if c.ports[i].port == port {
			return &c.ports[i].l
		}
	}
	return nil
}

// Dial reports the listener at ip:port on this store, falling back to the
// network for addresses elsewhere.
func (e *Engine) Dial(ip string, port int) (Listener, bool) {
	if c, ok := e.listeners[ip+":"+strconv.Itoa(port)]; ok {
		if l := c.listener(port); l != nil && c.status.State == ContainerRunning {
			return *l, true
		}
	}
	if e.ownsIP(ip) {
		return nil, false
	}
	return e.cfg.Network.Dial(ip, port)
}

func (c *container) closeListeners() {
	for _, p := range c.ports {
		key := c.sandbox.status.IP + ":" + strconv.Itoa(p.port)
		if c.e.listeners[key] == c {
			delete(c.e.listeners, key)
		}
	}
	c.ports = nil
}

// fsError is a file system error as the C library words it ("No such file
// or directory"): programs print it after their own name, as busybox does.
type fsError string

func (e fsError) Error() string { return string(e) }

// The file system errors a program can meet.
const (
	errNotExist fsError = "No such file or directory"
	errExist    fsError = "File exists"
	errIsDir    fsError = "Is a directory"
)
