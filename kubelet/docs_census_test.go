package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// The rest of the census of the documentation's example manifests
// (testdata/docs/CENSUS.md): the scheduling rules, with the stores, labels
// and taints each page sets up, and the fields nucleus does not simulate.

func init() {
	// Fields these manifests set that nucleus reads but does not simulate:
	// applyDocs checks each is named.
	docsWarnings["pod-nginx-preferred-affinity.yaml"] = []string{"spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution"}
	docsWarnings["share-process-namespace.yaml"] = []string{"spec.shareProcessNamespace"}
	docsWarnings["user-namespaces-stateless.yaml"] = []string{"spec.hostUsers"}
	docsWarnings["pod-resize.yaml"] = []string{"spec.containers[0].resizePolicy"}
}

// censusRun applies documentation manifests to a cluster of the given
// stores and runs it for a minute.
func censusRun(t *testing.T, stores []cluster.StoreConfig, files ...string) *run {
	t.Helper()
	r := newRun(t, cluster.Config{Seed: 1, Stores: stores})
	for _, f := range files {
		r.applyDocs(t, f)
	}
	r.c.RunFor(time.Minute)
	return r
}

// ssdStores are the page's two nodes, the second labelled disktype=ssd
// ("kubectl label nodes <your-node-name> disktype=ssd").
func ssdStores() []cluster.StoreConfig {
	return []cluster.StoreConfig{
		{Name: "store-1"},
		{Name: "store-2", Labels: map[string]string{"disktype": "ssd"}},
	}
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pods-nodes/
// ("the pod got scheduled on the node that has the disktype=ssd label";
// pods/pod-nginx.yaml with nodeSelector, pods/pod-nginx-required-affinity.yaml
// with a required node affinity).
func TestDocsAssignPodsToLabelledNode(t *testing.T) {
	for _, file := range []string{"pod-nginx.yaml", "pod-nginx-required-affinity.yaml"} {
		t.Run(file, func(t *testing.T) {
			r := censusRun(t, ssdStores(), file)
			p := r.pod(t, "default", "nginx")
			assert.Equal(t, "store-2", p.Spec.NodeName)
			assert.Equal(t, corev1.PodRunning, p.Status.Phase)
		})
	}
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pods-nodes/#create-a-pod-that-gets-scheduled-to-specific-node
// (pods/pod-nginx-specific-node.yaml: nodeName foo-node puts the pod on
// that node, bypassing the scheduler).
func TestDocsAssignPodToNamedNode(t *testing.T) {
	r := censusRun(t, []cluster.StoreConfig{{Name: "store-1"}, {Name: "foo-node"}}, "pod-nginx-specific-node.yaml")
	p := r.pod(t, "default", "nginx")
	assert.Equal(t, "foo-node", p.Spec.NodeName)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pods-nodes-using-node-affinity/#schedule-a-pod-using-preferred-node-affinity
// (pods/pod-nginx-preferred-affinity.yaml: "the Pod is running on your
// chosen node"). nucleus does not score preferred node affinity: it warns
// by name, and the pod runs wherever the scheduler's other rules put it.
func TestDocsPreferredNodeAffinityIsWarned(t *testing.T) {
	r := censusRun(t, ssdStores(), "pod-nginx-preferred-affinity.yaml")
	p := r.pod(t, "default", "nginx")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
}

// Reference: https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/
// (pods/pod-with-toleration.yaml: a toleration of key example-key,
// operator Exists, effect NoSchedule lets the pod onto a node with that
// taint; without it the pod stays Pending).
func TestDocsTolerationLetsPodOntoTaintedNode(t *testing.T) {
	tainted := []cluster.StoreConfig{{Name: "store-1", Taints: []corev1.Taint{
		{Key: "example-key", Value: "value1", Effect: corev1.TaintEffectNoSchedule}}}}
	r := censusRun(t, tainted, "pod-with-toleration.yaml")
	p := r.pod(t, "default", "nginx")
	assert.Equal(t, "store-1", p.Spec.NodeName)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)

	// The same pod without its toleration is not placed.
	r = censusRun(t, tainted, "pod-without-scheduling-gates.yaml")
	q := r.pod(t, "default", "test-pod")
	assert.Equal(t, corev1.PodPending, q.Status.Phase)
	assert.Empty(t, q.Spec.NodeName)
}

// Reference: https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/#numeric-comparison-operators
// (pods/pod-with-numeric-toleration.yaml: the Gt and Lt operators need the
// alpha TaintTolerationComparisonOperators feature gate; with it off, as
// by default, the API server's validation (pkg/apis/core/validation,
// validateTolerations) allows only Equal and Exists).
func TestDocsNumericTolerationIsRefused(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1})
	err := r.c.Apply(decodeDocs(t, "pod-with-numeric-toleration.yaml")[0].Object)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `spec.tolerations[0].operator: Unsupported value: "Gt"`)
}

// Reference: https://kubernetes.io/docs/concepts/scheduling-eviction/pod-scheduling-readiness/
// (pods/pod-with-scheduling-gates.yaml: "kubectl get pod test-pod" shows
// STATUS SchedulingGated; applying pods/pod-without-scheduling-gates.yaml
// removes the gates and the pod is scheduled and Running).
func TestDocsSchedulingGates(t *testing.T) {
	r := censusRun(t, nil, "pod-with-scheduling-gates.yaml")
	p := r.pod(t, "default", "test-pod")
	assert.Empty(t, p.Spec.NodeName)
	var gated bool
	for _, c := range p.Status.Conditions {
		if c.Type == corev1.PodScheduled && c.Reason == corev1.PodReasonSchedulingGated {
			gated = c.Status == corev1.ConditionFalse
		}
	}
	assert.True(t, gated, "PodScheduled=False, reason SchedulingGated: %v", p.Status.Conditions)

	// kubectl apply of the second manifest is an update of the pod.
	require.NoError(t, r.c.Update(decodeDocs(t, "pod-without-scheduling-gates.yaml")[0].Object))
	r.c.RunFor(time.Minute)
	p = r.pod(t, "default", "test-pod")
	assert.Equal(t, "store-1", p.Spec.NodeName)
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
// (shareProcessNamespace lets the shell container see nginx's processes
// with ps ax) and https://kubernetes.io/docs/tasks/configure-pod-container/user-namespaces/
// (hostUsers: false maps the container's root to an unprivileged host
// user). nucleus simulates neither: it names the field in a warning (see
// docsWarnings) and the pod runs as it would without it.
func TestDocsUnsimulatedNamespacesAreWarned(t *testing.T) {
	r := censusRun(t, nil, "share-process-namespace.yaml", "user-namespaces-stateless.yaml")
	assert.Equal(t, corev1.PodRunning, r.pod(t, "default", "nginx").Status.Phase)
	assert.Equal(t, corev1.PodRunning, r.pod(t, "default", "userns").Status.Phase)
}
