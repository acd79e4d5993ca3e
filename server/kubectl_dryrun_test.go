package server_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestKubectlServerDryRunChangesNothing runs the writes kubectl can send as
// a server dry run against the served chain: each is answered as the real
// API server answers it, and the chain is as it was: a dry-run drain too
// (its cordon and its evictions are rehearsed).
// Reference: https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run
// ("dry-run requests ... are guaranteed to not be persisted") and
// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
// (ValidateDryRun).
func TestKubectlServerDryRunChangesNothing(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	k.ok("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2")
	eventually(t, "two ready replicas", func() bool {
		out, _, err := k.run(10*time.Second, "get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}")
		return err == nil && out == "2"
	})

	assert.Equal(t, "deployment.apps/web scaled (server dry run)\n", k.ok("scale", "deployment", "web", "--replicas=5", "--dry-run=server"))
	assert.Equal(t, "2", k.ok("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}"))

	pod := k.ok("get", "pods", "-o", "jsonpath={.items[0].metadata.name}")
	assert.Equal(t, "pod \""+pod+"\" deleted (server dry run)\n", k.ok("delete", "pod", pod, "--dry-run=server"))
	assert.Empty(t, k.ok("get", "pod", pod, "-o", "jsonpath={.metadata.deletionTimestamp}"), "the pod is not terminating")

	assert.Equal(t, "deployment.apps \"web\" deleted (server dry run)\n", k.ok("delete", "deployment", "web", "--dry-run=server"))
	assert.Equal(t, "web", k.ok("get", "deployment", "web", "-o", "jsonpath={.metadata.name}"))

	k.ok("delete", "pods", "--all", "--dry-run=server")
	assert.Empty(t, k.ok("get", "pods", "-o", "jsonpath={.items[*].metadata.deletionTimestamp}"), "no pod is terminating")

	assert.Contains(t, k.okWithin(waitLimit, "drain", "store-1", "--ignore-daemonsets", "--dry-run=server"), "node/store-1 drained (server dry run)")
	assert.NotEqual(t, "true", k.ok("get", "node", "store-1", "-o", "jsonpath={.spec.unschedulable}"), "the store is not cordoned")
	assert.Empty(t, k.ok("get", "pods", "-o", "jsonpath={.items[*].metadata.deletionTimestamp}"), "no pod is evicted")
}
