package simtest

import (
	"cmp"
	"slices"
	"time"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// The kubelet's crash-loop back-off: 10s, doubled after each restart up
// to 300s, forgotten after 600s without a restart.
// Reference: kubelet.md §3.1, §3.3, §3.4.
const (
	initialBackOff = 10 * time.Second
	maxBackOff     = 300 * time.Second
	backOffReset   = 600 * time.Second
)

// backoffEntry mirrors the kubelet's back-off entry for one container:
// the current back-off, when it was last stepped, and on which boot of
// its store (a store manager that lost power forgets every entry).
type backoffEntry struct {
	backoff    time.Duration
	lastUpdate sim.Time
	boot       int
}

// checkBackOff: a restart never comes sooner than the back-off allows
// after the previous exit (the first restart is immediate). It is called
// when the store manager reports a container of the pod Started.
// Reference: kubelet.md §3.4 (kuberuntime_manager.go doBackOff).
func (k *checker) checkBackOff(ns, podName, container string) *finding {
	p, err := k.c.API().Pods.Get(ns, podName)
	if err != nil || container == "" {
		return nil
	}
	store, ok := k.c.Store(p.Spec.NodeName)
	if !ok {
		return nil
	}
	runs := containerRuns(store.Runtime, string(p.UID), container)
	n := len(runs)
	if n < 2 || runs[n-1].State != runtime.ContainerRunning || runs[n-2].FinishedAt == 0 {
		return nil // a first start, or one whose previous run is gone
	}
	now, finished := k.c.Now(), runs[n-2].FinishedAt
	key := string(p.UID) + "/" + container
	e, wait := restart(k.backoff[key], k.boots[store.Name], finished, now)
	k.backoff[key] = e
	if wait > 0 {
		return found(RestartBackOff, "container %s of pod %s restarted %v after its previous exit; the back-off is %v",
			container, podName, now.Sub(finished), wait)
	}
	return nil
}

// restart steps a back-off entry for a restart at now of a container that
// exited at finished, on the given boot of its store. It returns the new
// entry, and the back-off the restart came too soon for (0 when it is
// allowed). A missing entry, one from an earlier boot, or one not stepped
// for backOffReset allows the restart at once and starts again at 10s.
func restart(e *backoffEntry, boot int, finished, now sim.Time) (*backoffEntry, time.Duration) {
	fresh := e == nil || e.boot != boot || finished.Sub(e.lastUpdate) > backOffReset || now.Sub(e.lastUpdate) > backOffReset
	if fresh {
		return &backoffEntry{backoff: initialBackOff, lastUpdate: now, boot: boot}, 0
	}
	var wait time.Duration
	if now.Sub(finished) < e.backoff {
		wait = e.backoff
	}
	return &backoffEntry{backoff: min(2*e.backoff, maxBackOff), lastUpdate: now, boot: boot}, wait
}

// containerRuns returns the runs of one container of a pod on a store,
// oldest first.
func containerRuns(rt *runtime.Engine, uid, name string) []runtime.ContainerStatus {
	var runs []runtime.ContainerStatus
	for _, sb := range rt.ListPodSandbox() {
		if sb.Config.UID != uid {
			continue
		}
		for _, c := range rt.ListContainers(sb.ID) {
			if c.Name == name {
				runs = append(runs, c)
			}
		}
	}
	slices.SortStableFunc(runs, func(a, b runtime.ContainerStatus) int { return cmp.Compare(a.CreatedAt, b.CreatedAt) })
	return runs
}
