package controller

import (
	"testing"

	"github.com/stretchr/testify/assert"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Reference: pkg/apis/apps/v1/defaults.go SetDefaults_Deployment.
func TestDefaultDeployment(t *testing.T) {
	d := &appsv1.Deployment{}
	DefaultDeployment(d)
	assert.Equal(t, int32(1), *d.Spec.Replicas)
	assert.Equal(t, appsv1.RollingUpdateDeploymentStrategyType, d.Spec.Strategy.Type)
	assert.Equal(t, "25%", d.Spec.Strategy.RollingUpdate.MaxSurge.String())
	assert.Equal(t, "25%", d.Spec.Strategy.RollingUpdate.MaxUnavailable.String())
	assert.Equal(t, int32(10), *d.Spec.RevisionHistoryLimit)
	assert.Equal(t, int32(600), *d.Spec.ProgressDeadlineSeconds)
	assert.Equal(t, corev1.RestartPolicyAlways, d.Spec.Template.Spec.RestartPolicy)

	r := &appsv1.Deployment{Spec: appsv1.DeploymentSpec{Strategy: appsv1.DeploymentStrategy{Type: appsv1.RecreateDeploymentStrategyType}}}
	DefaultDeployment(r)
	assert.Nil(t, r.Spec.Strategy.RollingUpdate, "Recreate gets no rollingUpdate")
}

// Reference: pkg/apis/apps/validation ValidateDeployment,
// ValidatePodTemplateSpecForReplicaSet, ValidateRollingUpdateDeployment.
func TestValidateDeployment(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*appsv1.Deployment)
		want   string
	}{
		{"valid", func(*appsv1.Deployment) {}, ""},
		{"no selector", func(d *appsv1.Deployment) { d.Spec.Selector = nil }, "spec.selector: Required value"},
		{"empty selector", func(d *appsv1.Deployment) { d.Spec.Selector = &metav1.LabelSelector{} }, "empty selector is invalid for deployment"},
		{"selector mismatch", func(d *appsv1.Deployment) { d.Spec.Template.Labels = map[string]string{"app": "api"} },
			"spec.template.metadata.labels: Invalid value: ",
		},
		{"negative replicas", func(d *appsv1.Deployment) { d.Spec.Replicas = ptr(int32(-1)) }, "spec.replicas: Invalid value: -1: must be greater than or equal to 0"},
		{"both zero", func(d *appsv1.Deployment) {
			d.Spec.Strategy = rollingUpdate(intstr.FromInt32(0), intstr.FromString("0%"))
		},
			"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"},
		{"bad percent", func(d *appsv1.Deployment) {
			d.Spec.Strategy = rollingUpdate(intstr.FromString("ten%"), intstr.FromInt32(1))
		},
			"spec.strategy.rollingUpdate.maxSurge: Invalid value: \"ten%\""},
		{"unavailable over 100%", func(d *appsv1.Deployment) {
			d.Spec.Strategy = rollingUpdate(intstr.FromInt32(1), intstr.FromString("150%"))
		},
			"must not be greater than 100%"},
		{"unknown strategy", func(d *appsv1.Deployment) { d.Spec.Strategy.Type = "BlueGreen" }, "spec.strategy.type: Unsupported value: \"BlueGreen\""},
		{"restartPolicy Never", func(d *appsv1.Deployment) { d.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever },
			"spec.template.spec.restartPolicy: Unsupported value: \"Never\""},
		{"no image", func(d *appsv1.Deployment) { d.Spec.Template.Spec.Containers[0].Image = "" }, "spec.template.spec.containers[0].image: Required value"},
		{"deadline not above minReady", func(d *appsv1.Deployment) { d.Spec.MinReadySeconds = 700 },
			"spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds"},
	}
	for _, tt := range tests {
		d := newDeployment(3, "nginx:1.27")
		DefaultDeployment(d)
		tt.mutate(d)
		errs := ValidateDeployment(d)
		if tt.want == "" {
			assert.Empty(t, errs, "ValidateDeployment(%s)", tt.name)
			continue
		}
		assert.Contains(t, errs.ToAggregate().Error(), tt.want, "ValidateDeployment(%s)", tt.name)
	}
}

// Reference: ValidatePodTemplateSpecForReplicaSet, shared by ReplicaSets.
func TestValidateReplicaSet(t *testing.T) {
	rs := newReplicaSet("web-rs", 2)
	DefaultReplicaSet(rs)
	assert.Empty(t, ValidateReplicaSet(rs))
	rs.Spec.Template.Labels = nil
	assert.Contains(t, ValidateReplicaSet(rs).ToAggregate().Error(), "`selector` does not match template `labels`")
}
