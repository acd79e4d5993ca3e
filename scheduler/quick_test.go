package scheduler

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// A node that quickFeasible passes from its totals alone passes every
// filter of the cycle, and for a pod that only the room-only filters
// concern, quickFeasible passes every node the filters pass that is open
// and untainted: the shortcut changes no verdict, only how fast it comes.
// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go
// (fitsRequest: a pod slot, then each requested resource, ephemeral-storage
// too, against
// allocatable minus requested), nodeunschedulable/node_unschedulable.go,
// tainttoleration/taint_toleration.go (Filter).
func TestQuickFeasibleAgreesWithTheFilters(t *testing.T) {
	rng := seeded(18)
	cpus := []string{"", "0", "10m", "500m", "2", "3900m", "64"}
	mems := []string{"", "0", "16Mi", "1Gi", "7Gi", "300Gi"}
	disks := []string{"", "0", "1Gi", "6Gi"}
	withDisk := func(p *corev1.Pod) *corev1.Pod {
		if d := disks[rng.IntN(len(disks))]; d != "" {
			p.Spec.Containers[0].Resources.Requests[corev1.ResourceEphemeralStorage] = resource.MustParse(d)
		}
		return p
	}
	var quick, feasible int
	for i := range 3000 {
		nd := node(fmt.Sprintf("n%d", i), "4", "8Gi", int64(1+rng.IntN(4)))
		if rng.IntN(4) > 0 {
			nd.Status.Allocatable[corev1.ResourceEphemeralStorage] = resource.MustParse("10Gi")
		}
		switch rng.IntN(8) {
		case 0:
			nd.Spec.Unschedulable = true
		case 1:
			nd.Spec.Taints = []corev1.Taint{taint("k", "v", corev1.TaintEffectNoSchedule)}
		case 2:
			nd.Spec.Taints = []corev1.Taint{taint("k", "v", corev1.TaintEffectPreferNoSchedule)}
		}
		var pods []*corev1.Pod
		for j := range rng.IntN(4) {
			pods = append(pods, withDisk(pod(fmt.Sprintf("old-%d", j), cpus[rng.IntN(len(cpus))], mems[rng.IntN(len(mems))])))
		}
		p := withDisk(pod("new", cpus[rng.IntN(len(cpus))], mems[rng.IntN(len(mems))]))
		switch rng.IntN(6) {
		case 0:
			p.Spec.Tolerations = []corev1.Toleration{{Key: "k", Operator: corev1.TolerationOpExists}}
		case 1:
			p.Spec.NodeSelector = map[string]string{"disk": "ssd"}
		case 2:
			p.Spec.Containers[0].Resources.Requests["example.com/dongle"] = resource.MustParse("1")
		}
		totals := NewNodeTotals(nd, pods)
		n := NodeInfo{Node: nd, Pods: pods, Totals: &totals}
		c, err := newCycle(p, []NodeInfo{n})
		require.NoError(t, err)
		pass := runFilters(c, n) == nil
		q := quickFeasible(c, n)
		if q {
			quick++
			assert.True(t, pass, "case %d: quickFeasible passes %s, the filters do not", i, nd.Name)
		}
		if pass {
			feasible++
		}
		plain := len(p.Spec.Tolerations) == 0 && len(p.Spec.NodeSelector) == 0 && len(c.scalarNames) == 0
		if pass && plain && !nd.Spec.Unschedulable && len(nd.Spec.Taints) == 0 {
			assert.True(t, q, "case %d: the filters pass open, untainted %s for a plain pod, quickFeasible does not", i, nd.Name)
		}
	}
	// The random cases reach both answers.
	assert.Greater(t, quick, 100, "quickFeasible passed %d of 3000 cases", quick)
	assert.Greater(t, feasible-quick, 50, "the filters alone passed %d of 3000 cases", feasible-quick)
}

// A node whose Totals are of another Node object (the caller's promise
// broken) is never passed by the shortcut: it goes through the filters,
// which read the Node itself.
func TestQuickFeasibleNeedsTheNodesOwnTotals(t *testing.T) {
	open := node("a", "4", "8Gi", 10)
	cordoned := node("a", "4", "8Gi", 10)
	cordoned.Spec.Unschedulable = true
	totals := NewNodeTotals(open, nil)
	n := NodeInfo{Node: cordoned, Totals: &totals}
	c, err := newCycle(pod("p", "1", "1Gi"), []NodeInfo{n})
	require.NoError(t, err)
	assert.False(t, quickFeasible(c, n), "quickFeasible passed a cordoned node whose totals are another object's")
	assert.NotNil(t, runFilters(c, n), "the filters passed a cordoned node")
}
