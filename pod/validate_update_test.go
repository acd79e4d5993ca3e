package pod_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
)

func updatePair(t *testing.T) (*corev1.Pod, *corev1.Pod) {
	t.Helper()
	old := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "nginx:1.26"}}}}
	old.Name, old.Namespace = "web", "default"
	pod.Default(old)
	require.Empty(t, pod.Validate(old))
	return old, old.DeepCopy()
}

// Reference: pkg/apis/core/validation/validation.go (ValidatePodUpdate: only
// images, activeDeadlineSeconds, added tolerations and a negative grace
// period set to 1 may change; labels and annotations are metadata).
func TestValidateUpdateAllowsImagesLabelsAndTolerations(t *testing.T) {
	old, next := updatePair(t)
	next.Spec.Containers[0].Image = "nginx:1.27"
	next.Labels = map[string]string{"tier": "front"}
	next.Spec.Tolerations = append(next.Spec.Tolerations, corev1.Toleration{Key: "k", Operator: corev1.TolerationOpExists})
	d := int64(30)
	next.Spec.ActiveDeadlineSeconds = &d
	assert.Empty(t, pod.ValidateUpdate(next, old))
}

func TestValidateUpdateForbidsOtherSpecChanges(t *testing.T) {
	old, next := updatePair(t)
	next.Spec.Containers[0].Ports = []corev1.ContainerPort{{ContainerPort: 80, Protocol: corev1.ProtocolTCP}}
	errs := pod.ValidateUpdate(next, old)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec", errs[0].Field)
	assert.True(t, strings.HasPrefix(errs[0].Error(), "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`"), errs[0].Error())

	old, next = updatePair(t)
	next.Spec.NodeName = "store-2"
	assert.Len(t, pod.ValidateUpdate(next, old), 1, "nodeName changes only through a binding")

	old, next = updatePair(t)
	old.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: corev1.TolerationOpExists}}
	next.Spec.Tolerations = nil
	assert.Len(t, pod.ValidateUpdate(next, old), 1, "a toleration may not be removed")
}

func TestValidateUpdateActiveDeadline(t *testing.T) {
	old, next := updatePair(t)
	d, longer := int64(30), int64(60)
	old.Spec.ActiveDeadlineSeconds = &d
	next.Spec.ActiveDeadlineSeconds = &longer
	errs := pod.ValidateUpdate(next, old)
	require.Len(t, errs, 1)
	assert.Equal(t, "spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value", errs[0].Error())
	next.Spec.ActiveDeadlineSeconds = nil
	assert.Len(t, pod.ValidateUpdate(next, old), 1)
}
