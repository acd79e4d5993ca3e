package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/cluster"
)

// Reference: kubelet.md §8.2 (the runtime's OOMKilled reason and exit
// code 137 are copied into the container's Terminated state), §2.1
// (restart per restartPolicy) and §3.4 (CrashLoopBackOff on repeats); the
// docs' "Exceed a Container's memory limit" pod.
func TestOOMKilledIsReported(t *testing.T) {
	for _, tc := range []struct {
		policy    corev1.RestartPolicy
		wantPhase corev1.PodPhase
		wantState string // Waiting reason, or Terminated reason
	}{
		{corev1.RestartPolicyAlways, corev1.PodRunning, "CrashLoopBackOff"},
		{corev1.RestartPolicyNever, corev1.PodFailed, "OOMKilled"},
	} {
		stress := corev1.Container{
			Name: "memory-demo-2-ctr", Image: "polinux/stress",
			Command: []string{"stress"}, Args: []string{"--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"},
			Resources: corev1.ResourceRequirements{
				Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("50Mi")},
				Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("100Mi")},
			},
		}
		p := podOf("memory-demo-2", 30, stress)
		p.Spec.RestartPolicy = tc.policy
		r := newRun(t, cluster.Config{Seed: 1}, p)
		r.c.RunFor(30 * time.Second)
		got, err := r.c.Pod("default", "memory-demo-2")
		require.NoError(t, err)
		require.Len(t, got.Status.ContainerStatuses, 1)
		cs := got.Status.ContainerStatuses[0]
		assert.Equal(t, tc.wantPhase, got.Status.Phase, "%s: phase", tc.policy)
		term := cs.State.Terminated
		if w := cs.State.Waiting; w != nil {
			assert.Equal(t, tc.wantState, w.Reason, "%s: waiting reason", tc.policy)
			term = cs.LastTerminationState.Terminated
		} else {
			require.NotNil(t, term, "%s: container neither waiting nor terminated", tc.policy)
			assert.Equal(t, tc.wantState, term.Reason, "%s: terminated reason", tc.policy)
		}
		require.NotNil(t, term, "%s: no terminated state", tc.policy)
		assert.Equal(t, "OOMKilled", term.Reason, "%s: reason", tc.policy)
		assert.Equal(t, int32(137), term.ExitCode, "%s: exit code", tc.policy)
	}
}
