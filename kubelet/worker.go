package kubelet

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/scheduler"

	"github.com/nodenucleus/nucleus/sim"
)

// workerState is where a pod is in its life on the store, in the pod
// workers' own words.
//
//	syncing ──(deleted, or finished)──▶ terminating ──(all stopped)──▶ terminated
type workerState uint8

const (
	syncing workerState = iota
	terminating
	terminated
)

func (s workerState) String() string {
	return [...]string{"syncing", "terminating", "terminated"}[s]
}

// worker is one pod's worker: it serialises everything the store manager
// does for that pod, so that at most one sync runs at a time. A sync that
// is asked for while another is under way runs once that one is done.
//
// The small fields sit together, so that the worker fits in 256 bytes.
type worker struct {
	seq       uint64
	pod       *corev1.Pod // the latest work order from head office
	sandboxID string
	// previousSandbox is the sandbox this one replaced, kept (stopped)
	// for its dead containers.
	previousSandbox string
	ip              string
	attempt         uint32
	state           workerState

	removed     bool // the pod object is gone from head office
	busy, again bool
	// unsent: a status is waiting for the store to reach head office
	// again; unconfirmed: so is the confirmation of a deletion.
	unsent, unconfirmed bool
	// dead: the worker belonged to a life of the kubelet that a power cut
	// ended; its late callbacks do nothing.
	dead     bool
	reported bool // this sync already reported the current status
	failed   bool // the sync under way hit an error: requeue it
	started  bool // startTime has been set
	// storageLimited: the pod has a local storage limit for the eviction
	// manager to check (see limitsLocalStorage).
	storageLimited bool

	listed      containerList
	seenVersion uint64
	retry       sim.Handle // a sync scheduled after a back-off
	resync      sim.Handle // the periodic sync

	// status is the status last sent to head office (or waiting to be
	// sent). Once sent it is head office's own copy (the stored pod's
	// status), shared, read-only: the store manager never changes a status,
	// it builds the next one around it. One copy per pod, not two.
	status *corev1.PodStatus
	// reasons is nil until a container fails to start (see setReason).
	reasons map[string]reason
	// eviction is set once the eviction manager has chosen the pod.
	eviction *eviction
	// requests is what the pod was allocated: what it asked for when it
	// was admitted, or by its last resize the store manager accepted.
	requests scheduler.Resources
	// resize is where the pod's in-place resize stands.
	resize resizeState
	// volumes are the pod's volumes as the volume manager set them up, by
	// name; etc holds the kubelet's files (/etc/hosts, ...). Both live as
	// long as the pod.
	volumes map[string]*podVolume
	etc     *runtime.Volume
	// mountBackOff holds, per volume that failed to mount, when the
	// reconciler tries it again.
	mountBackOff map[string]*mountBackOff
}

// reason is what the kubelet's reasonCache remembers about the last failed
// attempt to start a container: it is shown as the container's Waiting
// reason until a start succeeds.
type reason struct{ Reason, Message string }

func (k *Kubelet) newWorker(p *corev1.Pod) *worker {
	k.seq++
	// The status manager starts from the status head office shows, shared
	// with head office: neither ever changes it.
	return &worker{seq: k.seq, pod: p, status: &p.Status, requests: scheduler.PodRequests(p), storageLimited: limitsLocalStorage(p)}
}

// setReason remembers why container name last failed to start (the
// kubelet's reasonCache).
func (w *worker) setReason(name string, r reason) {
	if w.reasons == nil {
		w.reasons = map[string]reason{}
	}
	w.reasons[name] = r
}

// containerList is the runtime's list of a sandbox's containers as of one
// version of the sandbox.
type containerList struct {
	sandboxID  string
	version    uint64
	containers []runtime.ContainerStatus
}
