package cluster

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// TestSilentStoreTimeline registers a store that never calls in again (no
// kubelet behind it) with one pod bound to it, and checks head office's
// timeline.
// Reference: kubelet.md §9.3: Ready Unknown once the store is silent for
// longer than node-monitor-grace-period (50s, checked every 5s), the
// unreachable NoExecute taint, and eviction when the pod's default
// toleration (300s) runs out: about 350s after the last heartbeat.
func TestSilentStoreTimeline(t *testing.T) {
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	var records []sim.Record
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) { records = append(records, r) }))
	now := metav1.NewTime(c.Now().Wall())
	_, err = c.API().Nodes.Create(&corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: "ghost"},
		Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{{
			Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
			LastHeartbeatTime: now, LastTransitionTime: now,
		}}},
	})
	require.NoError(t, err)
	p := busybox("stranded", corev1.RestartPolicyAlways, "sleep 3600")
	p.Spec.NodeName = "ghost"
	require.NoError(t, c.Apply(p))

	c.RunUntil(sim.Time(50 * time.Second))
	n, err := c.API().Nodes.Get("", "ghost")
	require.NoError(t, err)
	assert.Equal(t, corev1.ConditionTrue, readyOf(n.Status.Conditions), "still Ready at 50s")

	c.RunUntil(sim.Time(55 * time.Second))
	n, err = c.API().Nodes.Get("", "ghost")
	require.NoError(t, err)
	assert.Equal(t, corev1.ConditionUnknown, readyOf(n.Status.Conditions), "Unknown at the first check after 50s")
	require.Len(t, n.Spec.Taints, 2)
	assert.Equal(t, corev1.TaintNodeUnreachable, n.Spec.Taints[0].Key)
	store1, err := c.API().Nodes.Get("", "store-1")
	require.NoError(t, err)
	assert.Equal(t, corev1.ConditionTrue, readyOf(store1.Status.Conditions), "a store that calls in stays Ready")

	c.RunUntil(sim.Time(354 * time.Second))
	pod, err := c.Pod("default", "stranded")
	require.NoError(t, err)
	assert.Nil(t, pod.DeletionTimestamp, "not evicted before its 300s toleration runs out")
	c.RunUntil(sim.Time(356 * time.Second))
	pod, err = c.Pod("default", "stranded")
	require.NoError(t, err)
	assert.NotNil(t, pod.DeletionTimestamp, "evicted 300s after the taint: it stays Terminating, as nobody at the store can confirm")

	var reasons []string
	for _, r := range records {
		if r.Reason == "NodeNotReady" || r.Reason == "NodeUnknown" || r.Reason == "TaintManagerEviction" {
			reasons = append(reasons, r.Time.String()+" "+r.Reason)
		}
	}
	assert.Equal(t, []string{"00:00:55 NodeNotReady", "00:00:55 NodeUnknown", "00:05:55 TaintManagerEviction"}, reasons)
}
