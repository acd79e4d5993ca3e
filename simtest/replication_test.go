package simtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// replicationcontroller-replicas holds while the replication manager
// keeps an RC at its replicas (through a scale), waits while the pods
// are changing, and catches an RC that settles with a pod too many.
// Reference: pkg/controller/replication/replication_controller.go;
// pkg/controller/replicaset/replica_set.go (manageReplicas).
func TestRCReplicas(t *testing.T) {
	c, _ := recorded(t)
	three := int32(3)
	labels := map[string]string{"rc": "clerks"}
	require.NoError(t, c.Apply(&corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "clerks"},
		Spec: corev1.ReplicationControllerSpec{Replicas: &three, Selector: labels,
			Template: &corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}}}}}))
	k := newChecker(c)
	look := func() *finding {
		c.RunFor(sweepEvery)
		return k.checkReplicationControllers(Step{Cluster: c, Now: c.Now()})
	}
	for range 4 {
		require.Nil(t, look())
	}
	require.NoError(t, c.ScaleReplicationController("default", "clerks", 1))
	for range 4 {
		require.Nil(t, look())
	}
	assert.Len(t, k.rcs, 1, "the RC was looked at")

	// Planted: a pod the RC owns, written to the ledger behind the
	// replication manager's back while the loop stands still.
	var owned *corev1.Pod
	for _, p := range c.API().Pods.ListShared() {
		if ref := metav1.GetControllerOf(p); ref != nil && ref.Kind == "ReplicationController" && p.DeletionTimestamp == nil {
			owned = p
		}
	}
	require.NotNil(t, owned)
	twin := owned.DeepCopy()
	twin.Name, twin.UID, twin.ResourceVersion = "zz-twin", "", ""
	_, err := c.API().Pods.Create(twin)
	require.NoError(t, err)
	at := c.Now() + sim.Time(sweepEvery)
	assert.Nil(t, k.checkReplicationControllers(Step{Cluster: c, Now: at}), "a change is not yet settled")
	f := k.checkReplicationControllers(Step{Cluster: c, Now: at + sim.Time(sweepEvery)})
	if assert.NotNil(t, f) {
		assert.Equal(t, RCReplicas, f.name)
		assert.Equal(t, "replicationcontroller clerks has settled with 2 active pods, not its 1 replicas: ["+
			owned.Name+", zz-twin]", f.msg)
	}
	// Between sweeps nothing is looked at.
	assert.Nil(t, k.checkReplicationControllers(Step{Cluster: c, Now: at + sim.Time(sweepEvery) + sim.Time(time.Second)}))
}
