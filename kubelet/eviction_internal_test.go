package kubelet

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

const mi = 1 << 20

func secs(s int) time.Duration { return time.Duration(s) * time.Second }

// Reference: kubelet.md §9.4 (memory ranking: orderedBy(
// exceedMemoryRequests, priority, memory), eviction/helpers.go).
func TestRankMemory(t *testing.T) {
	pu := func(name string, usage, request int64, priority int32) podUsage {
		return podUsage{w: &worker{pod: &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name}}}, usage: usage, request: request, priority: priority}
	}
	for _, tc := range []struct {
		name string
		pods []podUsage
		want []string
	}{
		{"over its request before within it, whatever the size",
			[]podUsage{pu("guaranteed", 500*mi, 600*mi, 0), pu("best-effort", 10*mi, 0, 0)}, []string{"best-effort", "guaranteed"}},
		{"both over: lower priority first",
			[]podUsage{pu("low-over-little", 300*mi, 290*mi, 1000), pu("high", 10*mi, 0, 0)}, []string{"high", "low-over-little"}},
		{"same priority: the larger use above the request first",
			[]podUsage{pu("a", 110*mi, 100*mi, 0), pu("b", 200*mi, 100*mi, 0), pu("c", 50*mi, 0, 0)}, []string{"b", "c", "a"}},
		{"ties keep their order",
			[]podUsage{pu("first", 100*mi, 0, 0), pu("second", 100*mi, 0, 0)}, []string{"first", "second"}},
		{"within requests: priority, then use above request (negative)",
			[]podUsage{pu("x", 100*mi, 400*mi, 0), pu("y", 300*mi, 400*mi, 0), pu("z", 1*mi, 400*mi, -5)}, []string{"z", "y", "x"}},
	} {
		rankMemory(tc.pods)
		var got []string
		for _, p := range tc.pods {
			got = append(got, p.w.pod.Name)
		}
		assert.Equal(t, tc.want, got, "%s: rankMemory = %v, want %v", tc.name, got, tc.want)
	}
}

// Reference: pkg/kubelet/eviction/helpers.go, evictionMessage in v1.35:
// nodeLowMessageFmt, thresholdMetMessageFmt, then containerMessageFmt once
// per container (init containers too) that uses more than it requested.
func TestEvictionMessage(t *testing.T) {
	p := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{
		{Name: "app"},
		{Name: "cache", Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Mi")}}},
		{Name: "quiet", Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("1Gi")}}},
	}, InitContainers: []corev1.Container{{Name: "sidecar"}}}}
	const head = "The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. "
	for _, tc := range []struct {
		usage map[string]int64
		want  string
	}{
		{map[string]int64{"app": 180 * mi}, head + "Container app was using 180Mi, request is 0, has larger consumption of memory. "},
		{map[string]int64{"app": 180 * mi, "cache": 100 * mi, "quiet": 10 * mi, "sidecar": 5 * mi},
			head + "Container app was using 180Mi, request is 0, has larger consumption of memory. " +
				"Container cache was using 100Mi, request is 64Mi, has larger consumption of memory. " +
				"Container sidecar was using 5Mi, request is 0, has larger consumption of memory. "},
		{map[string]int64{"quiet": 10 * mi}, head},
	} {
		assert.Equal(t, tc.want, evictionMessage(p, tc.usage, 52*mi), "evictionMessage(%v)", tc.usage)
	}
}

// Reference: kubelet.md §8.3 ("The node had condition: [<cond>]. "),
// eviction_manager.go Admit: under memory pressure only BestEffort pods
// that do not tolerate the memory-pressure taint are refused.
func TestAdmitUnderPressure(t *testing.T) {
	k := &Kubelet{loop: sim.New(1)}
	burstable := corev1.Container{Name: "app", Resources: corev1.ResourceRequirements{
		Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("10Mi")}}}
	mk := func(c corev1.Container, tol ...corev1.Toleration) *corev1.Pod {
		return &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{c}, Tolerations: tol}}
	}
	for _, tc := range []struct {
		name     string
		pressure bool
		pod      *corev1.Pod
		admit    bool
	}{
		{"no pressure: BestEffort admitted", false, mk(corev1.Container{Name: "app"}), true},
		{"pressure: BestEffort refused", true, mk(corev1.Container{Name: "app"}), false},
		{"pressure: Burstable admitted", true, mk(burstable), true},
		{"pressure: BestEffort tolerating the taint admitted", true,
			mk(corev1.Container{Name: "app"}, corev1.Toleration{Key: corev1.TaintNodeMemoryPressure, Operator: corev1.TolerationOpExists}), true},
		{"pressure: BestEffort tolerating another taint refused", true,
			mk(corev1.Container{Name: "app"}, corev1.Toleration{Key: corev1.TaintNodeDiskPressure, Operator: corev1.TolerationOpExists}), false},
	} {
		k.pressure = pressure{seen: tc.pressure}
		reason, msg, ok := k.admitUnderPressure(tc.pod)
		assert.Equal(t, tc.admit, ok, "%s: admitted = %v, want %v", tc.name, ok, tc.admit)
		if !ok {
			assert.Equal(t, "Evicted", reason, tc.name)
			assert.Equal(t, "The node had condition: [MemoryPressure]. ", msg, tc.name)
		}
	}
}

// Reference: kubelet.md §9.2 (the pressure condition stays True for
// evictionPressureTransitionPeriod, 5m, after the threshold was last met;
// eviction_manager.go nodeConditionsObservedSince).
func TestPressureTransitionPeriod(t *testing.T) {
	p := pressure{seen: true, lastObserved: sim.Time(secs(100))}
	for _, tc := range []struct {
		at   sim.Time
		want bool
	}{
		{sim.Time(secs(100)), true},
		{sim.Time(secs(399)), true},
		{sim.Time(secs(400)), false},
	} {
		assert.Equal(t, tc.want, p.underPressure(tc.at), "underPressure(%v) = %v, want %v", tc.at, !tc.want, tc.want)
	}
	assert.False(t, pressure{}.underPressure(0), "a store that never met the threshold is not under pressure")
}

// Reference: pkg/kubelet/lifecycle/handlers.go (Run: the exec hook's
// message names the command, container, pod, runtime error and output).
func TestExecHookMessage(t *testing.T) {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: "u1"}}
	c := &corev1.Container{Name: "app"}
	got := execHookMessage(p, c, []string{"sh", "-c", "exit 1"}, runtime.ExecResult{ExitCode: 1, Stdout: "bye\n"})
	want := `Exec lifecycle hook ([sh -c exit 1]) for Container "app" in Pod "web_default(u1)" failed - error: command 'sh -c exit 1' exited with 1: , message: "bye\n"`
	assert.Equal(t, want, got)
}

// Only an emptyDir's sizeLimit or a container's ephemeral-storage limit
// can make the local storage check evict a pod; a pod with neither is not
// measured.
// Reference: pkg/kubelet/eviction/eviction_manager.go (emptyDirLimitEviction,
// podEphemeralStorageLimitEviction, containerEphemeralStorageLimitEviction
// each need a limit).
func TestLimitsLocalStorage(t *testing.T) {
	limit := resource.MustParse("1Gi")
	zero := resource.MustParse("0")
	emptyDir := func(size *resource.Quantity) corev1.Volume {
		return corev1.Volume{Name: "scratch", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{SizeLimit: size}}}
	}
	withLimits := func(l corev1.ResourceList) corev1.Container {
		return corev1.Container{Name: "app", Resources: corev1.ResourceRequirements{Limits: l}}
	}
	for _, tc := range []struct {
		name string
		spec corev1.PodSpec
		want bool
	}{
		{"nothing", corev1.PodSpec{Containers: []corev1.Container{{Name: "app"}}}, false},
		{"an emptyDir without a sizeLimit", corev1.PodSpec{Volumes: []corev1.Volume{emptyDir(nil)}}, false},
		{"an emptyDir with a zero sizeLimit", corev1.PodSpec{Volumes: []corev1.Volume{emptyDir(&zero)}}, false},
		{"an emptyDir with a sizeLimit", corev1.PodSpec{Volumes: []corev1.Volume{emptyDir(&limit)}}, true},
		{"a memory limit", corev1.PodSpec{Containers: []corev1.Container{withLimits(corev1.ResourceList{corev1.ResourceMemory: limit})}}, false},
		{"an ephemeral-storage limit", corev1.PodSpec{Containers: []corev1.Container{{Name: "a"}, withLimits(corev1.ResourceList{corev1.ResourceEphemeralStorage: limit})}}, true},
	} {
		assert.Equal(t, tc.want, limitsLocalStorage(&corev1.Pod{Spec: tc.spec}), tc.name)
	}
}
