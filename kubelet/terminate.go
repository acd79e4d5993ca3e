package kubelet

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// gracePeriod is how long the pod's containers get to stop: the deletion's
// grace period if head office gave one, else the pod's
// terminationGracePeriodSeconds, and never less than two seconds.
// Reference: kubelet.md §6.2 (killContainer: setTerminationGracePeriod and
// the minimumGracePeriodInSeconds floor).
func gracePeriod(w *worker) time.Duration {
	p := w.pod
	var secs int64 = 2
	switch {
	case p.DeletionGracePeriodSeconds != nil:
		secs = *p.DeletionGracePeriodSeconds
	case p.Spec.TerminationGracePeriodSeconds != nil:
		secs = *p.Spec.TerminationGracePeriodSeconds
	}
	return max(time.Duration(secs)*time.Second, minimumGracePeriod)
}

// terminate stops every running container of the pod, each with the grace
// period, then the sandbox; a deleted pod is then removed from head office.
func (k *Kubelet) terminate(w *worker, done func(*worker)) {
	deleting := w.removed || w.pod.DeletionTimestamp != nil
	// No liveness kills while the pod winds down.
	// Reference: kubelet.md §4.2 step 6.
	k.probes.StopLivenessAndStartup(string(w.pod.UID))
	if w.state == syncing {
		w.state = terminating
		if deleting {
			grace := gracePeriod(w)
			k.podChange(w, "Terminating", fmt.Sprintf("Pod is terminating with a grace period of %s", grace), sim.Facts{Duration: grace})
		}
	}
	ps := k.runtimeStatus(w)
	var running []runtime.ContainerStatus
	for _, c := range ps.containers {
		if c.State == runtime.ContainerRunning {
			running = append(running, c)
		}
	}
	remaining := len(running)
	finish := func() {
		if w.sandboxID != "" {
			_ = k.rt.StopPodSandbox(w.sandboxID)
		}
		w.state = terminated
		k.updateStatus(w, k.runtimeStatus(w))
		if deleting && !w.removed {
			_ = k.api.DeletePod(w.pod.Namespace, w.pod.Name, ptr(int64(0)))
		}
		if w.removed {
			k.forget(w)
		}
		done(w)
	}
	if remaining == 0 {
		finish()
		return
	}
	grace := gracePeriod(w)
	// The kubelet stops all the pod's containers at once.
	for _, c := range running {
		if ref := k.specRef(w, c.Name); ref != nil {
			k.podEvent(w, ref, sim.Normal, "Killing", "Stopping container "+c.Name, sim.Facts{Duration: grace})
		}
	}
	for _, c := range running {
		_ = k.rt.StopContainer(c.ID, grace, func() {
			// Report each container as it stops, as the relist would.
			k.updateStatus(w, k.runtimeStatus(w))
			remaining--
			if remaining == 0 {
				finish()
			}
		})
	}
}

// forget drops a pod the store no longer has to know about.
func (k *Kubelet) forget(w *worker) {
	if w.sandboxID != "" {
		_ = k.rt.RemovePodSandbox(w.sandboxID)
	}
	k.loop.Cancel(w.retry)
	k.loop.Cancel(w.resync)
	k.probes.RemovePod(string(w.pod.UID))
	delete(k.workers, w.pod.UID)
	k.podChange(w, "Deleted", "Pod removed from head office", sim.Facts{})
}

// specRef finds a container of the pod by name.
func (k *Kubelet) specRef(w *worker, name string) *containerRef {
	for i := range w.pod.Spec.Containers {
		if w.pod.Spec.Containers[i].Name == name {
			return &containerRef{spec: &w.pod.Spec.Containers[i]}
		}
	}
	for i := range w.pod.Spec.InitContainers {
		if w.pod.Spec.InitContainers[i].Name == name {
			return &containerRef{spec: &w.pod.Spec.InitContainers[i], init: true}
		}
	}
	return nil
}

func ptr[T any](v T) *T { return &v }
