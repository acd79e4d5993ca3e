package endpointslice

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	discoveryv1 "k8s.io/api/discovery/v1"
)

func names(slices []*discoveryv1.EndpointSlice) []string {
	var out []string
	for _, s := range slices {
		out = append(out, s.Name)
	}
	return out
}

// Reference: proxy-and-runtime.md A4 (reconciler.go: keep unchanged slices, getSliceToFill, placeholder).
func TestReconcile(t *testing.T) {
	svc := webService()
	gen := nameGen()
	c := Controller{MaxEndpointsPerSlice: 3}
	pods := manyPods(5)

	first := c.Reconcile(svc, pods, nil, gen)
	require.Len(t, first.Create, 2, "5 endpoints at 3 per slice")
	assert.Equal(t, []string{"web-00001", "web-00002"}, names(first.Create))
	assert.Empty(t, first.Update)
	assert.Empty(t, first.Delete)
	existing := first.Create

	again := c.Reconcile(svc, pods, existing, gen)
	assert.Empty(t, again.Create, "nothing changed: nothing to create")
	assert.Empty(t, again.Update, "nothing changed: nothing rewritten")
	assert.Empty(t, again.Delete)

	// web-001 (10.244.0.2) leaves: only the slice that held it is rewritten.
	fewer := append([]*corev1.Pod{pods[0]}, pods[2:]...)
	ch := c.Reconcile(svc, fewer, existing, gen)
	require.Len(t, ch.Update, 1)
	assert.Empty(t, ch.Create)
	assert.Equal(t, "web-00001", ch.Update[0].Name)
	assert.Len(t, ch.Update[0].Endpoints, 2)
	existing = []*discoveryv1.EndpointSlice{ch.Update[0], existing[1]}

	// A new pod fills the unchanged slice that ends up closest to full.
	more := append(fewer, readyPod("web-new", "10.244.9.9"))
	ch = c.Reconcile(svc, more, existing, gen)
	require.Len(t, ch.Update, 1)
	assert.Empty(t, ch.Create)
	assert.Equal(t, "web-00001", ch.Update[0].Name, "2+1 fills web-00001 to 3")
	existing = []*discoveryv1.EndpointSlice{ch.Update[0], existing[1]}

	// A pod turning unready changes its endpoint in place.
	unready := readyPod("web-new", "10.244.9.9")
	unready.Status.Conditions[0].Status = corev1.ConditionFalse
	ch = c.Reconcile(svc, append(fewer, unready), existing, gen)
	require.Len(t, ch.Update, 1)
	for _, ep := range ch.Update[0].Endpoints {
		if ep.Addresses[0] == "10.244.9.9" {
			assert.False(t, *ep.Conditions.Ready)
		}
	}

	// Every pod gone: slices deleted, one placeholder created.
	ch = c.Reconcile(svc, nil, existing, gen)
	assert.Len(t, ch.Delete, 2)
	require.Len(t, ch.Create, 1)
	assert.Empty(t, ch.Create[0].Endpoints)
	ch2 := c.Reconcile(svc, nil, ch.Create, gen)
	assert.Empty(t, ch2.Create, "the placeholder is kept, not recreated")
	assert.Empty(t, ch2.Delete)
	assert.Empty(t, ch2.Update)

	// Slices of another Service or manager are ignored.
	foreign := existing[0].DeepCopy()
	foreign.Labels[discoveryv1.LabelManagedBy] = "someone-else"
	ch = c.Reconcile(svc, more, []*discoveryv1.EndpointSlice{foreign}, gen)
	assert.Empty(t, ch.Delete)
	assert.Len(t, ch.Create, 2)
}

func TestReconcileFunc(t *testing.T) {
	create, update, del := Reconcile(webService(), manyPods(2), nil, nil, nameGen())
	assert.Len(t, create, 1)
	assert.Empty(t, update)
	assert.Empty(t, del)
	assert.Equal(t, "web-00001", create[0].Name)
}
