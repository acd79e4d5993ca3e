package kubelet

import (
	"math/rand/v2"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// Kubernetes' timings, with their sources.
const (
	// relistPeriod is how often the PLEG lists the runtime's containers.
	// Reference: kubelet.md §3.1 (genericPlegRelistPeriod).
	relistPeriod = time.Second
	// syncFrequency is the periodic resync of every pod.
	// Reference: kubelet.md §9.1 (syncFrequency).
	syncFrequency = time.Minute
	// workerBackOffPeriod is when a pod whose sync failed is tried again,
	// stretched by up to half as much again at random
	// (workerBackOffPeriodJitterFactor).
	// Reference: kubelet.md §3.1 (backOffPeriod); pkg/kubelet/pod_workers.go
	// (completeWork: wait.Jitter(backOffPeriod, 0.5)).
	workerBackOffPeriod             = 10 * time.Second
	workerBackOffPeriodJitterFactor = 0.5
	// Reference: kubelet.md §3.1 (initialCrashLoopBackOff, MaxCrashLoopBackOff)
	// and §3.2 (the 600s reset window).
	initialCrashLoopBackOff = 10 * time.Second
	maxCrashLoopBackOff     = 300 * time.Second
	crashLoopResetAfter     = 600 * time.Second
	// Reference: kubelet.md §3.1 (imageBackOffPeriod, MaxImageBackOff).
	imageBackOffPeriod = 10 * time.Second
	maxImageBackOff    = 300 * time.Second
	// minimumGracePeriod is the shortest stop the kubelet ever gives a
	// container. Reference: kubelet.md §6.2 (minimumGracePeriodInSeconds).
	minimumGracePeriod = 2 * time.Second
	// leaseRenewInterval: 0.25 of the 40s lease duration.
	// Reference: kubelet.md §9.1.
	leaseDuration      = 40 * time.Second
	leaseRenewInterval = 10 * time.Second
)

// Config describes one store manager.
type Config struct {
	// NodeName is the store's name.
	NodeName string
	// NodeIP is the store's own address.
	NodeIP string
	// PodCIDR is the store's pod range.
	PodCIDR string
	// Capacity is the store's floor space: cpu, memory, pods.
	Capacity corev1.ResourceList
	// Labels and Taints are put on the Node object at registration.
	Labels map[string]string
	Taints []corev1.Taint
	// Claims holds the data of persistent volume claims, shared by every
	// store of the chain; nil gives the store a place of its own.
	Claims *Claims
}

// Kubelet is a store manager: it makes its store match the work orders that
// head office has for it.
type Kubelet struct {
	loop    *sim.Loop
	api     *apiserver.Server
	rt      *runtime.Engine
	cfg     Config
	source  sim.Source
	workers map[types.UID]*worker
	// etcTexts holds one copy of each distinct text of the pods' /etc
	// files that many pods share (see shared).
	etcTexts map[string]string
	// links caches the service-link variables (see serviceLinks).
	links   map[linksKey]*serviceLinks
	ordered []*worker // the workers in the order their pods arrived
	seq     uint64

	crashBackOff *backOff
	imageBackOff *backOff
	// jitter is the pod workers' random stream, for the requeue after a
	// failed sync.
	jitter   *rand.Rand
	userns   *usernsManager // the pods' user namespaces (hostUsers: false)
	probes   *prober.Manager
	pressure pressure // the eviction manager's memory pressure
	// diskPressure is the eviction manager's disk pressure; imageRecords
	// is the image garbage collector's knowledge of each image present;
	// imageGCFailed is whether its last pass could not free enough.
	diskPressure  pressure
	imageRecords  map[string]*imageRecord
	imageGCFailed bool
	// layers is localStorageOver's scratch map of each container's disk use.
	layers map[string]int64
	// memoryCapacity is the store's memory in bytes, read once.
	memoryCapacity int64
	// allocated is what pods may use, worked out once (see allocatable).
	allocated  corev1.ResourceList
	nodeStatus nodeStatus // the node status loop's last pass
	// imageIDs remembers the imageID of each (image, digest) pair seen, so
	// that a status sync does not parse the image reference again.
	imageIDs map[imageKey]string
	// conds is generateStatus's scratch slice of conditions.
	conds []corev1.PodCondition
	// recentConds are the last few condition lists sent, shared read-only
	// by every pod whose conditions are the same (see sharedConditions).
	recentConds conditionRing
	// relisting is the relist's own copy of ordered, reused every second.
	relisting []*worker
	// relisted is the runtime's count of changes when the last relist
	// began; relistedOK says there was one in this life of the kubelet.
	relisted   uint64
	relistedOK bool

	// gen numbers the kubelet's life: a power cut ends one, and the loops
	// of an earlier life stop when they see a newer number.
	gen uint64
	// hostDisk is the store's own disk, which hostPath volumes mount;
	// claims is where the data of persistent volume claims lives.
	hostDisk *runtime.Volume
	claims   *Claims
	// podDirs are the pods' volumes, by pod: on the store's disk, they
	// outlive a power cut (a tmpfs does not), and go when the pod does.
	podDirs map[types.UID]map[string]*podVolume

	// down: the store has no power. offline: it is cut off from head
	// office, so it neither hears nor is heard.
	down, offline bool
}

// New returns a store manager for the store whose runtime is rt. Call Start
// to open the store.
func New(loop *sim.Loop, api *apiserver.Server, rt *runtime.Engine, cfg Config) *Kubelet {
	k := &Kubelet{
		loop:         loop,
		api:          api,
		rt:           rt,
		cfg:          cfg,
		source:       sim.Source{Component: "kubelet", Store: cfg.NodeName},
		workers:      map[types.UID]*worker{},
		imageIDs:     map[imageKey]string{},
		imageRecords: map[string]*imageRecord{},
		crashBackOff: newBackOff(initialCrashLoopBackOff, maxCrashLoopBackOff, crashLoopResetAfter),
		imageBackOff: newBackOff(imageBackOffPeriod, maxImageBackOff, 2*maxImageBackOff),
		jitter:       loop.Rand("kubelet/" + cfg.NodeName + "/pod-workers"),
		userns:       newUsernsManager(loop.Rand("kubelet/" + cfg.NodeName + "/userns")),
		hostDisk:     newHostDisk(),
		podDirs:      map[types.UID]map[string]*podVolume{},
		claims:       cfg.Claims,
	}
	if k.claims == nil {
		k.claims = NewClaims()
	}
	k.probes = k.newProbeManager()
	rt.SetDiskFree(k.diskFree)
	return k
}

// NodeName returns the name of the store the manager runs.
func (k *Kubelet) NodeName() string { return k.cfg.NodeName }

// Start registers the store with head office, starts watching for pods
// bound to it, and starts the relist and heartbeat loops.
func (k *Kubelet) Start() {
	k.record(sim.Record{Object: k.nodeRef(), Reason: "Starting", Message: "Starting kubelet."})
	k.registerNode()
	k.startLoops()
	// Like the real kubelet, watch only the pods bound to this store
	// (fieldSelector spec.nodeName=NAME). The pods are the ledger's own,
	// not copies: the store manager never changes a pod it is given.
	k.api.Pods.WatchFieldShared(0, true, k.cfg.NodeName, k.onPod)
}

// startLoops starts the kubelet's periodic work: the relist every second,
// the eviction pass and the node status every 10s, the Lease every 10s,
// the container garbage collection every minute, the image garbage
// collection every 5 minutes. The image manager
// detects the images already on the store at once (after a power cut,
// the disk still holds them).
// Reference: pkg/kubelet/images/image_gc_manager.go (Start: detectImages,
// then every 5 minutes).
func (k *Kubelet) startLoops() {
	k.relistedOK = false
	k.imageGCFailed = false
	k.detectImages(k.loop.Now())
	k.every(relistPeriod, k.relistTick)
	k.every(evictionMonitoringPeriod, k.evictionTick)
	k.every(containerGCPeriod, k.containerGCTick)
	k.every(imageGCPeriod, k.imageGCTick)
	k.every(nodeStatusUpdateFrequency, k.nodeStatusTick)
	k.every(leaseRenewInterval, k.renewLease)
}

// every runs f every d for as long as this life of the kubelet lasts.
func (k *Kubelet) every(d time.Duration, f func()) {
	gen := k.gen
	var tick func()
	tick = func() {
		if k.gen != gen || k.down {
			return
		}
		f()
		k.loop.After(d, tick)
	}
	k.loop.After(d, tick)
}

// onPod reacts to a change of any pod at head office; only pods bound to
// this store matter.
func (k *Kubelet) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	if k.down || k.offline {
		return // nobody at the store hears it
	}
	k.handlePod(ev)
}

func (k *Kubelet) handlePod(ev apiserver.WatchEvent[*corev1.Pod]) {
	p := ev.Object
	if p.Spec.NodeName != k.cfg.NodeName {
		return
	}
	w, ok := k.workers[p.UID]
	switch {
	case ev.Type == apiserver.Deleted:
		if !ok {
			return
		}
		w.removed = true
		if w.state == terminated {
			k.forget(w)
			return
		}
		k.sync(w)
	case !ok:
		w = k.newWorker(p)
		if sb, found := k.rt.NewestSandbox(string(p.UID)); found {
			w.sandboxID, w.attempt, w.ip = sb.ID, sb.Config.Attempt, sb.IP
		}
		k.workers[p.UID] = w
		k.ordered = append(k.ordered, w)
		if isTerminal(p.Status.Phase) {
			w.state = terminated
			return
		}
		if reason, msg, fits := k.admit(p); !fits {
			k.reject(w, reason, msg)
			return
		}
		k.probes.AddPod(p)
		k.sync(w)
	default:
		changed := specChanged(w.pod, p)
		w.noteSpec(p)
		w.pod = p
		if changed {
			w.storageLimited = limitsLocalStorage(p)
			k.sync(w)
		}
	}
}

// specChanged reports whether a pod update matters to the store manager:
// a change of spec, labels, annotations or deletion, not of status alone.
func specChanged(old, cur *corev1.Pod) bool {
	return old.Generation != cur.Generation ||
		!old.DeletionTimestamp.Equal(cur.DeletionTimestamp) ||
		!equalGrace(old.DeletionGracePeriodSeconds, cur.DeletionGracePeriodSeconds) ||
		old.Spec.NodeName != cur.Spec.NodeName ||
		!slices.Equal(containerImages(old), containerImages(cur))
}

func equalGrace(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

func containerImages(p *corev1.Pod) []string {
	var out []string
	for _, c := range p.Spec.Containers {
		out = append(out, c.Image)
	}
	return out
}

// relistTick is the PLEG: every second it asks the runtime what changed and
// wakes the pod worker of every pod whose containers changed state.
func (k *Kubelet) relistTick() {
	// When nothing at the runtime changed since the last relist began, no
	// pod's containers did: the real PLEG would find no events either.
	changes := k.rt.Changes()
	if k.relistedOK && changes == k.relisted {
		return
	}
	k.relisted, k.relistedOK = changes, true
	// A sync can forget a worker; the copy keeps the walk steady.
	k.relisting = append(k.relisting[:0], k.ordered...)
	defer clear(k.relisting)
	for _, w := range k.relisting {
		if w.sandboxID == "" || w.state == terminated {
			continue
		}
		if v := k.rt.SandboxVersion(w.sandboxID); v != w.seenVersion {
			w.seenVersion = v
			// A resize applied in place is done once the relist sees
			// the containers' new resources.
			w.resize.applied = false
			k.sync(w)
		}
	}
}

// sortedWorkers returns the pod workers in the order their pods arrived.
// The slice is the caller's: a worker forgotten meanwhile stays in it.
func (k *Kubelet) sortedWorkers() []*worker {
	return slices.Clone(k.ordered)
}

func (k *Kubelet) record(r sim.Record) {
	r.Source = k.source
	k.loop.Record(r)
}

func (k *Kubelet) nodeRef() sim.ObjectRef {
	return sim.ObjectRef{Kind: "Node", Name: k.cfg.NodeName, UID: k.cfg.NodeName}
}
