package pod

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
)

// Reference: pkg/apis/core/validation/validation.go ValidatePodResize and
// https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/#limitations
// (InPlacePodLevelResourcesVerticalScaling is alpha and off in v1.35, so
// "pods with pod-level resources cannot be resized"): a container's cpu
// may be resized in a pod without a pod-level budget, and nothing may be
// resized in a pod with one, its containers' resources included.
func TestValidateResizeOfPodLevelResources(t *testing.T) {
	resize := func(old *corev1.Pod) []string {
		next := old.DeepCopy()
		next.Spec.Containers[0].Resources.Limits = list("cpu", "300m")
		next.Spec.Containers[0].Resources.Requests = list("cpu", "300m")
		var got []string
		for _, e := range ValidateResize(Resized(next, old), old) {
			got = append(got, e.Error())
		}
		return got
	}
	plain := validLearnerPod()
	plain.Spec.Containers[0].Resources = corev1.ResourceRequirements{Limits: list("cpu", "200m"), Requests: list("cpu", "200m")}
	Default(plain)
	assert.Empty(t, resize(plain), "a container's cpu, no pod-level budget")

	team := plain.DeepCopy()
	podLevel(team, list("cpu", "1"), list("cpu", "1"))
	assert.Equal(t, []string{"[]: Forbidden: pods with pod-level resources cannot be resized"}, resize(team))
}
