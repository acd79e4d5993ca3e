package pod

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Limits on a container's restartPolicyRules.
const (
	maxRestartRules     = 20
	maxRestartExitCodes = 255
)

// validateContainerRestartPolicy checks a container's own restartPolicy
// and restartPolicyRules (ContainerRestartRules, beta and on in 1.35): the
// policy is Always, OnFailure or Never; rules need the policy set; at most
// 20 rules, each with the action Restart and an exitCodes condition (In or
// NotIn, at most 255 values). A sidecar (an init container with Always)
// takes no rules. RestartAllContainers is an alpha action, off in 1.35.
// Reference: pkg/apis/core/validation/validation.go
// (validateContainerRestartPolicy), kubernetes/kubernetes;
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-rules.
func validateContainerRestartPolicy(c *corev1.Container, path *field.Path, init bool) field.ErrorList {
	var errs field.ErrorList
	rulesPath := path.Child("restartPolicyRules")
	if c.RestartPolicy == nil {
		if len(c.RestartPolicyRules) > 0 {
			errs = append(errs, field.Required(path.Child("restartPolicy"), "must be set when restartPolicyRules are set"))
		}
		return errs
	}
	errs = append(errs, validateSupported(string(*c.RestartPolicy), path.Child("restartPolicy"),
		string(corev1.ContainerRestartPolicyAlways), string(corev1.ContainerRestartPolicyOnFailure), string(corev1.ContainerRestartPolicyNever))...)
	if init && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways && len(c.RestartPolicyRules) > 0 {
		return append(errs, field.Forbidden(rulesPath, "may not be set for restartable init containers (restartPolicy=Always)"))
	}
	if len(c.RestartPolicyRules) > maxRestartRules {
		errs = append(errs, field.TooMany(rulesPath, len(c.RestartPolicyRules), maxRestartRules))
	}
	for i, rule := range c.RestartPolicyRules {
		p := rulesPath.Index(i)
		errs = append(errs, validateSupported(string(rule.Action), p.Child("action"), string(corev1.ContainerRestartRuleActionRestart))...)
		if rule.ExitCodes == nil {
			errs = append(errs, field.Required(p.Child("exitCodes"), "must be specified"))
			continue
		}
		codes := p.Child("exitCodes")
		errs = append(errs, validateSupported(string(rule.ExitCodes.Operator), codes.Child("operator"),
			string(corev1.ContainerRestartRuleOnExitCodesOpIn), string(corev1.ContainerRestartRuleOnExitCodesOpNotIn))...)
		if n := len(rule.ExitCodes.Values); n > maxRestartExitCodes {
			errs = append(errs, field.TooMany(codes.Child("values"), n, maxRestartExitCodes))
		}
	}
	return errs
}
