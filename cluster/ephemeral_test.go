package cluster

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/sim"
)

// diskUser returns a sleeping pod whose container requests disk of
// ephemeral-storage.
func diskUser(name, disk string) *corev1.Pod {
	p := busybox(name, corev1.RestartPolicyAlways, "sleep 3600")
	p.Spec.Containers[0].Resources.Requests = corev1.ResourceList{corev1.ResourceEphemeralStorage: resource.MustParse(disk)}
	return p
}

// A store with a 1Gi disk offers 90% of it to pods (allocatable
// 966367640 bytes: capacity less nodefs.available<10%). The staffing
// desk places a pod asking for 512Mi and keeps a second one Pending with
// the scheduler's message; a pod bound to the store by hand meets the
// kubelet's own fit and is rejected as OutOfephemeral-storage; kubectl
// describe node shows the request in Allocated resources.
// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go
// (fitsRequest: "Insufficient ephemeral-storage");
// pkg/kubelet/lifecycle/predicate.go (reason OutOf<resource>, "Node
// didn't have enough resource: ..."); staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeNodeResource: the ephemeral-storage row);
// https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage.
func TestEphemeralStorageRequestsAreCounted(t *testing.T) {
	capacity := kubelet.DefaultCapacity()
	capacity[corev1.ResourceEphemeralStorage] = resource.MustParse("1Gi")
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1", Capacity: capacity}}})
	require.NoError(t, err)
	var failed []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "FailedScheduling" {
			failed = append(failed, r.Object.Name+": "+r.Message)
		}
	}))
	require.NoError(t, c.Apply(diskUser("first", "512Mi")))
	c.RunFor(5 * time.Second)
	require.NoError(t, c.Apply(diskUser("second", "512Mi")))
	bound := diskUser("bound", "512Mi")
	bound.Spec.NodeName = "store-1"
	require.NoError(t, c.Apply(bound))
	c.RunFor(10 * time.Second)

	first, err := c.Pod("default", "first")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodRunning, first.Status.Phase)
	second, err := c.Pod("default", "second")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodPending, second.Status.Phase)
	assert.Empty(t, second.Spec.NodeName)
	require.NotEmpty(t, failed)
	assert.Equal(t, "second: 0/1 nodes are available: 1 Insufficient ephemeral-storage. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", failed[0])

	p, err := c.Pod("default", "bound")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, p.Status.Phase)
	assert.Equal(t, "OutOfephemeral-storage", p.Status.Reason)
	assert.Equal(t, "Pod was rejected: Node didn't have enough resource: ephemeral-storage, requested: 536870912, used: 536870912, capacity: 966367640", p.Status.Message)

	var out bytes.Buffer
	require.NoError(t, kubectl.DescribeNode(&out, c.Nodes()[0], []*corev1.Pod{first}, nil, c.Now().Wall()))
	row := ""
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "ephemeral-storage ") {
			row = strings.Join(strings.Fields(line), " ")
		}
	}
	assert.Equal(t, "ephemeral-storage 512Mi (55%) 0 (0%)", row, "the Allocated resources row")
}
