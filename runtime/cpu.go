package runtime

import (
	"time"

	"github.com/nodenucleus/nucleus/runtime/shell"
	"github.com/nodenucleus/nucleus/sim"
)

// CFSPeriod is the period of CFS bandwidth control (cpu.cfs_period_us):
// 100 ms, the kernel's default and the kubelet's (cpuCFSQuotaPeriod).
const CFSPeriod = 100 * time.Millisecond

// minCFSQuota is the smallest quota the kubelet sets: 1 ms, the least the
// kernel accepts.
const minCFSQuota = time.Millisecond

// CFSQuota returns the CPU a container limited to milliCPU may use in each
// CFSPeriod, as the kubelet computes cpu.cfs_quota_us from limits.cpu
// (limit × period, at least 1 ms); zero for no limit.
func CFSQuota(milliCPU int64) time.Duration {
	if milliCPU <= 0 {
		return 0
	}
	if milliCPU >= int64(time.Hour/CFSPeriod)*1000 {
		return time.Hour // far beyond one CPU: no throttling
	}
	return max(time.Duration(milliCPU)*CFSPeriod/1000, minCFSQuota)
}

// How far a Run may go: a process runs until the next event anywhere in
// the simulation (nothing can change what it sees before then), but at
// least minWindow and at most maxWindow of virtual time.
const (
	minWindow = shell.Slice
	maxWindow = time.Second
)

// cfs is a cgroup's CFS bandwidth: quota of runtime every CFSPeriod.
type cfs struct {
	quota   time.Duration // per CFSPeriod; zero: no limit
	origin  sim.Time      // the start of period 0 (the container's start)
	index   int64         // the period runtime is for
	runtime time.Duration // left in that period; below zero when overdrawn
}

// cpuAccount is the CPU of one container: the cgroup's CFS bandwidth and
// the CPU its processes used. Without a quota a container has one CPU to
// itself: the store's CPU capacity is not shared between containers.
type cpuAccount struct {
	cfs
	usage time.Duration // CPU used, all processes, since the start
	// backlog is request work queued and not yet served by drained
	// (see Host.ServeCPU).
	backlog time.Duration
	drained sim.Time
	// last is the most recent stretch of CPU served over time; usage
	// counts it in full, usageAt only as much as was served by then.
	last struct {
		from, to sim.Time
		amount   time.Duration
		state    cfs // before it
	}
}

// newCPUAccount returns the account of a container started at t.
func newCPUAccount(t sim.Time, quota time.Duration) cpuAccount {
	return cpuAccount{cfs: cfs{quota: quota, origin: t, runtime: quota}}
}

// refill moves the account to the period of t: each period starts with
// quota of runtime, less what an earlier period overdrew.
func (a *cfs) refill(t sim.Time) {
	if a.quota == 0 {
		return
	}
	k := int64(t.Sub(a.origin) / CFSPeriod)
	if k <= a.index {
		return
	}
	if n := k - a.index; n > int64(time.Hour/a.quota) {
		a.runtime = a.quota
	} else {
		a.runtime = min(a.runtime+time.Duration(n)*a.quota, a.quota)
	}
	a.index = k
}

// periodEnd returns when the period of the account's index ends.
func (a *cfs) periodEnd() sim.Time {
	return a.origin.Add(time.Duration(a.index+1) * CFSPeriod)
}

// runnableAt returns the first instant from t at which the container has
// runtime left: t itself unless it is throttled.
func (a *cfs) runnableAt(t sim.Time) sim.Time {
	if a.quota == 0 {
		return t
	}
	b := *a
	b.refill(t)
	for b.runtime <= 0 {
		t = b.periodEnd()
		b.refill(t)
	}
	return t
}

// budget returns the CPU the container may use from t until end.
func (a *cfs) budget(t, end sim.Time) time.Duration {
	if a.quota == 0 {
		return end.Sub(t)
	}
	b := *a
	var total time.Duration
	for t < end {
		b.refill(t)
		next := min(b.periodEnd(), end)
		use := max(min(b.runtime, next.Sub(t)), 0)
		total += use
		b.runtime -= use
		t = next
	}
	return total
}

// serve charges u of CPU used from t on and returns when it was done: u
// later without a quota; later still when the quota runs out on the way
// and the process waits, throttled, for the next periods.
func (a *cpuAccount) serve(t sim.Time, u time.Duration) sim.Time {
	before, start := a.cfs, t
	a.usage += u
	if a.quota == 0 {
		t = t.Add(u)
	} else {
		for left := u; left > 0; {
			a.refill(t)
			end := a.periodEnd()
			if a.runtime <= 0 {
				t = end
				continue
			}
			run := min(left, a.runtime, end.Sub(t))
			t, left, a.runtime = t.Add(run), left-run, a.runtime-run
		}
	}
	a.last.from, a.last.to, a.last.amount, a.last.state = start, t, u, before
	return t
}

// charge counts u of CPU used at the instant t: it takes runtime, but the
// clock does not move for it.
func (a *cpuAccount) charge(t sim.Time, u time.Duration) {
	if u <= 0 {
		return
	}
	a.refill(t)
	a.runtime -= u
	a.usage += u
}

// usageAt returns the CPU used by t, counting of the last stretch served
// only what was served by t.
func (a *cpuAccount) usageAt(t sim.Time) time.Duration {
	if t >= a.last.to || a.last.amount == 0 {
		return a.usage
	}
	done := a.last.state.budget(a.last.from, max(t, a.last.from))
	return a.usage - a.last.amount + min(done, a.last.amount)
}

// budgeted is a process whose runs cost CPU: the engine says how much it
// may use before it is preempted. The shell is one; the images' own
// programs spend no CPU worth counting.
type budgeted interface{ SetBudget(time.Duration) }

// window returns the end of the stretch a process may run for from now
// without missing anything: the next event of the simulation, kept
// between minWindow and maxWindow from now.
func (e *Engine) window() sim.Time {
	now := e.loop.Now()
	end := now.Add(maxWindow)
	if next, ok := e.loop.Next(); ok && next < end {
		end = max(next, now.Add(minWindow))
	}
	return end
}

// cpuTimed applies the CPU a Run used to a container's account and returns
// when what the Run ended with happens: at once for less than
// shell.Instant, else once that CPU has been served (throttled by the
// quota).
func (a *cpuAccount) cpuTimed(now sim.Time, s shell.Step) sim.Time {
	if s.CPU < shell.Instant && (s.Exited || s.Sleep > 0) {
		a.charge(now, s.CPU)
		return now
	}
	return a.serve(now, s.CPU)
}
