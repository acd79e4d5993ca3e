package runtime

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/sim"
)

// ContainerResources are the limits a container runs under, as the CRI's
// ContainerResources report them: its memory limit (memory.max), its CPU
// quota per CFSPeriod (cpu.cfs_quota_us) and its cpu request (cpu.shares).
type ContainerResources struct {
	MemoryLimit int64         // bytes; 0 means no limit
	CPUQuota    time.Duration // per CFSPeriod; 0 means no limit
	CPURequest  int64         // millicores
}

// MilliCPULimit returns the CPU limit the quota stands for, in
// millicores, as the runtime reports a cgroup's quota back (quota ×
// 1000 / period); 0 for no limit.
func (r ContainerResources) MilliCPULimit() int64 {
	return int64(r.CPUQuota * 1000 / CFSPeriod)
}

// UpdateContainerResources changes the limits of a running container in
// place, as the CRI call of that name does: the new memory limit holds
// from now (a raised limit stops an OOM kill that the old one would have
// made; one below what the container uses now kills it at once, as the
// kernel does), and the new quota from the container's next stretch of
// CPU. The change is seen by the next relist. A container that is not
// running cannot be updated.
// Reference: CRI api.proto (UpdateContainerResources); the kernel's
// memory.max and cpu.max.
func (e *Engine) UpdateContainerResources(id string, r ContainerResources) error {
	c, ok := e.containers[id]
	if !ok {
		return &NotFoundError{"container", id}
	}
	if c.status.State != ContainerRunning {
		return fmt.Errorf("container %q is not running", id)
	}
	c.status.Resources = r
	c.cpu.setQuota(e.loop.Now(), r.CPUQuota)
	c.sandbox.changed()
	c.scheduleOOM()
	return nil
}

// setQuota gives the account a new quota from t: the period under way
// keeps what it has left, up to the new quota.
func (a *cfs) setQuota(t sim.Time, quota time.Duration) {
	switch {
	case quota == a.quota:
	case a.quota == 0 || quota == 0:
		// From no limit, or to none: the periods start afresh now.
		*a = cfs{quota: quota, origin: t, runtime: quota}
	default:
		a.refill(t)
		a.quota, a.runtime = quota, min(a.runtime, quota)
	}
}
