package scheduler

import (
	"math"
	"reflect"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

func TestPodRequests(t *testing.T) {
	always := corev1.ContainerRestartPolicyAlways
	c := func(cpu, mem string) corev1.Container {
		return corev1.Container{Name: "c", Resources: corev1.ResourceRequirements{Requests: requests(cpu, mem)}}
	}
	sidecar := func(cpu, mem string) corev1.Container {
		s := c(cpu, mem)
		s.RestartPolicy = &always
		return s
	}
	tests := []struct {
		name           string
		init, regular  []corev1.Container
		overhead       corev1.ResourceList
		podLevel       corev1.ResourceList
		want, wantNon0 Resources
	}{
		{
			// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go (computePodResourceRequest example)
			name:     "init containers take the max, regular containers the sum",
			init:     []corev1.Container{c("2", "1G"), c("2", "3G")},
			regular:  []corev1.Container{c("2", "1G"), c("1", "1G")},
			want:     Resources{MilliCPU: 3000, Memory: 3e9, Pods: 1},
			wantNon0: Resources{MilliCPU: 3000, Memory: 3e9, Pods: 1},
		},
		{
			// Reference: k8s.io/component-helpers/resource/helpers.go PodRequests (restartable init containers)
			name:     "sidecar adds to the sum and to later init containers",
			init:     []corev1.Container{sidecar("500m", "100Mi"), c("1", "100Mi")},
			regular:  []corev1.Container{c("200m", "100Mi")},
			want:     Resources{MilliCPU: 1500, Memory: 200 << 20, Pods: 1},
			wantNon0: Resources{MilliCPU: 1500, Memory: 200 << 20, Pods: 1},
		},
		{
			// Reference: pkg/scheduler/framework/types.go getNonMissingContainerRequests (100m / 200Mi)
			name:     "missing requests count as defaults for scoring only",
			regular:  []corev1.Container{c("", ""), c("250m", "")},
			want:     Resources{MilliCPU: 250, Pods: 1},
			wantNon0: Resources{MilliCPU: 350, Memory: 2 * DefaultMemoryRequest, Pods: 1},
		},
		{
			// Reference: k8s.io/component-helpers/resource/helpers.go applyNonMissing (only absent keys are defaulted)
			name:     "explicit zero request stays zero",
			regular:  []corev1.Container{c("0", "0")},
			want:     Resources{Pods: 1},
			wantNon0: Resources{Pods: 1},
		},
		{
			// Reference: k8s.io/component-helpers/resource/helpers.go PodRequests (overhead added)
			name:     "overhead is added",
			regular:  []corev1.Container{c("100m", "10Mi")},
			overhead: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("50m")},
			want:     Resources{MilliCPU: 150, Memory: 10 << 20, Pods: 1},
			wantNon0: Resources{MilliCPU: 150, Memory: 10 << 20, Pods: 1},
		},
		{
			// Reference: k8s.io/component-helpers/resource/helpers.go PodRequests
			// (a pod-level request replaces the containers' aggregate;
			// pods/resource/pod-level-resources.yaml: 1 CPU and 100Mi)
			name:     "pod-level requests take precedence",
			regular:  []corev1.Container{c("500m", "50Mi"), c("", "")},
			podLevel: requests("1", "100Mi"),
			want:     Resources{MilliCPU: 1000, Memory: 100 << 20, Pods: 1},
			wantNon0: Resources{MilliCPU: 1000, Memory: 100 << 20, Pods: 1},
		},
		{
			name:     "a pod-level cpu request leaves memory to the containers",
			regular:  []corev1.Container{c("", "64Mi")},
			podLevel: requests("500m", ""),
			want:     Resources{MilliCPU: 500, Memory: 64 << 20, Pods: 1},
			wantNon0: Resources{MilliCPU: 500, Memory: 64 << 20, Pods: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &corev1.Pod{Spec: corev1.PodSpec{InitContainers: tt.init, Containers: tt.regular, Overhead: tt.overhead}}
			if tt.podLevel != nil {
				p.Spec.Resources = &corev1.ResourceRequirements{Requests: tt.podLevel}
			}
			if got := PodRequests(p); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("PodRequests = %+v, want %+v", got, tt.want)
			}
			if got := NonZeroPodRequests(p); !reflect.DeepEqual(got, tt.wantNon0) {
				t.Errorf("NonZeroPodRequests = %+v, want %+v", got, tt.wantNon0)
			}
		})
	}
}

func TestNodeInfoSkipsTerminalPods(t *testing.T) {
	// Reference: pkg/scheduler/scheduler.go newPodInformer (status.phase!=Succeeded,status.phase!=Failed)
	done := pod("done", "1", "1Gi")
	done.Status.Phase = corev1.PodSucceeded
	failed := pod("failed", "1", "1Gi")
	failed.Status.Phase = corev1.PodFailed
	n := NodeInfo{Node: node("n", "4", "8Gi", 110), Pods: []*corev1.Pod{done, failed, pod("run", "500m", "")}}
	want := Resources{MilliCPU: 500, Pods: 1}
	if got := n.Requested(); !reflect.DeepEqual(got, want) {
		t.Errorf("Requested() = %+v, want %+v", got, want)
	}
	wantNon0 := Resources{MilliCPU: 500, Memory: DefaultMemoryRequest, Pods: 1}
	if got := n.NonZeroRequested(); !reflect.DeepEqual(got, wantNon0) {
		t.Errorf("NonZeroRequested() = %+v, want %+v", got, wantNon0)
	}
}

// The API server accepts any non-negative request, so requests can sum
// past int64: the sum saturates, and a pod of two 5Ei containers asks for
// more memory than any node has, instead of a negative amount that fits
// everywhere.
func TestPodRequestsSaturate(t *testing.T) {
	c := func(mem string) corev1.Container {
		return corev1.Container{Name: "c", Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
			corev1.ResourceMemory: resource.MustParse(mem), corev1.ResourceCPU: resource.MustParse("9000000000000000")}}}
	}
	p := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{c("5Ei"), c("5Ei"), c("5Ei")}}}
	got := PodRequests(p)
	if got.Memory != math.MaxInt64 || got.MilliCPU != math.MaxInt64 {
		t.Errorf("PodRequests(3 x 5Ei memory, 3 x 9e15 cpu) = %+v, want the int64 maximum in both", got)
	}
	if d := (Resources{Memory: math.MinInt64 + 1}).sub(Resources{Memory: 10}); d.Memory != math.MinInt64 {
		t.Errorf("sub past the minimum = %d, want %d", d.Memory, int64(math.MinInt64))
	}
}

// Reference: k8s.io/component-helpers/resource/helpers.go
// (determineContainerReqs: during a resize the larger of the spec's,
// the allocated and the actual requests; once Infeasible, the spec's do
// not count).
func TestPodRequestsDuringAResize(t *testing.T) {
	p := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{
		{Name: "app", Resources: corev1.ResourceRequirements{Requests: requests("500m", "1Gi")}},
	}}}
	assert := func(want Resources, what string) {
		t.Helper()
		if got := PodRequests(p); got.MilliCPU != want.MilliCPU || got.Memory != want.Memory {
			t.Errorf("%s: PodRequests = %dm %d, want %dm %d", what, got.MilliCPU, got.Memory, want.MilliCPU, want.Memory)
		}
	}
	gi := int64(1 << 30)
	assert(Resources{MilliCPU: 500, Memory: gi}, "no status")
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "app", AllocatedResources: requests("800m", "512Mi"),
		Resources: &corev1.ResourceRequirements{Requests: requests("800m", "512Mi")}}}
	assert(Resources{MilliCPU: 800, Memory: gi}, "a cpu decrease not yet applied, a memory increase")
	if got := PodSpecRequests(p); got.MilliCPU != 500 {
		t.Errorf("PodSpecRequests = %dm, want the spec's 500m", got.MilliCPU)
	}
	p.Status.Conditions = []corev1.PodCondition{{Type: corev1.PodResizePending, Status: corev1.ConditionTrue, Reason: corev1.PodReasonInfeasible}}
	assert(Resources{MilliCPU: 800, Memory: 512 << 20}, "infeasible: what it holds")
	if !Resizing(p) {
		t.Error("Resizing = false with PodResizePending")
	}
}
