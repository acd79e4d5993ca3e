package cluster

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/kubelet"
	"github.com/nodenucleus/nucleus/sim"
)

// dongleStore returns a store with n example.com/dongle in its capacity.
func dongleStore(name string, n int64) StoreConfig {
	capacity := kubelet.DefaultCapacity()
	capacity["example.com/dongle"] = *resource.NewQuantity(n, resource.DecimalSI)
	return StoreConfig{Name: name, Capacity: capacity}
}

// dongleUser returns a sleeping pod whose container requests n dongles.
func dongleUser(name string, n int64) *corev1.Pod {
	p := busybox(name, corev1.RestartPolicyAlways, "sleep 3600")
	want := corev1.ResourceList{"example.com/dongle": *resource.NewQuantity(n, resource.DecimalSI)}
	// An extended resource cannot be overcommitted: its limit must equal
	// its request (the API server's validation).
	p.Spec.Containers[0].Resources = corev1.ResourceRequirements{Requests: want, Limits: want.DeepCopy()}
	return p
}

func TestExtendedResourceNodeNameIsAdmittedByTheKubelet(t *testing.T) {
	// Reference: pkg/kubelet/lifecycle/predicate.go (the kubelet runs the
	// resource fit on admission and rejects with reason OutOf<resource>;
	// removeMissingExtendedResources ignores extended resources the node
	// does not advertise).
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{dongleStore("store-1", 1), {Name: "store-2"}}})
	require.NoError(t, err)
	first := dongleUser("first", 1)
	first.Spec.NodeName = "store-1"
	second := dongleUser("second", 1)
	second.Spec.NodeName = "store-1"
	elsewhere := dongleUser("elsewhere", 1)
	elsewhere.Spec.NodeName = "store-2"
	for _, p := range []*corev1.Pod{first, second, elsewhere} {
		require.NoError(t, c.Apply(p))
		c.RunFor(5 * time.Second)
	}
	p, err := c.Pod("default", "first")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase, "the store's one dongle is free")
	p, err = c.Pod("default", "second")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodFailed, p.Status.Phase)
	assert.Equal(t, "OutOfexample.com/dongle", p.Status.Reason)
	assert.Equal(t, "Pod was rejected: Node didn't have enough resource: example.com/dongle, requested: 1, used: 1, capacity: 1", p.Status.Message)
	p, err = c.Pod("default", "elsewhere")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase, "a store that does not advertise dongles leaves them to others")
}

func TestExtendedResourceScheduling(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/noderesources/fit.go
	// (fitsRequest: "Insufficient <resource>" for a scalar resource).
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{dongleStore("store-1", 2), {Name: "store-2"}}})
	require.NoError(t, err)
	var failed []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "FailedScheduling" {
			failed = append(failed, r.Object.Name+": "+r.Message)
		}
	}))
	require.NoError(t, c.Apply(dongleUser("a", 2)))
	require.NoError(t, c.Apply(dongleUser("b", 1)))
	c.RunFor(10 * time.Second)
	a, err := c.Pod("default", "a")
	require.NoError(t, err)
	assert.Equal(t, "store-1", a.Spec.NodeName, "only store-1 has dongles")
	b, err := c.Pod("default", "b")
	require.NoError(t, err)
	assert.Empty(t, b.Spec.NodeName)
	assert.Equal(t, corev1.PodPending, b.Status.Phase)
	require.Len(t, failed, 1)
	assert.True(t, strings.HasPrefix(failed[0], "b: 0/2 nodes are available: 2 Insufficient example.com/dongle."), failed[0])
	// Reference: pkg/scheduler/schedule_one.go (handleSchedulingFailure:
	// PodScheduled=False, reason Unschedulable, the FitError's message).
	cond := scheduledCondition(t, b)
	assert.Equal(t, corev1.ConditionFalse, cond.Status)
	assert.Equal(t, corev1.PodReasonUnschedulable, cond.Reason)
	assert.Equal(t, strings.TrimPrefix(failed[0], "b: "), cond.Message)
	require.NoError(t, c.DeletePod("default", "a", nil))
	c.RunFor(time.Minute)
	b, err = c.Pod("default", "b")
	require.NoError(t, err)
	assert.Equal(t, "store-1", b.Spec.NodeName, "placed once a's dongles are back")
	assert.Equal(t, corev1.ConditionTrue, scheduledCondition(t, b).Status)
}

// scheduledCondition returns p's PodScheduled condition.
func scheduledCondition(t *testing.T, p *corev1.Pod) corev1.PodCondition {
	t.Helper()
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled {
			return c
		}
	}
	t.Fatalf("pod %s has no PodScheduled condition: %v", p.Name, p.Status.Conditions)
	return corev1.PodCondition{}
}

func TestSchedulingGatesHoldAPodUntilTheyAreRemoved(t *testing.T) {
	// Reference: pkg/registry/core/pod/strategy.go (applySchedulingGatedCondition:
	// PodScheduled=False, reason SchedulingGated), pkg/scheduler/framework/
	// plugins/schedulinggates (PreEnqueue: no attempt while gated),
	// pkg/apis/core/validation/validation.go (validateOnlyDeletedSchedulingGates).
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	lines := record(c)
	gated := busybox("gated", corev1.RestartPolicyAlways, "sleep 3600")
	gated.Spec.SchedulingGates = []corev1.PodSchedulingGate{{Name: "example.com/quota"}, {Name: "example.com/arch"}}
	require.NoError(t, c.Apply(gated))
	c.RunFor(time.Minute)

	p, err := c.Pod("default", "gated")
	require.NoError(t, err)
	assert.Empty(t, p.Spec.NodeName)
	assert.Equal(t, corev1.PodPending, p.Status.Phase)
	require.Len(t, p.Status.Conditions, 1)
	cond := p.Status.Conditions[0]
	assert.Equal(t, corev1.PodScheduled, cond.Type)
	assert.Equal(t, corev1.ConditionFalse, cond.Status)
	assert.Equal(t, "SchedulingGated", cond.Reason)
	assert.Equal(t, "Scheduling is blocked due to non-empty scheduling gates", cond.Message)
	assert.NotContains(t, strings.Join(*lines, "\n"), "FailedScheduling", "a gated pod is never tried")

	added := p.DeepCopy()
	added.Spec.SchedulingGates = append(added.Spec.SchedulingGates, corev1.PodSchedulingGate{Name: "x"})
	err = c.Update(added)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate 'x'")

	one := p.DeepCopy()
	one.Spec.SchedulingGates = one.Spec.SchedulingGates[1:]
	require.NoError(t, c.Update(one))
	c.RunFor(10 * time.Second)
	p, err = c.Pod("default", "gated")
	require.NoError(t, err)
	assert.Empty(t, p.Spec.NodeName, "one gate left: still waiting")

	none := p.DeepCopy()
	none.Spec.SchedulingGates = nil
	require.NoError(t, c.Update(none))
	c.RunFor(10 * time.Second)
	p, err = c.Pod("default", "gated")
	require.NoError(t, err)
	assert.Equal(t, "store-1", p.Spec.NodeName, "the last gate removed: placed")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
}

func TestPodAntiAffinitySpreadsADeploymentOnePerStore(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
	// (a required anti-affinity term over kubernetes.io/hostname: one
	// matching pod per node; the rest stay Pending with the plugin's reason).
	c, err := New(threeStores())
	require.NoError(t, err)
	var failed []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		if r.Reason == "FailedScheduling" {
			failed = append(failed, r.Message)
		}
	}))
	d := webDeployment(4)
	d.Spec.Template.Spec.Affinity = &corev1.Affinity{PodAntiAffinity: &corev1.PodAntiAffinity{
		RequiredDuringSchedulingIgnoredDuringExecution: []corev1.PodAffinityTerm{{
			LabelSelector: d.Spec.Selector, TopologyKey: corev1.LabelHostname,
		}},
	}}
	require.NoError(t, c.Apply(d))
	c.RunFor(time.Minute)
	assert.Equal(t, map[string]int{"store-1": 1, "store-2": 1, "store-3": 1}, podsByStore(c))
	require.Len(t, failed, 1, "the fourth pod fits nowhere")
	assert.Equal(t, "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.", failed[0])
}

func TestTopologySpreadBalancesZonesNotStores(t *testing.T) {
	// Reference: pkg/scheduler/framework/plugins/podtopologyspread/filtering.go
	// (maxSkew 1 over topology.kubernetes.io/zone, DoNotSchedule): zone b
	// has one store and zone a three, yet each zone gets half the pods.
	zone := func(name, z string) StoreConfig {
		return StoreConfig{Name: name, Labels: map[string]string{corev1.LabelTopologyZone: z}}
	}
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{zone("store-1", "a"), zone("store-2", "a"), zone("store-3", "a"), zone("store-4", "b")}})
	require.NoError(t, err)
	d := webDeployment(6)
	d.Spec.Template.Spec.TopologySpreadConstraints = []corev1.TopologySpreadConstraint{{
		MaxSkew: 1, TopologyKey: corev1.LabelTopologyZone, WhenUnsatisfiable: corev1.DoNotSchedule, LabelSelector: d.Spec.Selector,
	}}
	require.NoError(t, c.Apply(d))
	c.RunFor(time.Minute)
	byStore := podsByStore(c)
	assert.Equal(t, 3, byStore["store-4"], "zone b's only store holds zone b's half: %v", byStore)
	assert.Equal(t, 3, byStore["store-1"]+byStore["store-2"]+byStore["store-3"], "zone a holds the other half: %v", byStore)
}

func TestNodeNameNamingNoStoreStaysPending(t *testing.T) {
	// Reference: the docs page concepts/scheduling-eviction/assign-pod-node
	// (nodeName: "If the named node does not exist, the Pod will not run");
	// pkg/scheduler/eventhandlers.go (a pod with spec.nodeName is assigned:
	// the scheduler never looks at it). The real pod garbage collector
	// deletes such an orphan after 40s of quarantine
	// (pkg/controller/podgc/gc_controller.go gcOrphaned); nucleus does not
	// model it, so this test looks within those 40s only.
	c, err := New(Config{Seed: 1})
	require.NoError(t, err)
	lines := record(c)
	p := busybox("lost", corev1.RestartPolicyAlways, "sleep 3600")
	p.Spec.NodeName = "store-9"
	require.NoError(t, c.Apply(p))
	c.RunFor(30 * time.Second)
	got, err := c.Pod("default", "lost")
	require.NoError(t, err)
	assert.Equal(t, corev1.PodPending, got.Status.Phase)
	assert.Equal(t, "store-9", got.Spec.NodeName)
	assert.Empty(t, got.Status.Conditions, "no store manager ever reports on it")
	assert.NotContains(t, strings.Join(*lines, "\n"), "pod/lost", "no scheduler, no kubelet: nothing happens")
}
