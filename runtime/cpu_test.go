package runtime

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/nodenucleus/nucleus/sim"
)

// Reference: kernel Documentation/scheduler/sched-bwc.rst (a group gets
// cpu.cfs_quota_us of runtime every cpu.cfs_period_us, 100 ms by default,
// and is throttled when it is spent) and pkg/kubelet/kuberuntime
// helpers_linux.go milliCPUToQuota (quota = limit × period / 1000, at
// least 1 ms; the kubelet's cpuCFSQuota is on by default).
func TestCFSQuotaThrottles(t *testing.T) {
	assert.Equal(t, 10*time.Millisecond, CFSQuota(100), "100m")
	assert.Equal(t, 50*time.Millisecond, CFSQuota(500), "500m")
	assert.Equal(t, 200*time.Millisecond, CFSQuota(2000), "2 CPUs")
	assert.Equal(t, time.Millisecond, CFSQuota(1), "1m: the 1 ms minimum")
	assert.Zero(t, CFSQuota(0), "no limit")

	a := newCPUAccount(0, CFSQuota(100))
	// 40 ms of work at 10 ms per 100 ms period: 10 in each of periods 0-3.
	end := a.serve(0, 40*time.Millisecond)
	assert.Equal(t, sim.Time(310*time.Millisecond), end, "40ms of CPU at 100m ends in the fourth period")
	assert.Equal(t, 40*time.Millisecond, a.usage)
	assert.Equal(t, 25*time.Millisecond, a.usageAt(sim.Time(205*time.Millisecond)), "usage part-way")

	free := newCPUAccount(0, 0)
	assert.Equal(t, sim.Time(40*time.Millisecond), free.serve(0, 40*time.Millisecond), "no limit: one CPU")
	assert.Equal(t, time.Second, free.budget(0, sim.Time(time.Second)))

	b := newCPUAccount(0, CFSQuota(100))
	assert.Equal(t, 40*time.Millisecond, b.budget(sim.Time(50*time.Millisecond), sim.Time(350*time.Millisecond)), "the quota of periods 0 to 3, from the middle of 0")
	b.charge(0, 15*time.Millisecond) // overdrawn by 5 ms
	assert.Equal(t, sim.Time(100*time.Millisecond), b.runnableAt(sim.Time(time.Millisecond)), "throttled until the next period")
	assert.Equal(t, 5*time.Millisecond, b.budget(sim.Time(100*time.Millisecond), sim.Time(200*time.Millisecond)), "the debt is paid from the next period's quota")
}

// busyScript is a loop that reads its counter in its test, so every turn
// runs: i=0, 100,000 turns of 3 steps, a last test and the echo, and the
// echo's write (5 steps): 300,008
// µs of CPU.
const busyScript = "i=0; while [ $i -lt 100000 ]; do i=$((i+1)); done; echo done $i"

// A busy program advances the clock by the CPU it uses: 300 ms of work
// ends 300 ms after it started, and the container's stats say so.
func TestBusyProgramTakesItsCPUTime(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "busy", Image: "busybox:1.36", Command: []string{"sh", "-c", busyScript}})
	s.runFor(time.Second)
	st := s.status(id)
	assert.Equal(t, ContainerExited, st.State)
	assert.Equal(t, 300008*time.Microsecond, st.FinishedAt.Sub(st.StartedAt), "the run took its CPU time")
	stats, err := s.e.ContainerStats(id)
	assert.NoError(t, err)
	assert.Equal(t, uint64(300008*time.Microsecond), stats.UsageCoreNanoSeconds)
}

// Reference: sched-bwc.rst and milliCPUToQuota (see TestCFSQuotaThrottles):
// limits.cpu 100m is 10 ms of runtime every 100 ms period, so 300 ms of
// work takes 30 periods: ten times as long as on a free CPU.
func TestCPULimitThrottlesByTheCFSRatio(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "busy", Image: "busybox:1.36", Command: []string{"sh", "-c", busyScript}, CPUQuota: CFSQuota(100)})
	s.runFor(1500 * time.Millisecond)
	mid, err := s.e.ContainerStats(id)
	assert.NoError(t, err)
	assert.Equal(t, ContainerRunning, s.status(id).State, "still at work after 1.5s")
	assert.Equal(t, uint64(150*time.Millisecond), mid.UsageCoreNanoSeconds, "10 ms in each of 15 periods")
	s.runFor(2 * time.Second)
	st := s.status(id)
	assert.Equal(t, ContainerExited, st.State)
	// The last Run, 3 µs (less than shell.Instant) ending in the exit,
	// happens at the instant the 31st period starts.
	assert.Equal(t, 3*time.Second, st.FinishedAt.Sub(st.StartedAt), "30 periods")
	end, _ := s.e.ContainerStats(id)
	assert.Equal(t, uint64(300008*time.Microsecond), end.UsageCoreNanoSeconds)
}

// A loop that never ends keeps one CPU busy: its usage grows by a second
// every second, and a million steps a second cost the simulator little.
func TestSpinningContainerUsesOneCPU(t *testing.T) {
	s := newStore(t)
	id := s.run(ContainerConfig{Name: "spin", Image: "busybox:1.36", Command: []string{"sh", "-c", "while true; do :; done"}})
	s.runFor(10 * time.Second)
	st, err := s.e.ContainerStats(id)
	assert.NoError(t, err)
	assert.Equal(t, ContainerRunning, s.status(id).State)
	assert.Equal(t, uint64(10*time.Second), st.UsageCoreNanoSeconds)
	assert.Equal(t, s.loop.Now(), st.Timestamp)

	lim := s.run(ContainerConfig{Name: "slow", Image: "busybox:1.36", Command: []string{"sh", "-c", "while true; do :; done"}, CPUQuota: CFSQuota(250)})
	s.runFor(10 * time.Second)
	st, _ = s.e.ContainerStats(lim)
	assert.Equal(t, uint64(2500*time.Millisecond), st.UsageCoreNanoSeconds, "250m: a quarter of a CPU")
}
