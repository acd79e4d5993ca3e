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

// A container's log counts as its pod's ephemeral storage: one that only
// writes to stdout, with an ephemeral-storage limit, is evicted by the
// eviction manager's next pass once its log files pass the limit, with
// the kubelet's message; without a limit the same container runs on, its
// log bounded by rotation.
// Reference: pkg/kubelet/eviction/helpers.go (podLocalEphemeralStorageUsage,
// podDiskUsage with fsStatsLogs; podEphemeralStorageMessageFmt);
// pkg/kubelet/eviction/eviction_manager.go (podEphemeralStorageLimitEviction);
// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage
// ("the kubelet ... measures ... files in node-level container log directories").
func TestLogsCountAsEphemeralStorage(t *testing.T) {
	talker := func(limit string) *corev1.Pod {
		p := podOf("talker", 1, corev1.Container{Name: "app", Image: "busybox:1.36",
			Command: []string{"sh", "-c", "while true; do echo all work and no play makes jack a dull boy; done"}})
		if limit != "" {
			p.Spec.Containers[0].Resources.Limits = corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse(limit)}
		}
		return p
	}
	r := newRun(t, cluster.Config{Seed: 1}, talker("1Mi"))
	r.c.RunFor(time.Minute)
	got, err := r.c.Pod("default", "talker")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, got.Status.Phase)
	assert.Equal(t, "Evicted", got.Status.Reason)
	assert.Equal(t, "Pod ephemeral local storage usage exceeds the total limit of containers 1Mi. ", got.Status.Message)

	r = newRun(t, cluster.Config{Seed: 1}, talker(""))
	r.c.RunFor(time.Minute)
	got, err = r.c.Pod("default", "talker")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodRunning, got.Status.Phase, "no limit, no eviction")

	// Within the pod's total, but past its own limit: the container's
	// log and writable layer are held against the container's limit.
	// Reference: pkg/kubelet/eviction/eviction_manager.go
	// (containerEphemeralStorageLimitEviction: logs, plus the rootfs
	// without a dedicated image file system).
	p := talker("1Mi")
	p.Spec.Containers = append(p.Spec.Containers, corev1.Container{Name: "quiet", Image: "busybox:1.36",
		Command:   []string{"sleep", "3600"},
		Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse("100Mi")}}})
	r = newRun(t, cluster.Config{Seed: 1}, p)
	r.c.RunFor(time.Minute)
	got, err = r.c.Pod("default", "talker")
	require.NoError(t, err)
	assert.Equal(t, "Evicted", got.Status.Reason)
	assert.Equal(t, `Container app exceeded its local ephemeral storage limit "1Mi". `, got.Status.Message)
}
