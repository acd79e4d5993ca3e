package server_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const soloPod = `apiVersion: v1
kind: Pod
metadata:
  name: solo
  labels: {app: solo}
spec:
  containers:
  - name: app
    image: nginx:1.26
`

// fails runs kubectl, which must fail, and returns its standard error.
func (k *kubectlRun) fails(args ...string) string {
	k.t.Helper()
	_, errOut, err := k.run(30*time.Second, args...)
	var exit *exec.ExitError
	require.True(k.t, errors.As(err, &exit), "kubectl %s should fail: %v", strings.Join(args, " "), err)
	return errOut
}

// TestKubectlChangesObjects: the changes learners make to live objects
// with the real kubectl (label, annotate, edit, set image, patch, rollout
// restart, undo and history, cordon) reach the chain as the API server
// takes them, and what it refuses is refused in its words.
// Reference: pkg/apis/core/validation/validation.go (ValidatePodUpdate);
// staging/src/k8s.io/kubectl/pkg/cmd/{label,annotate,edit,set,rollout,patch}.
func TestKubectlChangesObjects(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	require.NoError(t, os.WriteFile(filepath.Join(k.dir, "solo.yaml"), []byte(soloPod), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(k.dir, "web.yaml"), []byte(webDeployment), 0o600))
	k.ok("apply", "-f", "solo.yaml", "-f", "web.yaml")
	eventually(t, "solo to run", func() bool {
		out, _, err := k.run(10*time.Second, "get", "pod", "solo", "-o", "jsonpath={.status.phase}")
		return err == nil && out == "Running"
	})

	t.Run("label and annotate a pod", func(t *testing.T) {
		assert.Equal(t, "pod/solo labeled\n", k.ok("label", "pod", "solo", "tier=front"))
		assert.Equal(t, "pod/solo annotated\n", k.ok("annotate", "pod", "solo", "note=hello"))
		assert.Equal(t, "front hello", k.ok("get", "pod", "solo", "-o", "jsonpath={.metadata.labels.tier} {.metadata.annotations.note}"))
		assert.Equal(t, "pod/solo unlabeled\n", k.ok("label", "pod", "solo", "tier-"))
		assert.NotContains(t, k.ok("get", "pod", "solo", "--show-labels"), "tier=front")
		assert.Contains(t, s.narration.String(), "scenario ScenarioAction pod/solo update: pod solo")
	})
	t.Run("a pod's other fields are refused", func(t *testing.T) {
		errOut := k.fails("patch", "pod", "solo", "-p", `{"spec":{"containers":[{"name":"app","ports":[{"containerPort":8080}]}]}}`)
		assert.Contains(t, errOut, `The Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `+"`spec.containers[*].image`")
	})
	t.Run("set image restarts the container", func(t *testing.T) {
		assert.Equal(t, "pod/solo image updated\n", k.ok("set", "image", "pod/solo", "app=nginx:1.27"))
		eventually(t, "solo to restart with the new image", func() bool {
			out, _, err := k.run(10*time.Second, "get", "pod", "solo", "-o", "jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].image}")
			return err == nil && strings.HasPrefix(out, "1 ") && strings.Contains(out, "nginx:1.27")
		})
		assert.Contains(t, s.narration.String(), "Container app definition changed, will be restarted")
	})
	t.Run("edit", func(t *testing.T) {
		// kubectl edit runs $EDITOR on a file; a script stands in for the
		// learner.
		editor := filepath.Join(k.dir, "editor.sh")
		require.NoError(t, os.WriteFile(editor, []byte("#!/bin/sh\nsed -i 's/image: nginx:1.27/image: nginx:1.28/' \"$1\"\n"), 0o700))
		t.Setenv("KUBE_EDITOR", editor)
		assert.Equal(t, "pod/solo edited\n", k.ok("edit", "pod", "solo"))
		assert.Equal(t, "nginx:1.28", k.ok("get", "pod", "solo", "-o", "jsonpath={.spec.containers[0].image}"))
	})
	t.Run("set image and rollout of a deployment", func(t *testing.T) {
		assert.Equal(t, "deployment.apps/web image updated\n", k.ok("set", "image", "deployment/web", "nginx=nginx:1.28"))
		assert.Contains(t, k.okWithin(waitLimit, "rollout", "status", "deployment/web"), "successfully rolled out")
		history := k.ok("rollout", "history", "deployment/web")
		assert.Regexp(t, `(?m)^1\s+<none>$`, history)
		assert.Regexp(t, `(?m)^2\s+<none>$`, history)
		assert.Equal(t, "deployment.apps/web rolled back\n", k.ok("rollout", "undo", "deployment/web"))
		eventually(t, "web back on nginx:1.27", func() bool {
			out, _, err := k.run(10*time.Second, "get", "deployment", "web", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
			return err == nil && out == "nginx:1.27"
		})
		assert.Equal(t, "deployment.apps/web restarted\n", k.ok("rollout", "restart", "deployment/web"))
		assert.Contains(t, k.okWithin(waitLimit, "rollout", "status", "deployment/web"), "successfully rolled out")
	})
	t.Run("patch a service", func(t *testing.T) {
		assert.Equal(t, "service/web exposed\n", k.ok("expose", "deployment", "web", "--port=80"))
		assert.Equal(t, "service/web patched\n", k.ok("patch", "svc", "web", "-p", `{"spec":{"selector":{"app":"nobody"}}}`))
		assert.Equal(t, "service/web patched\n", k.ok("patch", "svc", "web", "--type=json", "-p", `[{"op":"replace","path":"/spec/ports/0/targetPort","value":8080}]`))
		assert.Equal(t, "nobody 8080", k.ok("get", "svc", "web", "-o", "jsonpath={.spec.selector.app} {.spec.ports[0].targetPort}"))
		errOut := k.fails("patch", "svc", "web", "-p", `{"spec":{"clusterIP":"10.96.99.99"}}`)
		assert.Contains(t, errOut, `The Service "web" is invalid: spec.clusterIP: Invalid value: "10.96.99.99": field is immutable`)
	})
	t.Run("auth can-i", func(t *testing.T) {
		// Reference: staging/src/k8s.io/apiserver/pkg/authorization/authorizerfactory
		// (AlwaysAllow: nucleus authorizes nothing).
		assert.Equal(t, "yes\n", k.ok("auth", "can-i", "delete", "pods"))
	})
	t.Run("auth whoami", func(t *testing.T) {
		// No authentication: every client is the anonymous user.
		// Reference: pkg/registry/authentication/selfsubjectreview/rest.go;
		// staging/src/k8s.io/apiserver/pkg/authentication/request/anonymous.
		out := k.ok("auth", "whoami")
		assert.Regexp(t, `(?m)^Username\s+system:anonymous$`, out)
		assert.Regexp(t, `(?m)^Groups\s+\[system:unauthenticated\]$`, out)
	})
	t.Run("exec and port-forward are refused saying why", func(t *testing.T) {
		errOut := k.fails("exec", "solo", "--", "ls")
		assert.Contains(t, errOut, `Error from server (MethodNotAllowed): exec is not supported on resources of kind "pods": nucleus runs the containers' programs in virtual time, with no live stream for a terminal`)
		errOut = k.fails("port-forward", "pod/solo", "0:80")
		assert.Contains(t, errOut, `portforward is not supported on resources of kind "pods"`)
	})
	t.Run("cordon and label a node", func(t *testing.T) {
		assert.Equal(t, "node/store-1 cordoned\n", k.ok("cordon", "store-1"))
		assert.Equal(t, "node/store-1 labeled\n", k.ok("label", "node", "store-1", "zone=front"))
		assert.Equal(t, "true front", k.ok("get", "node", "store-1", "-o", "jsonpath={.spec.unschedulable} {.metadata.labels.zone}"))
		assert.Equal(t, "node/store-1 uncordoned\n", k.ok("uncordon", "store-1"))
	})
}
