package runtime

import "github.com/nodenucleus/nucleus/sim"

// ContainerStatus reports a container; a missing one is an error.
func (e *Engine) ContainerStatus(id string) (ContainerStatus, error) {
	c, ok := e.containers[id]
	if !ok {
		return ContainerStatus{}, &NotFoundError{"container", id}
	}
	return c.status, nil
}

// ListContainers returns the containers of a sandbox, oldest first; with
// an empty sandboxID, every container on the store.
func (e *Engine) ListContainers(sandboxID string) []ContainerStatus {
	var out []ContainerStatus
	if sandboxID != "" {
		for _, c := range e.containersOf(sandboxID) {
			out = append(out, c.status)
		}
		return out
	}
	for _, sb := range e.ListPodSandbox() {
		for _, c := range e.containersOf(sb.ID) {
			out = append(out, c.status)
		}
	}
	return out
}

// Logs returns the lines of a container's current log file: what
// `kubectl logs` shows, the lines before the last rotation being in
// rotated files that it does not read (see LogFiles).
// Reference: kubernetes/website content/en/docs/concepts/cluster-administration/logging.md
// ("Only the contents of the latest log file are available through
// kubectl logs"); pkg/kubelet/kuberuntime/logs/logs.go (ReadLogs opens the
// container's log path only).
func (e *Engine) Logs(id string) ([]LogLine, error) {
	c, ok := e.containers[id]
	if !ok {
		return nil, &NotFoundError{"container", id}
	}
	c.catchUpLogs(e.loop.Now())
	return c.logs.all(e.loop.Now()), nil
}

// ContainerStats is what the CRI's ContainerStats reports of a container
// at an instant: the CPU its processes have used since it started
// (cpuacct usage, in core-nanoseconds: one CPU busy for a second is 10⁹)
// and its memory working set. These are the figures the kubelet's
// summary API, metrics-server, `kubectl top` and an autoscaler are built
// on: the CPU rate is the difference of two samples over their interval.
type ContainerStats struct {
	ID                   string
	Timestamp            sim.Time
	UsageCoreNanoSeconds uint64
	WorkingSetBytes      uint64
}

// RunningContainerStats calls f with the figures now of every running
// container of every ready sandbox, with its pod's namespace and name and
// its own name, as the kubelet's summary API walks them: without a list,
// in no particular order (a caller that keeps the figures sorts them).
// It stops when f returns false.
func (e *Engine) RunningContainerStats(f func(namespace, pod, container string, st ContainerStats) bool) {
	now := e.loop.Now()
	for _, sb := range e.sandboxes {
		if sb.status.State != SandboxReady {
			continue
		}
		for _, c := range sb.containers {
			if c.status.State != ContainerRunning {
				continue
			}
			if !f(sb.status.Config.Namespace, sb.status.Config.Name, c.status.Name, c.stats(now)) {
				return
			}
		}
	}
}

// ContainerStats returns a container's CPU and memory figures now; a
// missing container is an error. An exited container keeps the CPU it
// used, and uses no memory.
func (e *Engine) ContainerStats(id string) (ContainerStats, error) {
	c, ok := e.containers[id]
	if !ok {
		return ContainerStats{}, &NotFoundError{"container", id}
	}
	return c.stats(e.loop.Now()), nil
}

// stats returns the container's figures at now.
func (c *container) stats(now sim.Time) ContainerStats {
	c.cpu.drain(now)
	return ContainerStats{
		ID: c.status.ID, Timestamp: now,
		UsageCoreNanoSeconds: uint64(max(c.cpu.usageAt(now), 0)),
		WorkingSetBytes:      uint64(c.workingSet(now)),
	}
}
