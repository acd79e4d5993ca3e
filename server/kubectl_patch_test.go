package server_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The manifests and patch files of the kubectl patch page, as the
// documentation stores them (application/deployment-patch.yaml,
// deployment-retainkeys.yaml, deployment-subresource.yaml and the patch
// files the page writes).
const (
	patchDemo = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: patch-demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: patch-demo-ctr
        image: nginx
      tolerations:
      - effect: NoSchedule
        key: dedicated
        value: test-team
`
	patchFile = `spec:
  template:
    spec:
      containers:
      - name: patch-demo-ctr-2
        image: redis
`
	patchFileTolerations = `spec:
  template:
    spec:
      tolerations:
      - effect: NoSchedule
        key: disktype
        value: ssd
`
	patchFile2 = `spec:
  template:
    spec:
      containers:
      - name: patch-demo-ctr-3
        image: gcr.io/google-samples/hello-app:2.0
`
	retainKeysDemo = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: retainkeys-demo
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: nginx
  strategy:
    rollingUpdate:
      maxSurge: 30%
  template:
    metadata:
      labels:
        app.kubernetes.io/name: nginx
    spec:
      containers:
      - name: retainkeys-demo-ctr
        image: nginx
`
	subresourceDemo = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: subresource-demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: patch-demo-ctr
        image: nginx
`
	patchFileNoRetainKeys = `spec:
  strategy:
    type: Recreate
`
	patchFileRetainKeys = `spec:
  strategy:
    $retainKeys:
    - type
    type: Recreate
`
)

// TestKubectlPatchPage runs the steps of the page "Update API Objects in
// Place Using kubectl patch" with the real kubectl: a strategic merge
// patch adds a container (containers merge by name) but replaces the
// tolerations (no patch strategy), a JSON merge patch replaces the
// containers, a strategic patch setting strategy Recreate is refused while
// rollingUpdate stays, and one with $retainKeys clears it; the scale
// subresource is patched with --subresource.
// Reference: https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/
// and staging/src/k8s.io/apimachinery/pkg/util/strategicpatch (patch.go:
// mergeSliceHandler, retainKeys); pkg/apis/apps/validation
// (ValidateDeploymentStrategy).
func TestKubectlPatchPage(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	for name, text := range map[string]string{
		"deployment-patch.yaml": patchDemo, "patch-file.yaml": patchFile, "patch-file-tolerations.yaml": patchFileTolerations,
		"patch-file-2.yaml": patchFile2, "deployment-retainkeys.yaml": retainKeysDemo, "deployment-subresource.yaml": subresourceDemo,
		"patch-file-no-retainkeys.yaml": patchFileNoRetainKeys, "patch-file-retainkeys.yaml": patchFileRetainKeys,
	} {
		require.NoError(t, os.WriteFile(filepath.Join(k.dir, name), []byte(text), 0o600))
	}
	k.ok("apply", "-f", "deployment-patch.yaml")

	assert.Equal(t, "deployment.apps/patch-demo patched\n", k.ok("patch", "deployment", "patch-demo", "--patch-file", "patch-file.yaml"))
	assert.Equal(t, "patch-demo-ctr-2:redis patch-demo-ctr:nginx ",
		k.ok("get", "deployment", "patch-demo", "-o", `jsonpath={range .spec.template.spec.containers[*]}{.name}:{.image} {end}`),
		"the strategic merge patch adds the container, merging by name")

	k.ok("patch", "deployment", "patch-demo", "--patch-file", "patch-file-tolerations.yaml")
	assert.Equal(t, "disktype", k.ok("get", "deployment", "patch-demo", "-o", `jsonpath={.spec.template.spec.tolerations[*].key}`),
		"tolerations have no patch strategy: the list is replaced")

	k.ok("patch", "deployment", "patch-demo", "--type", "merge", "--patch-file", "patch-file-2.yaml")
	assert.Equal(t, "patch-demo-ctr-3", k.ok("get", "deployment", "patch-demo", "-o", `jsonpath={.spec.template.spec.containers[*].name}`),
		"a JSON merge patch replaces the list")

	k.ok("apply", "-f", "deployment-retainkeys.yaml")
	errOut := k.fails("patch", "deployment", "retainkeys-demo", "--type", "strategic", "--patch-file", "patch-file-no-retainkeys.yaml")
	assert.Contains(t, errOut, `The Deployment "retainkeys-demo" is invalid: spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `+"`type`"+` is 'Recreate'`)
	assert.Equal(t, "deployment.apps/retainkeys-demo patched\n",
		k.ok("patch", "deployment", "retainkeys-demo", "--type", "strategic", "--patch-file", "patch-file-retainkeys.yaml"))
	assert.Equal(t, `{"type":"Recreate"}`, k.ok("get", "deployment", "retainkeys-demo", "-o", `jsonpath={.spec.strategy}`))

	// The server answers with the autoscaling/v1 Scale object, whose kind
	// kubectl prints.
	k.ok("apply", "-f", "deployment-subresource.yaml")
	assert.Equal(t, "scale.autoscaling/subresource-demo patched\n",
		k.ok("patch", "deployment", "subresource-demo", "--subresource=scale", "--type=merge", "-p", `{"spec":{"replicas":3}}`))
	eventually(t, "three replicas", func() bool {
		out, _, err := k.run(10*time.Second, "get", "deployment", "subresource-demo", "-o", `jsonpath={.spec.replicas} {.status.replicas}`)
		return err == nil && out == "3 3"
	})
}
