package controller

import (
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// An RC's status survives the trip through the ReplicaSet the controller
// works on, the ReplicaFailure condition included.
// Reference: pkg/controller/replication/conversion.go (the status
// conversions both ways).
func TestReplicationStatusRoundTrip(t *testing.T) {
	st := corev1.ReplicationControllerStatus{
		Replicas: 3, FullyLabeledReplicas: 2, ReadyReplicas: 1, AvailableReplicas: 1, ObservedGeneration: 4,
		Conditions: []corev1.ReplicationControllerCondition{{
			Type: corev1.ReplicationControllerReplicaFailure, Status: corev1.ConditionTrue,
			Reason: ReasonFailedCreate, Message: "pods \"x\" is forbidden",
		}},
	}
	rc := &corev1.ReplicationController{ObjectMeta: metav1.ObjectMeta{Name: "nginx"}, Status: st,
		Spec: corev1.ReplicationControllerSpec{Selector: map[string]string{"app": "nginx"}}}
	rs := pod.ReplicaSetOf(rc)
	assert.Equal(t, map[string]string{"app": "nginx"}, rs.Spec.Selector.MatchLabels)
	assert.Equal(t, st, rcStatus(rs.Status))
}

// The defaults copy the template's labels: changing the RC's selector
// later does not change the template.
// Reference: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController.
func TestDefaultReplicationControllerCopiesLabels(t *testing.T) {
	rc := &corev1.ReplicationController{Spec: corev1.ReplicationControllerSpec{
		Template: &corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "nginx"}}}}}
	DefaultReplicationController(rc)
	rc.Spec.Selector["app"] = "changed"
	assert.Equal(t, "nginx", rc.Spec.Template.Labels["app"])
	assert.Equal(t, "nginx", rc.Labels["app"])
	assert.Equal(t, int32(1), *rc.Spec.Replicas)
	assert.Equal(t, "default", rc.Namespace)
}
