package nodelifecycle

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

var epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// at returns epoch plus d as a metav1.Time.
func at(d time.Duration) metav1.Time { return metav1.NewTime(epoch.Add(d)) }

// healthyNode returns a node created at epoch whose kubelet posted healthy
// conditions at heartbeat.
func healthyNode(heartbeat time.Duration) *corev1.Node {
	cond := func(t corev1.NodeConditionType, s corev1.ConditionStatus, reason string) corev1.NodeCondition {
		return corev1.NodeCondition{Type: t, Status: s, Reason: reason, LastHeartbeatTime: at(heartbeat), LastTransitionTime: at(0)}
	}
	return &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: "store-1", CreationTimestamp: at(0)},
		Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{
			cond(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory"),
			cond(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure"),
			cond(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID"),
			cond(corev1.NodeReady, corev1.ConditionTrue, "KubeletReady"),
		}},
	}
}

func TestObserveGracePeriod(t *testing.T) {
	// Reference: pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth
	// (now.After(probeTimestamp + gracePeriod); startup grace without a Ready condition)
	fresh := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "new", CreationTimestamp: at(0)}}
	tests := []struct {
		name      string
		node      *corev1.Node
		heartbeat time.Time
		now       time.Duration
		changed   bool
	}{
		{"heartbeat within grace", healthyNode(100 * time.Second), epoch.Add(100 * time.Second), 120 * time.Second, false},
		{"exactly at grace is not late", healthyNode(100 * time.Second), epoch.Add(100 * time.Second), 150 * time.Second, false},
		{"just past grace", healthyNode(100 * time.Second), epoch.Add(100 * time.Second), 150*time.Second + time.Nanosecond, true},
		{"lease renewal counts as heartbeat", healthyNode(0), epoch.Add(120 * time.Second), 160 * time.Second, false},
		{"never posted, inside startup grace", fresh, time.Time{}, 60 * time.Second, false},
		{"never posted, past startup grace", fresh, time.Time{}, 61 * time.Second, true},
	}
	for _, tt := range tests {
		_, changed := Observe(tt.node, tt.heartbeat, epoch.Add(tt.now))
		if changed != tt.changed {
			t.Errorf("%s: Observe(now=+%v) changed = %v, want %v", tt.name, tt.now, changed, tt.changed)
		}
	}
}

func TestObserveStoppedPosting(t *testing.T) {
	// Reference: pkg/controller/nodelifecycle/node_lifecycle_controller_test.go (NodeStatusUnknown,
	// "Kubelet stopped posting node status.", lastHeartbeatTime kept, lastTransitionTime now)
	node := healthyNode(10 * time.Second)
	now := epoch.Add(61 * time.Second)
	conds, changed := Observe(node, epoch.Add(10*time.Second), now)
	require.True(t, changed)
	require.Len(t, conds, 4)
	for _, c := range conds {
		assert.Equal(t, corev1.ConditionUnknown, c.Status, "%s status", c.Type)
		assert.Equal(t, "NodeStatusUnknown", c.Reason, "%s reason", c.Type)
		assert.Equal(t, "Kubelet stopped posting node status.", c.Message, "%s message", c.Type)
		assert.Equal(t, at(10*time.Second), c.LastHeartbeatTime, "%s lastHeartbeatTime", c.Type)
		assert.Equal(t, metav1.NewTime(now), c.LastTransitionTime, "%s lastTransitionTime", c.Type)
	}
	assert.Equal(t, corev1.ConditionTrue, node.Status.Conditions[3].Status, "node itself must not change")

	// A second check finds nothing new to change.
	node.Status.Conditions = conds
	again, changed := Observe(node, epoch.Add(10*time.Second), now.Add(NodeMonitorPeriod))
	assert.False(t, changed, "second Observe changed")
	assert.Equal(t, conds, again)
}

func TestObserveNeverPosted(t *testing.T) {
	// Reference: pkg/controller/nodelifecycle/node_lifecycle_controller_test.go ("Node created long time ago, without status")
	node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "new", CreationTimestamp: at(0)}}
	now := epoch.Add(2 * time.Minute)
	conds, changed := Observe(node, time.Time{}, now)
	require.True(t, changed)
	types := make([]corev1.NodeConditionType, 0, len(conds))
	for _, c := range conds {
		types = append(types, c.Type)
		assert.Equal(t, corev1.ConditionUnknown, c.Status)
		assert.Equal(t, "NodeStatusNeverUpdated", c.Reason)
		assert.Equal(t, "Kubelet never posted node status.", c.Message)
		assert.Equal(t, at(0), c.LastHeartbeatTime, "lastHeartbeatTime is the creation time")
		assert.Equal(t, metav1.NewTime(now), c.LastTransitionTime)
	}
	assert.Equal(t, []corev1.NodeConditionType{"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"}, types)
}

func TestObserveLeavesNetworkUnavailable(t *testing.T) {
	// Reference: node_lifecycle_controller.go tryUpdateNodeHealth (NetworkUnavailable is managed on the control plane level)
	node := healthyNode(0)
	node.Status.Conditions = append(node.Status.Conditions, corev1.NodeCondition{Type: corev1.NodeNetworkUnavailable, Status: corev1.ConditionFalse})
	conds, _ := Observe(node, epoch, epoch.Add(time.Hour))
	assert.Equal(t, corev1.ConditionFalse, conds[4].Status)
	assert.Nil(t, func() []corev1.NodeCondition { c, _ := Observe(nil, epoch, epoch); return c }())
}
