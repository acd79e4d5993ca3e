package server_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// podResize is pods/resource/pod-resize.yaml as the documentation stores
// it.
const podResize = `apiVersion: v1
kind: Pod
metadata:
  name: resize-demo
  namespace: qos-example
spec:
  containers:
  - name: pause
    image: registry.k8s.io/pause:3.8
    resizePolicy:
    - resourceName: cpu
      restartPolicy: NotRequired # Default, but explicit here
    - resourceName: memory
      restartPolicy: RestartContainer
    resources:
      limits:
        memory: "200Mi"
        cpu: "700m"
      requests:
        memory: "200Mi"
        cpu: "700m"
`

// resizeDemo serves one store, creates the page's pod-resize.yaml in
// namespace qos-example with the real kubectl, and waits for it to run
// with its 700m and 200Mi. status waits until the pod's status reads
// want: "<cpu limit> <memory limit> <restartCount>" of its container.
func resizeDemo(t *testing.T) (k *kubectlRun, status func(want string)) {
	t.Helper()
	k = newKubectl(t, serve(t, oneStore, 100))
	require.NoError(t, os.WriteFile(filepath.Join(k.dir, "pod-resize.yaml"), []byte(podResize), 0o600))
	k.ok("create", "namespace", "qos-example")
	k.ok("create", "-f", "pod-resize.yaml")
	status = func(want string) {
		t.Helper()
		eventually(t, want, func() bool {
			out, _, err := k.run(10*time.Second, "get", "pod", "resize-demo", "-n", "qos-example", "-o",
				`jsonpath={.status.containerStatuses[0].resources.limits.cpu} {.status.containerStatuses[0].resources.limits.memory} {.status.containerStatuses[0].restartCount}`)
			return err == nil && out == want
		})
	}
	status("700m 200Mi 0")
	return k, status
}

// TestKubectlResizePage runs the steps of the page "Resize CPU and Memory
// Resources assigned to Containers" with the real kubectl: the cpu is
// resized in place through the pod's resize subresource (restartCount
// stays 0), the memory under RestartContainer restarts the container
// (restartCount 1), and 1000 CPUs are Infeasible; a plain patch of the
// resources, and a resize of another resource, are refused in the API
// server's words.
// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/resize-container-resources/;
// pkg/registry/core/pod/strategy.go (podResizeStrategy);
// pkg/apis/core/validation/validation.go (ValidatePodResize,
// ValidatePodUpdate).
func TestKubectlResizePage(t *testing.T) {
	k, status := resizeDemo(t)

	assert.Equal(t, "pod/resize-demo patched\n", k.ok("patch", "pod", "resize-demo", "-n", "qos-example", "--subresource", "resize", "--patch",
		`{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"800m"}, "limits":{"cpu":"800m"}}}]}}`))
	status("800m 200Mi 0")
	// The resize is the pod's second generation, and the store manager
	// says it has seen it, as a v1.35 node does.
	// Reference: pkg/registry/core/pod/strategy.go (updatePodGeneration);
	// pkg/kubelet/kubelet_pods.go (generateAPIPodStatus).
	gens := k.ok("get", "pod", "resize-demo", "-n", "qos-example", "-o",
		`jsonpath={.metadata.generation} {.status.observedGeneration} {.status.conditions[?(@.type=="Ready")].observedGeneration}`)
	assert.Equal(t, "2 2 2", gens, "generation, observedGeneration, Ready's observedGeneration")
	// The resize is an Update of the resize subresource by kubectl-patch,
	// which now owns the cpu it set.
	// Reference: pkg/registry/core/pod/storage/storage.go (ResizeREST)
	// and https://kubernetes.io/docs/reference/using-api/server-side-apply/#field-management
	var resized *metav1.ManagedFieldsEntry
	for _, e := range k.managers("pod", "resize-demo", "-n", "qos-example") {
		if e.Manager == "kubectl-patch" {
			resized = &e
		}
	}
	require.NotNil(t, resized, "kubectl-patch has an entry")
	assert.Equal(t, "resize", resized.Subresource)
	assert.Equal(t, metav1.ManagedFieldsOperationUpdate, resized.Operation)
	assert.Contains(t, resized.FieldsV1.GetRawString(), `"f:cpu"`)

	k.ok("patch", "pod", "resize-demo", "-n", "qos-example", "--subresource", "resize", "--patch",
		`{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"memory":"300Mi"}, "limits":{"memory":"300Mi"}}}]}}`)
	status("800m 300Mi 1")

	k.ok("patch", "pod", "resize-demo", "-n", "qos-example", "--subresource", "resize", "--patch",
		`{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"1000"}, "limits":{"cpu":"1000"}}}]}}`)
	eventually(t, "PodResizePending Infeasible", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pod", "resize-demo", "-n", "qos-example", "-o",
			`jsonpath={.status.conditions[?(@.type=="PodResizePending")].reason}`)
		return err == nil && out == "Infeasible"
	})
	status("800m 300Mi 1")
	assert.Contains(t, k.ok("describe", "pod", "resize-demo", "-n", "qos-example"), "PodResizePending ",
		"describe lists the condition")

	errOut := k.fails("patch", "pod", "resize-demo", "-n", "qos-example", "--patch",
		`{"spec":{"containers":[{"name":"pause", "resources":{"requests":{"cpu":"900m"}, "limits":{"cpu":"900m"}}}]}}`)
	assert.Contains(t, errOut, `The Pod "resize-demo" is invalid: spec: Forbidden: pod updates may not change fields`)
	errOut = k.fails("patch", "pod", "resize-demo", "-n", "qos-example", "--subresource", "resize", "--patch",
		`{"spec":{"containers":[{"name":"pause", "resources":{"limits":{"ephemeral-storage":"1Gi"}}}]}}`)
	assert.Contains(t, errOut, `The Pod "resize-demo" is invalid: spec: Forbidden: only cpu and memory resources are mutable`)
}

// TestKubectlApplyResize: `kubectl apply --server-side --subresource
// resize` resizes a running pod in place as `kubectl patch --subresource
// resize` does; kubectl's apply owns the cpu it set, with subresource
// resize. The fields kubectl create owns are taken with --force-conflicts,
// as an apply of a field another manager owns with another value is a
// conflict.
// Reference: staging/src/k8s.io/kubectl/pkg/cmd/apply/apply.go
// (--subresource, only with --server-side);
// pkg/registry/core/pod/strategy.go (podResizeStrategy);
// https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
func TestKubectlApplyResize(t *testing.T) {
	k, status := resizeDemo(t)
	resized := `apiVersion: v1
kind: Pod
metadata:
  name: resize-demo
  namespace: qos-example
spec:
  containers:
  - name: pause
    resources:
      limits:
        cpu: "800m"
      requests:
        cpu: "800m"
`
	require.NoError(t, os.WriteFile(filepath.Join(k.dir, "resized.yaml"), []byte(resized), 0o600))
	errOut := k.fails("apply", "--server-side", "--subresource", "resize", "-f", "resized.yaml")
	assert.Contains(t, errOut, `Apply failed with 2 conflicts: conflicts with "kubectl-create" using v1:`)
	status("700m 200Mi 0")

	assert.Equal(t, "pod/resize-demo serverside-applied\n",
		k.ok("apply", "--server-side", "--force-conflicts", "--subresource", "resize", "-f", "resized.yaml"))
	status("800m 200Mi 0")
	var applied *metav1.ManagedFieldsEntry
	for _, e := range k.managers("pod", "resize-demo", "-n", "qos-example") {
		if e.Manager == "kubectl" {
			applied = &e
		}
	}
	require.NotNil(t, applied, "kubectl's apply has an entry")
	assert.Equal(t, metav1.ManagedFieldsOperationApply, applied.Operation)
	assert.Equal(t, "resize", applied.Subresource)
	assert.Contains(t, applied.FieldsV1.GetRawString(), `"f:cpu"`)
}
