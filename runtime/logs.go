package runtime

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
	"github.com/nodenucleus/nucleus/sim"
)

// LogPolicy is how the store manager rotates container logs: the
// kubelet's containerLogMaxSize, containerLogMaxFiles and
// containerLogMonitorInterval. The zero value means the kubelet's
// defaults: 10 MiB, 5 files, every 10 seconds.
type LogPolicy struct {
	// MaxSize is how large the current log file may grow before it is
	// rotated, in bytes of the file (each line with its timestamp,
	// stream and tag, as the runtime writes it).
	MaxSize int64
	// MaxFiles is how many files of a container's log are kept, the
	// current one included (at least 2).
	MaxFiles int
	// MonitorInterval is how often the log manager looks at the files.
	MonitorInterval time.Duration
}

// The kubelet's defaults.
// Reference: pkg/kubelet/apis/config/v1beta1/defaults.go
// (containerLogMaxSize 10Mi, containerLogMaxFiles 5,
// containerLogMonitorInterval 10s).
const (
	DefaultContainerLogMaxSize   = 10 << 20
	DefaultContainerLogMaxFiles  = 5
	DefaultContainerLogMonitor   = 10 * time.Second
	containerLogHardMaxSizeRatio = 2
)

func (p LogPolicy) withDefaults() LogPolicy {
	if p.MaxSize <= 0 {
		p.MaxSize = DefaultContainerLogMaxSize
	}
	if p.MaxFiles < 2 {
		p.MaxFiles = DefaultContainerLogMaxFiles
	}
	if p.MonitorInterval <= 0 {
		p.MonitorInterval = DefaultContainerLogMonitor
	}
	return p
}

// LogFile is one file of a container's log on the store's disk.
type LogFile struct {
	// Path is where the kubelet keeps it:
	// /var/log/pods/NAMESPACE_POD_UID/CONTAINER/RESTARTS.log, and for a
	// rotated file the same with .YYYYMMDD-hhmmss (and .gz once
	// compressed) after it.
	Path string
	// Size is the file's size in bytes before compression.
	Size int64
	// Compressed says the file was gzipped by a later rotation.
	Compressed bool
}

// containerLog is a container's log as the store keeps it: the lines of
// the current file, which is all that `kubectl logs` reads, and the names
// and sizes of the rotated files, whose lines are gone from memory (a
// real node keeps them on disk, where nothing nucleus shows reads them).
type containerLog struct {
	text    []byte // the current file's lines, back to back
	lines   []logRecord
	size    int64 // the current file's size on disk
	tick    int64 // the last monitor tick applied, in MonitorIntervals since time zero
	rotated []LogFile
	written int64 // lines appended since the container started, rotated away or not
}

// logRecord is one line of the current file: the len bytes of text after
// the lines before it. It takes 16 bytes: a store keeps a record for every
// line of every container's current file.
type logRecord struct {
	at     sim.Time
	len    uint32
	stderr bool
}

// criLineSize returns the bytes a line takes in the file, in the CRI log
// format: "TIMESTAMP STREAM TAG TEXT\n", the timestamp in RFC 3339 with
// nanoseconds (trailing zeros dropped) and the tag F or P.
// Reference: containerd internal/cri/io/logger.go (redirectLogs); the CRI's
// log format (kubernetes/cri-api, "CRI container log format").
func criLineSize(at sim.Time, text string) int64 {
	ts := len("2006-01-02T15:04:05Z")
	if ns := at.Wall().Nanosecond(); ns != 0 {
		digits := 9
		for ns%10 == 0 {
			ns /= 10
			digits--
		}
		ts += 1 + digits
	}
	return int64(ts + len(" stdout F ") + len(text) + len("\n"))
}

// log appends a line to the container's log, rotating the current file
// first when the log manager would have.
func (c *container) log(stream, text string) { c.logAt(stream, text, c.e.loop.Now()) }

// logRepeat appends lines n times, repetition i period*i after the first.
func (c *container) logRepeat(lines []shell.TimedLine, n int, period time.Duration) {
	now := c.e.loop.Now()
	for i := 0; i < n; i++ {
		for _, l := range lines {
			c.logAt(l.Stream, l.Text, now.Add(l.After+time.Duration(i)*period))
		}
	}
}

// logAt appends a line written at now (which a busy process's line may
// put ahead of the clock, by the CPU it had used in its Run).
func (c *container) logAt(stream, text string, now sim.Time) {
	pol := c.e.cfg.Logs
	c.catchUpLogs(now)
	n := criLineSize(now, text)
	// A real node's file grows past MaxSize for as long as the writer
	// takes until the next check; nucleus does not let it grow past
	// twice MaxSize (the disk's speed, which bounds a real writer, is not
	// simulated).
	if c.logs.size > 0 && c.logs.size+n > containerLogHardMaxSizeRatio*pol.MaxSize {
		c.rotateLog(now)
	}
	// nucleus keeps at most 4 GiB of one line (no program it runs
	// writes such a line).
	text = text[:min(len(text), math.MaxUint32)]
	c.logs.text = append(c.logs.text, text...)
	c.logs.lines = append(c.logs.lines, logRecord{at: now, len: uint32(len(text)), stderr: stream == "stderr"})
	c.logs.size += n
	c.logs.written++
}

// catchUpLogs applies the log manager's checks that have come due by now:
// at each tick while the container runs, a current file of MaxSize or
// more is rotated. Nothing is written between two lines, so only the
// first tick after the last line can find the file over the size.
// Reference: pkg/kubelet/logs/container_log_manager.go (rotateLogs only
// looks at running containers; processContainer rotates a file whose
// size is at least MaxSize).
func (c *container) catchUpLogs(now sim.Time) {
	pol := c.e.cfg.Logs
	end := now
	if c.status.State == ContainerExited {
		end = c.status.FinishedAt
	} else if c.status.State != ContainerRunning {
		return
	}
	tick := int64(end.Duration() / pol.MonitorInterval)
	if tick <= c.logs.tick {
		return
	}
	first := c.logs.tick + 1
	c.logs.tick = tick
	if c.logs.size >= pol.MaxSize {
		c.rotateLog(sim.Time(time.Duration(first) * pol.MonitorInterval))
	}
}

// rotateLog rotates the current file at t as the kubelet does: rotated
// files beyond MaxFiles-2 are removed, oldest first; the rest are
// compressed; the current file becomes PATH.TIMESTAMP, uncompressed, and
// the runtime reopens an empty current file.
// Reference: pkg/kubelet/logs/container_log_manager.go (rotateLog,
// removeExcessLogs, compressLog, rotateLatestLog).
func (c *container) rotateLog(t sim.Time) {
	pol := c.e.cfg.Logs
	l := &c.logs
	if keep := pol.MaxFiles - 2; len(l.rotated) > keep {
		l.rotated = slices.Delete(l.rotated, 0, len(l.rotated)-keep)
	}
	for i := range l.rotated {
		if !l.rotated[i].Compressed {
			l.rotated[i].Path += ".gz"
			l.rotated[i].Compressed = true
		}
	}
	// Compressing X when an older X.gz exists (two rotations in one
	// second) writes the new X.gz over the old one.
	for i := len(l.rotated) - 2; i >= 0; i-- {
		if l.rotated[i].Path == l.rotated[i+1].Path {
			l.rotated = slices.Delete(l.rotated, i, i+1)
		}
	}
	l.rotated = append(l.rotated, LogFile{Path: c.logPath() + "." + t.Wall().Format("20060102-150405"), Size: l.size})
	slices.SortStableFunc(l.rotated, func(a, b LogFile) int { return cmp.Compare(a.Path, b.Path) })
	l.text, l.lines, l.size = l.text[:0], l.lines[:0], 0
}

// logPath returns the current log file's path, as the kubelet names it.
// Reference: pkg/kubelet/kuberuntime/helpers.go (BuildContainerLogsDirectory,
// buildContainerLogsPath: RESTARTS.log).
func (c *container) logPath() string {
	sb := c.sandbox.status.Config
	return fmt.Sprintf("/var/log/pods/%s_%s_%s/%s/%d.log", sb.Namespace, sb.Name, sb.UID, c.status.Name, c.status.RestartCount)
}

// all returns the current file's lines written by now (a busy process's
// Run may have written some ahead of the clock).
func (l *containerLog) all(now sim.Time) []LogLine {
	n, _ := slices.BinarySearchFunc(l.lines, now, func(r logRecord, t sim.Time) int {
		if r.at > t {
			return 1
		}
		return -1
	})
	out := make([]LogLine, n)
	text := string(l.text)
	start := 0
	for i, r := range l.lines[:n] {
		stream := "stdout"
		if r.stderr {
			stream = "stderr"
		}
		end := start + int(r.len)
		out[i] = LogLine{Time: r.at, Stream: stream, Text: text[start:end]}
		start = end
	}
	return out
}

// LogUsage returns the bytes a container's log files take on the store's
// disk, the rotated ones and the current one, as the runtime's stats
// report a container's logs (the kubelet counts them in the pod's
// ephemeral storage); zero for a missing container. nucleus keeps no
// compressed bytes: a rotated file counts at the size it had before
// compression.
func (e *Engine) LogUsage(id string) int64 {
	c, ok := e.containers[id]
	if !ok {
		return 0
	}
	c.catchUpLogs(e.loop.Now())
	n := c.logs.size
	for _, f := range c.logs.rotated {
		n += f.Size
	}
	return n
}

// LogFiles returns the files of a container's log on the store's disk,
// oldest first, the current file last.
func (e *Engine) LogFiles(id string) ([]LogFile, error) {
	c, ok := e.containers[id]
	if !ok {
		return nil, &NotFoundError{"container", id}
	}
	c.catchUpLogs(e.loop.Now())
	return append(slices.Clone(c.logs.rotated), LogFile{Path: c.logPath(), Size: c.logs.size}), nil
}
