package pod

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// Reference: pkg/apis/core/validation/validation.go
// (validateContainerRestartPolicy) and its TestValidateContainerRestartPolicy;
// https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-rules
// ("If the restartPolicyRules field is specified, then container
// restartPolicy must also be specified"; a sidecar "does not support
// restartPolicyRules").
func TestValidateContainerRestartRules(t *testing.T) {
	in := func(codes ...int32) []corev1.ContainerRestartRule {
		return []corev1.ContainerRestartRule{{Action: "Restart",
			ExitCodes: &corev1.ContainerRestartRuleOnExitCodes{Operator: "In", Values: codes}}}
	}
	never := refTo(corev1.ContainerRestartPolicyNever)
	runValidateCases(t, []validateCase{
		{"rules with a policy", func(p *corev1.Pod) {
			p.Spec.Containers[0].RestartPolicy, p.Spec.Containers[0].RestartPolicyRules = never, in(42)
		}, nil},
		{"rules without a policy", func(p *corev1.Pod) { p.Spec.Containers[0].RestartPolicyRules = in(42) },
			[]string{"spec.containers[0].restartPolicy: Required value: must be set when restartPolicyRules are set"}},
		{"action RestartAllContainers is alpha and off", func(p *corev1.Pod) {
			c := &p.Spec.Containers[0]
			c.RestartPolicy, c.RestartPolicyRules = never, in(42)
			c.RestartPolicyRules[0].Action = corev1.ContainerRestartRuleActionRestartAllContainers
		}, []string{`spec.containers[0].restartPolicyRules[0].action: Unsupported value: "RestartAllContainers": supported values: "Restart"`}},
		{"action required", func(p *corev1.Pod) {
			c := &p.Spec.Containers[0]
			c.RestartPolicy, c.RestartPolicyRules = never, in(42)
			c.RestartPolicyRules[0].Action = ""
		}, []string{"spec.containers[0].restartPolicyRules[0].action: Required value"}},
		{"exitCodes required", func(p *corev1.Pod) {
			c := &p.Spec.Containers[0]
			c.RestartPolicy, c.RestartPolicyRules = never, []corev1.ContainerRestartRule{{Action: "Restart"}}
		}, []string{"spec.containers[0].restartPolicyRules[0].exitCodes: Required value: must be specified"}},
		{"operator", func(p *corev1.Pod) {
			c := &p.Spec.Containers[0]
			c.RestartPolicy, c.RestartPolicyRules = never, in(42)
			c.RestartPolicyRules[0].ExitCodes.Operator = "Exists"
		}, []string{`spec.containers[0].restartPolicyRules[0].exitCodes.operator: Unsupported value: "Exists": supported values: "In", "NotIn"`}},
		{"too many values", func(p *corev1.Pod) {
			c := &p.Spec.Containers[0]
			c.RestartPolicy, c.RestartPolicyRules = never, in(make([]int32, 256)...)
		}, []string{"spec.containers[0].restartPolicyRules[0].exitCodes.values: Too many: 256: must have at most 255 items"}},
		{"too many rules", func(p *corev1.Pod) {
			c := &p.Spec.Containers[0]
			c.RestartPolicy = never
			for range 21 {
				c.RestartPolicyRules = append(c.RestartPolicyRules, in(1)...)
			}
		}, []string{"spec.containers[0].restartPolicyRules: Too many: 21: must have at most 20 items"}},
		{"no rules on a sidecar", func(p *corev1.Pod) {
			p.Spec.InitContainers = []corev1.Container{{Name: "proxy", Image: "envoy", ImagePullPolicy: "Always", TerminationMessagePolicy: "File",
				RestartPolicy: refTo(corev1.ContainerRestartPolicyAlways), RestartPolicyRules: in(1)}}
		}, []string{"spec.initContainers[0].restartPolicyRules: Forbidden: may not be set for restartable init containers (restartPolicy=Always)"}},
		{"rules on a regular init container", func(p *corev1.Pod) {
			p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox", ImagePullPolicy: "Always", TerminationMessagePolicy: "File",
				RestartPolicy: refTo(corev1.ContainerRestartPolicyOnFailure), RestartPolicyRules: in(3)}}
		}, nil},
	})
}
