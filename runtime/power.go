package runtime

// PowerOff is what a store losing power does to its runtime: every running
// process stops where it is. The runtime's records survive on disk, so
// after the power comes back each container that was running is reported
// EXITED with exit code 255 and reason Unknown, and every sandbox is
// NOT_READY (its network is gone and its address is free again): the
// kubelet then re-creates the sandboxes and restarts the containers, as
// after a real reboot. Images stay on the store. Callbacks waiting for a
// stop (StopContainer's done) are dropped with the processes.
func (e *Engine) PowerOff() {
	for _, sb := range e.ListPodSandbox() {
		s := e.sandboxes[sb.ID]
		for _, c := range s.containers {
			if c.status.State != ContainerRunning {
				continue
			}
			c.onExit = nil
			c.exit(255, false)
			c.status.Reason = "Unknown"
		}
		s.status.State = SandboxNotReady
		if !s.stopped {
			s.stopped = true
			e.ipam.release(s.status.IP)
		}
		s.changed()
	}
}
