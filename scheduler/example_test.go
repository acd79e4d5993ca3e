package scheduler_test

import (
	"fmt"
	"math/rand/v2"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/scheduler"
)

// store returns a node (a store) with 2 cores, 4Gi of memory and 110 pod slots.
func store(name string, taints ...corev1.Taint) *corev1.Node {
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name},
		Spec:       corev1.NodeSpec{Taints: taints},
		Status: corev1.NodeStatus{Allocatable: corev1.ResourceList{
			corev1.ResourceCPU:    resource.MustParse("2"),
			corev1.ResourceMemory: resource.MustParse("4Gi"),
			corev1.ResourcePods:   resource.MustParse("110"),
		}},
	}
}

// employee returns a pod (an employee) that asks for some cpu.
func employee(name, cpu string) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name:  "cashier",
			Image: "nginx",
			Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
				corev1.ResourceCPU: resource.MustParse(cpu),
			}},
		}}},
	}
}

// The staffing desk sends a new cashier to the emptiest store, and explains
// itself in kube-scheduler's own words when no store can take a hire.
func ExampleSchedule() {
	rng := rand.New(rand.NewPCG(1, 2))
	stores := []scheduler.NodeInfo{
		{Node: store("downtown"), Pods: []*corev1.Pod{employee("alice", "1500m")}},
		{Node: store("uptown")},
		{Node: store("harbor", corev1.Taint{Key: "node.kubernetes.io/unreachable", Effect: corev1.TaintEffectNoExecute})},
	}

	name, err := scheduler.Schedule(employee("bob", "500m"), stores, rng)
	fmt.Println(name, err)

	_, err = scheduler.Schedule(employee("carol", "3"), stores, rng)
	fmt.Println(err)
	// Output:
	// uptown <nil>
	// 0/3 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.
}
