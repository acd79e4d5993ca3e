package runtime

import (
	"strings"

	"github.com/nodenucleus/nucleus/runtime/shell"
)

// appendFile returns old with content appended, for the file at p. A file
// that a program keeps appending to (`echo line >> /tmp/log` in a loop)
// grows in place, in a builder of its own, so that each append costs the
// bytes it adds, not a copy of the whole file.
func (c *container) appendFile(p, old, content string) string {
	if c.appends == nil {
		c.appends = map[string]*strings.Builder{}
	}
	b, ok := c.appends[p]
	if !ok || b.Len() != len(old) || b.String() != old {
		// A new file, or one written some other way since: start again
		// from what it holds.
		b = &strings.Builder{}
		b.WriteString(old)
		c.appends[p] = b
	}
	b.WriteString(content)
	return b.String()
}

// forgetFile drops the builder of a file that is removed or truncated.
func (c *container) forgetFile(p string) {
	delete(c.appends, p)
}

// run is the end of a file that a loop fast-forwarded: the same bytes
// appended count times. A file with a run holds, in its map, only what
// lies before the run, so a loop that appends a line a turn for a
// virtual hour (`while true; do echo x >> /tmp/f; done`) keeps its file
// in a few bytes; reading the file spells it out.
type run struct {
	unit  string
	count int64
}

// runAfter is how big a file grows by appends before the same bytes
// appended again make its end a run (see Host.WriteFile): a loop that
// appends the same chunk a turn, and sleeps between turns so that no turn
// repeats the one before (`while :; do cat /tmp/chunk >> /data/f; sleep
// 1; done`), keeps its file in two chunks' bytes however big it grows.
const runAfter = 64 << 10

// runs are the runs of the files of one file system (a container's own
// files, or a volume's), by key.
type runs map[string]*run

// size returns the bytes the run at k adds to its file.
func (r runs) size(k string) int64 {
	if x := r[k]; x != nil {
		return int64(len(x.unit)) * x.count
	}
	return 0
}

// spell returns the whole content of the file at k whose map holds head.
func (r runs) spell(k, head string) string {
	x := r[k]
	if x == nil {
		return head
	}
	return head + strings.Repeat(x.unit, int(x.count))
}

// settle writes the run of the file at k into fs and forgets it: the file
// is about to change some other way than by its run.
func (r runs) settle(fs map[string]string, k string) {
	if r[k] == nil {
		return
	}
	fs[k] = r.spell(k, fs[k])
	delete(r, k)
}

// AppendRoom returns how many of n appends of s to the file at p would
// fit (shell.AppendHost): all of them, but for the container's memory
// when the file counts against it, and the room on its disk (a claim's
// capacity, the store's disk).
func (h *Host) AppendRoom(p, s string, n int) int {
	p = clean(p)
	pl := h.resolveToWrite(p)
	if len(s) == 0 || n <= 0 {
		return max(n, 0)
	}
	room := int64(n)
	if pl.chargeable() {
		room = min(room, max(h.c.room(), 0)/int64(len(s)))
	}
	if disk := h.c.diskRoom(pl); disk >= 0 {
		room = min(room, disk/int64(len(s)))
	}
	return int(room)
}

// AppendRepeat appends s to the file at p n times, as n appends would
// (shell.AppendHost), in constant memory: the file keeps a run of s.
func (h *Host) AppendRepeat(p, s string, n int) error {
	p = clean(p)
	if n <= 0 || s == "" {
		return nil
	}
	if n == 1 {
		return h.WriteFile(p, s, true)
	}
	pl := h.resolveToWrite(p)
	if err := h.writable(pl); err != nil {
		return err
	}
	if _, ok := pl.fs[pl.key]; !ok {
		// A file that is not there yet is made by the first append.
		if err := h.WriteFile(p, s, true); err != nil {
			return err
		}
		n--
	}
	grow := int64(len(s)) * int64(n)
	if !h.c.fits(pl, grow) {
		return shell.ErrNoSpace
	}
	if pl.chargeable() && !h.c.charge(grow) {
		return shell.ErrOutOfMemory
	}
	h.c.layer(pl, grow)
	h.c.forgetFile(p)
	if x := pl.runs[pl.key]; x != nil && x.unit == s {
		x.count += int64(n)
		return nil
	}
	pl.runs.settle(pl.fs, pl.key)
	pl.runs[pl.key] = &run{unit: s, count: int64(n)}
	return nil
}

// layer counts n more bytes (n < 0: fewer) written to the container's
// writable layer when pl lies there: its share of the store's ephemeral
// storage, which the kubelet holds against the container's limit.
func (c *container) layer(pl place, n int64) {
	if pl.mount == nil {
		c.rootfs = max(c.rootfs+n, 0)
	}
}

// RootfsUsage returns the bytes a container's programs have written to its
// writable layer (the image's own files not counted), as the runtime's
// container stats report the rootfs's used bytes; zero for a missing
// container.
func (e *Engine) RootfsUsage(id string) int64 {
	if c, ok := e.containers[id]; ok {
		return c.rootfs
	}
	return 0
}

// SetDiskFree tells the engine how to learn the bytes still free on the
// store's disk (the kubelet's nodefs: capacity less what images, writable
// layers, logs and emptyDirs hold); nil, or a free below zero, is a disk
// without a limit. A write to a container's writable layer or to a volume
// on the store's disk (Volume.NodeDisk) that does not fit fails as
// write(2) fails with ENOSPC: "No space left on device".
// Reference: https://man7.org/linux/man-pages/man2/write.2.html (ENOSPC:
// the device containing the file has no room for the data).
func (e *Engine) SetDiskFree(free func() int64) { e.diskFree = free }

// diskRoom returns how many bytes more the file at pl may grow by before its
// disk is full: a claim's capacity, the store's disk; -1 for no limit.
func (c *container) diskRoom(pl place) int64 {
	room := int64(-1)
	if v := pl.volume(); v != nil && v.Capacity > 0 {
		room = max(v.Capacity-v.Usage(), 0)
	}
	if c.e.diskFree != nil && pl.onNodeDisk() {
		if free := c.e.diskFree(); free >= 0 && (room < 0 || free < room) {
			room = free
		}
	}
	return room
}

// fits reports whether the file at pl may grow by n bytes.
func (c *container) fits(pl place, n int64) bool {
	if n <= 0 {
		return true
	}
	room := c.diskRoom(pl)
	return room < 0 || n <= room
}
