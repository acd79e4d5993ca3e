package simtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// The ordinal invariant holds while a StatefulSet's pods come and go
// gracefully, and catches the case the StatefulSet docs warn of: a pod
// force-deleted (grace 0) while its container still runs, so that the
// controller starts the ordinal again beside it.
// Reference: the "Force Delete StatefulSet Pods" task page.
func TestStatefulSetOrdinalOnce(t *testing.T) {
	c, err := cluster.New(cluster.Config{})
	require.NoError(t, err)
	one, grace := int32(1), int64(30)
	labels := map[string]string{"app": "db"}
	require.NoError(t, c.Apply(&appsv1.StatefulSet{
		ObjectMeta: metav1.ObjectMeta{Name: "db"},
		Spec: appsv1.StatefulSetSpec{Replicas: &one, ServiceName: "db", Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels}, Spec: corev1.PodSpec{
				TerminationGracePeriodSeconds: &grace,
				Containers: []corev1.Container{{Name: "db", Image: "busybox:1.36",
					Command: []string{"sh", "-c", "trap '' TERM; sleep 3600"}}}}}},
	}))
	k := newChecker(c)
	started := Step{Cluster: c, Records: []sim.Record{{Reason: "Started"}}}
	c.RunFor(10 * time.Second)
	assert.Nil(t, k.checkStatefulSets(started), "one db-0")

	require.NoError(t, c.DeletePod("default", "db-0", nil))
	c.RunFor(10 * time.Second)
	assert.Nil(t, k.checkStatefulSets(started), "a graceful delete: the new db-0 waits for the old one")

	c.RunFor(time.Minute)
	zero := int64(0)
	require.NoError(t, c.DeletePod("default", "db-0", &zero))
	c.RunFor(5 * time.Second)
	f := k.checkStatefulSets(started)
	if assert.NotNil(t, f, "a forced delete runs db-0 twice for a while") {
		assert.Equal(t, StatefulSetOrdinalOnce, f.name)
		assert.Contains(t, f.msg, "pod default/db-0 of a StatefulSet runs twice")
	}
}
