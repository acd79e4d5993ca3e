package simtest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/controller"
	"github.com/nodenucleus/nucleus/sim"
)

// recorded returns a chain of store-1 and store-2 (tainted
// dedicated=batch:NoSchedule) and the records it makes from now on.
func recorded(t *testing.T) (*cluster.Cluster, *[]sim.Record) {
	t.Helper()
	c, err := cluster.New(cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1"},
		{Name: "store-2", Taints: []corev1.Taint{{Key: "dedicated", Value: "batch", Effect: corev1.TaintEffectNoSchedule}}}}})
	require.NoError(t, err)
	var records []sim.Record
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) { records = append(records, r) }))
	return c, &records
}

// The DaemonSet invariants hold for the controller's hires, and catch a
// second greeter of the current template at a store and a greeter hired
// for a store whose taint it does not tolerate.
// Reference: pkg/controller/daemon/daemon_controller.go (NodeShouldRunDaemonPod,
// podsShouldBeOnNode).
func TestDaemonSetInvariants(t *testing.T) {
	c, records := recorded(t)
	labels := map[string]string{"app": "greeter"}
	require.NoError(t, c.Apply(&appsv1.DaemonSet{ObjectMeta: metav1.ObjectMeta{Name: "greeter"}, Spec: appsv1.DaemonSetSpec{
		Selector: &metav1.LabelSelector{MatchLabels: labels},
		Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels},
			Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}}}}}))
	c.RunFor(30 * time.Second)
	k := newChecker(c)
	var creates []sim.Record
	for _, r := range *records {
		if r.Source.Component == controller.DaemonSetComponent && r.Reason == controller.ReasonSuccessfulCreate {
			creates = append(creates, r)
		}
	}
	require.Len(t, creates, 1, "one greeter: store-2's taint keeps it out")
	step := Step{Cluster: c, Now: c.Now(), Records: creates}
	assert.Nil(t, k.checkDaemonSets(step))

	// Planted: the hire told as one for store-2.
	wrong := creates[0]
	wrong.Facts.From = "store-2"
	f := k.checkDaemonSets(Step{Cluster: c, Now: c.Now(), Records: []sim.Record{wrong}})
	if assert.NotNil(t, f) {
		assert.Equal(t, DaemonSetEligibleStore, f.name)
		assert.Contains(t, f.msg, "where it may not work: taint dedicated=batch:NoSchedule")
	}

	// Planted: a second pod of the current template for store-1.
	p, err := c.API().Pods.Get("default", creates[0].Facts.To)
	require.NoError(t, err)
	twin := p.DeepCopy()
	twin.Name, twin.UID, twin.ResourceVersion = p.Name+"-twin", "", ""
	_, err = c.API().Pods.Create(twin)
	require.NoError(t, err)
	f = k.checkDaemonSets(step)
	if assert.NotNil(t, f) {
		assert.Equal(t, DaemonSetOnePerStore, f.name)
		assert.Contains(t, f.msg, "has 2 pods of its current template for store store-1")
	}
}

// namespace-emptied holds through a namespace's deletion, and catches an
// object left in it.
// Reference: pkg/controller/namespace/deletion/namespaced_resources_deleter.go.
func TestNamespaceEmptied(t *testing.T) {
	c, _ := recorded(t)
	require.NoError(t, c.Apply(&corev1.Namespace{ObjectMeta: metav1.ObjectMeta{Name: "division-1"}}))
	require.NoError(t, c.Apply(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "prices", Namespace: "division-1"}}))
	require.NoError(t, c.Apply(&corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "clerk", Namespace: "division-1"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "c", Image: "nginx:1.27"}}}}))
	k := newChecker(c)
	c.RunFor(10 * time.Second)
	assert.Nil(t, k.checkNamespaces(Step{Cluster: c, Now: c.Now()}))
	require.NoError(t, c.DeleteNamespace("division-1"))
	c.RunFor(time.Minute)
	assert.Empty(t, c.API().InNamespace("division-1"))
	assert.Nil(t, k.checkNamespaces(Step{Cluster: c, Now: c.Now()}), "the namespace went with its contents")
	assert.True(t, k.namespacesGone["division-1"])

	// Planted: an object written straight into the ledger, past admission.
	_, err := c.API().ConfigMaps.Create(&corev1.ConfigMap{ObjectMeta: metav1.ObjectMeta{Name: "stray", Namespace: "division-1"}})
	require.NoError(t, err)
	c.RunFor(10 * time.Second)
	f := k.checkNamespaces(Step{Cluster: c, Now: c.Now()})
	if assert.NotNil(t, f) {
		assert.Equal(t, NamespaceEmptied, f.name)
		assert.Equal(t, "namespace division-1 is gone but configmaps/stray is still in it", f.msg)
	}
}

// hpa-within-bounds passes a rescale within [minReplicas, maxReplicas]
// and catches one outside.
// Reference: pkg/controller/podautoscaler/horizontal.go (normalizeDesiredReplicas).
func TestHPAWithinBounds(t *testing.T) {
	c, _ := recorded(t)
	lo := int32(2)
	require.NoError(t, c.Apply(&autoscalingv2.HorizontalPodAutoscaler{ObjectMeta: metav1.ObjectMeta{Name: "php"},
		Spec: autoscalingv2.HorizontalPodAutoscalerSpec{MinReplicas: &lo, MaxReplicas: 4,
			ScaleTargetRef: autoscalingv2.CrossVersionObjectReference{APIVersion: "apps/v1", Kind: "Deployment", Name: "php"}}}))
	k := newChecker(c)
	rescale := func(n int32) Step {
		return Step{Cluster: c, Now: c.Now(), Records: []sim.Record{{Source: sim.Source{Component: controller.HPAComponent},
			Reason: "SuccessfulRescale", Object: sim.ObjectRef{Kind: "HorizontalPodAutoscaler", Namespace: "default", Name: "php"},
			Facts: sim.Facts{Count: n}}}}
	}
	assert.Nil(t, k.checkAutoscalers(rescale(4)))
	for _, n := range []int32{1, 5} {
		f := k.checkAutoscalers(rescale(n))
		if assert.NotNil(t, f, "%d", n) {
			assert.Equal(t, HPAWithinBounds, f.name)
			assert.Contains(t, f.msg, "outside [2, 4]")
		}
	}
}

// The days go test runs include DaemonSets (some surging, some with a
// store opening), namespaces deleted with their contents, and autoscalers
// with rushes of customers, and ReplicationControllers scaled by hand, so
// the invariants are exercised by the soak.
func TestDaysDrawNewKinds(t *testing.T) {
	count := map[string]int{}
	for seed := uint64(1); seed <= defaultSeeds(); seed++ {
		s := Generate(seed, Options{})
		for _, a := range s.Spec.Actions {
			switch {
			case a.Store != nil && a.Store.Fault == "open":
				count["open"]++
			case a.Delete != nil && a.Delete.Kind == "Namespace":
				count["namespace deleted"]++
			case a.Scale != nil && a.Scale.ReplicationController != "":
				count["replicationcontroller scaled"]++
			}
		}
		for _, d := range s.Objects {
			switch o := d.Object.(type) {
			case *appsv1.DaemonSet:
				count["daemonset"]++
				if surges(o) {
					count["surging daemonset"]++
				}
			case *corev1.Namespace:
				count["namespace"]++
			case *autoscalingv2.HorizontalPodAutoscaler:
				count["autoscaler"]++
			case *corev1.ReplicationController:
				count["replicationcontroller"]++
			}
		}
	}
	for _, what := range []string{"daemonset", "surging daemonset", "open", "namespace", "namespace deleted", "autoscaler",
		"replicationcontroller", "replicationcontroller scaled"} {
		assert.Positive(t, count[what], "no day drew a %s", what)
	}
}
