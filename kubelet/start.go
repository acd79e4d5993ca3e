package kubelet

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// startContainer is the kubelet's startContainer: back-off check, image,
// create, start. Whatever happens, next is called once it is over.
func (k *Kubelet) startContainer(w *worker, c containerRef, next func()) {
	ps := k.runtimeStatus(w)
	latest, _ := ps.newest(c.spec.Name)
	if k.inCrashLoopBackOff(w, c, latest) {
		next()
		return
	}
	k.ensureImage(w, c, func(ok bool) {
		if w.dead {
			return // the store lost power meanwhile: nobody carries on
		}
		if !ok || w.sandboxID == "" || w.pod.DeletionTimestamp != nil {
			next()
			return
		}
		if id := k.createAndStart(w, c, latest); id != "" {
			k.postStart(w, c, id, next)
			return
		}
		next()
	})
}

// backOffKey is the kubelet's stable key for a container's restart
// back-off: the pod and the container.
func backOffKey(p *corev1.Pod, c *corev1.Container) string {
	return string(p.UID) + "/" + c.Name + "/" + c.Image
}

// inCrashLoopBackOff is the kubelet's doBackOff: a container that has
// exited is restarted at once the first time, and after that only once its
// back-off (10s, 20s, 40s, ... 300s from when it last finished) has passed.
// Reference: kubelet.md §3.4 (kuberuntime_manager.go doBackOff).
func (k *Kubelet) inCrashLoopBackOff(w *worker, c containerRef, latest *runtime.ContainerStatus) bool {
	if latest == nil || latest.State != runtime.ContainerExited {
		return false
	}
	key := backOffKey(w.pod, c.spec)
	now := k.loop.Now()
	if k.crashBackOff.InBackOffSince(key, latest.FinishedAt, now) {
		delay := k.crashBackOff.Get(key)
		k.podEvent(w, &c, sim.Warning, "BackOff",
			fmt.Sprintf("Back-off restarting failed container %s in pod %s", c.spec.Name, podFullName(w.pod)),
			sim.Facts{Duration: delay})
		w.setReason(c.spec.Name, reason{"CrashLoopBackOff",
			fmt.Sprintf("back-off %s restarting failed container=%s pod=%s", delay, c.spec.Name, podFullName(w.pod))})
		// Try again the moment the back-off runs out.
		k.retryAt(w, latest.FinishedAt.Add(delay))
		return true
	}
	k.crashBackOff.Next(key, latest.FinishedAt, now)
	return false
}

// requeueAfterError schedules the next sync of a pod whose sync failed, as
// the pod worker does: after workerBackOffPeriod stretched by a random
// fraction of up to half of it (wait.Jitter), so between 10s and 15s. The
// draw is rounded to the millisecond, so that narration stays readable.
// Reference: pkg/kubelet/pod_workers.go (completeWork: a sync error that
// is not a BackoffError requeues at wait.Jitter(backOffPeriod,
// workerBackOffPeriodJitterFactor)); k8s.io/apimachinery/pkg/util/wait
// (Jitter).
func (k *Kubelet) requeueAfterError(w *worker) {
	d := workerBackOffPeriod + time.Duration(k.jitter.Float64()*workerBackOffPeriodJitterFactor*float64(workerBackOffPeriod))
	d = d.Round(time.Millisecond)
	k.retryAt(w, k.loop.Now().Add(d))
}

// retryAt schedules a sync of the pod at t, unless one is due sooner.
func (k *Kubelet) retryAt(w *worker, t sim.Time) {
	if t < k.loop.Now() {
		t = k.loop.Now()
	}
	if at, ok := k.loop.When(w.retry); ok && at <= t {
		return
	}
	k.loop.Cancel(w.retry)
	w.retry = k.loop.At(t, func() { k.sync(w) })
}

// createAndStart creates and starts the container, and returns its id, or
// "" when it did not start.
func (k *Kubelet) createAndStart(w *worker, c containerRef, latest *runtime.ContainerStatus) string {
	restarts := int32(0)
	attempt := uint32(0)
	if latest != nil {
		restarts = latest.RestartCount + 1
		attempt = latest.Attempt + 1
	}
	env, err := k.makeEnv(w, c)
	if err != nil {
		// Reference: pkg/kubelet/kuberuntime/kuberuntime_container.go
		// (startContainer: generateContainerConfig fails, "Error: ..."
		// event, ErrCreateContainerConfig); the pod worker tries again.
		k.podEvent(w, &c, sim.Warning, "Failed", "Error: "+err.Error(), sim.Facts{To: "CreateContainerConfigError"})
		w.setReason(c.spec.Name, reason{"CreateContainerConfigError", err.Error()})
		w.failed = true
		return ""
	}
	cfg := runtime.ContainerConfig{
		Name: c.spec.Name, Attempt: attempt, Image: c.spec.Image,
		Command: env.expandAll(c.spec.Command), Args: env.expandAll(c.spec.Args), Env: env.pairs(),
		RestartCount: restarts, Mounts: k.mounts(w, c.spec, env),
		TerminationMessagePath:     c.spec.TerminationMessagePath,
		TerminationMessageFallback: c.spec.TerminationMessagePolicy == corev1.TerminationMessageFallbackToLogsOnError,
	}
	r := runtimeResources(w.pod, c.spec)
	cfg.MemoryLimit, cfg.CPUQuota, cfg.CPURequest = r.MemoryLimit, r.CPUQuota, r.CPURequest
	id, err := k.rt.CreateContainer(w.sandboxID, cfg)
	if err != nil {
		k.podEvent(w, &c, sim.Warning, "Failed", "Error: "+err.Error(), sim.Facts{})
		w.setReason(c.spec.Name, reason{"CreateContainerError", err.Error()})
		w.failed = true
		return ""
	}
	k.podEvent(w, &c, sim.Normal, "Created", "Created container: "+c.spec.Name, sim.Facts{Image: c.spec.Image})
	if err := k.rt.StartContainer(id); err != nil {
		k.podEvent(w, &c, sim.Warning, "Failed", "Error: "+err.Error(), sim.Facts{})
		w.setReason(c.spec.Name, reason{"RunContainerError", err.Error()})
		w.failed = true
		return ""
	}
	delete(w.reasons, c.spec.Name)
	k.podEvent(w, &c, sim.Normal, "Started", "Started container "+c.spec.Name, sim.Facts{Image: c.spec.Image})
	return id
}
