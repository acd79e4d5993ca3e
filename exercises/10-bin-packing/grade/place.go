package grade

import (
	"fmt"
	"strings"
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/scheduler"
)

// placement is a day of hiring: pods arrive one by one, each asking for
// cpu and memory, and go to the feasible store with the highest score.
type placement struct {
	stores int
	pods   []string // each pod's cpu request; memory is 1Gi each
	want   string   // "pod-1:store-1 ..."
	why    string
}

var placements = []placement{
	{3, []string{"1", "1", "1", "1", "1"},
		"pod-1:store-1 pod-2:store-1 pod-3:store-1 pod-4:store-1 pod-5:store-2",
		"bin packing fills store-1 to the brim before it opens store-2; store-3 stays empty"},
	{2, []string{"3", "2", "1", "2"},
		"pod-1:store-1 pod-2:store-2 pod-3:store-1 pod-4:store-2",
		"a pod goes to the fullest store it still fits in"},
}

// checkPlacement places each day's pods with score and compares where
// they land.
func checkPlacement(t testing.TB, score ScoreFunc) {
	t.Helper()
	for _, p := range placements {
		if got := place(score, p.stores, p.pods); got != p.want {
			t.Errorf("placing pods asking for cpu %v on %d stores of 4 cpu and 8Gi: got %s, want %s: %s",
				p.pods, p.stores, got, p.want, p.why)
		}
	}
}

// place sends each pod to the store where it fits with the highest
// score, the first store on a tie, and returns where each landed.
func place(score ScoreFunc, stores int, cpus []string) string {
	alloc := res(4000, 8*gi)
	used := make([]scheduler.Resources, stores)
	var out []string
	for i, cpu := range cpus {
		req := scheduler.NonZeroPodRequests(employee(cpu))
		best, bestScore := -1, int64(-1)
		for s := range used {
			with := add(used[s], req)
			if with.MilliCPU > alloc.MilliCPU || with.Memory > alloc.Memory {
				continue
			}
			if sc := score(with, alloc); sc > bestScore {
				best, bestScore = s, sc
			}
		}
		where := "Pending"
		if best >= 0 {
			used[best] = add(used[best], req)
			where = fmt.Sprintf("store-%d", best+1)
		}
		out = append(out, fmt.Sprintf("pod-%d:%s", i+1, where))
	}
	return strings.Join(out, " ")
}

// employee returns a pod asking for cpu and 1Gi of memory.
func employee(cpu string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "pod"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "app", Image: "nginx:1.27",
			Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse(cpu),
				corev1.ResourceMemory: resource.MustParse("1Gi"),
			}},
		}}},
	}
}

// add returns a plus b.
func add(a, b scheduler.Resources) scheduler.Resources {
	return scheduler.Resources{MilliCPU: a.MilliCPU + b.MilliCPU, Memory: a.Memory + b.Memory, Pods: a.Pods + b.Pods}
}

// show returns "cpu 2000m, memory 4Gi".
func show(r scheduler.Resources) string {
	return fmt.Sprintf("cpu %dm, memory %s", r.MilliCPU, resource.NewQuantity(r.Memory, resource.BinarySI))
}
