package kubelet

import (
	"fmt"
	"time"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// The container garbage collector's policy, the kubelet's defaults: every
// minute, remove the dead containers (every one not running) beyond the
// newest of each container name in each pod, however young (MinAge 0,
// MaxPerPodContainer 1, MaxContainers -1: no limit on the store's
// total). The one dead instance kept is the container's previous one,
// where `kubectl logs --previous` and lastState come from; an older
// instance lives at most a minute after the next one has died.
// Reference: pkg/kubelet/kubelet.go (ContainerGCPeriod = time.Minute;
// StartGarbageCollection); cmd/kubelet/app/options/options.go
// (MinimumGCAge 0, MaxPerPodContainerCount 1, MaxContainerCount -1);
// https://kubernetes.io/docs/concepts/architecture/garbage-collection/.
const containerGCPeriod = time.Minute

// containerGCTick is the periodic container garbage collection. It says
// nothing: the kubelet logs it at a verbosity nobody reads.
// Reference: pkg/kubelet/kuberuntime/kuberuntime_gc.go (evictContainers:
// evictableContainers, enforceMaxContainersPerEvictUnit).
func (k *Kubelet) containerGCTick() {
	for _, w := range k.ordered {
		k.collectContainers(w, false)
	}
}

// removeDeadContainers is the container garbage collector's
// DeleteAllUnusedContainers, which the eviction manager calls under disk
// pressure: every dead container of every pod that has finished goes, and
// the other pods keep only the newest dead instance of each container, as
// at every periodic pass. Their writable layers and logs go with them.
// Reference: pkg/kubelet/container/container_gc.go
// (DeleteAllUnusedContainers); pkg/kubelet/kuberuntime/kuberuntime_gc.go
// (evictContainers with evictTerminatedPods: all containers of a
// terminated pod).
func (k *Kubelet) removeDeadContainers() {
	var n int32
	var freed int64
	for _, w := range k.ordered {
		dn, dfreed := k.collectContainers(w, w.state == terminated)
		n, freed = n+dn, freed+dfreed
	}
	if n > 0 {
		k.record(sim.Record{Kind: sim.Change, Object: k.nodeRef(), Reason: "ContainersGarbageCollected",
			Message: fmt.Sprintf("Removed %d dead container(s), freeing %d bytes", n, freed), Facts: sim.Facts{Count: n}})
	}
}

// collectContainers removes the pod's dead containers: all of them when
// all is set, else those with a newer dead instance of the same name. It
// returns how many it removed and the bytes their layers and logs held.
func (k *Kubelet) collectContainers(w *worker, all bool) (n int32, freed int64) {
	if w.sandboxID == "" {
		return 0, 0
	}
	before := k.rt.SandboxVersion(w.sandboxID)
	list := k.containers(w) // oldest first
	for i, c := range list {
		if c.State == runtime.ContainerRunning || (!all && !deadLater(list[i+1:], c.Name)) {
			continue
		}
		freed += k.rt.RootfsUsage(c.ID) + k.rt.LogUsage(c.ID)
		_ = k.rt.RemoveContainer(c.ID)
		n++
	}
	if n > 0 {
		w.listed.sandboxID = "" // list again: a previous sandbox's version is not watched
		// A removed container is no reason to sync the pod: the PLEG's
		// ContainerRemoved event is not sync-worthy. A change the relist
		// has not seen yet still is.
		// Reference: pkg/kubelet/kubelet.go (isSyncPodWorthy).
		if w.seenVersion == before {
			w.seenVersion = k.rt.SandboxVersion(w.sandboxID)
		}
	}
	return n, freed
}

// deadLater reports whether list holds a dead instance of the container
// named name.
func deadLater(list []runtime.ContainerStatus, name string) bool {
	for _, c := range list {
		if c.Name == name && c.State != runtime.ContainerRunning {
			return true
		}
	}
	return false
}
