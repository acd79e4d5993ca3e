package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// smallStore is a chain of one store with 1Gi of memory whose warehouse
// has a program that grows to 800Mi after 30s.
func smallStore(t *testing.T) cluster.Config {
	t.Helper()
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceMemory] = resource.MustParse("1Gi")
	cat := runtime.NewCatalog()
	require.NoError(t, cat.Register("example.com/hog", 1_000_000, runtime.Behaviour{
		Memory: []runtime.MemoryStep{{Bytes: 100 << 20}, {At: 30 * time.Second, Bytes: 800 << 20}}}))
	require.NoError(t, cat.Register("example.com/steady", 1_000_000, runtime.Behaviour{
		Memory: []runtime.MemoryStep{{Bytes: 150 << 20}}}))
	return cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}, Catalog: cat}
}

func nodeCondition(t *testing.T, c *cluster.Cluster, typ corev1.NodeConditionType) corev1.NodeCondition {
	t.Helper()
	n, err := c.API().Nodes.Get("", "store-1")
	require.NoError(t, err)
	for _, cond := range n.Status.Conditions {
		if cond.Type == typ {
			return cond
		}
	}
	t.Fatalf("node has no %s condition", typ)
	return corev1.NodeCondition{}
}

// Reference: kubelet.md §9.4 (memory.available below the 100Mi hard
// threshold: evict one pod per 10s pass, the one over its request first;
// phase Failed, reason Evicted, the §8.3 message, a Warning Evicted
// event, the DisruptionTarget condition with reason TerminationByKubelet)
// and §9.2 (MemoryPressure True with KubeletHasInsufficientMemory, event
// NodeHasInsufficientMemory; back to False 5m after the threshold was
// last met; lastTransitionTime only on a flip).
func TestMemoryPressureEvictsTheBestEffortPod(t *testing.T) {
	steady := corev1.Container{Name: "app", Image: "example.com/steady:1", Resources: corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("200Mi")}}}
	r := newRun(t, smallStore(t),
		podOf("hog", 30, corev1.Container{Name: "app", Image: "example.com/hog:1"}),
		podOf("steady", 30, steady))
	r.c.RunFor(time.Minute)

	evicted := r.find("Evicted", "hog")
	require.Len(t, evicted, 1, "Evicted events for hog")
	// Reference: pkg/kubelet/eviction/helpers.go (evictionMessage, v1.35):
	// 1Gi less the 950Mi in use leaves 74Mi, under the 100Mi threshold.
	msg := "The node was low on resource: memory. Threshold quantity: 100Mi, available: 74Mi. " +
		"Container app was using 800Mi, request is 0, has larger consumption of memory. "
	assert.Equal(t, msg, evicted[0].Message)
	assert.Equal(t, sim.Warning, evicted[0].Type)
	// The hog reaches 800Mi at 30.x s: 1Gi - 950Mi < 100Mi at the 40s pass.
	assert.Equal(t, sim.Time(secs(40)), evicted[0].Time, "evicted at %v, want 00:00:40", evicted[0].Time)
	assert.Empty(t, r.find("Evicted", "steady"), "steady uses less than it requested")

	hog, err := r.c.Pod("default", "hog")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, hog.Status.Phase)
	assert.Equal(t, "Evicted", hog.Status.Reason)
	assert.Equal(t, msg, hog.Status.Message)
	var disruption *corev1.PodCondition
	for i := range hog.Status.Conditions {
		if hog.Status.Conditions[i].Type == corev1.DisruptionTarget {
			disruption = &hog.Status.Conditions[i]
		}
	}
	require.NotNil(t, disruption, "no DisruptionTarget condition")
	assert.Equal(t, corev1.ConditionTrue, disruption.Status)
	assert.Equal(t, corev1.PodReasonTerminationByKubelet, disruption.Reason)
	// Hard threshold: grace period 0, so the container gets the 2s floor.
	assert.Equal(t, sim.Time(secs(42)), r.exitTimes("hog")["app"], "hog's app exited at %v, want 00:00:42", r.exitTimes("hog")["app"])
	// The kill is a SIGTERM then, 2s on, a SIGKILL: the runtime reports
	// exit code 137, reason Error, and kubectl's STATUS takes the last
	// container's terminated reason over the pod's reason Evicted.
	// Reference: pkg/kubelet/kuberuntime/kuberuntime_container.go
	// (killContainer: the 2s minimum grace period);
	// pkg/printers/internalversion/printers.go (printPod: status.reason,
	// then each container's waiting or terminated reason).
	require.NotEmpty(t, hog.Status.ContainerStatuses)
	term := hog.Status.ContainerStatuses[0].State.Terminated
	require.NotNil(t, term, "hog's app is terminated")
	assert.Equal(t, int32(137), term.ExitCode)
	assert.Equal(t, "Error", term.Reason)
	assert.Equal(t, "Error", pod.PrintRow(hog, hog.CreationTimestamp.Time).Status, "kubectl get pods STATUS of the evicted pod")

	mp := nodeCondition(t, r.c, corev1.NodeMemoryPressure)
	assert.Equal(t, corev1.ConditionTrue, mp.Status)
	assert.Equal(t, "KubeletHasInsufficientMemory", mp.Reason)
	assert.Equal(t, "kubelet has insufficient memory available", mp.Message)
	assert.Equal(t, sim.Time(secs(40)), sim.At(mp.LastTransitionTime.Time), "lastTransitionTime")
	assert.Equal(t, corev1.ConditionTrue, nodeCondition(t, r.c, corev1.NodeReady).Status, "Ready is not touched")
	require.Len(t, r.find("NodeHasInsufficientMemory", "store-1"), 1)

	// Still True 4m later; False 5m after the last time the threshold was met.
	r.c.RunUntil(sim.Time(secs(40) + 4*time.Minute + 50*time.Second))
	assert.Equal(t, corev1.ConditionTrue, nodeCondition(t, r.c, corev1.NodeMemoryPressure).Status, "at 5m30s")
	r.c.RunUntil(sim.Time(secs(40) + 5*time.Minute))
	mp = nodeCondition(t, r.c, corev1.NodeMemoryPressure)
	assert.Equal(t, corev1.ConditionFalse, mp.Status, "at 5m40s")
	assert.Equal(t, "KubeletHasSufficientMemory", mp.Reason)
	assert.Equal(t, sim.Time(secs(340)), sim.At(mp.LastTransitionTime.Time), "lastTransitionTime")
	require.Len(t, r.find("NodeHasSufficientMemory", "store-1"), 1)
}

// Reference: kubelet.md §9.1 and §9.2 (the node status is computed every
// 10s and written when it changed, or at least every 5m
// (nodeStatusReportFrequency), with lastHeartbeatTime refreshed and
// lastTransitionTime kept).
func TestNodeStatusReportedEveryFiveMinutes(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1})
	for _, tc := range []struct {
		at            time.Duration
		wantHeartbeat time.Duration
	}{
		{4*time.Minute + 50*time.Second, 0},
		{5 * time.Minute, 5 * time.Minute},
		{9*time.Minute + 50*time.Second, 5 * time.Minute},
		{10 * time.Minute, 10 * time.Minute},
	} {
		r.c.RunUntil(sim.Time(tc.at))
		for _, typ := range []corev1.NodeConditionType{corev1.NodeReady, corev1.NodeMemoryPressure} {
			cond := nodeCondition(t, r.c, typ)
			got := sim.At(cond.LastHeartbeatTime.Time).Duration()
			assert.Equal(t, tc.wantHeartbeat, got, "%s lastHeartbeatTime at %v = %v, want %v", typ, tc.at, got, tc.wantHeartbeat)
			assert.Equal(t, sim.Time(0), sim.At(cond.LastTransitionTime.Time), "%s lastTransitionTime", typ)
		}
	}
	assert.Empty(t, r.find("NodeHasInsufficientMemory", ""), "a quiet store reports no pressure")
}

// What a busybox shell holds counts as the container's memory use, so a
// pod without a limit whose shell grows the files it writes puts the store
// under memory pressure and is evicted, as the eviction model evicts any
// pod: at the first 10s pass after memory.available drops below 100Mi.
// Reference: kubelet.md §9.4 (memory.available = capacity - the pods' use;
// hard threshold 100Mi; one pod per 10s pass).
func TestShellMemoryFeedsEviction(t *testing.T) {
	if testing.Short() {
		t.Skip("a long run of simulation alone: not with -short (CI's race detector run)")
	}
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceMemory] = resource.MustParse("300Mi")
	cfg := cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1", Capacity: capacity}}}
	// A 4 MiB chunk, then 4 MiB more in /tmp/f each second from 0.244s
	// (after the pull): with the image's 400 KiB, past 200Mi (300Mi - 100Mi)
	// with the 49th append, at 48.244s.
	script := `s=0123456789abcdef; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s
s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s$s; s=$s$s$s$s; printf %s $s > /tmp/chunk; s=
while :; do cat /tmp/chunk >> /tmp/f; sleep 1; done`
	r := newRun(t, cfg, podOf("grower", 30, corev1.Container{Name: "sh", Image: "busybox:1.36", Command: []string{"sh", "-c", script}}))
	r.c.RunFor(90 * time.Second)
	evicted := r.find("Evicted", "grower")
	require.Len(t, evicted, 1, "Evicted events for grower")
	assert.Equal(t, sim.Time(secs(50)), evicted[0].Time, "evicted at the first pass after 48.244s")
	assert.Contains(t, evicted[0].Message, "The node was low on resource: memory. Threshold quantity: 100Mi, available: ")
	assert.Contains(t, evicted[0].Message, "Container sh was using ")
	p, err := r.c.Pod("default", "grower")
	require.NoError(t, err)
	assert.Equal(t, "Evicted", p.Status.Reason)
}
