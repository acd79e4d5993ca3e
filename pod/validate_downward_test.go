package pod

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// Reference: pkg/apis/core/validation/validation.go
// (validateObjectFieldSelector with validEnvDownwardAPIFieldPathExpressions,
// validateContainerResourceFieldSelector, validateContainerResourceDivisor);
// pkg/apis/core/v1/defaults.go (fieldRef.apiVersion defaults to v1).
func TestValidateDownwardAPIEnv(t *testing.T) {
	field := func(path string) []corev1.EnvVar {
		return []corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: path}}}}
	}
	res := func(r, divisor string) []corev1.EnvVar {
		s := &corev1.ResourceFieldSelector{Resource: r, Divisor: resource.MustParse(divisor)}
		return []corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{ResourceFieldRef: s}}}
	}
	runValidateCases(t, []validateCase{
		{"status.podIPs", func(p *corev1.Pod) { p.Spec.Containers[0].Env = field("status.podIPs") }, nil},
		{"a label", func(p *corev1.Pod) { p.Spec.Containers[0].Env = field("metadata.labels['app']") }, nil},
		{"all labels is for volumes only", func(p *corev1.Pod) { p.Spec.Containers[0].Env = field("metadata.labels") },
			[]string{`spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "metadata.labels": supported values: "metadata.name", "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs"`}},
		{"memory in Mi", func(p *corev1.Pod) { p.Spec.Containers[0].Env = res("limits.memory", "1Mi") }, nil},
		{"cpu in millicores", func(p *corev1.Pod) { p.Spec.Containers[0].Env = res("requests.cpu", "1m") }, nil},
		{"cpu divisor", func(p *corev1.Pod) { p.Spec.Containers[0].Env = res("requests.cpu", "2") },
			[]string{`spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "2": only divisor's values 1m and 1 are supported with the cpu resource`}},
		{"resource", func(p *corev1.Pod) { p.Spec.Containers[0].Env = res("limits.gpu", "1") },
			[]string{`spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "limits.gpu": supported values: "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage", "requests.memory"`}},
	})
}
