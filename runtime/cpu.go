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
//
// Under a pod-level CPU limit the container's cgroup sits in its pod's,
// whose quota all the pod's containers share: the kernel's CFS hierarchy
// lets a process run only while its own group and its pod's both have
// runtime left, and charges what it runs to both. So two busy containers
// under a pod limit of one CPU get one CPU between them, each throttled
// once the pod's runtime for the period is spent. In the store's words:
// a team shares one budget of hours, however many jobs it does.
// Reference: kernel Documentation/scheduler/sched-bwc.rst (hierarchical
// bandwidth: a group is throttled when its own quota or a parent's is
// spent) and https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/.
type cpuAccount struct {
	cfs
	pod   *cfs          // the pod's cgroup (its sandbox's); nil or no quota: no pod limit
	usage time.Duration // CPU used, all processes, since the start
	// backlog is request work queued and not yet served by drained
	// (see Host.ServeCPU).
	backlog time.Duration
	drained sim.Time
	// last is the most recent stretch of CPU served over time; usage
	// counts it in full, usageAt only as much as was served by then.
	last struct {
		from, to   sim.Time
		amount     time.Duration
		state, pod cfs // before it
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

// bandwidthSlice is how much of a group's runtime a CPU takes at a time
// (sched_cfs_bandwidth_slice_us, 5 ms by default).
const bandwidthSlice = 5 * time.Millisecond

// shared reports whether the container runs under its pod's quota, which
// its processes take a bandwidthSlice at a time, as the kernel's CPUs
// do: a process given more at once would keep it from the pod's other
// containers, which share it.
func (a *cpuAccount) shared() bool { return a.pod != nil && a.pod.quota > 0 }

// levels returns the bandwidths a container's processes run under, as
// copies that a look ahead may spend: its own and its pod's.
func (a *cpuAccount) levels() (own, pod cfs) {
	if a.pod != nil {
		pod = *a.pod
	}
	return a.cfs, pod
}

// left refills own and pod (nil for none) to the period of t and returns
// the runtime a process may use from t, the least either has left, and
// when the nearer of their periods ends; limited is false when neither
// has a quota.
func left(t sim.Time, own, pod *cfs) (run time.Duration, end sim.Time, limited bool) {
	for _, g := range [2]*cfs{own, pod} {
		if g == nil || g.quota == 0 {
			continue
		}
		g.refill(t)
		if e := g.periodEnd(); limited {
			run, end = min(run, g.runtime), min(end, e)
		} else {
			run, end, limited = g.runtime, e, true
		}
	}
	return run, end, limited
}

// spend takes d of runtime from own and pod, the groups that have a quota.
func spend(d time.Duration, own, pod *cfs) {
	for _, g := range [2]*cfs{own, pod} {
		if g != nil && g.quota != 0 {
			g.runtime -= d
		}
	}
}

// runnableAt returns the first instant from t at which the container has
// runtime left, its own and its pod's: t itself unless it is throttled.
func (a *cpuAccount) runnableAt(t sim.Time) sim.Time {
	own, pod := a.levels()
	for {
		run, end, limited := left(t, &own, &pod)
		if !limited || run > 0 {
			return t
		}
		t = end
	}
}

// budget returns the CPU the container may use from t until end.
func (a *cpuAccount) budget(t, end sim.Time) time.Duration {
	own, pod := a.levels()
	return budget(t, end, &own, &pod)
}

// budget returns the CPU a process under own and pod may use from t
// until end, spending it from them.
func budget(t, end sim.Time, own, pod *cfs) time.Duration {
	var total time.Duration
	for t < end {
		run, pe, limited := left(t, own, pod)
		if !limited {
			return total + end.Sub(t)
		}
		next := min(pe, end)
		use := max(min(run, next.Sub(t)), 0)
		total += use
		spend(use, own, pod)
		t = next
	}
	return total
}

// serve charges u of CPU used from t on and returns when it was done: u
// later without a quota; later still when the quota (the container's or
// its pod's) runs out on the way and the process waits, throttled, for
// the next periods.
func (a *cpuAccount) serve(t sim.Time, u time.Duration) sim.Time {
	before, podBefore := a.levels()
	start := t
	a.usage += u
	for rest := u; rest > 0; {
		run, end, limited := left(t, &a.cfs, a.pod)
		if !limited {
			t = t.Add(rest)
			break
		}
		if run <= 0 {
			t = end
			continue
		}
		run = min(rest, run, end.Sub(t))
		t, rest = t.Add(run), rest-run
		spend(run, &a.cfs, a.pod)
	}
	a.last.from, a.last.to, a.last.amount = start, t, u
	a.last.state, a.last.pod = before, podBefore
	return t
}

// charge counts u of CPU used at the instant t: it takes runtime, the
// container's and its pod's, but the clock does not move for it.
func (a *cpuAccount) charge(t sim.Time, u time.Duration) {
	if u <= 0 {
		return
	}
	left(t, &a.cfs, a.pod)
	spend(u, &a.cfs, a.pod)
	a.usage += u
}

// usageAt returns the CPU used by t, counting of the last stretch served
// only what was served by t.
func (a *cpuAccount) usageAt(t sim.Time) time.Duration {
	if t >= a.last.to || a.last.amount == 0 {
		return a.usage
	}
	own, pod := a.last.state, a.last.pod
	done := budget(a.last.from, max(t, a.last.from), &own, &pod)
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
