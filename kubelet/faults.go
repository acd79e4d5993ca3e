package kubelet

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// PowerOff is a power cut at the store: every process stops (the runtime
// keeps only its records), and the store manager forgets everything it
// held in memory: its pod workers, probe results and back-offs. Head
// office hears nothing more from the store until PowerOn.
func (k *Kubelet) PowerOff() {
	if k.down {
		return
	}
	k.fault("PowerOff", "The store lost power: every container stopped, the kubelet with them")
	k.down = true
	k.gen++
	for _, w := range k.ordered {
		k.loop.Cancel(w.retry)
		k.loop.Cancel(w.resync)
		k.probes.RemovePod(string(w.pod.UID))
		w.dead = true
	}
	k.workers = map[types.UID]*worker{}
	k.ordered = nil
	// What is on the store's disk stays; what was in memory (a tmpfs
	// emptyDir) is gone.
	for _, vols := range k.podDirs {
		for name, pv := range vols {
			if pv.dir.Memory {
				delete(vols, name)
			}
		}
	}
	k.crashBackOff = newBackOff(initialCrashLoopBackOff, maxCrashLoopBackOff, crashLoopResetAfter)
	k.imageBackOff = newBackOff(imageBackOffPeriod, maxImageBackOff, 2*maxImageBackOff)
	// The image garbage collector's records are in the kubelet's memory:
	// it detects the images afresh once it is back.
	clear(k.imageRecords)
	k.rt.PowerOff()
}

// PowerOn brings the store back after PowerOff: the kubelet starts afresh,
// reports the store ready, and syncs every pod head office has bound to
// it, re-creating their sandboxes and restarting their containers (or
// finishing the deletion of pods head office deleted meanwhile).
func (k *Kubelet) PowerOn() {
	if !k.down {
		return
	}
	k.down = false
	k.gen++
	k.fault("PowerOn", "The store has power again: the kubelet starts")
	k.record(sim.Record{Object: k.nodeRef(), Reason: "Starting", Message: "Starting kubelet."})
	k.record(sim.Record{Object: k.nodeRef(), Type: sim.Warning, Reason: "Rebooted",
		Message: "Node " + k.cfg.NodeName + " has been rebooted, boot id: " + k.bootID()})
	k.callIn()
	k.startLoops()
	k.catchUp()
}

// CutOff cuts the store off from head office: its pods go on running and
// its store manager goes on managing them, but its heartbeats and status
// reports are lost and it hears of no change until Reconnect.
func (k *Kubelet) CutOff() {
	if k.offline {
		return
	}
	k.fault("CutOff", "The store is cut off from head office: it keeps working, but nothing it says arrives")
	k.offline = true
}

// Reconnect ends CutOff: the store manager calls in at once, sends the
// statuses head office missed, and catches up with what changed.
func (k *Kubelet) Reconnect() {
	if !k.offline {
		return
	}
	k.offline = false
	k.fault("Reconnected", "The store reaches head office again")
	k.callIn()
	if !k.down {
		// The status manager sends every status again: head office may
		// have changed them meanwhile (a silent store's pods are marked
		// not ready).
		for _, w := range k.ordered {
			if w.status.Phase != "" {
				k.sendStatus(w, *w.status)
			}
			if w.unconfirmed {
				k.confirmDeletion(w)
			}
		}
		k.catchUp()
	}
}

// Down reports whether the store has no power; Offline whether it is cut
// off from head office.
func (k *Kubelet) Down() bool    { return k.down }
func (k *Kubelet) Offline() bool { return k.offline }

// callIn renews the Lease and posts the node's status now.
func (k *Kubelet) callIn() {
	if k.down || k.offline {
		return
	}
	k.renewLease()
	k.nodeStatusTick()
}

// catchUp is a relist of the pods bound to this store: new pods get
// workers, changed ones a sync, and pods that head office no longer has
// are stopped.
func (k *Kubelet) catchUp() {
	seen := map[types.UID]bool{}
	for _, p := range k.api.Pods.List() {
		if p.Spec.NodeName != k.cfg.NodeName {
			continue
		}
		seen[p.UID] = true
		typ := apiserver.Modified
		if _, ok := k.workers[p.UID]; !ok {
			typ = apiserver.Added
		}
		k.handlePod(apiserver.WatchEvent[*corev1.Pod]{Type: typ, Object: p})
	}
	for _, w := range k.sortedWorkers() {
		if !seen[w.pod.UID] && !w.removed {
			k.handlePod(apiserver.WatchEvent[*corev1.Pod]{Type: apiserver.Deleted, Object: w.pod})
		}
	}
	// The volumes of a pod that is gone from head office and from the
	// store go too, as the kubelet's housekeeping removes orphaned pod
	// directories.
	// Reference: pkg/kubelet/kubelet_volumes.go (cleanupOrphanedPodDirs).
	for uid := range k.podDirs {
		if _, ok := k.workers[uid]; !ok && !seen[uid] {
			delete(k.podDirs, uid)
		}
	}
}

func (k *Kubelet) bootID() string {
	return string(rune('0'+k.gen%10)) + "b00t-" + k.cfg.NodeName
}

// fault records a fault injected into the store.
func (k *Kubelet) fault(reason, msg string) {
	k.loop.Record(sim.Record{Kind: sim.Change, Type: sim.Warning, Source: sim.Source{Component: "nucleus", Store: k.cfg.NodeName},
		Object: k.nodeRef(), Reason: reason, Message: msg})
}
