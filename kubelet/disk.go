package kubelet

import (
	"fmt"
	"math"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// The store's disk (the storeroom). One disk holds everything: the
// images (imagefs) and the pods' writable layers, logs and emptyDirs
// (nodefs), as on a node without a dedicated image filesystem. The
// kubelet watches two signals on it, nodefs.available and
// imagefs.available, which on one disk see the same bytes; inodes
// (nodefs.inodesFree) are not simulated.
//
// Reference: pkg/kubelet/eviction/helpers.go (buildSignalToRankFunc and
// buildSignalToNodeReclaimFuncs without an imagefs); the Kubernetes docs'
// "Node-pressure Eviction"
// (https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/).
const (
	// evictionHardNodeFs and evictionHardImageFs are the default hard
	// thresholds nodefs.available<10% and imagefs.available<15%, as the
	// kubelet keeps a percentage: a float32.
	// Reference: kubelet.md §9.1 (DefaultEvictionHard).
	evictionHardNodeFs  float32 = 0.10
	evictionHardImageFs float32 = 0.15
)

// disk is one observation of the store's disk, in bytes.
type disk struct {
	capacity, available int64
}

// thresholdQuantity is the kubelet's GetThresholdQuantity for a
// percentage: the share of the capacity, computed as it does in floating
// point (so 15% of 10Gi is 1610612800, not 1610612736).
func thresholdQuantity(capacity int64, pct float32) int64 {
	return int64(float64(capacity) * float64(pct))
}

// met returns the disk threshold met, as its quantity, and whether one
// is: imagefs.available<15% first, then nodefs.available<10%. On one
// disk the image threshold is always met first, at 85% used. (The
// kubelet keeps its thresholds in a map's order, so a real message may
// name the nodefs one when both are met.)
func (d disk) met() (quantity int64, ok bool) {
	if d.capacity <= 0 {
		return 0, false
	}
	for _, pct := range [...]float32{evictionHardImageFs, evictionHardNodeFs} {
		if q := thresholdQuantity(d.capacity, pct); d.available < q {
			return q, true
		}
	}
	return 0, false
}

// diskCapacity returns the store's disk: its ephemeral-storage capacity,
// or 0 when the store's configuration names none (its disk is then no
// limit at all).
func (k *Kubelet) diskCapacity() int64 {
	q, ok := k.capacity()[corev1.ResourceEphemeralStorage]
	if !ok {
		return 0
	}
	return q.Value()
}

// observeDisk returns what the store's disk holds now: every image
// present (unpacked), every container's writable layer and log files
// (dead containers' too, until they are removed), the emptyDirs on disk
// of the pods the store knows, and the files on the store's own disk
// (hostPath volumes).
func (k *Kubelet) observeDisk() disk {
	d := disk{capacity: k.diskCapacity()}
	if d.capacity == 0 {
		return d
	}
	used := k.hostDisk.Usage()
	for _, im := range k.rt.ListImages() {
		used += im.DiskSize
	}
	for _, w := range k.ordered {
		for _, c := range k.containers(w) {
			used += k.rt.RootfsUsage(c.ID) + k.rt.LogUsage(c.ID)
		}
		used += emptyDirUsage(w)
	}
	d.available = max(d.capacity-used, 0)
	return d
}

// diskFree returns the bytes still free on the store's disk, -1 when its
// disk is no limit: a write to a writable layer, an emptyDir on disk or a
// hostPath that does not fit fails with ENOSPC (runtime.SetDiskFree).
func (k *Kubelet) diskFree() int64 {
	d := k.observeDisk()
	if d.capacity == 0 {
		return -1
	}
	return d.available
}

// podStorage is a pod's share of the store's disk as the eviction manager
// counts it: its emptyDirs on disk (a tmpfs counts as memory instead),
// and per container its writable layer while it runs and the files of its
// log directory, which keeps the log of every instance the runtime still
// has (a restarted container's previous one too).
// Reference: pkg/kubelet/eviction/helpers.go (podDiskUsage,
// localVolumeNames, containerUsage with fsStatsRoot and fsStatsLogs);
// pkg/kubelet/stats/cri_stats_provider.go (a container's log stats are
// those of its log directory).
type podStorage struct {
	volumes int64
	layers  map[string]int64
}

// total returns the pod's whole use: volumes and containers.
func (s podStorage) total() int64 {
	n := s.volumes
	for _, u := range s.layers {
		n += u
	}
	return n
}

// layers, when not nil, is cleared and used for the result's layers, so
// that the eviction manager's pass over every pod need not allocate.
func (k *Kubelet) podStorage(w *worker, layers map[string]int64) podStorage {
	clear(layers)
	s := podStorage{volumes: emptyDirUsage(w), layers: layers}
	for _, c := range k.containers(w) {
		u := k.rt.LogUsage(c.ID)
		if c.State == runtime.ContainerRunning {
			u += k.rt.RootfsUsage(c.ID)
		}
		if u == 0 {
			continue
		}
		if s.layers == nil {
			s.layers = map[string]int64{}
		}
		s.layers[c.Name] += u
	}
	return s
}

// emptyDirUsage returns the bytes of a pod's emptyDirs on disk.
func emptyDirUsage(w *worker) int64 {
	var n int64
	for _, v := range w.pod.Spec.Volumes {
		if v.EmptyDir == nil || v.EmptyDir.Medium == corev1.StorageMediumMemory {
			continue
		}
		if pv, ok := w.volumes[v.Name]; ok {
			n += pv.dir.Usage()
		}
	}
	return n
}

// diskPressureTick is the disk half of an eviction pass, once the
// threshold d met (at quantity) is seen: first reclaim what belongs to
// no running pod, as the kubelet's reclaimNodeLevelResources does (every
// dead container, then every unused image old enough); if the disk is
// still under its threshold, evict the first pod of the disk ranking.
// Reference: pkg/kubelet/eviction/eviction_manager.go (synchronize:
// reclaimNodeLevelResources before any eviction; one pod per pass);
// pkg/kubelet/eviction/helpers.go (buildSignalToNodeReclaimFuncs:
// DeleteAllUnusedContainers, DeleteUnusedImages).
func (k *Kubelet) diskPressureTick() {
	k.removeDeadContainers()
	k.freeImages(math.MaxInt64)
	d := k.observeDisk()
	quantity, met := d.met()
	if !met {
		return // reclaimed enough: nobody is sent home
	}
	pods := k.diskRanking()
	if len(pods) == 0 {
		return
	}
	k.evictWith(pods[0].w, diskEvictionMessage(pods[0], quantity, d.available), sim.Facts{From: "storeroom space"})
}

// podDisk is one pod as the disk ranking sees it.
type podDisk struct {
	w        *worker
	storage  podStorage
	usage    int64 // bytes, the pod's whole use
	request  int64 // bytes, the pod's ephemeral-storage request
	priority int32
}

// diskRanking returns the running pods in the order the kubelet evicts
// them under disk pressure: pods using more disk than they requested
// first, then lower priority first, then the larger use above the
// request first. Ties keep the pods' order of arrival.
// Reference: pkg/kubelet/eviction/helpers.go (rankDiskPressureFunc:
// orderedBy(exceedDiskRequests, priority, disk)).
func (k *Kubelet) diskRanking() []podDisk {
	var pods []podDisk
	for _, w := range k.ordered {
		if w.sandboxID == "" || w.state != syncing || w.eviction != nil || isTerminal(w.status.Phase) {
			continue
		}
		s := k.podStorage(w, nil)
		pd := podDisk{w: w, storage: s, usage: s.total(), request: ephemeralRequest(w.pod)}
		if w.pod.Spec.Priority != nil {
			pd.priority = *w.pod.Spec.Priority
		}
		pods = append(pods, pd)
	}
	slices.SortStableFunc(pods, func(a, b podDisk) int {
		return evictionOrder(a.usage, a.request, a.priority, b.usage, b.request, b.priority)
	})
	return pods
}

// ephemeralRequest returns a pod's ephemeral-storage request: its
// containers' and sidecars' requests added up, or, if more, the largest
// of an init container's plus the sidecars started before it. Pod-level
// resources are not counted.
func ephemeralRequest(p *corev1.Pod) int64 {
	var sum, sidecars, initPeak int64
	for i := range p.Spec.Containers {
		sum += quantityOf(p.Spec.Containers[i].Resources.Requests, corev1.ResourceEphemeralStorage)
	}
	for i := range p.Spec.InitContainers {
		c := &p.Spec.InitContainers[i]
		q := quantityOf(c.Resources.Requests, corev1.ResourceEphemeralStorage)
		if pod.IsSidecar(c) {
			sidecars += q
			continue
		}
		// An init container runs beside the sidecars started before it.
		initPeak = max(initPeak, sidecars+q)
	}
	return max(sum+sidecars, initPeak)
}

func quantityOf(list corev1.ResourceList, name corev1.ResourceName) int64 {
	if q, ok := list[name]; ok {
		return q.Value()
	}
	return 0
}

// diskEvictionMessage is the message of an eviction for disk, in the
// kubelet's words: the resource, the threshold and what was available,
// then each container whose writable layer and logs exceed its
// ephemeral-storage request (regular containers first, then init
// containers and sidecars).
// Reference: pkg/kubelet/eviction/helpers.go (evictionMessage with
// ResourceEphemeralStorage: a container's usage is Rootfs + Logs).
func diskEvictionMessage(pd podDisk, quantity, available int64) string {
	var b strings.Builder
	b.WriteString("The node was low on resource: ephemeral-storage. ")
	fmt.Fprintf(&b, "Threshold quantity: %s, available: %s. ",
		resource.NewQuantity(quantity, resource.BinarySI).String(), resource.NewQuantity(available, resource.BinarySI).String())
	p := pd.w.pod
	specs := append(slices.Clip(p.Spec.Containers), p.Spec.InitContainers...)
	for _, c := range specs {
		used, ok := pd.storage.layers[c.Name]
		if !ok {
			continue
		}
		usage := resource.NewQuantity(used, resource.BinarySI)
		req := c.Resources.Requests[corev1.ResourceEphemeralStorage]
		if usage.Cmp(req) > 0 {
			fmt.Fprintf(&b, "Container %s was using %s, request is %s, has larger consumption of ephemeral-storage. ", c.Name, usage.String(), req.String())
		}
	}
	return b.String()
}

// ephemeralAllocatable returns the store's allocatable ephemeral storage:
// the capacity less the hard nodefs.available threshold (10%).
// Reference: the Kubernetes docs' "Reserve Compute Resources for System
// Daemons" (allocatable = capacity - reserved - hard eviction thresholds);
// pkg/kubelet/cm/node_container_manager_linux.go (GetNodeAllocatableReservation
// adds the nodefs.available threshold to ephemeral-storage).
//
// The quantity is in the form head office gives back once it has stored
// it (a plain 96636764000 comes back as 96636764k), so that a Node read
// and written again (kubectl cordon's patch) compares equal.
func ephemeralAllocatable(capacity resource.Quantity) resource.Quantity {
	c := capacity.Value()
	q := resource.NewQuantity(c-thresholdQuantity(c, evictionHardNodeFs), capacity.Format)
	if parsed, err := resource.ParseQuantity(q.String()); err == nil {
		return parsed
	}
	return *q
}
