package kubelet_test

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/sim"
)

// diskRun is a store with a 64Mi disk: a finished alpine pod (its image,
// 3.6MB compressed, takes 10.8MB unpacked) and a busybox filler that
// waits 5m30s, then writes 256KiB a second into its emptyDir.
func diskRun(t *testing.T) *run {
	t.Helper()
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceEphemeralStorage] = resource.MustParse("64Mi")
	cfg := cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}}
	report := podOf("report", 1, corev1.Container{Name: "report", Image: "alpine:3.20", Command: []string{"sh", "-c", "echo done"}})
	report.Spec.RestartPolicy = corev1.RestartPolicyNever
	// A 256 KiB chunk, appended once a second.
	script := `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s
s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s; printf %s $s > /tmp/chunk; s=
sleep 330; while :; do cat /tmp/chunk >> /data/f; sleep 1; done`
	filler := volumePod("filler", script, corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
	return newRun(t, cfg, report, filler)
}

// Under disk pressure the kubelet reclaims before it evicts: at the first
// pass under imagefs.available<15% it removes the finished pod's dead
// container and the unused image it has known for 2 minutes (first
// detected by the image GC at 5m), which is enough, so nobody is evicted;
// when the disk fills again there is nothing left to reclaim and the
// filler, a BestEffort pod over its (zero) request, is evicted with the
// kubelet's message. The store reports DiskPressure from the first pass.
// Reference: pkg/kubelet/eviction/eviction_manager.go (synchronize,
// reclaimNodeLevelResources); pkg/kubelet/eviction/helpers.go
// (buildSignalToNodeReclaimFuncs, evictionMessage, GetThresholdQuantity);
// pkg/kubelet/images/image_gc_manager.go (freeSpace: MinAge 2m from
// firstDetected); https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/#reclaiming-node-level-resources.
func TestDiskPressureReclaimsBeforeEvicting(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	r := diskRun(t)
	r.c.RunFor(10 * time.Minute)
	pressure := r.find("NodeHasDiskPressure", "store-1")
	require.Len(t, pressure, 1, "NodeHasDiskPressure events")
	containers := r.find("ContainersGarbageCollected", "store-1")
	images := r.find("ImageGarbageCollected", "store-1")
	require.Len(t, containers, 1, "dead containers removed once")
	require.Len(t, images, 1, "one image removed")
	assert.Equal(t, "docker.io/library/alpine:3.20", images[0].Facts.Image)
	assert.Equal(t, pressure[0].Time, images[0].Time, "the image goes at the first pass under pressure")
	assert.GreaterOrEqual(t, images[0].Time, sim.Time(7*time.Minute), "not before 2m after its first detection at 5m")

	evicted := r.find("Evicted", "filler")
	require.Len(t, evicted, 1, "Evicted events for filler")
	assert.Greater(t, evicted[0].Time, images[0].Time, "evicted only at a later pass, when reclaiming was not enough")
	// 15% of 64Mi as the kubelet computes it: float32(0.15) * 67108864.
	assert.True(t, strings.HasPrefix(evicted[0].Message, "The node was low on resource: ephemeral-storage. Threshold quantity: 10066330, available: "),
		"eviction message: %q", evicted[0].Message)
	assert.Contains(t, evicted[0].Message, "Container app was using 256Ki, request is 0, has larger consumption of ephemeral-storage. ")
	p, err := r.c.Pod("default", "filler")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, p.Status.Phase)
	assert.Equal(t, "Evicted", p.Status.Reason)
	assert.Empty(t, r.find("Evicted", "report"), "a finished pod is not evicted")
}

// While the store is under disk pressure, head office taints it
// node.kubernetes.io/disk-pressure:NoSchedule, and the kubelet refuses a
// pod bound to it by hand, unless the pod is critical. The condition
// stays True for 5 minutes after the last pass under the threshold (the
// filler's emptyDir goes with its eviction, so the disk is free again).
// Reference: pkg/kubelet/eviction/eviction_manager.go (Admit: conditions
// other than memory pressure reject every pod but critical ones;
// nodeConditionMessageFmt); pkg/kubelet/types/pod_update.go
// (IsCriticalPodBasedOnPriority); pkg/controller/nodelifecycle
// (taint by condition); kubelet.md §9.2 (the pressure transition period).
func TestDiskPressureTaintsAndRefuses(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	r := diskRun(t)
	r.c.RunFor(9 * time.Minute)
	require.Len(t, r.find("NodeHasDiskPressure", "store-1"), 1, "under disk pressure by 9m")
	taints := r.c.Nodes()[0].Spec.Taints
	assert.True(t, slices.ContainsFunc(taints, func(x corev1.Taint) bool {
		return x.Key == corev1.TaintNodeDiskPressure && x.Effect == corev1.TaintEffectNoSchedule
	}), "taints: %v", taints)

	bound := podOf("bound", 1, sleeper("app"))
	bound.Spec.NodeName = "store-1"
	critical := podOf("critical", 1, sleeper("app"))
	critical.Spec.NodeName = "store-1"
	critical.Spec.Priority = ptrTo(int32(2_000_001_000)) // system-node-critical
	require.NoError(t, r.c.Apply(bound, critical))
	r.c.RunFor(10 * time.Second)
	p, err := r.c.Pod("default", "bound")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, p.Status.Phase)
	assert.Equal(t, "Evicted", p.Status.Reason)
	assert.Equal(t, "Pod was rejected: The node had condition: [DiskPressure]. ", p.Status.Message)
	p, err = r.c.Pod("default", "critical")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase, "a critical pod is admitted under pressure")

	r.c.RunFor(7 * time.Minute)
	relief := r.find("NodeHasNoDiskPressure", "store-1")
	require.Len(t, relief, 1, "the pressure ends")
	evicted := r.find("Evicted", "filler")
	require.Len(t, evicted, 1)
	// The last pass under the threshold is the eviction's; the condition
	// turns False at the first status update 5 minutes after it.
	assert.GreaterOrEqual(t, relief[0].Time, evicted[0].Time.Add(5*time.Minute))
	assert.Less(t, relief[0].Time, evicted[0].Time.Add(5*time.Minute+20*time.Second))
	assert.False(t, slices.ContainsFunc(r.c.Nodes()[0].Spec.Taints, func(x corev1.Taint) bool { return x.Key == corev1.TaintNodeDiskPressure }),
		"the taint is lifted")
}

func ptrTo[T any](v T) *T { return &v }

// A full store disk fails a write as a full device does: a loop appending
// 256 KiB at a time to a disk-backed emptyDir on a 64Mi store ends when
// the write does not fit, with ash's message and exit status 1, before
// the eviction manager's next pass; the disk is then full to within a
// chunk.
// Reference: https://man7.org/linux/man-pages/man2/write.2.html (ENOSPC:
// the device containing the file has no room for the data); busybox
// coreutils/echo.c (bb_msg_write_error: "write error", status 1).
func TestFullStoreDiskFailsWrites(t *testing.T) {
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceEphemeralStorage] = resource.MustParse("64Mi")
	cfg := cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}}
	script := `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s
s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s
while :; do echo $s >> /data/f || { s=$?; wc -c < /data/f; exit $s; }; done`
	filler := volumePod("filler", script, corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}})
	filler.Spec.RestartPolicy = corev1.RestartPolicyNever
	r := newRun(t, cfg, filler)
	r.c.RunFor(time.Minute)
	p, err := r.c.Pod("default", "filler")
	require.NoError(t, err)
	cs := containerStatus(t, p, "app")
	require.NotNil(t, cs.State.Terminated, "the loop ends: %+v", cs.State)
	assert.EqualValues(t, 1, cs.State.Terminated.ExitCode)
	logs := strings.SplitN(r.logs(t, "default", "filler", "app"), "\n", 2)
	require.Len(t, logs, 2, "the error, then the file's size")
	assert.Equal(t, "sh: write error: No space left on device", logs[0])
	size, err := strconv.ParseInt(strings.TrimSpace(logs[1]), 10, 64)
	require.NoError(t, err, "wc -c: %q", logs[1])
	const chunk = 256<<10 + 1 // echo's line
	assert.Zero(t, size%chunk, "only whole writes land: %d", size)
	// The busybox image and the log share the disk with it.
	assert.Greater(t, size, int64(56<<20), "the emptyDir fills the rest of the disk")
	assert.Empty(t, r.find("Evicted", "filler"), "the write fails before any eviction")
}
