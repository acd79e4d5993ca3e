package pod_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// mkCond returns a condition without a transition time.
func mkCond(t corev1.PodConditionType, s corev1.ConditionStatus, reason, message string) corev1.PodCondition {
	return corev1.PodCondition{Type: t, Status: s, Reason: reason, Message: message}
}

// mkKubeletConds returns the five kubelet conditions in the kubelet's order.
func mkKubeletConds(sandbox, initialized, ready, containersReady corev1.PodCondition) []corev1.PodCondition {
	return []corev1.PodCondition{sandbox, initialized, ready, containersReady,
		mkCond(corev1.PodScheduled, corev1.ConditionTrue, "", "")}
}

// csInitDone returns the status of a regular init container that exited 0
// (the kubelet marks it Ready).
func csInitDone(name string) corev1.ContainerStatus {
	s := csTerminated(name, 0, "Completed")
	s.Ready = true
	return s
}

func TestConditions(t *testing.T) {
	// Reference: kubelet.md §5 (pkg/kubelet/status/generate.go, kubelet_pods.go generateAPIPodStatus).
	const (
		T = corev1.ConditionTrue
		F = corev1.ConditionFalse
	)
	sbT := mkCond(corev1.PodReadyToStartContainers, T, "", "")
	sbF := mkCond(corev1.PodReadyToStartContainers, F, "", "")
	initT := mkCond(corev1.PodInitialized, T, "", "")
	readyT := mkCond(corev1.PodReady, T, "", "")
	crT := mkCond(corev1.ContainersReady, T, "", "")
	notReady := func(msg string) (corev1.PodCondition, corev1.PodCondition) {
		return mkCond(corev1.PodReady, F, "ContainersNotReady", msg), mkCond(corev1.ContainersReady, F, "ContainersNotReady", msg)
	}
	always := corev1.RestartPolicyAlways
	app := []string{"app"}
	two := []string{"app", "log"}

	rUnready, crUnready := notReady("containers with unready status: [app]")
	rBoth, crBoth := notReady("containers with unknown status: [log], containers with unready status: [app]")
	rTwo, crTwo := notReady("containers with unready status: [app log]")
	rSide, crSide := notReady("containers with unready status: [sidecar]")

	tests := []struct {
		name       string
		pod        *corev1.Pod
		phase      corev1.PodPhase
		sandbox    bool
		init, regs []corev1.ContainerStatus
		want       []corev1.PodCondition
	}{
		{"§5 all ready, no init containers", mkPod("p", always, app), corev1.PodRunning, true, nil, csList(csRunning("app", true)),
			mkKubeletConds(sbT, initT, readyT, crT)},
		{"§5.1 sandbox not ready; §5.2/§5.4 no statuses at all", mkPod("p", always, app, "init"), corev1.PodPending, false, nil, nil,
			mkKubeletConds(sbF, mkCond(corev1.PodInitialized, F, "UnknownContainerStatuses", ""),
				mkCond(corev1.PodReady, F, "UnknownContainerStatuses", ""), mkCond(corev1.ContainersReady, F, "UnknownContainerStatuses", ""))},
		{"§5.2 no statuses, no init containers: Initialized True", mkPod("p", always, app), corev1.PodPending, false, nil, nil,
			mkKubeletConds(sbF, initT, mkCond(corev1.PodReady, F, "UnknownContainerStatuses", ""), mkCond(corev1.ContainersReady, F, "UnknownContainerStatuses", ""))},
		{"§5.2 init incomplete", mkPod("p", always, app, "i1", "i2"), corev1.PodPending, true,
			csList(csInitDone("i1"), csRunning("i2", false)), csList(csWaiting("app", "PodInitializing")),
			mkKubeletConds(sbT, mkCond(corev1.PodInitialized, F, "ContainersNotInitialized", "containers with incomplete status: [i2]"), rUnready, crUnready)},
		{"§5.2 init unknown and incomplete", mkPod("p", always, app, "i1", "i2", "i3"), corev1.PodPending, true,
			csList(csInitDone("i1"), csWaiting("i2", "ErrImagePull")), csList(csWaiting("app", "PodInitializing")),
			mkKubeletConds(sbT, mkCond(corev1.PodInitialized, F, "ContainersNotInitialized", "containers with unknown status: [i3], containers with incomplete status: [i2]"), rUnready, crUnready)},
		{"§5.2 sidecar not started is incomplete; §5.4 sidecar counted", mkPod("p", always, app, "sidecar"), corev1.PodPending, true,
			csList(csRunningNotStarted("sidecar")), csList(csWaiting("app", "PodInitializing")),
			mkKubeletConds(sbT, mkCond(corev1.PodInitialized, F, "ContainersNotInitialized", "containers with incomplete status: [sidecar]"),
				mkCond(corev1.PodReady, F, "ContainersNotReady", "containers with unready status: [sidecar app]"),
				mkCond(corev1.ContainersReady, F, "ContainersNotReady", "containers with unready status: [sidecar app]"))},
		{"§5.2 sidecar started is initialized; §5.4 unready sidecar", mkPod("p", always, app, "sidecar"), corev1.PodRunning, true,
			csList(csRunning("sidecar", false)), csList(csRunning("app", true)),
			mkKubeletConds(sbT, initT, rSide, crSide)},
		{"§5.2 regular container started while sidecar restarts: Initialized True", mkPod("p", always, app, "sidecar"), corev1.PodRunning, true,
			csList(csBackOff("sidecar", "CrashLoopBackOff", 1, 2)), csList(csRunning("app", true)),
			mkKubeletConds(sbT, initT, rSide, crSide)},
		{"§5.2/§5.4 Succeeded: PodCompleted", mkPod("p", corev1.RestartPolicyNever, app, "init"), corev1.PodSucceeded, false,
			csList(csInitDone("init")), csList(csTerminated("app", 0, "Completed")),
			mkKubeletConds(sbF, mkCond(corev1.PodInitialized, T, "PodCompleted", ""), mkCond(corev1.PodReady, F, "PodCompleted", ""), mkCond(corev1.ContainersReady, F, "PodCompleted", ""))},
		{"§5.4 Succeeded with an unknown container: ContainersNotReady", mkPod("p", corev1.RestartPolicyNever, two), corev1.PodSucceeded, false,
			nil, csList(csTerminated("app", 0, "Completed")),
			mkKubeletConds(sbF, mkCond(corev1.PodInitialized, T, "PodCompleted", ""),
				mkCond(corev1.PodReady, F, "ContainersNotReady", "containers with unknown status: [log], containers with unready status: [app]"),
				mkCond(corev1.ContainersReady, F, "ContainersNotReady", "containers with unknown status: [log], containers with unready status: [app]"))},
		{"§5.4 Failed: PodFailed even with a ready container", mkPod("p", corev1.RestartPolicyNever, app), corev1.PodFailed, true,
			nil, csList(csRunning("app", true)),
			mkKubeletConds(sbT, initT, mkCond(corev1.PodReady, F, "PodFailed", ""), mkCond(corev1.ContainersReady, F, "PodFailed", ""))},
		{"§5.4 unknown and unready", mkPod("p", always, two), corev1.PodRunning, true, nil, csList(csRunning("app", false)),
			mkKubeletConds(sbT, initT, rBoth, crBoth)},
		{"§5.4 two unready in spec order", mkPod("p", always, two), corev1.PodRunning, true, nil, csList(csRunning("log", false), csRunning("app", false)),
			mkKubeletConds(sbT, initT, rTwo, crTwo)},
	}
	for _, tt := range tests {
		got := pod.Conditions(tt.pod, tt.phase, tt.sandbox, tt.init, tt.regs)
		assert.Equal(t, tt.want, got, "Conditions(%s)", tt.name)
		// AppendConditions adds the same after what dst holds.
		kept := corev1.PodCondition{Type: "example.com/kept"}
		appended := pod.AppendConditions([]corev1.PodCondition{kept}, tt.pod, tt.phase, tt.sandbox, tt.init, tt.regs)
		assert.Equal(t, append([]corev1.PodCondition{kept}, tt.want...), appended, "AppendConditions(%s)", tt.name)
	}
}

func TestConditionsReadinessGates(t *testing.T) {
	// Reference: kubelet.md §5 item 3 (generate.go GeneratePodReadyCondition).
	gated := func(status ...corev1.PodCondition) *corev1.Pod {
		p := mkPod("p", corev1.RestartPolicyAlways, []string{"app"})
		p.Spec.ReadinessGates = []corev1.PodReadinessGate{{ConditionType: "example.com/lb"}, {ConditionType: "example.com/dns"}}
		p.Status.Conditions = status
		return p
	}
	lbTrue := mkCond("example.com/lb", corev1.ConditionTrue, "", "")
	lbFalse := mkCond("example.com/lb", corev1.ConditionFalse, "", "")
	dnsTrue := mkCond("example.com/dns", corev1.ConditionTrue, "", "")
	tests := []struct {
		name string
		pod  *corev1.Pod
		want corev1.PodCondition
	}{
		{"both missing", gated(), mkCond(corev1.PodReady, corev1.ConditionFalse, "ReadinessGatesNotReady",
			`corresponding condition of pod readiness gate "example.com/lb" does not exist., corresponding condition of pod readiness gate "example.com/dns" does not exist.`)},
		{"one False, one True", gated(lbFalse, dnsTrue), mkCond(corev1.PodReady, corev1.ConditionFalse, "ReadinessGatesNotReady",
			`the status of pod readiness gate "example.com/lb" is not "True", but False`)},
		{"both True", gated(dnsTrue, lbTrue), mkCond(corev1.PodReady, corev1.ConditionTrue, "", "")},
	}
	for _, tt := range tests {
		got := pod.Conditions(tt.pod, corev1.PodRunning, true, nil, csList(csRunning("app", true)))
		require.Len(t, got, 5)
		assert.Equal(t, tt.want, got[2], "Conditions(%s) Ready", tt.name)
		assert.Equal(t, corev1.ConditionTrue, got[3].Status, "Conditions(%s) ContainersReady ignores gates", tt.name)
	}
}

func TestMergeConditions(t *testing.T) {
	// Reference: kubelet.md §5 (LastTransitionTime changes only with status;
	// non-kubelet conditions such as DisruptionTarget are preserved).
	t0 := metav1.NewTime(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	now := metav1.NewTime(t0.Add(time.Minute))
	at := func(c corev1.PodCondition, ts metav1.Time) corev1.PodCondition {
		c.LastTransitionTime = ts
		return c
	}
	ready := func(s corev1.ConditionStatus) corev1.PodCondition { return mkCond(corev1.PodReady, s, "", "") }
	sched := mkCond(corev1.PodScheduled, corev1.ConditionTrue, "", "")
	disruption := mkCond(corev1.DisruptionTarget, corev1.ConditionTrue, "TerminationByKubelet", "")
	gate := mkCond("example.com/lb", corev1.ConditionTrue, "", "")
	sandbox := mkCond(corev1.PodReadyToStartContainers, corev1.ConditionTrue, "", "")

	tests := []struct {
		name     string
		old, new []corev1.PodCondition
		want     []corev1.PodCondition
	}{
		{"no old conditions: all new at now", nil, []corev1.PodCondition{ready(corev1.ConditionFalse), sched},
			[]corev1.PodCondition{at(ready(corev1.ConditionFalse), now), at(sched, now)}},
		{"unchanged status keeps old time, changed gets now",
			[]corev1.PodCondition{at(ready(corev1.ConditionFalse), t0), at(sched, t0)},
			[]corev1.PodCondition{ready(corev1.ConditionTrue), sched},
			[]corev1.PodCondition{at(ready(corev1.ConditionTrue), now), at(sched, t0)}},
		{"foreign conditions kept first, old kubelet-only dropped",
			[]corev1.PodCondition{at(sandbox, t0), at(disruption, t0), at(ready(corev1.ConditionTrue), t0), at(gate, t0)},
			[]corev1.PodCondition{ready(corev1.ConditionTrue), sched},
			[]corev1.PodCondition{at(disruption, t0), at(gate, t0), at(ready(corev1.ConditionTrue), t0), at(sched, now)}},
		{"nothing changes: old itself",
			[]corev1.PodCondition{at(ready(corev1.ConditionTrue), t0), at(sched, t0)},
			[]corev1.PodCondition{ready(corev1.ConditionTrue), sched},
			[]corev1.PodCondition{at(ready(corev1.ConditionTrue), t0), at(sched, t0)}},
		{"a foreign condition in new replaces the old one",
			[]corev1.PodCondition{at(disruption, t0)},
			[]corev1.PodCondition{disruption, sched},
			[]corev1.PodCondition{at(disruption, t0), at(sched, now)}},
	}
	for _, tt := range tests {
		oldCopy := append([]corev1.PodCondition(nil), tt.old...)
		newCopy := append([]corev1.PodCondition(nil), tt.new...)
		got := pod.MergeConditions(tt.old, tt.new, now)
		assert.Equal(t, tt.want, got, "MergeConditions(%s)", tt.name)
		assert.Equal(t, oldCopy, tt.old, "MergeConditions(%s) modified old", tt.name)
		assert.Equal(t, newCopy, tt.new, "MergeConditions(%s) modified new", tt.name)
	}
	// A merge that changes nothing hands back old itself, not a copy.
	old := []corev1.PodCondition{at(ready(corev1.ConditionTrue), t0), at(sched, t0)}
	got := pod.MergeConditions(old, []corev1.PodCondition{ready(corev1.ConditionTrue), sched}, now)
	assert.Same(t, &old[0], &got[0], "an unchanged merge copies")
}
