package server_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// The manifests of the Server-Side Apply page, as the documentation stores
// them (application/ssa/nginx-deployment.yaml, and the replicas-only file
// the page writes); application/ssa/nginx-deployment-no-replicas.yaml is
// the first without its replicas line.
const (
	ssaDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app.kubernetes.io/name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
`
	ssaReplicasOnly = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
`
)

var ssaNoReplicas = strings.Replace(ssaDeployment, "  replicas: 3\n", "", 1)

// managers returns the managedFields of kind/name, as kubectl get
// --show-managed-fields shows them; flags are more of get's (-n NS).
func (k *kubectlRun) managers(kind, name string, flags ...string) []metav1.ManagedFieldsEntry {
	k.t.Helper()
	out := k.ok(append([]string{"get", kind, name, "-o", "jsonpath={.metadata.managedFields}", "--show-managed-fields"}, flags...)...)
	var mf []metav1.ManagedFieldsEntry
	require.NoError(k.t, json.Unmarshal([]byte(out), &mf), out)
	return mf
}

// owner returns the entry of manager with operation op, or fails.
func owner(t *testing.T, mf []metav1.ManagedFieldsEntry, manager string, op metav1.ManagedFieldsOperationType) metav1.ManagedFieldsEntry {
	t.Helper()
	for _, e := range mf {
		if e.Manager == manager && e.Operation == op {
			return e
		}
	}
	t.Fatalf("no %s entry of %q in %v", op, manager, managerNames(mf))
	return metav1.ManagedFieldsEntry{}
}

// managerNames lists "manager/operation" of each entry, sorted.
func managerNames(mf []metav1.ManagedFieldsEntry) []string {
	var out []string
	for _, e := range mf {
		out = append(out, e.Manager+"/"+string(e.Operation))
	}
	sort.Strings(out)
	return out
}

// owns reports whether the entry's fields hold the path, written as in
// fieldsV1 ("f:spec", "f:replicas").
func owns(t *testing.T, e metav1.ManagedFieldsEntry, path ...string) bool {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(e.FieldsV1.GetRawBytes(), &m))
	for _, p := range path {
		next, ok := m[p].(map[string]any)
		if !ok {
			return false
		}
		m = next
	}
	return true
}

func (k *kubectlRun) write(name, text string) {
	require.NoError(k.t, os.WriteFile(filepath.Join(k.dir, name), []byte(text), 0o600))
}

// TestKubectlServerSideApplyPage runs the Server-Side Apply page's steps
// with the real kubectl: apply --server-side creates the Deployment with
// kubectl as its Apply manager; a second manager applying another value
// of a field kubectl owns gets a conflict (exit 1, the API server's
// message) until it forces it; the page's handover of replicas to another
// manager lets the user drop replicas from the manifest without the
// Deployment falling back to one replica; a field dropped from the
// applied manifest that no other manager owns is removed.
// Reference: https://kubernetes.io/docs/reference/using-api/server-side-apply/
// (Conflicts, Transferring ownership, Merge strategy) and
// staging/src/k8s.io/apimachinery/pkg/util/managedfields/internal/conflict.go
// (the conflict message).
func TestKubectlServerSideApplyPage(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	k.write("nginx-deployment.yaml", ssaDeployment)
	k.write("nginx-deployment-no-replicas.yaml", ssaNoReplicas)
	k.write("nginx-deployment-replicas-only.yaml", ssaReplicasOnly)

	// A server dry run (what kubectl diff sends) answers and changes
	// nothing.
	// Reference: https://kubernetes.io/docs/reference/using-api/api-concepts/#dry-run
	assert.Equal(t, "deployment.apps/nginx-deployment serverside-applied (server dry run)\n",
		k.ok("apply", "-f", "nginx-deployment.yaml", "--server-side", "--dry-run=server"))
	diff, _, err := k.run(30*time.Second, "diff", "-f", "nginx-deployment.yaml")
	require.Error(t, err, "kubectl diff exits 1 when the object would change")
	assert.Contains(t, diff, "+  replicas: 3")
	assert.Contains(t, k.fails("get", "deployment", "nginx-deployment"), "NotFound")

	// "kubectl apply -f .../nginx-deployment.yaml --server-side"
	assert.Equal(t, "deployment.apps/nginx-deployment serverside-applied\n", k.ok("apply", "-f", "nginx-deployment.yaml", "--server-side"))
	eventually(t, "three ready replicas", func() bool {
		out, _, err := k.run(10*time.Second, "get", "deployment", "nginx-deployment", "-o", "jsonpath={.status.readyReplicas}")
		return err == nil && out == "3"
	})
	mf := k.managers("deployment", "nginx-deployment")
	assert.Equal(t, []string{"kubectl/Apply"}, managerNames(mf), "kubectl is the default manager of kubectl apply --server-side")
	applied := owner(t, mf, "kubectl", metav1.ManagedFieldsOperationApply)
	assert.True(t, owns(t, applied, "f:spec", "f:replicas"))
	assert.True(t, owns(t, applied, "f:spec", "f:template", "f:spec", "f:containers", `k:{"name":"nginx"}`, "f:image"))
	assert.False(t, owns(t, applied, "f:spec", "f:strategy"), "an applier owns what it applied, not the defaults")
	assert.False(t, owns(t, applied, "f:status"))
	assert.Equal(t, "apps/v1", applied.APIVersion)

	// Another manager applying another value of a field kubectl owns:
	// a conflict, exit 1.
	k.write("five.yaml", strings.Replace(ssaReplicasOnly, "replicas: 3", "replicas: 5", 1))
	errOut := k.fails("apply", "-f", "five.yaml", "--server-side", "--field-manager=other")
	assert.Contains(t, errOut, `error: Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas`)
	assert.Equal(t, "3", k.ok("get", "deployment", "nginx-deployment", "-o", "jsonpath={.spec.replicas}"))
	// --force-conflicts: the value changes and the field moves to the
	// forcing manager.
	assert.Equal(t, "deployment.apps/nginx-deployment serverside-applied\n",
		k.ok("apply", "-f", "five.yaml", "--server-side", "--field-manager=other", "--force-conflicts"))
	assert.Equal(t, "5", k.ok("get", "deployment", "nginx-deployment", "-o", "jsonpath={.spec.replicas}"))
	mf = k.managers("deployment", "nginx-deployment")
	assert.True(t, owns(t, owner(t, mf, "other", metav1.ManagedFieldsOperationApply), "f:spec", "f:replicas"))
	assert.False(t, owns(t, owner(t, mf, "kubectl", metav1.ManagedFieldsOperationApply), "f:spec", "f:replicas"),
		"forcing removes the field from the other managers' entries")

	// Transferring ownership: the user applies replicas alone as
	// handover-to-hpa (sharing the field at the same value), then drops
	// replicas from the manifest: the value stays, held by the other
	// manager, instead of falling back to the default of 1.
	k.ok("apply", "-f", "nginx-deployment.yaml", "--server-side", "--force-conflicts")
	k.ok("apply", "-f", "five.yaml", "--server-side", "--field-manager=other", "--force-conflicts")
	k.write("five.yaml", ssaReplicasOnly)
	k.ok("apply", "-f", "five.yaml", "--server-side", "--field-manager=other") // other gives the field back: 3 again, shared
	assert.Equal(t, "deployment.apps/nginx-deployment serverside-applied\n",
		k.ok("apply", "-f", "nginx-deployment-replicas-only.yaml", "--server-side", "--field-manager=handover-to-hpa", "--validate=false"))
	k.ok("apply", "-f", "nginx-deployment-no-replicas.yaml", "--server-side")
	assert.Equal(t, "3", k.ok("get", "deployment", "nginx-deployment", "-o", "jsonpath={.spec.replicas}"),
		"replicas stays: handover-to-hpa still owns it")
	mf = k.managers("deployment", "nginx-deployment")
	assert.False(t, owns(t, owner(t, mf, "kubectl", metav1.ManagedFieldsOperationApply), "f:spec", "f:replicas"))
	assert.True(t, owns(t, owner(t, mf, "handover-to-hpa", metav1.ManagedFieldsOperationApply), "f:spec", "f:replicas"))

	// A field that only the applier owned goes when the applier drops it.
	k.write("labelled.yaml", strings.Replace(ssaNoReplicas, "  labels:\n    app.kubernetes.io/name: nginx\nspec", "  labels:\n    app.kubernetes.io/name: nginx\n    tier: web\nspec", 1))
	k.ok("apply", "-f", "labelled.yaml", "--server-side")
	assert.Equal(t, "web", k.ok("get", "deployment", "nginx-deployment", "-o", "jsonpath={.metadata.labels.tier}"))
	k.ok("apply", "-f", "nginx-deployment-no-replicas.yaml", "--server-side")
	assert.Equal(t, "", k.ok("get", "deployment", "nginx-deployment", "-o", "jsonpath={.metadata.labels.tier}"),
		"a field removed from the applied configuration, owned by no other manager, is removed")
}

// TestKubectlApplyMigration: an object made by client-side kubectl apply
// is owned by kubectl-client-side-apply (an Update); a kubectl scale
// after it owns replicas through the scale subresource, which the move
// to server-side apply conflicts over, as the page's caution says;
// kubectl apply --server-side then takes the client-side fields over and
// keeps the last-applied annotation up to date. Every other write records its manager: kubectl create, kubectl
// patch, kubectl label.
// Reference: https://kubernetes.io/docs/reference/using-api/server-side-apply/
// (Upgrading from client-side apply to server-side apply) and
// https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/
// (kubectl apply sets last-applied-configuration).
func TestKubectlApplyMigration(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	k.write("nginx-deployment.yaml", ssaDeployment)

	k.ok("apply", "-f", "nginx-deployment.yaml")
	mf := k.managers("deployment", "nginx-deployment")
	assert.Equal(t, []string{"kubectl-client-side-apply/Update"}, managerNames(mf))
	csa := owner(t, mf, "kubectl-client-side-apply", metav1.ManagedFieldsOperationUpdate)
	assert.True(t, owns(t, csa, "f:metadata", "f:annotations", "f:kubectl.kubernetes.io/last-applied-configuration"))
	assert.True(t, owns(t, csa, "f:spec", "f:strategy"), "an Update owns the defaults it sent too")

	// Another manager may not change what client-side apply set.
	k.write("five.yaml", strings.Replace(ssaReplicasOnly, "replicas: 3", "replicas: 5", 1))
	errOut := k.fails("apply", "-f", "five.yaml", "--server-side", "--field-manager=other")
	assert.Contains(t, errOut, `error: Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas`)

	// The page's caution: a field changed by kubectl scale after
	// client-side apply is not client-side apply's: the move to
	// server-side apply conflicts over it.
	k.ok("scale", "deployment/nginx-deployment", "--replicas=2")
	mf = k.managers("deployment", "nginx-deployment")
	scaled := owner(t, mf, "kubectl", metav1.ManagedFieldsOperationUpdate)
	assert.Equal(t, "scale", scaled.Subresource)
	assert.True(t, owns(t, scaled, "f:spec", "f:replicas"))
	k.write("changed.yaml", strings.Replace(ssaDeployment, "nginx:1.14.2", "nginx:1.16.1", 1))
	errOut = k.fails("apply", "-f", "changed.yaml", "--server-side")
	assert.Contains(t, errOut, `error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas`)

	// kubectl apply --server-side (forcing the replicas back): the fields
	// of client-side apply move to kubectl.
	assert.Equal(t, "deployment.apps/nginx-deployment serverside-applied\n", k.ok("apply", "-f", "changed.yaml", "--server-side", "--force-conflicts"))
	assert.Equal(t, "nginx:1.16.1", k.ok("get", "deployment", "nginx-deployment", "-o", "jsonpath={.spec.template.spec.containers[0].image}"))
	mf = k.managers("deployment", "nginx-deployment")
	applied := owner(t, mf, "kubectl", metav1.ManagedFieldsOperationApply)
	assert.True(t, owns(t, applied, "f:spec", "f:replicas"))
	for _, e := range mf {
		assert.NotEqual(t, "kubectl-client-side-apply", e.Manager, "the client-side entry was handed to kubectl")
	}
	// kubectl keeps the last-applied annotation up to date, so that
	// going back to client-side apply works.
	assert.Contains(t, k.ok("get", "deployment", "nginx-deployment", "-o", `jsonpath={.metadata.annotations.kubectl\.kubernetes\.io/last-applied-configuration}`), "nginx:1.16.1")

	// A dry-run create is answered and makes nothing.
	assert.Equal(t, "configmap/settings created (server dry run)\n", k.ok("create", "configmap", "settings", "--from-literal=color=blue", "--dry-run=server"))
	assert.Contains(t, k.fails("get", "configmap", "settings"), "NotFound")

	// The other writes name themselves.
	k.ok("create", "configmap", "settings", "--from-literal=color=blue")
	assert.Equal(t, []string{"kubectl-create/Update"}, managerNames(k.managers("configmap", "settings")))
	k.ok("patch", "configmap", "settings", "-p", `{"data":{"size":"L"}}`)
	k.ok("label", "configmap", "settings", "tier=web")
	mf = k.managers("configmap", "settings")
	assert.Equal(t, []string{"kubectl-create/Update", "kubectl-label/Update", "kubectl-patch/Update"}, managerNames(mf))
	assert.True(t, owns(t, owner(t, mf, "kubectl-patch", metav1.ManagedFieldsOperationUpdate), "f:data", "f:size"))
	assert.True(t, owns(t, owner(t, mf, "kubectl-label", metav1.ManagedFieldsOperationUpdate), "f:metadata", "f:labels", "f:tier"))
}
