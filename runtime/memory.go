package runtime

import (
	"math/bits"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// memoryUse is a container's memory use: bytes at since, growing by
// perSecond bytes every second after it.
type memoryUse struct {
	bytes, perSecond int64
	since            sim.Time
}

// at returns the use at time t (never below zero).
func (m memoryUse) at(t sim.Time) int64 {
	if m.perSecond == 0 || t <= m.since {
		return m.bytes
	}
	rate := m.perSecond
	neg := rate < 0
	if neg {
		rate = -rate
	}
	hi, lo := bits.Mul64(uint64(rate), uint64(t.Sub(m.since)))
	if hi >= uint64(time.Second) {
		if neg {
			return 0
		}
		return 1<<63 - 1
	}
	q, _ := bits.Div64(hi, lo, uint64(time.Second))
	grow := int64(min(q, 1<<62))
	if neg {
		return max(m.bytes-grow, 0)
	}
	return m.bytes + min(grow, 1<<62)
}

// crossing returns how long after since the use first goes over limit,
// and false if it never does.
func (m memoryUse) crossing(limit int64) (time.Duration, bool) {
	if m.bytes > limit {
		return 0, true
	}
	if m.perSecond <= 0 {
		return 0, false
	}
	// Over the limit once perSecond*d/1s > limit-bytes, i.e. at
	// d = floor((limit-bytes)*1s/perSecond) + 1ns.
	hi, lo := bits.Mul64(uint64(limit-m.bytes), uint64(time.Second))
	if hi >= uint64(m.perSecond) {
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, uint64(m.perSecond))
	if q >= uint64(forever) {
		return 0, false
	}
	return time.Duration(q) + 1, true
}

// setMemory sets a running container's memory use and schedules the OOM
// kill for the instant it goes over the container's limit.
// Reference: proxy-and-runtime.md B4 (OOMKilled comes from the runtime's OOM
// event; 137 = 128+SIGKILL).
func (c *container) setMemory(bytes, perSecond int64) {
	if c.status.State != ContainerRunning {
		return
	}
	c.mem = memoryUse{bytes: max(bytes, 0), perSecond: perSecond, since: c.e.loop.Now()}
	c.scheduleOOM()
}

// scheduleOOM schedules the OOM kill for the instant the container's use
// (its program's memory plus what its programs hold) goes over its limit,
// or kills it now if it already has.
func (c *container) scheduleOOM() {
	e := c.e
	e.loop.Cancel(c.oom)
	c.sandbox.scheduleOOM()
	limit := c.status.Resources.MemoryLimit
	if limit <= 0 {
		return
	}
	d, ok := c.mem.crossing(limit - c.held)
	switch {
	case !ok:
	case d == 0:
		c.exit(137, true)
	default:
		c.oom = e.loop.After(d, func() { c.exit(137, true) })
	}
}

// MemoryUsage returns the bytes of memory a container uses now: zero for a
// container that is not running or does not exist.
func (e *Engine) MemoryUsage(id string) int64 {
	c, ok := e.containers[id]
	if !ok {
		return 0
	}
	return c.workingSet(e.loop.Now())
}

// workingSet returns the bytes the container uses at now: none once it
// is not running.
func (c *container) workingSet(now sim.Time) int64 {
	if c.status.State != ContainerRunning {
		return 0
	}
	return c.mem.at(now) + c.held
}

// UseMemory sets a running container's memory use to bytes now, as a
// program that allocates or frees memory does. Over the container's
// memory limit, the container is OOM-killed at once (exit code 137, reason
// OOMKilled). A missing container is an error; one that is not running is
// left alone.
func (e *Engine) UseMemory(id string, bytes int64) error {
	c, ok := e.containers[id]
	if !ok {
		return &NotFoundError{"container", id}
	}
	c.setMemory(bytes, 0)
	return nil
}

// DefaultMaxHeld is how much a container's programs may hold (variables,
// files written) when the engine's Config names no other bound.
const DefaultMaxHeld = 256 << 20

// DefaultStoreMemory is the memory of a store whose Config names none: 8
// GiB, the kubelet package's default capacity.
const DefaultStoreMemory = 8 << 30

// charge counts n more bytes that the container's programs hold (n < 0
// gives bytes back): a shell's variables, the files they write. It reports
// false when the bytes do not fit: over the container's memory limit, or,
// for a container without one, over what is left of the store's memory.
// The container is then OOM-killed at once (exit code 137, reason
// OOMKilled), before anything is allocated, and the caller must stop.
// Reference: proxy-and-runtime.md B4 (OOMKilled comes from the runtime's
// OOM event); kubelet.md §9.4 (a container without a limit is bounded only
// by the node: the pods' cgroup is as large as the node's memory).
func (c *container) charge(n int64) bool {
	if c.status.State != ContainerRunning {
		return n <= 0
	}
	if n <= 0 {
		c.held = max(c.held+n, 0)
		return true
	}
	if n > c.room() {
		c.exit(137, true)
		return false
	}
	c.held += n
	if c.mem.perSecond > 0 {
		c.scheduleOOM()
	} else {
		c.sandbox.scheduleOOM()
	}
	return c.status.State == ContainerRunning
}

// room returns how many more bytes the container's programs may hold
// now (see charge).
func (c *container) room() int64 {
	if c.status.State != ContainerRunning {
		return 0
	}
	now := c.e.loop.Now()
	limit := c.status.Resources.MemoryLimit
	room := limit - c.mem.at(now) - c.held
	if limit <= 0 {
		room = c.e.storeMemoryLeft(now)
	}
	// nucleus keeps what a program holds in its own memory: past
	// MaxHeld it ends the container as its limit would.
	return min(room, c.e.cfg.MaxHeld-c.held)
}

// storeMemoryLeft returns the store's memory less what every running
// container uses at now.
func (e *Engine) storeMemoryLeft(now sim.Time) int64 {
	left := e.cfg.Memory
	for _, c := range e.containers {
		if c.status.State == ContainerRunning {
			left -= c.mem.at(now) + c.held
		}
	}
	return left
}
