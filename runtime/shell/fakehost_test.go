package shell

import (
	"errors"
	"path"
	"strconv"
	"strings"
	"time"
)

// fakeHost is an in-memory container for tests: a file system, a log, a
// virtual clock, DNS names and HTTP listeners.
type fakeHost struct {
	now     time.Time
	files   map[string]string // content; directories end with no content and are in dirs
	dirs    map[string]bool
	lines   []string    // "stdout: text" or "stderr: text"
	stamps  []time.Time // when each line was written
	names   map[string]string
	servers map[string]fakeServer // "addr:port"
	// programs are the image's programs beyond the shell's commands
	// (ProgramHost): "bash", "curl".
	programs map[string]bool
}

func (h *fakeHost) HasProgram(name string) bool { return h.programs[name] }

// fakeServer answers HTTP GETs with a fixed status and body.
type fakeServer struct {
	status int
	body   string
}

func newFakeHost() *fakeHost {
	return &fakeHost{
		now:     time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		files:   map[string]string{},
		dirs:    map[string]bool{"/": true, "/tmp": true, "/etc": true},
		names:   map[string]string{},
		servers: map[string]fakeServer{},
	}
}

func (h *fakeHost) Now() time.Time   { return h.now }
func (h *fakeHost) Hostname() string { return "web-0" }
func (h *fakeHost) Log(stream, line string) {
	h.lines = append(h.lines, stream+": "+line)
	h.stamps = append(h.stamps, h.now)
}

// plainHost is a Host that does not stamp log lines itself (no LogHost).
type plainHost struct{ Host }

func (h *fakeHost) LogAt(stream, line string, after time.Duration) {
	h.lines = append(h.lines, stream+": "+line)
	h.stamps = append(h.stamps, h.now.Add(after))
}

func (h *fakeHost) LogRepeat(lines []TimedLine, n int, period time.Duration) {
	for i := 0; i < n; i++ {
		for _, l := range lines {
			h.LogAt(l.Stream, l.Text, l.After+time.Duration(i)*period)
		}
	}
}

func (h *fakeHost) ReadFile(p string) (string, bool) {
	c, ok := h.files[p]
	return c, ok
}

func (h *fakeHost) WriteFile(p, content string, appendTo bool) error {
	if h.dirs[p] {
		return errors.New("is a directory")
	}
	if !h.dirs[path.Dir(p)] {
		return errors.New("nonexistent directory")
	}
	if appendTo {
		content = h.files[p] + content
	}
	if len(content) > fakeDisk {
		return ErrNoSpace
	}
	h.files[p] = content
	return nil
}

// fakeDisk is how large a file of a fakeHost may grow.
const fakeDisk = 1 << 16

func (h *fakeHost) AppendRoom(p, s string, n int) int {
	if s == "" {
		return n
	}
	return min(n, max(fakeDisk-len(h.files[p]), 0)/len(s))
}

func (h *fakeHost) AppendRepeat(p, s string, n int) error {
	return h.WriteFile(p, strings.Repeat(s, n), true)
}

func (h *fakeHost) Remove(p string) error {
	if _, ok := h.files[p]; ok {
		delete(h.files, p)
		return nil
	}
	if h.dirs[p] {
		for _, m := range []map[string]string{h.files} {
			for k := range m {
				if strings.HasPrefix(k, p+"/") {
					delete(m, k)
				}
			}
		}
		for k := range h.dirs {
			if k == p || strings.HasPrefix(k, p+"/") {
				delete(h.dirs, k)
			}
		}
		return nil
	}
	return errors.New("no such file or directory")
}

func (h *fakeHost) MakeDir(p string) error {
	if !h.dirs[path.Dir(p)] {
		return errors.New("no such file or directory")
	}
	h.dirs[p] = true
	return nil
}

func (h *fakeHost) Stat(p string) (bool, bool) {
	if h.dirs[p] {
		return true, true
	}
	_, ok := h.files[p]
	return false, ok
}

func (h *fakeHost) LookupHost(name string) (string, bool) {
	a, ok := h.names[name]
	return a, ok
}

func (h *fakeHost) Connect(host string, port int) bool {
	_, ok := h.servers[host+":"+itoa(port)]
	return ok
}

func (h *fakeHost) HTTPGet(host string, port int, p string) (int, string, bool) {
	s, ok := h.servers[host+":"+itoa(port)]
	return s.status, s.body, ok
}

func itoa(n int) string { return strconv.Itoa(n) }

// runToEnd runs p, advancing the fake clock by each Sleep (or the CPU of a
// preempted Run), until it exits or
// maxRuns calls were made; it returns the steps seen.
func runToEnd(h *fakeHost, p *Process, maxRuns int) []Step {
	var steps []Step
	for i := 0; i < maxRuns; i++ {
		st := p.Run()
		steps = append(steps, st)
		if st.Exited {
			break
		}
		h.now = h.now.Add(st.Sleep)
		if st.Sleep == 0 {
			h.now = h.now.Add(st.CPU) // preempted: it ran that long
		}
	}
	return steps
}

// runScript runs `sh -c script` to its end and returns its exit code and log.
func runScript(script string) (int, []string, *fakeHost) {
	h := newFakeHost()
	return runScriptOn(h, script)
}

func runScriptOn(h *fakeHost, script string) (int, []string, *fakeHost) {
	p := Start([]string{"sh", "-c", script}, []string{"PATH=/bin", "HOME=/root"}, h)
	runToEnd(h, p, 1000)
	code, ok := p.Exited()
	if !ok {
		return -1, h.lines, h
	}
	return code, h.lines, h
}
