package kubelet

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/runtime"
)

func podWith(policy corev1.RestartPolicy) *corev1.Pod {
	return &corev1.Pod{Spec: corev1.PodSpec{RestartPolicy: policy, Containers: []corev1.Container{{Name: "app"}}}}
}

// Reference: kubelet.md §2.1 (ShouldContainerBeRestarted, in order).
func TestShouldRestart(t *testing.T) {
	exited := func(code int32) *runtime.ContainerStatus {
		return &runtime.ContainerStatus{State: runtime.ContainerExited, ExitCode: code}
	}
	deleting := podWith(corev1.RestartPolicyAlways)
	deleting.DeletionTimestamp = &metav1.Time{}
	for _, tc := range []struct {
		name   string
		pod    *corev1.Pod
		latest *runtime.ContainerStatus
		want   bool
	}{
		{"1. deleting pod never restarts", deleting, nil, false},
		{"2. no instance yet", podWith(corev1.RestartPolicyNever), nil, true},
		{"3. running", podWith(corev1.RestartPolicyAlways), &runtime.ContainerStatus{State: runtime.ContainerRunning}, false},
		{"4. created but not started", podWith(corev1.RestartPolicyNever), &runtime.ContainerStatus{State: runtime.ContainerCreated}, true},
		{"4. unknown", podWith(corev1.RestartPolicyNever), &runtime.ContainerStatus{State: runtime.ContainerUnknown}, true},
		{"5. Never, exited 1", podWith(corev1.RestartPolicyNever), exited(1), false},
		{"6. OnFailure, exited 0", podWith(corev1.RestartPolicyOnFailure), exited(0), false},
		{"7. OnFailure, exited 1", podWith(corev1.RestartPolicyOnFailure), exited(1), true},
		{"7. Always, exited 0", podWith(corev1.RestartPolicyAlways), exited(0), true},
	} {
		if got := shouldRestart(tc.pod, &tc.pod.Spec.Containers[0], tc.latest); got != tc.want {
			t.Errorf("%s: shouldRestart = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// noProbes is a pod without probes: every running container has started
// and nothing has failed.
type noProbes struct{}

func (noProbes) started(*corev1.Container, *runtime.ContainerStatus) bool { return true }
func (noProbes) failed(*corev1.Container) (prober.Kind, bool)             { return 0, false }

// Reference: kubelet.md §2.2 (computePodActions and
// computeInitContainerActions).
func TestComputeActions(t *testing.T) {
	inst := func(name string, state runtime.ContainerState, code int32) runtime.ContainerStatus {
		return runtime.ContainerStatus{Name: name, State: state, ExitCode: code}
	}
	withInit := func(policy corev1.RestartPolicy) *corev1.Pod {
		p := podWith(policy)
		p.Spec.InitContainers = []corev1.Container{{Name: "init-a"}, {Name: "init-b"}}
		return p
	}
	twoApps := func(policy corev1.RestartPolicy) *corev1.Pod {
		p := podWith(policy)
		p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: "log"})
		return p
	}
	withOwn := func(policy corev1.RestartPolicy, own corev1.ContainerRestartPolicy) *corev1.Pod {
		p := podWith(policy)
		p.Spec.Containers[0].RestartPolicy = &own
		return p
	}
	withRule := func(code int32) *corev1.Pod {
		p := withOwn(corev1.RestartPolicyNever, corev1.ContainerRestartPolicyNever)
		p.Spec.Containers[0].RestartPolicyRules = []corev1.ContainerRestartRule{{Action: corev1.ContainerRestartRuleActionRestart,
			ExitCodes: &corev1.ContainerRestartRuleOnExitCodes{Operator: corev1.ContainerRestartRuleOnExitCodesOpIn, Values: []int32{code}}}}
		return p
	}
	withInitOwn := func(policy corev1.RestartPolicy, own corev1.ContainerRestartPolicy) *corev1.Pod {
		p := withInit(policy)
		p.Spec.InitContainers[0].RestartPolicy = &own
		return p
	}
	sidecar := corev1.ContainerRestartPolicyAlways
	withSidecar := podWith(corev1.RestartPolicyNever)
	withSidecar.Spec.InitContainers = []corev1.Container{{Name: "log", RestartPolicy: &sidecar}}

	for _, tc := range []struct {
		name          string
		pod           *corev1.Pod
		ps            podStatus
		createSandbox bool
		killPod       bool
		start         []string
	}{
		{"new pod: sandbox, then all containers", podWith(corev1.RestartPolicyAlways), podStatus{}, true, false, []string{"app"}},
		{"new pod with init: sandbox, first init container", withInit(corev1.RestartPolicyAlways), podStatus{}, true, false, []string{"init-a"}},
		{"Never pod whose sandbox is gone after running: done", podWith(corev1.RestartPolicyNever),
			podStatus{containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0)}}, false, true, nil},
		{"init-a running: wait", withInit(corev1.RestartPolicyAlways),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerRunning, 0)}}, false, false, nil},
		{"init-a done: start init-b", withInit(corev1.RestartPolicyAlways),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerExited, 0)}}, false, false, []string{"init-b"}},
		{"init-a failed under Always: restart it", withInit(corev1.RestartPolicyAlways),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerExited, 1)}}, false, false, []string{"init-a"}},
		{"init-a failed under Never: the pod fails", withInit(corev1.RestartPolicyNever),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerExited, 1)}}, false, true, nil},
		{"all init done: start app", withInit(corev1.RestartPolicyAlways),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerExited, 0), inst("init-b", runtime.ContainerExited, 0)}}, false, false, []string{"app"}},
		{"sidecar first, app waits", withSidecar, podStatus{sandboxReady: true}, false, false, []string{"log"}},
		{"sidecar running: start app", withSidecar,
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("log", runtime.ContainerRunning, 0)}}, false, false, []string{"app"}},
		{"app done under Never, sidecar running: kill the pod", withSidecar,
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("log", runtime.ContainerRunning, 0), inst("app", runtime.ContainerExited, 0)}}, false, true, nil},
		{"sidecar exited while app runs: restart it whatever the policy", withSidecar,
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("log", runtime.ContainerExited, 1), inst("app", runtime.ContainerRunning, 0)}}, false, false, []string{"log"}},
		{"OnFailure, app exited 0: nothing to do, kill the pod", podWith(corev1.RestartPolicyOnFailure),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0)}}, false, true, nil},
		{"Always, app exited 0: restart", podWith(corev1.RestartPolicyAlways),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0)}}, false, false, []string{"app"}},

		// A new sandbox under OnFailure: what succeeded stays done.
		// Reference: kubelet.md §2.2 (computePodActions: "exclude the ones
		// that succeeded if RestartPolicy is OnFailure").
		{"OnFailure, new sandbox: only the failed container runs again", twoApps(corev1.RestartPolicyOnFailure),
			podStatus{containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0), inst("log", runtime.ContainerExited, 255)}}, true, false, []string{"log"}},
		{"OnFailure, new sandbox, all succeeded: done", twoApps(corev1.RestartPolicyOnFailure),
			podStatus{containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0), inst("log", runtime.ContainerExited, 0)}}, false, true, nil},
		{"Always, new sandbox: everything runs again", twoApps(corev1.RestartPolicyAlways),
			podStatus{containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0), inst("log", runtime.ContainerExited, 255)}}, true, false, []string{"app", "log"}},

		// A container's own restartPolicy and rules (ContainerRestartRules,
		// beta and on in 1.35). Reference: pkg/api/v1/pod/util.go
		// (ContainerShouldRestart, IsContainerRestartable).
		{"own Never in an Always pod: not restarted", withOwn(corev1.RestartPolicyAlways, "Never"),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 1)}}, false, true, nil},
		{"own Always in a Never pod: restarted", withOwn(corev1.RestartPolicyNever, "Always"),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 0)}}, false, false, []string{"app"}},
		{"own Always in a Never pod, new sandbox: not done", withOwn(corev1.RestartPolicyNever, "Always"),
			podStatus{containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 255)}}, true, false, []string{"app"}},
		{"rule In [42], exit 42: restarted", withRule(42),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 42)}}, false, false, []string{"app"}},
		{"rule In [42], exit 1: done", withRule(42),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("app", runtime.ContainerExited, 1)}}, false, true, nil},
		{"init container's own Never in an Always pod: the pod fails", withInitOwn(corev1.RestartPolicyAlways, "Never"),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerExited, 1)}}, false, true, nil},
		{"init container's own OnFailure in a Never pod: retried", withInitOwn(corev1.RestartPolicyNever, "OnFailure"),
			podStatus{sandboxReady: true, containers: []runtime.ContainerStatus{inst("init-a", runtime.ContainerExited, 1)}}, false, false, []string{"init-a"}},
	} {
		a := computeActions(tc.pod, tc.ps, noProbes{})
		var names []string
		for _, c := range a.start {
			names = append(names, c.spec.Name)
		}
		if a.createSandbox != tc.createSandbox || a.killPod != tc.killPod || !equalStrings(names, tc.start) {
			t.Errorf("%s: computeActions = {createSandbox %v, killPod %v, start %v}, want {%v, %v, %v}",
				tc.name, a.createSandbox, a.killPod, names, tc.createSandbox, tc.killPod, tc.start)
		}
	}
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
