package controller_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/controller"
)

func daemonSet() *appsv1.DaemonSet {
	l := map[string]string{"app": "greeter"}
	return &appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: "greeter"}, Spec: appsv1.DaemonSetSpec{
		Selector: &metav1.LabelSelector{MatchLabels: l},
		Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: l},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx"}}}},
	}}
}

// The API server's defaults for a DaemonSet: RollingUpdate with
// maxUnavailable 1 and maxSurge 0, revisionHistoryLimit 10.
// Reference: pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet.
func TestDefaultDaemonSet(t *testing.T) {
	d := daemonSet()
	controller.DefaultDaemonSet(d)
	assert.Equal(t, "default", d.Namespace)
	assert.Equal(t, appsv1.RollingUpdateDaemonSetStrategyType, d.Spec.UpdateStrategy.Type)
	assert.Equal(t, intstr.FromInt32(1), *d.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable)
	assert.Equal(t, intstr.FromInt32(0), *d.Spec.UpdateStrategy.RollingUpdate.MaxSurge)
	assert.Equal(t, int32(10), *d.Spec.RevisionHistoryLimit)
	assert.Empty(t, controller.ValidateDaemonSet(d))
}

// What the API server refuses, each with its field path.
// Reference: pkg/apis/apps/validation/validation.go ValidateDaemonSetSpec,
// ValidateRollingUpdateDaemonSet.
func TestValidateDaemonSet(t *testing.T) {
	for _, tc := range []struct {
		edit func(*appsv1.DaemonSet)
		want string
	}{
		{func(d *appsv1.DaemonSet) { d.Spec.Template.Spec.RestartPolicy = corev1.RestartPolicyNever },
			`spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"`},
		{func(d *appsv1.DaemonSet) { d.Spec.Selector = nil }, "spec.selector: Required value"},
		{func(d *appsv1.DaemonSet) { d.Spec.Template.Labels = map[string]string{"app": "other"} },
			"spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not match template `labels`"},
		{func(d *appsv1.DaemonSet) {
			zero := intstr.FromInt32(0)
			d.Spec.UpdateStrategy.RollingUpdate = &appsv1.RollingUpdateDaemonSet{MaxUnavailable: &zero, MaxSurge: &zero}
		}, "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"},
		{func(d *appsv1.DaemonSet) { d.Spec.UpdateStrategy.Type = "Sometimes" },
			`spec.updateStrategy.type: Unsupported value: "Sometimes": supported values: "OnDelete", "RollingUpdate"`},
	} {
		d := daemonSet()
		controller.DefaultDaemonSet(d)
		tc.edit(d)
		errs := controller.ValidateDaemonSet(d)
		if assert.NotEmpty(t, errs, tc.want) {
			assert.Equal(t, tc.want, errs[0].Error())
		}
	}
	assert.NotEmpty(t, controller.ValidateDaemonSet(nil))
}

// The automatic tolerations, and network-unavailable for hostNetwork only.
// Reference: pkg/controller/daemon/util/daemonset_util.go
// AddOrUpdateDaemonPodTolerations.
func TestAddDaemonTolerations(t *testing.T) {
	spec := corev1.PodSpec{HostNetwork: true}
	controller.AddDaemonTolerations(&spec)
	controller.AddDaemonTolerations(&spec) // twice adds nothing more
	assert.Len(t, spec.Tolerations, 7)
	assert.Equal(t, corev1.Toleration{Key: "node.kubernetes.io/network-unavailable", Operator: "Exists", Effect: "NoSchedule"}, spec.Tolerations[6])
}

// A node's NoExecute taint that the pod does not tolerate stops a daemon
// pod from staying; a NoSchedule one only from being made.
// Reference: pkg/controller/daemon/daemon_controller.go predicates.
func TestShouldRunDaemonPod(t *testing.T) {
	d := daemonSet()
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "store-1"}}
	run, stay := controller.ShouldRunDaemonPod(d, node)
	assert.True(t, run && stay)
	node.Spec.Taints = []corev1.Taint{{Key: "k", Effect: corev1.TaintEffectNoSchedule}}
	run, stay = controller.ShouldRunDaemonPod(d, node)
	assert.False(t, run)
	assert.True(t, stay)
	node.Spec.Taints = []corev1.Taint{{Key: "k", Effect: corev1.TaintEffectNoExecute}}
	run, stay = controller.ShouldRunDaemonPod(d, node)
	assert.False(t, run || stay)
	d.Spec.Template.Spec.NodeSelector = map[string]string{"disk": "ssd"}
	node.Spec.Taints = nil
	run, stay = controller.ShouldRunDaemonPod(d, node)
	assert.False(t, run || stay)
}
