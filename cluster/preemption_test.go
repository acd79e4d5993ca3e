package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/sim"
)

// prioritized returns a sleeping pod requesting cpu, with spec.priority
// (what the Priority admission plugin writes from a PriorityClass).
func prioritized(name, cpu string, prio int32) *corev1.Pod {
	p := busybox(name, corev1.RestartPolicyAlways, "sleep 3600")
	p.Spec.Priority = &prio
	p.Spec.Containers[0].Resources.Requests = corev1.ResourceList{corev1.ResourceCPU: resource.MustParse(cpu)}
	return p
}

func TestPreemptionEvictsVictimAndPlacesPreemptor(t *testing.T) {
	// Reference: pkg/scheduler/framework/preemption/preemption.go
	// (prepareCandidate, PreemptPod: DisruptionTarget reason
	// PreemptionByScheduler, graceful delete, event Preempted "Preempted
	// by pod <uid> on node <node>"), pkg/scheduler/schedule_one.go
	// (handleSchedulingFailure writes status.nominatedNodeName).
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	var events []sim.Record
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "Preempted" || r.Reason == "FailedScheduling" || r.Reason == "Scheduled" || r.Reason == "Killing" {
			events = append(events, r)
		}
	}))
	require.NoError(t, c.Apply(prioritized("batch", "3", 1)))
	require.NoError(t, c.Apply(prioritized("extra", "100m", 1000)))
	c.RunFor(10 * time.Second)
	require.NoError(t, c.Apply(prioritized("critical", "3", 1000)))
	c.RunFor(time.Second)

	crit, err := c.Pod("default", "critical")
	require.NoError(t, err)
	assert.Equal(t, "store-1", crit.Status.NominatedNodeName)
	assert.Empty(t, crit.Spec.NodeName, "placed only once the victim has gone")
	victim, err := c.Pod("default", "batch")
	require.NoError(t, err)
	require.NotNil(t, victim.DeletionTimestamp, "deleted gracefully")
	var dt *corev1.PodCondition
	for i := range victim.Status.Conditions {
		if victim.Status.Conditions[i].Type == corev1.DisruptionTarget {
			dt = &victim.Status.Conditions[i]
		}
	}
	require.NotNil(t, dt)
	assert.Equal(t, corev1.PodReasonPreemptionByScheduler, dt.Reason)
	assert.Equal(t, "default-scheduler: preempting to accommodate a higher priority pod", dt.Message)
	extra, err := c.Pod("default", "extra")
	require.NoError(t, err)
	assert.Nil(t, extra.DeletionTimestamp, "a pod of the preemptor's priority is never a victim")

	c.RunFor(time.Minute)
	crit, err = c.Pod("default", "critical")
	require.NoError(t, err)
	assert.Equal(t, "store-1", crit.Spec.NodeName)
	assert.Equal(t, corev1.PodRunning, crit.Status.Phase)
	// Reference: pkg/registry/core/pod/storage/storage.go
	// (setPodNodeAndMetadata: binding clears the spent nomination).
	assert.Empty(t, crit.Status.NominatedNodeName)
	_, err = c.Pod("default", "batch")
	assert.Error(t, err, "the victim is gone")

	var preempted []sim.Record
	for _, r := range events {
		if r.Reason == "Preempted" {
			preempted = append(preempted, r)
		}
	}
	require.Len(t, preempted, 1, "one victim, preempted once though the preemptor was retried")
	assert.Equal(t, "batch", preempted[0].Object.Name)
	assert.Equal(t, "Preempted by pod "+string(crit.UID)+" on node store-1", preempted[0].Message)
	var failed string
	for _, r := range events {
		if r.Reason == "FailedScheduling" && r.Object.Name == "critical" {
			failed = r.Message
		}
	}
	assert.True(t, strings.HasPrefix(failed, "0/1 nodes are available: 1 Insufficient cpu."), failed)
	assert.NotContains(t, failed, "preemption:", "a successful preemption adds no verdict")
}

func TestPreemptionPolicyNeverWaits(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
	// (PodEligibleToPreemptOthers: preemptionPolicy Never).
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}}})
	require.NoError(t, err)
	require.NoError(t, c.Apply(prioritized("batch", "3", 1)))
	c.RunFor(10 * time.Second)
	polite := prioritized("polite", "3", 1000)
	never := corev1.PreemptNever
	polite.Spec.PreemptionPolicy = &never
	require.NoError(t, c.Apply(polite))
	c.RunFor(time.Minute)
	p, err := c.Pod("default", "polite")
	require.NoError(t, err)
	assert.Empty(t, p.Spec.NodeName)
	assert.Empty(t, p.Status.NominatedNodeName)
	assert.Contains(t, scheduledCondition(t, p).Message, "preemption: not eligible due to preemptionPolicy=Never.")
	b, err := c.Pod("default", "batch")
	require.NoError(t, err)
	assert.Nil(t, b.DeletionTimestamp)
}
