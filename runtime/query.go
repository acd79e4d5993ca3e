package runtime

import "slices"

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

// Logs returns a container's log lines.
func (e *Engine) Logs(id string) ([]LogLine, error) {
	c, ok := e.containers[id]
	if !ok {
		return nil, &NotFoundError{"container", id}
	}
	return slices.Clone(c.log), nil
}
