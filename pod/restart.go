package pod

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
)

// ShouldRestart reports whether a container of spec that exited with
// exitCode is to be started again: its own restartPolicyRules first (the
// first rule whose exit codes match decides), then its own restartPolicy,
// and only when it sets none, the pod's restartPolicy. A container's own
// policy (and rules) apply to regular containers and regular init
// containers; a sidecar is an init container whose own policy is Always.
//
// In the store: the manager calls back an employee who walked out if the
// employee's own contract says so, else if the store's house rule does.
// Reference: pkg/api/v1/pod/util.go (ContainerShouldRestart,
// findMatchingContainerRestartRule), kubernetes/kubernetes; the
// ContainerRestartRules gate is beta and on since Kubernetes 1.35
// (pkg/features/kube_features.go).
func ShouldRestart(spec *corev1.PodSpec, c *corev1.Container, exitCode int32) bool {
	if c.RestartPolicy != nil {
		if rule, ok := matchingRestartRule(c, exitCode); ok && rule.Action == corev1.ContainerRestartRuleActionRestart {
			return true
		}
		switch *c.RestartPolicy {
		case corev1.ContainerRestartPolicyAlways:
			return true
		case corev1.ContainerRestartPolicyOnFailure:
			return exitCode != 0
		case corev1.ContainerRestartPolicyNever:
			return false
		}
	}
	switch spec.RestartPolicy {
	case corev1.RestartPolicyOnFailure:
		return exitCode != 0
	case corev1.RestartPolicyNever:
		return false
	}
	return true
}

// matchingRestartRule returns the first of c's restartPolicyRules whose
// exit-code condition holds for exitCode.
func matchingRestartRule(c *corev1.Container, exitCode int32) (corev1.ContainerRestartRule, bool) {
	for _, rule := range c.RestartPolicyRules {
		if rule.ExitCodes == nil {
			continue
		}
		in := slices.Contains(rule.ExitCodes.Values, exitCode)
		switch rule.ExitCodes.Operator {
		case corev1.ContainerRestartRuleOnExitCodesOpIn:
			if in {
				return rule, true
			}
		case corev1.ContainerRestartRuleOnExitCodesOpNotIn:
			if !in {
				return rule, true
			}
		}
	}
	return corev1.ContainerRestartRule{}, false
}

// Restartable reports whether container c of spec can ever be restarted:
// a Restart rule, or its own policy other than Never, or, when it sets no
// policy, the pod's policy other than Never.
// Reference: pkg/api/v1/pod/util.go (IsContainerRestartable).
func Restartable(spec *corev1.PodSpec, c *corev1.Container) bool {
	if c.RestartPolicy != nil {
		for _, rule := range c.RestartPolicyRules {
			if rule.Action == corev1.ContainerRestartRuleActionRestart {
				return true
			}
		}
		return *c.RestartPolicy != corev1.ContainerRestartPolicyNever
	}
	return spec.RestartPolicy != corev1.RestartPolicyNever
}
