package cluster

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

func threeStores() Config {
	return Config{Seed: 1, Stores: []StoreConfig{{Name: "store-1"}, {Name: "store-2"}, {Name: "store-3"}}}
}

func webDeployment(replicas int32) *appsv1.Deployment {
	labels := map[string]string{"app": "web"}
	return &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &replicas,
			Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{
				ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
			},
		},
	}
}

// podsByStore counts the pods that are not being deleted, by store.
func podsByStore(c *Cluster) map[string]int {
	out := map[string]int{}
	for _, p := range c.Pods() {
		if p.DeletionTimestamp == nil && p.Status.Phase == corev1.PodRunning {
			out[p.Spec.NodeName]++
		}
	}
	return out
}

// TestStoreLosesPowerAndHeadOfficeHiresReplacements: a store goes dark;
// head office notices after the grace period, evicts its pods when their
// toleration runs out, and the staffing plan hires replacements on the
// other stores. When the power comes back, the store manager confirms the
// deletions it missed.
// Reference: kubelet.md §9.3 (50s grace, unreachable taint, 300s
// tolerations); the ReplicaSet controller replaces pods that are deleted.
func TestStoreLosesPowerAndHeadOfficeHiresReplacements(t *testing.T) {
	c, err := New(threeStores())
	require.NoError(t, err)
	var log []string
	c.Subscribe(sim.ObserverFunc(func(r sim.Record) {
		switch r.Reason {
		case "PowerOff", "PowerOn", "NodeNotReady", "TaintManagerEviction", "Rebooted":
			log = append(log, fmt.Sprintf("%v %s %s", r.Time, r.Reason, r.Object))
		}
	}))
	require.NoError(t, c.Apply(webDeployment(6)))
	c.RunFor(time.Minute)
	before := podsByStore(c)
	require.Equal(t, 6, before["store-1"]+before["store-2"]+before["store-3"], "all six running: %v", before)
	require.Positive(t, before["store-2"], "store-2 has pods to lose: %v", before)

	require.NoError(t, c.PowerOff("store-2"))
	c.RunFor(7 * time.Minute)
	after := podsByStore(c)
	assert.Equal(t, 0, after["store-2"], "nothing runs on a dark store")
	assert.Equal(t, 6, after["store-1"]+after["store-3"], "replacements on the stores that are up: %v", after)
	terminating := 0
	for _, p := range c.Pods() {
		if p.Spec.NodeName == "store-2" && p.DeletionTimestamp != nil {
			terminating++
		}
	}
	assert.Equal(t, before["store-2"], terminating, "the evicted pods wait, Terminating, for their store to confirm")

	require.NoError(t, c.PowerOn("store-2"))
	c.RunFor(time.Minute)
	for _, p := range c.Pods() {
		assert.NotEqual(t, "store-2", p.Spec.NodeName, "back on, the store confirms the deletions: %s remains", p.Name)
	}
	n, err := c.API().Nodes.Get("", "store-2")
	require.NoError(t, err)
	assert.Equal(t, corev1.ConditionTrue, readyOf(n.Status.Conditions), "store-2 is Ready again")
	assert.Empty(t, n.Spec.Taints, "and untainted")
	joined := strings.Join(log, "\n")
	assert.Contains(t, joined, "00:01:00 PowerOff node/store-2")
	assert.Contains(t, joined, "NodeNotReady node/store-2")
	assert.Contains(t, joined, "TaintManagerEviction")
	assert.Contains(t, joined, "PowerOn node/store-2")
}

// TestCutOffStoreKeepsWorking: a store cut off from head office keeps its
// pods running; head office sees it Unknown after the grace period; when
// the line is back the store reports Ready and head office clears the
// taints before any toleration runs out.
func TestCutOffStoreKeepsWorking(t *testing.T) {
	c, err := New(threeStores())
	require.NoError(t, err)
	require.NoError(t, c.Apply(webDeployment(3)))
	c.RunFor(time.Minute)
	s, _ := c.Store("store-1")
	running := 0
	for _, st := range s.Runtime.ListContainers("") {
		if st.State == 1 {
			running++
		}
	}
	require.NoError(t, c.CutOff("store-1"))
	c.RunFor(2 * time.Minute)
	n, err := c.API().Nodes.Get("", "store-1")
	require.NoError(t, err)
	assert.Equal(t, corev1.ConditionUnknown, readyOf(n.Status.Conditions), "head office has lost track of store-1")
	stillRunning := 0
	for _, st := range s.Runtime.ListContainers("") {
		if st.State == 1 {
			stillRunning++
		}
	}
	assert.Equal(t, running, stillRunning, "the store's containers go on running")

	require.NoError(t, c.Reconnect("store-1"))
	c.RunFor(30 * time.Second)
	n, err = c.API().Nodes.Get("", "store-1")
	require.NoError(t, err)
	assert.Equal(t, corev1.ConditionTrue, readyOf(n.Status.Conditions), "Ready again once it calls in")
	assert.Empty(t, n.Spec.Taints)
	for _, p := range c.Pods() {
		assert.Nil(t, p.DeletionTimestamp, "no pod was evicted: %s", p.Name)
	}
	assert.ErrorContains(t, c.PowerOff("store-9"), `store "store-9": Not found`)
}
