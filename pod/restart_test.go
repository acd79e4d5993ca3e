package pod_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
)

func policy(p corev1.ContainerRestartPolicy) *corev1.ContainerRestartPolicy { return &p }

func exitRule(op corev1.ContainerRestartRuleOnExitCodesOperator, codes ...int32) corev1.ContainerRestartRule {
	return corev1.ContainerRestartRule{Action: corev1.ContainerRestartRuleActionRestart,
		ExitCodes: &corev1.ContainerRestartRuleOnExitCodes{Operator: op, Values: codes}}
}

// Reference: pkg/api/v1/pod/util.go and util_test.go
// (TestContainerShouldRestart, TestFindMatchingContainerRestartRule);
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-rules
// ("The rules will be evaluated in order. On the first match, the action
// will be applied. If none of the rules' conditions matched, Kubernetes
// fallback to container's configured restartPolicy").
func TestShouldRestart(t *testing.T) {
	in42 := exitRule(corev1.ContainerRestartRuleOnExitCodesOpIn, 42, 50)
	notIn012 := exitRule(corev1.ContainerRestartRuleOnExitCodesOpNotIn, 0, 1, 2)
	tests := []struct {
		name string
		pod  corev1.RestartPolicy
		c    corev1.Container
		exit int32
		want bool
	}{
		{"pod Always", corev1.RestartPolicyAlways, corev1.Container{}, 0, true},
		{"pod OnFailure, exit 0", corev1.RestartPolicyOnFailure, corev1.Container{}, 0, false},
		{"pod OnFailure, exit 1", corev1.RestartPolicyOnFailure, corev1.Container{}, 1, true},
		{"pod Never", corev1.RestartPolicyNever, corev1.Container{}, 1, false},
		{"no policy at all is Always", "", corev1.Container{}, 0, true},
		{"container Never overrides pod Always", corev1.RestartPolicyAlways, corev1.Container{RestartPolicy: policy("Never")}, 1, false},
		{"container Always overrides pod Never", corev1.RestartPolicyNever, corev1.Container{RestartPolicy: policy("Always")}, 0, true},
		{"container OnFailure, exit 0", corev1.RestartPolicyAlways, corev1.Container{RestartPolicy: policy("OnFailure")}, 0, false},
		{"container OnFailure, exit 3", corev1.RestartPolicyNever, corev1.Container{RestartPolicy: policy("OnFailure")}, 3, true},
		{"rule In matches", corev1.RestartPolicyNever, corev1.Container{RestartPolicy: policy("Never"), RestartPolicyRules: []corev1.ContainerRestartRule{in42}}, 42, true},
		{"rule In does not match: container Never", corev1.RestartPolicyNever, corev1.Container{RestartPolicy: policy("Never"), RestartPolicyRules: []corev1.ContainerRestartRule{in42}}, 0, false},
		{"rule NotIn matches", corev1.RestartPolicyNever, corev1.Container{RestartPolicy: policy("Never"), RestartPolicyRules: []corev1.ContainerRestartRule{notIn012}}, 7, true},
		{"rule NotIn does not match", corev1.RestartPolicyAlways, corev1.Container{RestartPolicy: policy("Never"), RestartPolicyRules: []corev1.ContainerRestartRule{notIn012}}, 1, false},
		{"rules without the container's own policy are not read", corev1.RestartPolicyNever, corev1.Container{RestartPolicyRules: []corev1.ContainerRestartRule{in42}}, 42, false},
		{"second rule matches", corev1.RestartPolicyNever, corev1.Container{RestartPolicy: policy("Never"), RestartPolicyRules: []corev1.ContainerRestartRule{in42, notIn012}}, 9, true},
	}
	for _, tc := range tests {
		spec := &corev1.PodSpec{RestartPolicy: tc.pod}
		assert.Equal(t, tc.want, pod.ShouldRestart(spec, &tc.c, tc.exit), "ShouldRestart(%s, exit %d)", tc.name, tc.exit)
	}
}

// Reference: pkg/api/v1/pod/util.go (IsContainerRestartable).
func TestRestartable(t *testing.T) {
	never := &corev1.PodSpec{RestartPolicy: corev1.RestartPolicyNever}
	always := &corev1.PodSpec{RestartPolicy: corev1.RestartPolicyAlways}
	assert.False(t, pod.Restartable(never, &corev1.Container{}))
	assert.True(t, pod.Restartable(always, &corev1.Container{}))
	assert.False(t, pod.Restartable(always, &corev1.Container{RestartPolicy: policy("Never")}))
	assert.True(t, pod.Restartable(never, &corev1.Container{RestartPolicy: policy("OnFailure")}))
	assert.True(t, pod.Restartable(never, &corev1.Container{RestartPolicy: policy("Never"),
		RestartPolicyRules: []corev1.ContainerRestartRule{exitRule(corev1.ContainerRestartRuleOnExitCodesOpIn, 42)}}))
}

// Reference: kubelet.md §1.1 (pkg/kubelet/kubelet_pods.go getPhase with
// ContainerRestartRules on: failedInitializationNotRestartable,
// stoppedNotRestartable); the three examples of
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-rules.
func TestPhaseWithContainerRestartPolicies(t *testing.T) {
	// on-failure-pod: pod OnFailure, try-once-container has its own Never.
	onFailure := mkPod("on-failure-pod", corev1.RestartPolicyOnFailure, []string{"try-once", "on-failure"})
	onFailure.Spec.Containers[0].RestartPolicy = policy("Never")
	assert.Equal(t, corev1.PodRunning, pod.Phase(onFailure,
		csList(csTerminated("try-once", 1, "Error"), csRunning("on-failure", true)), false, true),
		"try-once failed for good while the other runs")
	assert.Equal(t, corev1.PodFailed, pod.Phase(onFailure,
		csList(csTerminated("try-once", 1, "Error"), csTerminated("on-failure", 0, "Completed")), false, true),
		"both stopped for good, one failed")
	assert.Equal(t, corev1.PodRunning, pod.Phase(onFailure,
		csList(csTerminated("try-once", 1, "Error"), csBackOff("on-failure", "CrashLoopBackOff", 1, 1)), false, true),
		"on-failure will be restarted")

	// fail-pod-if-init-fails: pod Always, init-once has its own Never.
	initOnce := mkPod("fail-pod-if-init-fails", corev1.RestartPolicyAlways, []string{"main"}, "init-once")
	initOnce.Spec.InitContainers[0].RestartPolicy = policy("Never")
	assert.Equal(t, corev1.PodFailed, pod.Phase(initOnce,
		csList(csTerminated("init-once", 1, "Error"), csWaiting("main", "PodInitializing")), false, false))
	assert.Equal(t, corev1.PodRunning, pod.Phase(initOnce,
		csList(csTerminated("init-once", 0, "Completed"), csRunning("main", true)), false, true))

	// restart-on-exit-codes: pod Never, the container restarts on 42 only.
	rules := mkPod("restart-on-exit-codes", corev1.RestartPolicyNever, []string{"app"})
	rules.Spec.Containers[0].RestartPolicy = policy("Never")
	rules.Spec.Containers[0].RestartPolicyRules = []corev1.ContainerRestartRule{exitRule(corev1.ContainerRestartRuleOnExitCodesOpIn, 42)}
	assert.Equal(t, corev1.PodRunning, pod.Phase(rules, csList(csBackOff("app", "CrashLoopBackOff", 42, 1)), false, true))
	assert.Equal(t, corev1.PodSucceeded, pod.Phase(rules, csList(csTerminated("app", 0, "Completed")), false, true))
	assert.Equal(t, corev1.PodFailed, pod.Phase(rules, csList(csTerminated("app", 1, "Error")), false, true))
}
