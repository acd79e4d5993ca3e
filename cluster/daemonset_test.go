package cluster

import (
	"github.com/nodenucleus/nucleus/sim"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// greeter is a DaemonSet of one nginx container, labelled app=greeter.
func greeter(edit func(*appsv1.DaemonSet)) *appsv1.DaemonSet {
	labels := map[string]string{"app": "greeter"}
	d := &appsv1.DaemonSet{
		ObjectMeta: metav1.ObjectMeta{Name: "greeter"},
		Spec: appsv1.DaemonSetSpec{
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
			},
		},
	}
	if edit != nil {
		edit(d)
	}
	return d
}

// greeterChain is a chain of three stores: store-1 labelled disk=ssd,
// store-3 tainted dedicated=gpu:NoSchedule.
func greeterChain(t *testing.T) *Cluster {
	t.Helper()
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{
		{Name: "store-1", Labels: map[string]string{"disk": "ssd"}},
		{Name: "store-2"},
		{Name: "store-3", Taints: []corev1.Taint{{Key: "dedicated", Value: "gpu", Effect: corev1.TaintEffectNoSchedule}}},
	}})
	require.NoError(t, err)
	return c
}

// daemonPods maps store name to the names of the set's live pods there.
func daemonPods(c *Cluster) map[string][]string {
	out := map[string][]string{}
	for _, p := range c.Pods() {
		if p.DeletionTimestamp == nil && strings.HasPrefix(p.Name, "greeter-") {
			out[p.Spec.NodeName] = append(out[p.Spec.NodeName], p.Name)
		}
	}
	return out
}

// One pod per eligible store: the tainted store gets none, each pod is
// pinned to its store by node affinity on metadata.name (bound by the
// scheduler, not by the controller) and carries the automatic daemon
// tolerations; the status counts the stores.
// Reference: pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod,
// predicates, updateDaemonSetStatus); pkg/controller/daemon/util/daemonset_util.go
// (AddOrUpdateDaemonPodTolerations, ReplaceDaemonSetPodNodeNameNodeAffinity).
func TestDaemonSetOnePodPerEligibleStore(t *testing.T) {
	c := greeterChain(t)
	lines := record(c)
	require.NoError(t, c.Apply(greeter(nil)))
	c.RunFor(30 * time.Second)
	got := daemonPods(c)
	assert.Len(t, got["store-1"], 1)
	assert.Len(t, got["store-2"], 1)
	assert.Empty(t, got["store-3"], "an untolerated NoSchedule taint keeps the greeter out")
	p, err := c.Pod("default", got["store-2"][0])
	require.NoError(t, err)
	terms := p.Spec.Affinity.NodeAffinity.RequiredDuringSchedulingIgnoredDuringExecution.NodeSelectorTerms
	require.Len(t, terms, 1)
	assert.Equal(t, []corev1.NodeSelectorRequirement{{Key: "metadata.name", Operator: corev1.NodeSelectorOpIn, Values: []string{"store-2"}}}, terms[0].MatchFields)
	var keys []string
	for _, tol := range p.Spec.Tolerations {
		keys = append(keys, tol.Key+":"+string(tol.Effect))
	}
	assert.Subset(t, keys, []string{"node.kubernetes.io/not-ready:NoExecute", "node.kubernetes.io/unreachable:NoExecute",
		"node.kubernetes.io/disk-pressure:NoSchedule", "node.kubernetes.io/memory-pressure:NoSchedule",
		"node.kubernetes.io/pid-pressure:NoSchedule", "node.kubernetes.io/unschedulable:NoSchedule"})
	assert.NotContains(t, keys, "node.kubernetes.io/network-unavailable:NoSchedule", "only hostNetwork pods get it")
	assert.Equal(t, "1", p.Labels["pod-template-generation"])
	log := strings.Join(*lines, "\n")
	assert.Contains(t, log, "default-scheduler Scheduled pod/"+p.Name)
	assert.Contains(t, log, "SuccessfulCreate daemonset/greeter Created pod: greeter-")
	st := c.DaemonSets()[0].Status
	assert.Equal(t, appsv1.DaemonSetStatus{ObservedGeneration: 1, DesiredNumberScheduled: 2, CurrentNumberScheduled: 2,
		NumberReady: 2, NumberAvailable: 2, UpdatedNumberScheduled: 2}, st)
}

// nodeSelector and tolerations decide the stores; a store whose labels
// change loses its greeter (shouldContinueRunning is false when the node
// affinity no longer matches), and counts as misscheduled while it goes.
// Reference: pkg/controller/daemon/daemon_controller.go (predicates,
// podsShouldBeOnNode).
func TestDaemonSetNodeSelectorAndTolerations(t *testing.T) {
	c := greeterChain(t)
	require.NoError(t, c.Apply(greeter(func(d *appsv1.DaemonSet) {
		d.Spec.Template.Spec.NodeSelector = map[string]string{"disk": "ssd"}
	})))
	c.RunFor(30 * time.Second)
	assert.Equal(t, []string{"store-1"}, keys(daemonPods(c)))

	c2 := greeterChain(t)
	require.NoError(t, c2.Apply(greeter(func(d *appsv1.DaemonSet) {
		d.Spec.Template.Spec.Tolerations = []corev1.Toleration{{Key: "dedicated", Operator: corev1.TolerationOpExists}}
	})))
	c2.RunFor(30 * time.Second)
	assert.Equal(t, []string{"store-1", "store-2", "store-3"}, keys(daemonPods(c2)))
	assert.Equal(t, int32(3), c2.DaemonSets()[0].Status.NumberAvailable)
}

// A cordoned store still gets its greeter: daemon pods tolerate
// node.kubernetes.io/unschedulable.
// Reference: pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations.
func TestDaemonSetRunsOnCordonedStore(t *testing.T) {
	c := greeterChain(t)
	require.NoError(t, c.Cordon("store-2", true))
	require.NoError(t, c.Apply(greeter(nil)))
	c.RunFor(30 * time.Second)
	assert.Len(t, daemonPods(c)["store-2"], 1)
}

// A new template replaces the greeters one store at a time
// (maxUnavailable 1): an old pod is deleted only while every other store
// has an available pod.
// Reference: pkg/controller/daemon/update.go rollingUpdate.
func TestDaemonSetRollingUpdate(t *testing.T) {
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}, {Name: "store-3"}}})
	require.NoError(t, err)
	require.NoError(t, c.Apply(greeter(nil)))
	c.RunFor(30 * time.Second)
	require.Equal(t, int32(3), c.DaemonSets()[0].Status.NumberAvailable)
	worst := 0
	c.Subscribe(simObserver(func() {
		down := 0
		avail := map[string]bool{}
		for _, p := range c.Pods() {
			if p.DeletionTimestamp == nil && isReady(p) {
				avail[p.Spec.NodeName] = true
			}
		}
		down = 3 - len(avail)
		worst = max(worst, down)
	}))
	require.NoError(t, c.Apply(greeter(func(d *appsv1.DaemonSet) { d.Spec.Template.Spec.Containers[0].Image = "nginx:1.28" })))
	c.RunFor(2 * time.Minute)
	d := c.DaemonSets()[0]
	assert.Equal(t, int64(2), d.Generation)
	assert.Equal(t, int32(3), d.Status.UpdatedNumberScheduled)
	assert.Equal(t, int32(3), d.Status.NumberAvailable)
	assert.Equal(t, 1, worst, "never more than maxUnavailable stores without a ready greeter")
	for _, p := range c.Pods() {
		if p.DeletionTimestamp == nil {
			assert.Equal(t, "nginx:1.28", p.Spec.Containers[0].Image)
			assert.Equal(t, "2", p.Labels["pod-template-generation"])
		}
	}
}

// kubectl drain refuses a store with DaemonSet pods unless told to
// ignore them, and then leaves them running.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/filters.go daemonSetFilter.
func TestDrainSeesDaemonSetPods(t *testing.T) {
	c := greeterChain(t)
	require.NoError(t, c.Apply(greeter(nil)))
	c.RunFor(30 * time.Second)
	err := c.Drain("store-1", DrainOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): default/greeter-")
	require.NoError(t, c.Drain("store-2", DrainOptions{IgnoreDaemonSets: true}))
	c.RunFor(30 * time.Second)
	assert.Len(t, daemonPods(c)["store-2"], 1, "the greeter stays at a drained store")
}

// Deleting the set deletes its pods.
func TestDaemonSetDeleteTakesItsPods(t *testing.T) {
	c := greeterChain(t)
	require.NoError(t, c.Apply(greeter(nil)))
	c.RunFor(30 * time.Second)
	require.NoError(t, c.DeleteDaemonSet("default", "greeter"))
	c.RunFor(time.Minute)
	assert.Empty(t, daemonPods(c))
}

func keys(m map[string][]string) []string {
	return slices.Sorted(maps.Keys(m))
}

func isReady(p *corev1.Pod) bool {
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodReady {
			return c.Status == corev1.ConditionTrue
		}
	}
	return false
}

func simObserver(f func()) sim.Observer {
	return sim.ObserverFunc(func(sim.Record) { f() })
}

// A store that joins the chain gets its greeter, and the status counts it.
// Reference: pkg/controller/daemon/daemon_controller.go (addNode enqueues
// every DaemonSet; podsShouldBeOnNode creates the missing pod).
func TestDaemonSetNewStoreGetsItsPod(t *testing.T) {
	c := greeterChain(t)
	require.NoError(t, c.Apply(greeter(nil)))
	c.RunFor(30 * time.Second)
	require.Equal(t, []string{"store-1", "store-2"}, keys(daemonPods(c)))
	require.NoError(t, c.AddStore(StoreConfig{Name: "store-4"}))
	c.RunFor(30 * time.Second)
	assert.Equal(t, []string{"store-1", "store-2", "store-4"}, keys(daemonPods(c)))
	st := c.DaemonSets()[0].Status
	assert.Equal(t, int32(3), st.DesiredNumberScheduled)
	assert.Equal(t, int32(3), st.NumberAvailable)
	assert.EqualError(t, c.AddStore(StoreConfig{Name: "store-4"}), `store.name: Duplicate value: "store-4"`)
}

// With maxSurge 1 and maxUnavailable 0 the new greeter is hired before
// the old one leaves: every store keeps an available greeter throughout,
// at most one store has two at a time, and the old one goes only once the
// new one is available.
// Reference: pkg/controller/daemon/update.go rollingUpdate (the surge
// path); pkg/controller/daemon/daemon_controller.go podsShouldBeOnNode
// (util.AllowsSurge: an old and a new pod may share a node).
func TestDaemonSetRollingUpdateSurge(t *testing.T) {
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}, {Name: "store-3"}}})
	require.NoError(t, err)
	surge := func(d *appsv1.DaemonSet) {
		one, zero := intstr.FromInt32(1), intstr.FromInt32(0)
		d.Spec.UpdateStrategy = appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
			RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxSurge: &one, MaxUnavailable: &zero}}
	}
	require.NoError(t, c.Apply(greeter(surge)))
	c.RunFor(30 * time.Second)
	require.Equal(t, int32(3), c.DaemonSets()[0].Status.NumberAvailable)
	lines := record(c)
	worstDown, worstDoubled := 0, 0
	c.Subscribe(simObserver(func() {
		avail := map[string]bool{}
		for _, p := range c.Pods() {
			if p.DeletionTimestamp == nil && isReady(p) {
				avail[p.Spec.NodeName] = true
			}
		}
		doubled := 0
		for _, ps := range daemonPods(c) {
			if len(ps) > 1 {
				doubled++
			}
		}
		worstDown = max(worstDown, 3-len(avail))
		worstDoubled = max(worstDoubled, doubled)
	}))
	require.NoError(t, c.Apply(greeter(func(d *appsv1.DaemonSet) {
		surge(d)
		d.Spec.Template.Spec.Containers[0].Image = "nginx:1.28"
	})))
	c.RunFor(2 * time.Minute)
	d := c.DaemonSets()[0]
	assert.Equal(t, int32(3), d.Status.UpdatedNumberScheduled)
	assert.Equal(t, int32(3), d.Status.NumberAvailable)
	assert.Equal(t, 0, worstDown, "maxUnavailable 0: no store is ever without an available greeter")
	assert.Equal(t, 1, worstDoubled, "maxSurge 1: one store at a time has an old and a new greeter")
	live := 0
	for _, p := range c.Pods() {
		if p.DeletionTimestamp == nil {
			live++
			assert.Equal(t, "nginx:1.28", p.Spec.Containers[0].Image)
		}
	}
	assert.Equal(t, 3, live)
	// Per store, the create comes before the delete.
	var order []string
	for _, l := range *lines {
		if strings.Contains(l, "daemonset/greeter Created pod") {
			order = append(order, "create")
		} else if strings.Contains(l, "daemonset/greeter Deleted pod") {
			order = append(order, "delete")
		}
	}
	assert.Equal(t, []string{"create", "delete", "create", "delete", "create", "delete"}, order)
}

// Surging, an old greeter that is not available is replaced at once on
// every store, beyond maxSurge: the limit counts only stores whose old
// greeter still serves. The old ones, never ready, go as soon as their
// replacements exist.
// Reference: pkg/controller/daemon/update.go rollingUpdate ("A node with
// an unavailable old pod is a candidate for immediate new pod creation");
// pkg/controller/daemon/daemon_controller.go podsShouldBeOnNode (an old
// pod that is not ready is deleted beside a new one).
func TestDaemonSetSurgeReplacesUnavailableAtOnce(t *testing.T) {
	c, err := New(Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}, {Name: "store-3"}}})
	require.NoError(t, err)
	surge := func(d *appsv1.DaemonSet) {
		one, zero := intstr.FromInt32(1), intstr.FromInt32(0)
		d.Spec.UpdateStrategy = appsv1.DaemonSetUpdateStrategy{Type: appsv1.RollingUpdateDaemonSetStrategyType,
			RollingUpdate: &appsv1.RollingUpdateDaemonSet{MaxSurge: &one, MaxUnavailable: &zero}}
	}
	require.NoError(t, c.Apply(greeter(func(d *appsv1.DaemonSet) {
		surge(d)
		// Never ready: the probe asks a port nginx does not listen on.
		d.Spec.Template.Spec.Containers[0].ReadinessProbe = &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
			HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(81)}}}
	})))
	c.RunFor(30 * time.Second)
	require.Equal(t, int32(0), c.DaemonSets()[0].Status.NumberReady)
	lines := record(c)
	require.NoError(t, c.Apply(greeter(surge)))
	c.RunFor(time.Second)
	creates := 0
	for _, l := range *lines {
		if strings.Contains(l, "daemonset/greeter Created pod") {
			creates++
		}
	}
	assert.Equal(t, 3, creates, "all three replaced at once, though maxSurge is 1")
	c.RunFor(time.Minute)
	d := c.DaemonSets()[0]
	assert.Equal(t, int32(3), d.Status.UpdatedNumberScheduled)
	assert.Equal(t, int32(3), d.Status.NumberAvailable)
	for store, pods := range daemonPods(c) {
		assert.Len(t, pods, 1, store)
	}
}
