package pod

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// Reference: pkg/apis/core/validation/validation.go (ValidateEnv,
// validateEnvVarValueFrom, validateConfigMapKeySelector, ValidateEnvFrom).
func TestValidateEnvAndEnvFrom(t *testing.T) {
	cmKey := func(name, key string) *corev1.EnvVarSource {
		return &corev1.EnvVarSource{ConfigMapKeyRef: &corev1.ConfigMapKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: name}, Key: key}}
	}
	runValidateCases(t, []validateCase{
		{"configMapKeyRef", func(p *corev1.Pod) {
			p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "LEVEL", ValueFrom: cmKey("settings", "level")}}
		}, nil},
		{"a name with =", func(p *corev1.Pod) { p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A=B", Value: "x"}} },
			[]string{`spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than '='`}},
		{"value and valueFrom", func(p *corev1.Pod) {
			p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", Value: "x", ValueFrom: cmKey("settings", "a")}}
		}, []string{"spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"}},
		{"two sources", func(p *corev1.Pod) {
			from := cmKey("settings", "a")
			from.SecretKeyRef = &corev1.SecretKeySelector{LocalObjectReference: corev1.LocalObjectReference{Name: "db"}, Key: "a"}
			p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", ValueFrom: from}}
		}, []string{"spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time"}},
		{"no source", func(p *corev1.Pod) {
			p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", ValueFrom: &corev1.EnvVarSource{}}}
		}, []string{"spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"}},
		{"key required", func(p *corev1.Pod) {
			p.Spec.Containers[0].Env = []corev1.EnvVar{{Name: "A", ValueFrom: cmKey("settings", "")}}
		}, []string{"spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value"}},
		{"envFrom without a source", func(p *corev1.Pod) {
			p.Spec.Containers[0].EnvFrom = []corev1.EnvFromSource{{Prefix: "CFG_"}}
		}, []string{"spec.containers[0].envFrom: Invalid value: \"\": must specify one of: `configMapRef` or `secretRef`"}},
		{"envFrom without a name", func(p *corev1.Pod) {
			p.Spec.Containers[0].EnvFrom = []corev1.EnvFromSource{{SecretRef: &corev1.SecretEnvSource{}}}
		}, []string{"spec.containers[0].envFrom[0].secretRef.name: Required value"}},
	})
}
