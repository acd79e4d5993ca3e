package pod_test

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// Helpers shared by this package's rule tests. They build container statuses
// in the shapes the kubelet writes; the cs prefix keeps them apart from other
// test files in the package.

// csRunning returns a running, started status for name with the given
// readiness.
func csRunning(name string, ready bool) corev1.ContainerStatus {
	started := true
	return corev1.ContainerStatus{Name: name, Ready: ready, Started: &started,
		State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{}}}
}

// csRunningNotStarted returns a running status whose startup is not yet
// confirmed (Started false).
func csRunningNotStarted(name string) corev1.ContainerStatus {
	s := csRunning(name, false)
	started := false
	s.Started = &started
	return s
}

// csTerminated returns a terminated status with the runtime's reason.
func csTerminated(name string, exitCode int32, reason string) corev1.ContainerStatus {
	return corev1.ContainerStatus{Name: name, State: corev1.ContainerState{
		Terminated: &corev1.ContainerStateTerminated{ExitCode: exitCode, Reason: reason}}}
}

// csWaiting returns a waiting status with no previous run.
func csWaiting(name, reason string) corev1.ContainerStatus {
	return corev1.ContainerStatus{Name: name, State: corev1.ContainerState{
		Waiting: &corev1.ContainerStateWaiting{Reason: reason}}}
}

// csBackOff returns a status waiting in reason after a run that exited
// with lastExit, restarted restarts times.
func csBackOff(name, reason string, lastExit int32, restarts int32) corev1.ContainerStatus {
	s := csWaiting(name, reason)
	s.RestartCount = restarts
	s.LastTerminationState.Terminated = &corev1.ContainerStateTerminated{ExitCode: lastExit}
	return s
}

// csNoState returns a status with no state set at all.
func csNoState(name string) corev1.ContainerStatus {
	return corev1.ContainerStatus{Name: name}
}

// mkPod returns a pod named name with the given restart policy, regular
// containers and init containers; init names starting with "side" are
// sidecars (restartPolicy Always).
func mkPod(name string, policy corev1.RestartPolicy, containers []string, inits ...string) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default"}}
	p.Spec.RestartPolicy = policy
	for _, c := range containers {
		p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: c, Image: "busybox"})
	}
	for _, c := range inits {
		ic := corev1.Container{Name: c, Image: "busybox"}
		if len(c) >= 4 && c[:4] == "side" {
			always := corev1.ContainerRestartPolicyAlways
			ic.RestartPolicy = &always
		}
		p.Spec.InitContainers = append(p.Spec.InitContainers, ic)
	}
	return p
}

func csList(statuses ...corev1.ContainerStatus) []corev1.ContainerStatus { return statuses }

func TestIsSidecar(t *testing.T) {
	// Reference: kubelet.md §1.1 step B (podutil.IsRestartableInitContainer).
	always := corev1.ContainerRestartPolicyAlways
	other := corev1.ContainerRestartPolicy("OnFailure")
	tests := []struct {
		name string
		c    *corev1.Container
		want bool
	}{
		{"nil container", nil, false},
		{"no restartPolicy", &corev1.Container{Name: "a"}, false},
		{"restartPolicy Always", &corev1.Container{Name: "a", RestartPolicy: &always}, true},
		{"other restartPolicy", &corev1.Container{Name: "a", RestartPolicy: &other}, false},
	}
	for _, tt := range tests {
		if got := pod.IsSidecar(tt.c); got != tt.want {
			t.Errorf("IsSidecar(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestPhase(t *testing.T) {
	// Reference: kubelet.md §1.1 (pkg/kubelet/kubelet_pods.go getPhase), gates off.
	const (
		always    = corev1.RestartPolicyAlways
		onFailure = corev1.RestartPolicyOnFailure
		never     = corev1.RestartPolicyNever
	)
	app := []string{"app"}
	two := []string{"app", "log"}
	tests := []struct {
		step        string
		pod         *corev1.Pod
		statuses    []corev1.ContainerStatus
		terminal    bool
		initialized bool
		want        corev1.PodPhase
	}{
		// Step A with D.1 and D.2: regular init containers.
		{"A no init status -> D.2 Pending", mkPod("p", always, app, "init"), csList(csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A init running -> D.2 Pending", mkPod("p", always, app, "init"), csList(csRunning("init", false), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A init waiting, no last state -> D.2 Pending", mkPod("p", always, app, "init"), csList(csWaiting("init", "ErrImagePull"), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A init no state -> D.2 Pending", mkPod("p", always, app, "init"), csList(csNoState("init"), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A init exit 1, Never -> D.1 Failed", mkPod("p", never, app, "init"), csList(csTerminated("init", 1, "Error"), csWaiting("app", "PodInitializing")), false, false, corev1.PodFailed},
		{"A init back-off after exit 1, Never -> D.1 Failed", mkPod("p", never, app, "init"), csList(csBackOff("init", "CrashLoopBackOff", 1, 1), csWaiting("app", "PodInitializing")), false, false, corev1.PodFailed},
		{"A init exit 1, Always: not D.1, app waiting -> D.3 Pending", mkPod("p", always, app, "init"), csList(csTerminated("init", 1, "Error"), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A init exit 1, OnFailure, back-off -> D.3 Pending", mkPod("p", onFailure, app, "init"), csList(csBackOff("init", "CrashLoopBackOff", 1, 2), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A init back-off after exit 0 counts as done -> D.4 Running", mkPod("p", always, app, "init"), csList(csBackOff("init", "", 0, 0), csRunning("app", true)), false, true, corev1.PodRunning},
		{"A second init pending -> D.2 Pending", mkPod("p", always, app, "i1", "i2"), csList(csTerminated("i1", 0, "Completed"), csRunning("i2", false), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"A inits done, app running -> D.4 Running", mkPod("p", always, app, "i1", "i2"), csList(csTerminated("i1", 0, "Completed"), csTerminated("i2", 0, "Completed"), csRunning("app", true)), false, true, corev1.PodRunning},

		// Step B: sidecars.
		{"B sidecar running not started, not initialized -> D.2 Pending", mkPod("p", always, app, "sidecar"), csList(csRunningNotStarted("sidecar"), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"B sidecar running not started, initialized -> D.4 Running", mkPod("p", always, app, "sidecar"), csList(csRunningNotStarted("sidecar"), csRunning("app", true)), false, true, corev1.PodRunning},
		{"B sidecar started, app created -> D.3 Pending", mkPod("p", always, app, "sidecar"), csList(csRunning("sidecar", true), csWaiting("app", "")), false, false, corev1.PodPending},
		{"B sidecar waiting, no last state -> D.2 Pending", mkPod("p", always, app, "sidecar"), csList(csWaiting("sidecar", "PodInitializing"), csWaiting("app", "PodInitializing")), false, false, corev1.PodPending},
		{"B sidecar waiting first time, initialized -> D.3 Pending (waiting)", mkPod("p", always, app, "sidecar"), csList(csWaiting("sidecar", "ContainerCreating"), csRunning("app", true)), false, true, corev1.PodPending},
		{"B sidecar in back-off is ignored -> D.4 Running", mkPod("p", always, app, "sidecar"), csList(csBackOff("sidecar", "CrashLoopBackOff", 1, 3), csRunning("app", true)), false, true, corev1.PodRunning},
		{"B sidecar no status -> unknown, not pending -> D.6 Pending", mkPod("p", always, app, "sidecar"), csList(csRunning("app", true)), false, false, corev1.PodPending},
		{"B sidecar no status, initialized -> D.6 Pending (unknown)", mkPod("p", always, app, "sidecar"), csList(csRunning("app", true)), false, true, corev1.PodPending},
		{"B sidecar no state, initialized -> D.6 Pending (unknown)", mkPod("p", always, app, "sidecar"), csList(csNoState("sidecar"), csRunning("app", true)), false, true, corev1.PodPending},
		{"B sidecar terminated is ignored, app done -> D.5 Succeeded", mkPod("p", never, app, "sidecar"), csList(csTerminated("sidecar", 143, "Error"), csTerminated("app", 0, "Completed")), false, true, corev1.PodSucceeded},
		{"B sidecar running, app exited 0, OnFailure -> D.4 Running", mkPod("p", onFailure, app, "sidecar"), csList(csRunning("sidecar", true), csTerminated("app", 0, "Completed")), false, true, corev1.PodRunning},

		// Step C with D.3 to D.6: regular containers.
		{"C app waiting ContainerCreating -> D.3 Pending", mkPod("p", always, app), csList(csWaiting("app", "ContainerCreating")), false, false, corev1.PodPending},
		{"C app running -> D.4 Running", mkPod("p", always, app), csList(csRunning("app", false)), false, true, corev1.PodRunning},
		{"C one running, one no status -> D.6 Pending", mkPod("p", always, two), csList(csRunning("app", true)), false, true, corev1.PodPending},
		{"C one running, one no state -> D.6 Pending", mkPod("p", always, two), csList(csRunning("app", true), csNoState("log")), false, true, corev1.PodPending},
		{"C one running, one in back-off -> D.4 Running", mkPod("p", always, two), csList(csRunning("app", true), csBackOff("log", "CrashLoopBackOff", 1, 4)), false, true, corev1.PodRunning},
		{"C one running, one waiting first time -> D.3 Pending", mkPod("p", always, two), csList(csRunning("app", true), csWaiting("log", "ImagePullBackOff")), false, true, corev1.PodPending},
		{"C back-off counts as stopped, Always -> D.5 Running", mkPod("p", always, app), csList(csBackOff("app", "CrashLoopBackOff", 1, 5)), false, true, corev1.PodRunning},
		{"C exit 0, Always -> D.5 Running", mkPod("p", always, app), csList(csTerminated("app", 0, "Completed")), false, true, corev1.PodRunning},
		{"C exit 0, OnFailure -> D.5 Succeeded", mkPod("p", onFailure, app), csList(csTerminated("app", 0, "Completed")), false, true, corev1.PodSucceeded},
		{"C exit 0, Never -> D.5 Succeeded", mkPod("p", never, app), csList(csTerminated("app", 0, "Completed")), false, true, corev1.PodSucceeded},
		{"C exit 1, Never -> D.5 Failed", mkPod("p", never, app), csList(csTerminated("app", 1, "Error")), false, true, corev1.PodFailed},
		{"C exit 0 and exit 1, Never -> D.5 Failed", mkPod("p", never, two), csList(csTerminated("app", 0, "Completed"), csTerminated("log", 1, "Error")), false, true, corev1.PodFailed},
		{"C exit 1, OnFailure -> D.5 Running", mkPod("p", onFailure, app), csList(csTerminated("app", 1, "Error")), false, true, corev1.PodRunning},
		// With ContainerRestartRules on (beta, 1.35), a container whose last
		// exit will not be restarted is stopped for good, and a waiting
		// container never counts as succeeded.
		{"C back-off after exit 0 is not succeeded, OnFailure -> D.5 Failed", mkPod("p", onFailure, app), csList(csBackOff("app", "CrashLoopBackOff", 0, 1)), false, true, corev1.PodFailed},
		{"C exit 1 and no status -> D.6 Pending", mkPod("p", never, two), csList(csTerminated("app", 1, "Error")), false, true, corev1.PodPending},
		{"C no statuses at all -> D.6 Pending", mkPod("p", always, app), nil, false, false, corev1.PodPending},

		// D.5 with podIsTerminal.
		{"D.5 terminal, all exit 0, Always -> Succeeded", mkPod("p", always, app), csList(csTerminated("app", 0, "Completed")), true, true, corev1.PodSucceeded},
		{"D.5 terminal, exit 137, Always -> Failed", mkPod("p", always, app), csList(csTerminated("app", 137, "Error")), true, true, corev1.PodFailed},
		{"D.5 terminal, back-off, OnFailure -> Failed", mkPod("p", onFailure, app), csList(csBackOff("app", "CrashLoopBackOff", 1, 1)), true, true, corev1.PodFailed},
		{"D.5 terminal static pod falls through, Always -> Running", mkStaticPod(mkPod("p", always, app)), csList(csTerminated("app", 0, "Completed")), true, true, corev1.PodRunning},
		{"D.5 terminal pod from api source is not static -> Succeeded", mkAPISourcePod(mkPod("p", always, app)), csList(csTerminated("app", 0, "Completed")), true, true, corev1.PodSucceeded},
		{"D.4 terminal but still running -> Running", mkPod("p", never, app), csList(csRunning("app", true)), true, true, corev1.PodRunning},
	}
	for _, tt := range tests {
		got := pod.Phase(tt.pod, tt.statuses, tt.terminal, tt.initialized)
		if got != tt.want {
			t.Errorf("Phase(%s) = %s, want %s", tt.step, got, tt.want)
		}
	}
}

// mkStaticPod marks p as read from a manifest file on the node.
func mkStaticPod(p *corev1.Pod) *corev1.Pod {
	p.Annotations = map[string]string{"kubernetes.io/config.source": "file"}
	return p
}

// mkAPISourcePod marks p as received from the API server.
func mkAPISourcePod(p *corev1.Pod) *corev1.Pod {
	p.Annotations = map[string]string{"kubernetes.io/config.source": "api"}
	return p
}

// Reference: pkg/api/v1/pod/util.go IsPodTerminal (Failed or Succeeded).
func TestFinished(t *testing.T) {
	for _, tc := range []struct {
		phase corev1.PodPhase
		want  bool
	}{
		{"", false}, {corev1.PodPending, false}, {corev1.PodRunning, false}, {corev1.PodUnknown, false},
		{corev1.PodSucceeded, true}, {corev1.PodFailed, true},
	} {
		p := &corev1.Pod{Status: corev1.PodStatus{Phase: tc.phase}}
		if got := pod.Finished(p); got != tc.want {
			t.Errorf("Finished(phase %q) = %v, want %v", tc.phase, got, tc.want)
		}
	}
}
