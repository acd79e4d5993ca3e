package nodelifecycle

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

func TestTaints(t *testing.T) {
	// Reference: pkg/controller/nodelifecycle/node_lifecycle_controller.go (doNoExecuteTaintingPass,
	// doNoScheduleTaintingPass, nodeConditionToTaintKeyStatusMap) and
	// pkg/controller/util/node/controller_utils.go SwapNodeControllerTaint (timeAdded on added taints)
	flip := at(90 * time.Second)
	earlier := at(30 * time.Second)
	ready := func(s corev1.ConditionStatus) corev1.NodeCondition {
		return corev1.NodeCondition{Type: corev1.NodeReady, Status: s, LastTransitionTime: flip}
	}
	cond := func(ty corev1.NodeConditionType, s corev1.ConditionStatus) corev1.NodeCondition {
		return corev1.NodeCondition{Type: ty, Status: s, LastTransitionTime: flip}
	}
	tn := func(key string, effect corev1.TaintEffect, added *metav1.Time) corev1.Taint {
		return corev1.Taint{Key: key, Effect: effect, TimeAdded: added}
	}
	dedicated := corev1.Taint{Key: "dedicated", Value: "db", Effect: corev1.TaintEffectNoSchedule}
	tests := []struct {
		name       string
		conditions []corev1.NodeCondition
		taints     []corev1.Taint
		cordoned   bool
		want       []corev1.Taint
	}{
		{"ready node has none", []corev1.NodeCondition{ready("True")}, nil, false, nil},
		{
			"Ready Unknown: unreachable NoExecute and NoSchedule",
			[]corev1.NodeCondition{ready("Unknown")}, nil, false,
			[]corev1.Taint{tn(corev1.TaintNodeUnreachable, "NoExecute", &flip), tn(corev1.TaintNodeUnreachable, "NoSchedule", &flip)},
		},
		{
			"Ready False: not-ready",
			[]corev1.NodeCondition{ready("False")}, nil, false,
			[]corev1.Taint{tn(corev1.TaintNodeNotReady, "NoExecute", &flip), tn(corev1.TaintNodeNotReady, "NoSchedule", &flip)},
		},
		{
			"False to Unknown swaps the taints, other taints kept",
			[]corev1.NodeCondition{ready("Unknown")},
			[]corev1.Taint{dedicated, tn(corev1.TaintNodeNotReady, "NoExecute", &earlier), tn(corev1.TaintNodeNotReady, "NoSchedule", &earlier)}, false,
			[]corev1.Taint{dedicated, tn(corev1.TaintNodeUnreachable, "NoExecute", &flip), tn(corev1.TaintNodeUnreachable, "NoSchedule", &flip)},
		},
		{
			"existing taint keeps its timeAdded",
			[]corev1.NodeCondition{ready("Unknown")},
			[]corev1.Taint{tn(corev1.TaintNodeUnreachable, "NoExecute", &earlier)}, false,
			[]corev1.Taint{tn(corev1.TaintNodeUnreachable, "NoExecute", &earlier), tn(corev1.TaintNodeUnreachable, "NoSchedule", &flip)},
		},
		{
			"back to Ready removes controller taints only",
			[]corev1.NodeCondition{ready("True")},
			[]corev1.Taint{tn(corev1.TaintNodeUnreachable, "NoExecute", &earlier), dedicated, tn(corev1.TaintNodeUnreachable, "NoSchedule", &earlier)}, false,
			[]corev1.Taint{dedicated},
		},
		{
			"pressure conditions",
			[]corev1.NodeCondition{cond("MemoryPressure", "True"), cond("DiskPressure", "True"), cond("PIDPressure", "True"), cond("NetworkUnavailable", "True"), ready("True")}, nil, false,
			[]corev1.Taint{
				tn(corev1.TaintNodeMemoryPressure, "NoSchedule", &flip), tn(corev1.TaintNodeDiskPressure, "NoSchedule", &flip),
				tn(corev1.TaintNodePIDPressure, "NoSchedule", &flip), tn(corev1.TaintNodeNetworkUnavailable, "NoSchedule", &flip),
			},
		},
		{
			"pressure cleared",
			[]corev1.NodeCondition{cond("MemoryPressure", "False"), ready("True")},
			[]corev1.Taint{tn(corev1.TaintNodeMemoryPressure, "NoSchedule", &earlier)}, false,
			nil,
		},
		{
			"cordoned node",
			[]corev1.NodeCondition{ready("True")}, nil, true,
			[]corev1.Taint{tn(corev1.TaintNodeUnschedulable, "NoSchedule", nil)},
		},
	}
	for _, tt := range tests {
		node := &corev1.Node{
			Spec:   corev1.NodeSpec{Taints: tt.taints, Unschedulable: tt.cordoned},
			Status: corev1.NodeStatus{Conditions: tt.conditions},
		}
		assert.Equal(t, tt.want, Taints(node), "%s: Taints", tt.name)
	}
	assert.Nil(t, Taints(nil))
}
