package runtime

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
	return c.logs.all(), nil
}
