package runtime

// The pod's memory cgroup. A pod with a pod-level memory limit
// (spec.resources.limits.memory) has one budget its containers share: the
// kernel counts the memory of all of them against the pod's cgroup, and
// when their total passes the limit its OOM killer kills a process inside
// it, the one using the most memory. In the store's words: a team that
// spends past its shared budget loses the job that spends the most.
// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/
// ("both containers together won't be able to use more resources than
// specified in the pod-level limits").

// scheduleOOM schedules the pod cgroup's OOM kill for the instant the
// running containers' total use (their programs' memory plus what they
// hold) passes the sandbox's MemoryLimit, or kills now if it already has.
// A sandbox without a limit has nothing to watch.
func (sb *sandbox) scheduleOOM() {
	limit := sb.status.Config.MemoryLimit
	if limit <= 0 {
		return
	}
	e := sb.e
	e.loop.Cancel(sb.oom)
	now := e.loop.Now()
	total := memoryUse{since: now}
	var held int64
	for _, c := range sb.containers {
		if c.status.State != ContainerRunning {
			continue
		}
		total.bytes += c.mem.at(now)
		total.perSecond += c.mem.perSecond
		held += c.held
	}
	d, ok := total.crossing(limit - held)
	switch {
	case !ok:
	case d == 0:
		sb.oomKill()
	default:
		sb.oom = e.loop.After(d, sb.oomKill)
	}
}

// oomKill kills the running container that uses the most memory (the
// first created among equals) with exit code 137, reason OOMKilled, and
// watches the rest. Containers may have exited or changed their use since
// the kill was scheduled: scheduleOOM checks again first.
func (sb *sandbox) oomKill() {
	now := sb.e.loop.Now()
	var biggest *container
	var total, most int64
	for _, c := range sb.containers {
		if c.status.State != ContainerRunning {
			continue
		}
		use := c.mem.at(now) + c.held
		total += use
		if biggest == nil || use > most {
			biggest, most = c, use
		}
	}
	if biggest != nil && total > sb.status.Config.MemoryLimit {
		biggest.exit(137, true)
	}
	sb.scheduleOOM()
}
