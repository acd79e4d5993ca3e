package pod_test

import (
	"fmt"
	"os"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// A store with three employees, seen the way `kubectl get pods` shows them:
// one at work, one still doing onboarding paperwork, and one who keeps
// walking out and whom the manager waits longer each time to call back.
func ExamplePrintTable() {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	created := metav1.NewTime(now.Add(-90 * time.Minute))

	cashier := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "cashier", CreationTimestamp: created}}
	cashier.Spec.Containers = []corev1.Container{{Name: "till", Image: "nginx"}}
	cashier.Status.Phase = corev1.PodRunning
	cashier.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "till", Ready: true,
		State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}}

	newHire := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "new-hire", CreationTimestamp: created}}
	newHire.Spec.InitContainers = []corev1.Container{{Name: "forms", Image: "busybox"}, {Name: "badge", Image: "busybox"}}
	newHire.Spec.Containers = []corev1.Container{{Name: "till", Image: "nginx"}}
	newHire.Status.Phase = corev1.PodPending
	newHire.Status.InitContainerStatuses = []corev1.ContainerStatus{
		{Name: "forms", State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Completed"}}},
		{Name: "badge", State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}},
	}

	walkout := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "walkout", CreationTimestamp: created}}
	walkout.Spec.Containers = []corev1.Container{{Name: "till", Image: "busybox"}}
	walkout.Status.Phase = corev1.PodRunning
	walkout.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "till", RestartCount: 4,
		State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}},
		LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
			ExitCode: 1, Reason: "Error", FinishedAt: metav1.NewTime(now.Add(-75 * time.Second))}}}}

	if err := pod.PrintTable(os.Stdout, []*corev1.Pod{cashier, newHire, walkout}, now, false); err != nil {
		fmt.Println(err)
	}
	// Output:
	// NAME       READY   STATUS             RESTARTS      AGE
	// cashier    1/1     Running            0             90m
	// new-hire   0/1     Init:1/2           0             90m
	// walkout    0/1     CrashLoopBackOff   4 (75s ago)   90m
}

// The phase the store manager reports for an employee whose only job
// finished successfully depends on the restart policy: with Always the
// employee is called back, so the pod is still Running.
func ExamplePhase() {
	p := &corev1.Pod{}
	p.Spec.Containers = []corev1.Container{{Name: "job", Image: "busybox"}}
	done := []corev1.ContainerStatus{{Name: "job", State: corev1.ContainerState{
		Terminated: &corev1.ContainerStateTerminated{ExitCode: 0, Reason: "Completed"}}}}
	for _, policy := range []corev1.RestartPolicy{corev1.RestartPolicyAlways, corev1.RestartPolicyOnFailure, corev1.RestartPolicyNever} {
		p.Spec.RestartPolicy = policy
		fmt.Printf("%-9s -> %s\n", policy, pod.Phase(p, done, false, true))
	}
	// Output:
	// Always    -> Running
	// OnFailure -> Succeeded
	// Never     -> Succeeded
}

// Requests equal to limits for cpu and memory make an employee Guaranteed:
// the last to be sent home when the store is overcrowded.
func ExampleQOSClass() {
	p := &corev1.Pod{}
	limits := corev1.ResourceList{
		corev1.ResourceCPU:    resource.MustParse("500m"),
		corev1.ResourceMemory: resource.MustParse("128Mi"),
	}
	p.Spec.Containers = []corev1.Container{{Name: "till", Resources: corev1.ResourceRequirements{Limits: limits}}}
	fmt.Println(pod.QOSClass(p))
	// Output:
	// Guaranteed
}

// Conditions reports what `kubectl describe pod` lists under Conditions.
func ExampleConditions() {
	p := &corev1.Pod{}
	p.Spec.Containers = []corev1.Container{{Name: "till", Image: "nginx"}}
	statuses := []corev1.ContainerStatus{{Name: "till", Ready: false,
		State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}}
	for _, c := range pod.Conditions(p, corev1.PodRunning, true, nil, statuses) {
		line := fmt.Sprintf("%-26s %-5s %s %s", c.Type, c.Status, c.Reason, c.Message)
		fmt.Println(strings.TrimRight(line, " "))
	}
	// Output:
	// PodReadyToStartContainers  True
	// Initialized                True
	// Ready                      False ContainersNotReady containers with unready status: [till]
	// ContainersReady            False ContainersNotReady containers with unready status: [till]
	// PodScheduled               True
}

func ExampleHumanDuration() {
	fmt.Println(pod.HumanDuration(90*time.Second), pod.HumanDuration(330*time.Second), pod.HumanDuration(50*time.Hour))
	// Output:
	// 90s 5m30s 2d2h
}
