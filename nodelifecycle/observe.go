package nodelifecycle

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// kubeletConditions are the conditions the kubelet owns, in the order the
// controller walks them (NetworkUnavailable belongs to the network plugin and
// is left alone).
func kubeletConditions() []corev1.NodeConditionType {
	return []corev1.NodeConditionType{
		corev1.NodeReady,
		corev1.NodeMemoryPressure,
		corev1.NodeDiskPressure,
		corev1.NodePIDPressure,
	}
}

// GracePeriod returns how long node may stay silent: NodeStartupGracePeriod
// while it has never posted a Ready condition, NodeMonitorGracePeriod after.
func GracePeriod(node *corev1.Node) time.Duration {
	if findCondition(node.Status.Conditions, corev1.NodeReady) < 0 {
		return NodeStartupGracePeriod
	}
	return NodeMonitorGracePeriod
}

// Observe is one health check of the node lifecycle controller
// (node_lifecycle_controller.go tryUpdateNodeHealth). lastHeartbeat is the
// last time the kubelet was heard from (Lease renewTime or a status post); a
// zero lastHeartbeat means never, and the node's creationTimestamp is used.
//
// When now is past lastHeartbeat plus [GracePeriod], every kubelet-owned
// condition that is not already Unknown becomes Unknown with reason
// NodeStatusUnknown, message "Kubelet stopped posting node status." and
// lastTransitionTime now, keeping its lastHeartbeatTime; a condition the
// kubelet never posted is appended as Unknown with NodeStatusNeverUpdated,
// "Kubelet never posted node status.", lastHeartbeatTime the node's
// creationTimestamp. It returns the resulting conditions (a new slice; node
// is not modified) and whether any condition changed. A nil node returns
// (nil, false).
func Observe(node *corev1.Node, lastHeartbeat time.Time, now time.Time) (conditions []corev1.NodeCondition, changed bool) {
	if node == nil {
		return nil, false
	}
	conditions = make([]corev1.NodeCondition, len(node.Status.Conditions))
	copy(conditions, node.Status.Conditions)
	probe := lastHeartbeat
	if probe.IsZero() {
		probe = node.CreationTimestamp.Time
	}
	if !now.After(probe.Add(GracePeriod(node))) {
		return conditions, false
	}
	stamp := metav1.NewTime(now)
	for _, t := range kubeletConditions() {
		i := findCondition(conditions, t)
		if i < 0 {
			conditions = append(conditions, corev1.NodeCondition{
				Type:               t,
				Status:             corev1.ConditionUnknown,
				Reason:             ReasonNodeStatusNeverUpdated,
				Message:            MessageNodeStatusNeverUpdated,
				LastHeartbeatTime:  node.CreationTimestamp,
				LastTransitionTime: stamp,
			})
			changed = true
			continue
		}
		if conditions[i].Status == corev1.ConditionUnknown {
			continue
		}
		conditions[i].Status = corev1.ConditionUnknown
		conditions[i].Reason = ReasonNodeStatusUnknown
		conditions[i].Message = MessageNodeStatusUnknown
		conditions[i].LastTransitionTime = stamp
		changed = true
	}
	return conditions, changed
}

// findCondition returns the index of the condition of type t, or -1.
func findCondition(conditions []corev1.NodeCondition, t corev1.NodeConditionType) int {
	for i := range conditions {
		if conditions[i].Type == t {
			return i
		}
	}
	return -1
}
