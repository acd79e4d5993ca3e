package kubectl_test

import (
	"fmt"
	"os"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/kubectl"
)

// An employee who keeps walking out: the job ended with exit code 1, and
// the manager waits out the back-off before calling them back, which the
// store logbook records as BackOff.
func ExampleDescribePod() {
	now := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	ago := func(d time.Duration) metav1.Time { return metav1.NewTime(now.Add(-d)) }
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "quitter", Namespace: "default"}}
	p.Spec.NodeName = "store-1"
	p.Spec.Containers = []corev1.Container{{Name: "quitter", Image: "busybox:1.36", Command: []string{"sh", "-c", "exit 1"}}}
	p.Status.Phase = corev1.PodRunning
	p.Status.HostIP, p.Status.PodIP = "192.168.0.11", "10.244.1.5"
	p.Status.PodIPs = []corev1.PodIP{{IP: "10.244.1.5"}}
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "quitter", RestartCount: 3,
		ContainerID: "containerd://9a1e", ImageID: "docker.io/library/busybox@sha256:768e",
		State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff"}},
		LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{
			Reason: "Error", ExitCode: 1, StartedAt: ago(40 * time.Second), FinishedAt: ago(40 * time.Second)}}}}
	evs := []corev1.Event{{Type: corev1.EventTypeWarning, Reason: "BackOff", Count: 5,
		Message: "Back-off restarting failed container quitter in pod quitter_default(uid)",
		Source:  corev1.EventSource{Component: "kubelet"}, FirstTimestamp: ago(2 * time.Minute), LastTimestamp: ago(10 * time.Second)}}
	if err := kubectl.DescribePod(os.Stdout, p, nil, evs, now); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Name:         quitter
	// Namespace:    default
	// Node:         store-1/192.168.0.11
	// Labels:       <none>
	// Annotations:  <none>
	// Status:       Running
	// IP:           10.244.1.5
	// IPs:
	//   IP:  10.244.1.5
	// Containers:
	//   quitter:
	//     Container ID:  containerd://9a1e
	//     Image:         busybox:1.36
	//     Image ID:      docker.io/library/busybox@sha256:768e
	//     Port:          <none>
	//     Host Port:     <none>
	//     Command:
	//       sh
	//       -c
	//       exit 1
	//     State:          Waiting
	//       Reason:       CrashLoopBackOff
	//     Last State:     Terminated
	//       Reason:       Error
	//       Exit Code:    1
	//       Started:      Sat, 01 Mar 2025 11:59:20 +0000
	//       Finished:     Sat, 01 Mar 2025 11:59:20 +0000
	//     Ready:          False
	//     Restart Count:  3
	//     Environment:    <none>
	//     Mounts:         <none>
	// Volumes:            <none>
	// QoS Class:          BestEffort
	// Node-Selectors:     <none>
	// Tolerations:        <none>
	// Events:
	//   Type     Reason   Age               From     Message
	//   ----     ------   ----              ----     -------
	//   Warning  BackOff  10s (x5 over 2m)  kubelet  Back-off restarting failed container quitter in pod quitter_default(uid)
}
