package kubelet_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
)

// resize writes new cpu and memory requests and limits (as the page's
// `kubectl patch --subresource resize` does, requests and limits alike)
// to one container of a pod.
func (r *run) resize(t *testing.T, namespace, name, container string, rs ...string) error {
	t.Helper()
	p := r.pod(t, namespace, name).DeepCopy()
	for i := range p.Spec.Containers {
		c := &p.Spec.Containers[i]
		if c.Name != container {
			continue
		}
		for j := 0; j+1 < len(rs); j += 2 {
			q := resource.MustParse(rs[j+1])
			c.Resources.Requests[corev1.ResourceName(rs[j])] = q
			c.Resources.Limits[corev1.ResourceName(rs[j])] = q
		}
	}
	return r.c.Resize(p)
}

// condition returns the pod's condition of type ct, or nil.
func condition(p *corev1.Pod, ct corev1.PodConditionType) *corev1.PodCondition {
	for i := range p.Status.Conditions {
		if p.Status.Conditions[i].Type == ct {
			return &p.Status.Conditions[i]
		}
	}
	return nil
}

// actual returns what status.containerStatuses[0].resources says of a
// resource: the limit, and the request.
func actual(t *testing.T, p *corev1.Pod, name corev1.ResourceName) (limit, request string) {
	t.Helper()
	require.NotEmpty(t, p.Status.ContainerStatuses)
	res := p.Status.ContainerStatuses[0].Resources
	require.NotNil(t, res, "status.containerStatuses[0].resources")
	l, r := res.Limits[name], res.Requests[name]
	return l.String(), r.String()
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/
// (pods/resource/pod-resize.yaml, and the page's three steps: "Example 1:
// Resizing CPU without restart", 700m to 800m with restartCount still 0;
// "Example 2: Resizing memory with restart", 200Mi to 300Mi under
// RestartContainer with restartCount 1; "Troubleshooting: Infeasible
// resize request", 1000 CPUs: PodResizePending Infeasible, "Node didn't
// have enough capacity: cpu, requested: ..., capacity: ...", and the
// status's resources still the previous ones).
func TestDocsInPlaceResize(t *testing.T) {
	r := censusRun(t, nil, "pod-resize.yaml")
	p := r.pod(t, "qos-example", "resize-demo")
	require.Equal(t, corev1.PodRunning, p.Status.Phase)
	assert.Equal(t, corev1.PodQOSGuaranteed, p.Status.QOSClass, "the page: this pod starts in the Guaranteed QoS class")
	for _, want := range [][3]string{{"cpu", "700m", "700m"}, {"memory", "200Mi", "200Mi"}} {
		l, q := actual(t, p, corev1.ResourceName(want[0]))
		assert.Equal(t, want[1:], []string{l, q}, "status resources %s before the resize", want[0])
	}
	assert.Equal(t, "700m", p.Status.ContainerStatuses[0].AllocatedResources.Cpu().String(), "allocatedResources")
	assert.Equal(t, int32(0), p.Status.ContainerStatuses[0].RestartCount)

	// A plain update may not change resources: only the resize
	// subresource does (pkg/apis/core/validation ValidatePodUpdate).
	plain := p.DeepCopy()
	plain.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU] = resource.MustParse("800m")
	plain.Spec.Containers[0].Resources.Requests[corev1.ResourceCPU] = resource.MustParse("800m")
	err := r.c.Update(plain)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "pod updates may not change fields")

	// Example 1: cpu in place.
	require.NoError(t, r.resize(t, "qos-example", "resize-demo", "pause", "cpu", "800m"))
	r.c.RunFor(100 * time.Millisecond)
	p = r.pod(t, "qos-example", "resize-demo")
	require.NotNil(t, condition(p, corev1.PodResizeInProgress), "PodResizeInProgress while the change is applied")
	r.c.RunFor(5 * time.Second)
	p = r.pod(t, "qos-example", "resize-demo")
	assert.Equal(t, "800m", p.Spec.Containers[0].Resources.Limits.Cpu().String())
	l, q := actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, []string{"800m", "800m"}, []string{l, q}, "status resources cpu after the resize")
	assert.Equal(t, int32(0), p.Status.ContainerStatuses[0].RestartCount, "cpu's resizePolicy is NotRequired")
	assert.Nil(t, condition(p, corev1.PodResizeInProgress), "the resize is done")
	assert.Nil(t, condition(p, corev1.PodResizePending))
	require.NotEmpty(t, r.find("Resized", "resize-demo"))

	// Example 2: memory, with a restart.
	require.NoError(t, r.resize(t, "qos-example", "resize-demo", "pause", "memory", "300Mi"))
	r.c.RunFor(10 * time.Second)
	p = r.pod(t, "qos-example", "resize-demo")
	assert.Equal(t, "300Mi", p.Spec.Containers[0].Resources.Limits.Memory().String())
	l, q = actual(t, p, corev1.ResourceMemory)
	assert.Equal(t, []string{"300Mi", "300Mi"}, []string{l, q}, "status resources memory after the resize")
	assert.Equal(t, int32(1), p.Status.ContainerStatuses[0].RestartCount, "memory's resizePolicy is RestartContainer")
	kills := r.find("Killing", "resize-demo")
	require.NotEmpty(t, kills)
	assert.Equal(t, "Container pause resize requires restart", kills[len(kills)-1].Message)

	// Infeasible: 1000 CPUs.
	require.NoError(t, r.resize(t, "qos-example", "resize-demo", "pause", "cpu", "1000"))
	r.c.RunFor(5 * time.Second)
	p = r.pod(t, "qos-example", "resize-demo")
	assert.Equal(t, "1k", p.Spec.Containers[0].Resources.Limits.Cpu().String(), "the spec shows the desired state")
	pending := condition(p, corev1.PodResizePending)
	require.NotNil(t, pending, "PodResizePending")
	assert.Equal(t, corev1.PodReasonInfeasible, pending.Reason)
	assert.Equal(t, "Node didn't have enough capacity: cpu, requested: 1000000, capacity: 4000", pending.Message)
	l, _ = actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, "800m", l, "the status keeps the previous cpu")
	l, _ = actual(t, p, corev1.ResourceMemory)
	assert.Equal(t, "300Mi", l, "the status keeps the previous memory")
	assert.Equal(t, int32(1), p.Status.ContainerStatuses[0].RestartCount, "the infeasible resize restarts nothing")

	// "To fix this, you would need to patch the pod again with feasible
	// resource values."
	require.NoError(t, r.resize(t, "qos-example", "resize-demo", "pause", "cpu", "900m"))
	r.c.RunFor(5 * time.Second)
	p = r.pod(t, "qos-example", "resize-demo")
	assert.Nil(t, condition(p, corev1.PodResizePending))
	l, _ = actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, "900m", l)
}

// guaranteed is a busybox container with equal cpu and memory requests
// and limits.
func guaranteed(name, cpu, memory string) corev1.Container {
	c := sleeper(name)
	list := corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu), corev1.ResourceMemory: resource.MustParse(memory)}
	c.Resources = corev1.ResourceRequirements{Requests: list, Limits: list.DeepCopy()}
	return c
}

// Reference: pkg/kubelet/allocation/allocation_manager.go (canResizePod:
// a resize that would fit the node were other pods gone is Deferred, with
// the admission's message, and RetryPendingResizes tries it again when a
// pod leaves); the resize-container-resources page ("How kubelet retries
// Deferred resizes").
func TestResizeDeferredUntilRoomFrees(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1},
		podOf("big", 1, guaranteed("app", "2", "1Gi")), podOf("other", 1, guaranteed("app", "1500m", "1Gi")))
	r.c.RunFor(10 * time.Second)
	require.Equal(t, corev1.PodRunning, r.pod(t, "default", "big").Status.Phase)

	require.NoError(t, r.resize(t, "default", "big", "app", "cpu", "3"))
	r.c.RunFor(5 * time.Second)
	p := r.pod(t, "default", "big")
	pending := condition(p, corev1.PodResizePending)
	require.NotNil(t, pending)
	assert.Equal(t, corev1.PodReasonDeferred, pending.Reason)
	assert.Equal(t, "Node didn't have enough resource: cpu, requested: 3000, used: 1500, capacity: 4000", pending.Message)
	l, _ := actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, "2", l, "a deferred resize changes nothing yet")

	// The scheduler counts the larger of spec and allocation meanwhile:
	// the store has 4 CPUs, big holds 2 allocated and asks 3.
	// Reference: k8s.io/component-helpers/resource (determineContainerReqs).
	require.NoError(t, r.c.DeletePod("default", "other", nil))
	r.c.RunFor(10 * time.Second)
	p = r.pod(t, "default", "big")
	assert.Nil(t, condition(p, corev1.PodResizePending), "retried once the other pod left")
	l, _ = actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, "3", l)
	assert.Equal(t, int32(0), p.Status.ContainerStatuses[0].RestartCount)
}

// Two resizes wait for the same room; when a pod leaves, the room goes
// to the pod of higher priority, though the other asked first.
// Reference: pkg/kubelet/allocation/allocation_manager.go
// (sortPendingResizes: resizes that do not grow first, then higher
// spec.priority, then Guaranteed before Burstable, then the longest
// waiting; RetryPendingResizes tries them in that order).
func TestDeferredResizesRetriedByPriority(t *testing.T) {
	high := podOf("high", 1, guaranteed("app", "1", "256Mi"))
	prio := int32(1000)
	high.Spec.Priority = &prio
	r := newRun(t, cluster.Config{Seed: 1},
		podOf("low", 1, guaranteed("app", "1", "256Mi")), high, podOf("filler", 1, guaranteed("app", "1500m", "256Mi")))
	r.c.RunFor(10 * time.Second)

	// 3.5 of the store's 4 CPUs are held: neither +1.5 fits.
	require.NoError(t, r.resize(t, "default", "low", "app", "cpu", "2500m"))
	r.c.RunFor(5 * time.Second)
	require.NoError(t, r.resize(t, "default", "high", "app", "cpu", "2500m"))
	r.c.RunFor(5 * time.Second)
	for _, name := range []string{"low", "high"} {
		pending := condition(r.pod(t, "default", name), corev1.PodResizePending)
		require.NotNil(t, pending, name)
		require.Equal(t, corev1.PodReasonDeferred, pending.Reason, name)
	}

	// The filler leaves: 2 CPUs free, room for one of the two.
	require.NoError(t, r.c.DeletePod("default", "filler", nil))
	r.c.RunFor(10 * time.Second)
	p := r.pod(t, "default", "high")
	assert.Nil(t, condition(p, corev1.PodResizePending), "the higher priority's resize is allocated")
	l, _ := actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, "2500m", l)
	p = r.pod(t, "default", "low")
	pending := condition(p, corev1.PodResizePending)
	require.NotNil(t, pending, "the lower priority's resize still waits")
	assert.Equal(t, corev1.PodReasonDeferred, pending.Reason)
	assert.Equal(t, "Node didn't have enough resource: cpu, requested: 2500, used: 2500, capacity: 4000", pending.Message)
	l, _ = actual(t, p, corev1.ResourceCPU)
	assert.Equal(t, "1", l)
}

// Reference: pkg/kubelet/kuberuntime/kuberuntime_manager.go
// (doPodResizeAction: a pod memory limit at or below the pod's current
// use is not set, "aborting attempt to set pod memory limit less than
// current memory usage for pod ..."; kubelet.go reports it as
// PodResizeInProgress with reason Error); the resize-container-resources
// page ("Memory Decrease": the resize is skipped and stays In Progress).
func TestResizeMemoryBelowUseStaysInProgress(t *testing.T) {
	c := guaranteed("app", "500m", "200Mi")
	r := newRun(t, cluster.Config{Seed: 1}, podOf("hog", 1, c))
	r.c.RunFor(10 * time.Second)
	store, id := r.container(t, "hog", "app")
	require.NoError(t, store.Runtime.UseMemory(id, 150<<20))

	require.NoError(t, r.resize(t, "default", "hog", "app", "memory", "100Mi"))
	r.c.RunFor(5 * time.Second)
	p := r.pod(t, "default", "hog")
	prog := condition(p, corev1.PodResizeInProgress)
	require.NotNil(t, prog, "PodResizeInProgress")
	assert.Equal(t, corev1.PodReasonError, prog.Reason)
	assert.Equal(t, "aborting attempt to set pod memory limit less than current memory usage for pod hog", prog.Message)
	l, _ := actual(t, p, corev1.ResourceMemory)
	assert.Equal(t, "200Mi", l, "the limit stays")
	assert.NotNil(t, p.Status.ContainerStatuses[0].State.Running, "not OOM-killed")
	assert.Equal(t, "100Mi", p.Status.ContainerStatuses[0].AllocatedResources.Memory().String(), "allocated all the same")

	// Once the program gives memory back, the retry sets the limit.
	require.NoError(t, store.Runtime.UseMemory(id, 50<<20))
	r.c.RunFor(30 * time.Second)
	p = r.pod(t, "default", "hog")
	assert.Nil(t, condition(p, corev1.PodResizeInProgress))
	l, _ = actual(t, p, corev1.ResourceMemory)
	assert.Equal(t, "100Mi", l)
	assert.Equal(t, int32(0), p.Status.ContainerStatuses[0].RestartCount)
}

// Reference: the resize-container-resources page (the runtime applies
// the new limits to the running container: its cgroup); proxy-and-runtime.md
// B4 (over the memory limit the kernel OOM-kills). A memory limit raised
// in place lets the container hold what the old limit would have killed it
// for.
func TestResizeRaisedMemoryLimitHolds(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1}, podOf("grow", 1, guaranteed("app", "500m", "100Mi")))
	r.c.RunFor(10 * time.Second)
	require.NoError(t, r.resize(t, "default", "grow", "app", "memory", "300Mi"))
	r.c.RunFor(5 * time.Second)
	store, id := r.container(t, "grow", "app")
	require.NoError(t, store.Runtime.UseMemory(id, 200<<20))
	r.c.RunFor(5 * time.Second)
	p := r.pod(t, "default", "grow")
	assert.NotNil(t, p.Status.ContainerStatuses[0].State.Running, "200Mi fits the new 300Mi limit")
	assert.Equal(t, int32(0), p.Status.ContainerStatuses[0].RestartCount)

	// And lowered below use by hand at the runtime, it kills: the
	// runtime enforces the limit it was given.
	require.NoError(t, store.Runtime.UseMemory(id, 350<<20))
	r.c.RunFor(5 * time.Second)
	p = r.pod(t, "default", "grow")
	cs := p.Status.ContainerStatuses[0]
	term := cs.LastTerminationState.Terminated
	if term == nil {
		term = cs.State.Terminated
	}
	require.NotNil(t, term, "over 300Mi the container is OOM-killed")
	assert.Equal(t, "OOMKilled", term.Reason)
}

// Reference: pkg/apis/core/validation/validation.go (ValidatePodResize:
// "Pod QOS Class may not change as a result of resizing", "resource
// requests cannot be removed", "only cpu and memory resources are
// mutable"; validateResizePolicy); pkg/registry/core/pod/strategy.go
// (dropNonResizeUpdates: other changes through the subresource are
// dropped).
func TestResizeRefusals(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1}, podOf("g", 1, guaranteed("app", "500m", "200Mi")))
	r.c.RunFor(10 * time.Second)
	base := r.pod(t, "default", "g")
	for _, tc := range []struct {
		name string
		edit func(c *corev1.Container)
		want string
	}{
		{"qos", func(c *corev1.Container) { c.Resources.Limits[corev1.ResourceCPU] = resource.MustParse("1") },
			"spec: Invalid value: \"Burstable\": Pod QOS Class may not change as a result of resizing"},
		{"removed", func(c *corev1.Container) {
			delete(c.Resources.Limits, corev1.ResourceMemory)
			delete(c.Resources.Requests, corev1.ResourceMemory)
		}, "spec.containers[0].resources.limits[memory]: Forbidden: resource limits cannot be removed"},
		{"other resource", func(c *corev1.Container) {
			c.Resources.Limits[corev1.ResourceEphemeralStorage] = resource.MustParse("1Gi")
		}, "spec: Forbidden: only cpu and memory resources are mutable"},
		{"policy", func(c *corev1.Container) {
			c.ResizePolicy = []corev1.ContainerResizePolicy{{ResourceName: "cpu", RestartPolicy: "Sometimes"}}
		}, "spec.containers[0].resizePolicy: Unsupported value: \"Sometimes\""},
	} {
		p := base.DeepCopy()
		tc.edit(&p.Spec.Containers[0])
		err := r.c.Resize(p)
		require.Error(t, err, tc.name)
		assert.Contains(t, err.Error(), tc.want, tc.name)
	}
	r.c.RunFor(time.Second)
	assert.Equal(t, base.Generation, r.pod(t, "default", "g").Generation, "a refused resize changes nothing")

	// An image change through the resize subresource is dropped, not
	// refused, and not made.
	p := base.DeepCopy()
	p.Spec.Containers[0].Image = "nginx:1.27"
	p.Spec.Containers[0].Resources.Limits[corev1.ResourceCPU] = resource.MustParse("600m")
	p.Spec.Containers[0].Resources.Requests[corev1.ResourceCPU] = resource.MustParse("600m")
	require.NoError(t, r.c.Resize(p))
	got := r.pod(t, "default", "g")
	assert.Equal(t, "busybox:1.36", got.Spec.Containers[0].Image)
	assert.Equal(t, "600m", got.Spec.Containers[0].Resources.Limits.Cpu().String())

	// A pod whose restartPolicy is Never may not ask for a restart.
	never := podOf("n", 1, guaranteed("app", "500m", "200Mi"))
	never.Spec.RestartPolicy = corev1.RestartPolicyNever
	never.Spec.Containers[0].ResizePolicy = []corev1.ContainerResizePolicy{{ResourceName: "memory", RestartPolicy: corev1.RestartContainer}}
	err := r.c.Apply(never)
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "must be 'NotRequired' when `restartPolicy` is 'Never'"), err.Error())
}
