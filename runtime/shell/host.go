package shell

import (
	"strings"
	"time"
)

// Host is what a process can see of its container and the world. The
// container engine implements it; tests use a fake.
type Host interface {
	// Now returns the simulated wall clock (for `date`).
	Now() time.Time
	// Hostname returns the pod name.
	Hostname() string
	// Log records one line of the container log; stream is "stdout" or "stderr".
	Log(stream string, line string)
	// ReadFile returns the content of a file in the container's file system.
	ReadFile(path string) (string, bool)
	// WriteFile writes (or, with appendTo, appends to) a file; it fails when
	// the parent directory is missing or path is a directory.
	WriteFile(path, content string, appendTo bool) error
	// Remove deletes a file, or a directory with everything in it; it fails
	// when path is missing.
	Remove(path string) error
	// MakeDir creates one directory; it fails when the parent is missing.
	MakeDir(path string) error
	// Stat reports whether path exists and whether it is a directory.
	Stat(path string) (isDir bool, ok bool)
	// LookupHost resolves a Service name in the pod's namespace, or a full DNS name.
	LookupHost(name string) (addr string, ok bool)
	// Connect reports whether something listens on host:port now.
	Connect(host string, port int) bool
	// HTTPGet sends GET path to host:port; ok is false when nothing listens.
	HTTPGet(host string, port int, path string) (status int, body string, ok bool)
}

// OutputHost is a Host that may take a process's output as written rather
// than line by line: an exec's, whose output goes back whole to its caller.
// Output reports whether it took s; when it did not, the output goes to Log.
type OutputHost interface {
	Host
	Output(stream int, s string) bool // stream: 0 stdout, 1 stderr
}

// LogHost is a Host that stamps each log line with the instant it was
// written, so that a busy process need not stop after each line for the
// engine to move the clock, and that takes many turns of a loop that log
// the same lines as one record.
type LogHost interface {
	Host
	// LogAt records a line written after the process had used after of
	// CPU in its Run: at Now()+after.
	LogAt(stream, line string, after time.Duration)
	// LogRepeat records lines n times: repetition i (from 0) of each line
	// is written at Now()+line.After+i*period.
	LogRepeat(lines []TimedLine, n int, period time.Duration)
}

// TimedLine is a line of log and how far into the Run it was written.
type TimedLine struct {
	Stream, Text string
	After        time.Duration
}

// Step is what a process does next. When Exited is false the engine calls Run
// again after Sleep; when Sleep is zero too, the process was preempted with
// work left (its CPU budget is spent) and the engine calls Run again once
// the CPU it used has been served. CPU is the processor time the process
// used in the Run (or Signal) that returned the Step.
type Step struct {
	Exited   bool
	ExitCode int
	Sleep    time.Duration
	CPU      time.Duration
}

// Forever is the Sleep of a process that waits for ever (`sleep infinity`,
// `tail -f /dev/null`). If the engine does call Run after it, the process
// goes back to waiting for another Forever.
const Forever = 100 * 365 * 24 * time.Hour

// Known reports whether name (with any leading directory such as /bin/ or
// /usr/bin/ removed) is a command that this shell provides, so that the engine
// can refuse an unknown direct command with a StartError, as a runtime does
// when exec finds no such file.
func Known(name string) bool {
	base := baseName(name)
	return (isShell(base) && base != "bash") || lookupBuiltin(base) != nil
}

// AppendHost is a Host that can append the same bytes to a file many
// times at once, for a loop whose turns each append them (`while true; do
// echo x >> /tmp/f; done`), keeping the file compact.
type AppendHost interface {
	Host
	// AppendRoom returns how many of n appends of s to path would fit
	// (in memory, or on the disk the file lies on); the next would fail.
	AppendRoom(path, s string, n int) int
	// AppendRepeat appends s to path n times, as n WriteFile appends do.
	AppendRepeat(path, s string, n int) error
}

// SizeHost is a Host that tells a file's size without reading it, so that
// a read the process could not hold is refused before the bytes exist.
type SizeHost interface {
	Host
	FileSize(path string) (int64, bool)
}

// ProgramHost is a Host that says which programs its image has beyond
// this shell's commands. A script's `bash -c ...` runs as a nested shell
// only where the image has bash (Debian, Ubuntu, Fedora; not busybox or
// alpine, where it is "not found"), and `curl` runs this package's curl
// only where the image has curl.
type ProgramHost interface {
	Host
	HasProgram(name string) bool
}

// baseName strips the directory from a command path.
func baseName(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// isShell reports whether base names a shell this package runs. bash is
// run as this POSIX shell: the scripts of the examples use no bashism it
// lacks.
func isShell(base string) bool { return base == "sh" || base == "ash" || base == "bash" }
