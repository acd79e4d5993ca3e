package runtime

import (
	"path"
	"slices"
	"strings"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// Volume is a directory that lives outside any one container: the
// kubelet prepares it for a pod (an emptyDir, a ConfigMap's files, a
// claim's data, the pod's /etc/hosts) and the runtime bind-mounts it into
// the containers that name it. What one container writes there another
// reads, and it outlives a container's restart; it lives as long as
// whoever made it keeps it.
//
// Paths inside a Volume are absolute from its own root ("/key"), and a
// directory's path ends in "/", as in a container's file system.
type Volume struct {
	files map[string]string
	runs  runs // the files' fast-forwarded ends; see run
	// modes holds the permission bits of the files that are not 0644.
	modes map[string]uint32
	// Memory: the volume is a tmpfs; the bytes written to it count
	// against the memory of the container that writes them.
	Memory bool
	// Capacity, when above zero, is how many bytes the volume's files
	// may hold (a claim's storage): a write past it fails with "No space
	// left on device".
	Capacity int64
	// NodeDisk: the volume lies on the store's own disk (an emptyDir not
	// in memory, a hostPath), as the container's writable layer does: a
	// write there fails with "No space left on device" once the store's
	// disk is full (see Engine.SetDiskFree).
	NodeDisk bool
	// build, while files is nil, writes the volume's files on first use;
	// subPaths are the mounts' SubPaths to make directories of then, when
	// the build leaves no file there (see prepareMounts).
	build    func(*Volume)
	subPaths []string
}

// NewVolume returns an empty volume, on disk or in memory (tmpfs).
func NewVolume(memory bool) *Volume {
	return &Volume{files: map[string]string{"/": ""}, runs: runs{}, Memory: memory}
}

// NewVolumeOf returns a volume whose files build writes the first time
// anything reads, writes or lists the volume, by a container or by its
// maker: a volume that most pods never read (the pod's own /etc/hosts)
// then costs no files until one does. The volume looks the same to every
// reader as if build had run at once.
func NewVolumeOf(memory bool, build func(v *Volume)) *Volume {
	return &Volume{Memory: memory, build: build}
}

// Rebuild has build write the volume's files: at once when the volume is
// built, else on first use in place of the build that was waiting (build
// must then write every file the one it replaces would have).
func (v *Volume) Rebuild(build func(v *Volume)) {
	if v.files == nil {
		v.build = build
		return
	}
	build(v)
}

// ready builds the volume's files if they are not built yet, and returns
// them.
func (v *Volume) ready() map[string]string {
	if v.files == nil {
		build, subs := v.build, v.subPaths
		v.files, v.runs, v.build, v.subPaths = map[string]string{"/": ""}, runs{}, nil, nil
		if build != nil {
			build(v)
		}
		for _, sub := range subs {
			v.makeSubPath(sub)
		}
	}
	return v.files
}

// makeSubPath makes the clean path sub, which a mount's SubPath names, a
// directory unless it is a file, as the kubelet does.
func (v *Volume) makeSubPath(sub string) {
	if _, isFile := v.files[sub]; !isFile {
		v.MakeDirAll(sub)
	}
}

// SetFiles replaces the volume's content with files (relative or
// absolute paths inside the volume, parents created), as the kubelet's
// atomic writer swaps in a ConfigMap's new keys in one step.
func (v *Volume) SetFiles(files map[string]string) {
	v.files = map[string]string{"/": ""}
	v.runs = runs{}
	v.modes = nil
	v.build, v.subPaths = nil, nil
	for p, content := range files {
		v.WriteFile(p, content)
	}
}

// WriteFile writes one file, creating its parent directories.
func (v *Volume) WriteFile(p, content string) {
	p = clean(p)
	v.MakeDirAll(path.Dir(p))
	delete(v.runs, p)
	v.files[p] = content
}

// SetMode sets the permission bits of the file at p, as the kubelet's
// atomic writer does with a volume's defaultMode or an item's mode.
func (v *Volume) SetMode(p string, mode uint32) {
	v.ready()
	p = clean(p)
	if mode == fileMode {
		delete(v.modes, p)
		return
	}
	if v.modes == nil {
		v.modes = map[string]uint32{}
	}
	v.modes[p] = mode
}

// Mode returns the permission bits of the file at p: 0644 unless set,
// 0755 for a directory.
func (v *Volume) Mode(p string) uint32 {
	k := clean(p)
	if _, isDir := v.ready()[dirKey(k)]; isDir {
		return dirMode
	}
	if m, ok := v.modes[k]; ok {
		return m
	}
	return fileMode
}

// The modes of a file and a directory that nothing set otherwise: a
// container's writes under umask 022, and the kubelet's atomic writer's
// default for a volume's files.
const (
	fileMode uint32 = 0o644
	dirMode  uint32 = 0o755
)

// MakeDirAll creates a directory and its parents.
func (v *Volume) MakeDirAll(p string) {
	files := v.ready()
	for d := dirKey(clean(p)); d != "/"; d = dirOf(strings.TrimSuffix(d, "/")) {
		files[d] = ""
	}
}

// ReadFile returns the content of a file in the volume.
func (v *Volume) ReadFile(p string) (string, bool) {
	k := clean(p)
	s, ok := v.ready()[k]
	return v.runs.spell(k, s), ok
}

// Usage returns the bytes the volume's files hold.
func (v *Volume) Usage() int64 {
	var n int64
	for _, content := range v.ready() {
		n += int64(len(content))
	}
	for k := range v.runs {
		n += v.runs.size(k)
	}
	return n
}

// Files returns every path in the volume, sorted; directories end in "/".
func (v *Volume) Files() []string {
	files := v.ready()
	out := make([]string, 0, len(files))
	for k := range files {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Mount puts a volume (or, with SubPath, one file or directory of it) at
// Path inside a container. A ReadOnly mount refuses writes with
// "Read-only file system".
type Mount struct {
	Path     string
	Volume   *Volume
	SubPath  string
	ReadOnly bool
}

// dirKey is the key of directory p: "/" for the root, else p + "/".
func dirKey(p string) string {
	if p == "/" {
		return p
	}
	return p + "/"
}

// place is where a path of a container's file system lives: in the
// container's own files, or in a mounted volume.
type place struct {
	fs    map[string]string // nil while the container's own files are unbuilt
	runs  runs              // the runs of fs's files
	key   string
	mount *Mount // nil for the container's own files
	host  *Host
}

// get returns the content at k, and whether there is something there.
func (pl place) get(k string) (string, bool) {
	if pl.fs == nil {
		return pl.host.seeded(k)
	}
	s, ok := pl.fs[k]
	return pl.runs.spell(k, s), ok
}

// has reports whether there is something at k, without spelling out a
// file's run.
func (pl place) has(k string) bool {
	if pl.fs == nil {
		_, ok := pl.host.seeded(k)
		return ok
	}
	_, ok := pl.fs[k]
	return ok
}

// volume returns the mounted volume the place lies in, or nil.
func (pl place) volume() *Volume {
	if pl.mount == nil {
		return nil
	}
	return pl.mount.Volume
}

// isDir reports whether the place is an existing directory.
func (pl place) isDir() bool {
	return pl.has(dirKey(pl.key))
}

// onNodeDisk reports whether bytes written here land on the store's own
// disk: the container's writable layer, or a volume marked NodeDisk.
func (pl place) onNodeDisk() bool {
	return pl.mount == nil || pl.mount.Volume.NodeDisk
}

// chargeable reports whether bytes written here count against the
// container's memory: its own writable layer does, as does a tmpfs.
func (pl place) chargeable() bool {
	return pl.mount == nil || pl.mount.Volume.Memory
}

// resolve finds where the (clean) path p of the container lives: the
// deepest mount that holds it, else the container's own files.
func (h *Host) resolve(p string) place {
	h.c.prepareMounts()
	for i := range h.c.mounts {
		m := &h.c.mounts[i]
		rest, ok := strings.CutPrefix(p, m.Path)
		if !ok || (rest != "" && rest[0] != '/') {
			continue
		}
		files := m.Volume.ready()
		return place{fs: files, runs: m.Volume.runs, key: clean("/" + m.SubPath + rest), mount: m}
	}
	return place{fs: h.c.files, runs: h.c.runs, key: p, host: h}
}

// resolveToWrite is resolve for a change: the container's own files are
// built first.
func (h *Host) resolveToWrite(p string) place {
	h.fs()
	return h.resolve(p)
}

// prepareMounts makes the container's mounts ready, once: deepest first
// (so that resolve finds the one that holds a path), and a SubPath that is
// missing from its volume created there as a directory, as the kubelet
// does. fs puts each mount point's parents in the container.
func (c *container) prepareMounts() {
	if c.mountsReady {
		return
	}
	c.mountsReady = true
	c.mounts = slices.Clone(c.mounts) // the config's own stays as it was
	for i := range c.mounts {
		c.mounts[i].Path = clean(c.mounts[i].Path)
	}
	slices.SortStableFunc(c.mounts, func(a, b Mount) int { return len(b.Path) - len(a.Path) })
	for _, m := range c.mounts {
		if m.SubPath == "" {
			continue
		}
		sub := clean(m.SubPath)
		if v := m.Volume; v.files == nil {
			// Made when the volume is built.
			if !slices.Contains(v.subPaths, sub) {
				v.subPaths = append(v.subPaths, sub)
			}
		} else {
			v.makeSubPath(sub)
		}
	}
}

// mountedFiles returns the paths under the container's mounts, as the
// container sees them; directories end in "/".
func (c *container) mountedFiles() []string {
	var out []string
	for _, m := range c.mounts {
		root := clean("/" + m.SubPath)
		for k := range m.Volume.ready() {
			switch {
			case root == "/" && k == "/", k == root+"/":
				out = append(out, m.Path+"/")
			case k == root:
				out = append(out, m.Path) // one file, mounted by its own path
			case root == "/":
				out = append(out, m.Path+k)
			case strings.HasPrefix(k, root+"/"):
				out = append(out, m.Path+k[len(root):])
			}
		}
	}
	return out
}

// hidden reports whether p lies at or below one of the container's
// mounts, so that the container's own file there is out of sight.
func (c *container) hidden(p string) bool {
	for _, m := range c.mounts {
		if rest, ok := strings.CutPrefix(p, m.Path); ok && (rest == "" || rest[0] == '/') {
			return true
		}
	}
	return false
}

// The file system errors of mounts.
var errReadOnly = shell.ErrReadOnly

const (
	errBusy fsError = "Resource busy"
)

// The kubelet's bounds on a termination message.
// Reference: pkg/kubelet/container/runtime.go
// (MaxContainerTerminationMessageLength, ...LogLength, ...LogLines).
const (
	maxTerminationMessage         = 4 << 10
	maxTerminationMessageFromLogs = 2 << 10
	maxTerminationMessageLogLines = 80
)

// prepareTerminationLog puts the empty file at the container's
// terminationMessagePath, with its directories, as the kubelet's bind
// mount of its own file there does.
func (c *container) prepareTerminationLog() {
	p, ok := c.terminationLog()
	if !ok {
		return
	}
	eachParent(p, func(d string) { c.files[d] = "" })
	if _, isDir := c.files[dirKey(p)]; !isDir {
		c.files[p] = ""
	}
}

// terminationLog returns the clean terminationMessagePath, and whether
// the container has that file of its own (not hidden by a mount).
func (c *container) terminationLog() (string, bool) {
	p := c.termPath
	if p == "" || c.hidden(clean(p)) {
		return "", false
	}
	return clean(p), true
}

// terminationMessage is what the kubelet reports as an exited container's
// message: the end of its termination message file (at most 4 KiB), or,
// under FallbackToLogsOnError when the file is empty and the container
// failed, the end of its log (the last 80 lines, at most 2 KiB).
// Reference: pkg/kubelet/kuberuntime/kuberuntime_container.go
// (getTerminationMessage, readLastStringFromContainerLogs).
func (c *container) terminationMessage(code int32) string {
	p := c.termPath
	if p == "" {
		return ""
	}
	msg, _ := (&Host{c: c}).ReadFile(p)
	if len(msg) > maxTerminationMessage {
		msg = msg[len(msg)-maxTerminationMessage:]
	}
	if msg != "" || !c.termFallback || code == 0 {
		return msg
	}
	now := c.e.loop.Now()
	c.catchUpLogs(now)
	lines := c.logs.all(now)
	lines = lines[max(0, len(lines)-maxTerminationMessageLogLines):]
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text)
		b.WriteByte('\n')
	}
	msg = b.String()
	if len(msg) > maxTerminationMessageFromLogs {
		msg = msg[len(msg)-maxTerminationMessageFromLogs:]
	}
	return msg
}
