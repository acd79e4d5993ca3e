package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// kubectlRun runs the real kubectl against a served chain.
type kubectlRun struct {
	t          *testing.T
	bin        string
	kubeconfig string
	cacheDir   string
	dir        string
}

// newKubectl returns a kubectl runner for s, or skips the test when
// kubectl is not installed.
func newKubectl(t *testing.T, s *served) *kubectlRun {
	t.Helper()
	bin, err := exec.LookPath("kubectl")
	if err != nil {
		t.Skip("kubectl is not on PATH: skipping the tests that drive the real kubectl")
	}
	dir := t.TempDir()
	k := &kubectlRun{t: t, bin: bin, kubeconfig: filepath.Join(dir, "kubeconfig"), cacheDir: filepath.Join(dir, "cache"), dir: dir}
	require.NoError(t, os.WriteFile(k.kubeconfig, []byte(strings.ReplaceAll(kubeconfigFor, "ADDR", s.addr)), 0o600))
	return k
}

// run runs kubectl args (with a deadline) and returns its standard output,
// its standard error and its error.
func (k *kubectlRun) run(timeout time.Duration, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	args = append([]string{"--kubeconfig", k.kubeconfig, "--cache-dir", k.cacheDir}, args...)
	cmd := exec.CommandContext(ctx, k.bin, args...)
	cmd.Dir = k.dir
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	return out.String(), errOut.String(), err
}

// ok runs kubectl and fails the test when it fails.
func (k *kubectlRun) ok(args ...string) string {
	k.t.Helper()
	return k.okWithin(30*time.Second, args...)
}

// waitLimit bounds a kubectl command that waits for the chain (a drain,
// a rollout status, a watch): such a command is given no --timeout of its
// own, so it returns as soon as what it waits for has happened, however
// slow the machine; waitLimit only stops one that would never return.
const waitLimit = 2 * time.Minute

// okWithin runs kubectl, fails the test when it fails or is still running
// after limit, and returns its standard output.
func (k *kubectlRun) okWithin(limit time.Duration, args ...string) string {
	k.t.Helper()
	out, errOut, err := k.run(limit, args...)
	require.NoError(k.t, err, "kubectl %s: %s", strings.Join(args, " "), errOut)
	return out
}

// watch runs kubectl args (a get -w) until its standard output holds
// every one of want, or waitLimit has passed, and returns that output.
func (k *kubectlRun) watch(want []string, args ...string) string {
	k.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, k.bin, append([]string{"--kubeconfig", k.kubeconfig, "--cache-dir", k.cacheDir}, args...)...)
	cmd.Dir = k.dir
	stdout, err := cmd.StdoutPipe()
	require.NoError(k.t, err)
	require.NoError(k.t, cmd.Start())
	var out strings.Builder
	buf := make([]byte, 4096)
	for !containsAll(out.String(), want) {
		n, err := stdout.Read(buf)
		out.Write(buf[:n])
		if err != nil {
			break
		}
	}
	cancel()
	_ = cmd.Wait()
	return out.String()
}

// containsAll reports whether s holds every one of subs.
func containsAll(s string, subs []string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

const crashPod = `apiVersion: v1
kind: Pod
metadata:
  name: crash
spec:
  containers:
  - name: app
    image: busybox
    command: ["sh", "-c", "echo starting; sleep 5; echo giving up; exit 1"]
`

const webDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`

// TestKubectl drives a served chain with the real kubectl binary, as a
// learner would: apply, get, watch a crash loop, describe, logs, scale,
// rollout status, delete, events, and a typo refused.
func TestKubectl(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	dir := k.dir
	require.NoError(t, os.WriteFile(filepath.Join(dir, "crash.yaml"), []byte(crashPod), 0o600))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "web.yaml"), []byte(webDeployment), 0o600))
	typo := strings.Replace(strings.Replace(crashPod, "image:", "imagee:", 1), "name: crash", "name: typo", 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "typo.yaml"), []byte(typo), 0o600))

	t.Run("apply", func(t *testing.T) {
		// Default validation: kubectl reads the OpenAPI documents and asks
		// the server to validate fields strictly.
		assert.Equal(t, "pod/crash created\ndeployment.apps/web created\n", k.ok("apply", "-f", "crash.yaml", "-f", "web.yaml"))
		assert.Equal(t, "deployment.apps/web unchanged\n", k.ok("apply", "-f", "web.yaml"))
	})
	t.Run("typo refused", func(t *testing.T) {
		_, errOut, err := k.run(30*time.Second, "apply", "-f", "typo.yaml")
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "kubectl apply of a typo: %v", err)
		assert.Equal(t, 1, exit.ExitCode())
		// Contains, not Equal: a loaded machine may add kubectl's own
		// client-side throttling notes to standard error.
		assert.Contains(t, errOut, `Error from server (BadRequest): error when creating "typo.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"`+"\n")
	})
	eventually(t, "web to have two ready pods", func() bool {
		out, _, err := k.run(10*time.Second, "get", "deployment", "web", "-o", "jsonpath={.status.readyReplicas}")
		return err == nil && out == "2"
	})
	t.Run("get -w", func(t *testing.T) {
		// The crash loop goes round (at 100x, a few wall seconds); the
		// watch ends once it has shown both states.
		out := k.watch([]string{"CrashLoopBackOff", "Running"}, "get", "pod", "crash", "-w")
		assert.Contains(t, out, "CrashLoopBackOff", "get -w")
		assert.Contains(t, out, "Running", "get -w")
		assert.True(t, strings.HasPrefix(out, "NAME    READY   STATUS"), "get -w header: %q", out)
	})
	t.Run("get pods", func(t *testing.T) {
		// Paused, the chain stands still, so kubectl's table and nucleus's
		// own are of the same instant.
		paused := true
		s.srv.Set(&paused, 0, 0)
		defer func() { paused = false; s.srv.Set(&paused, 0, 0) }()
		got := k.ok("get", "pods")
		var want bytes.Buffer
		s.srv.Do(func() {
			c := s.srv.Now()
			require.NoError(t, pod.PrintTable(&want, ledgerPods(t, s), c.Wall(), false))
		})
		assert.Equal(t, want.String(), got)
	})
	t.Run("get pods -o json", func(t *testing.T) {
		var list corev1.PodList
		require.NoError(t, json.Unmarshal([]byte(k.ok("get", "pods", "-o", "json")), &list))
		assert.Len(t, list.Items, 3)
		assert.Equal(t, "crash", list.Items[0].Name)
		assert.Equal(t, "Pod", list.Items[0].Kind)
	})
	t.Run("describe pod", func(t *testing.T) {
		out := k.ok("describe", "pod", "crash")
		assert.Regexp(t, `(?m)^Name:\s+crash$`, out)
		assert.Contains(t, out, "Events:")
		assert.Contains(t, out, "Back-off restarting failed container app in pod crash_default")
	})
	t.Run("logs", func(t *testing.T) {
		eventually(t, "a previous instance of crash", func() bool {
			out, _, err := k.run(10*time.Second, "logs", "crash", "--previous")
			return err == nil && out == "starting\ngiving up\n"
		})
		out := k.ok("logs", "crash")
		assert.True(t, strings.HasPrefix(out, "starting\n"), "logs crash: %q", out)
	})
	t.Run("scale and rollout status", func(t *testing.T) {
		assert.Equal(t, "deployment.apps/web scaled\n", k.ok("scale", "deployment", "web", "--replicas=3"))
		out := k.okWithin(waitLimit, "rollout", "status", "deployment", "web")
		assert.Contains(t, out, `deployment "web" successfully rolled out`)
	})
	t.Run("get events", func(t *testing.T) {
		out := k.ok("get", "events")
		assert.True(t, strings.HasPrefix(out, "LAST SEEN   TYPE      REASON"), "get events header: %q", out)
		assert.Contains(t, out, "Successfully assigned default/crash to store-1")
	})
	t.Run("delete pod", func(t *testing.T) {
		assert.Equal(t, `pod "crash" deleted`+"\n", k.ok("delete", "pod", "crash"))
		narration := s.narration.String()
		assert.Contains(t, narration, "scenario ScenarioAction pod/crash delete: pod crash", "the delete is narrated")
		assert.Contains(t, narration, "Deleted pod/crash Pod removed from head office")
	})
	t.Run("drain", func(t *testing.T) {
		// Reference: staging/src/k8s.io/kubectl/pkg/cmd/drain (cordon, then
		// evict every pod through the eviction subresource).
		out := k.okWithin(waitLimit, "drain", "store-1", "--ignore-daemonsets")
		assert.Contains(t, out, "node/store-1 cordoned")
		assert.Contains(t, out, "node/store-1 drained")
		assert.Contains(t, k.ok("get", "nodes"), "Ready,SchedulingDisabled")
		assert.Contains(t, s.narration.String(), "scenario ScenarioAction node/store-1 store: cordon store store-1")
	})
	t.Run("delete deployment", func(t *testing.T) {
		// Background propagation: the Deployment goes at once, its
		// ReplicaSets and pods after it.
		assert.Equal(t, `deployment.apps "web" deleted`+"\n", k.ok("delete", "deployment", "web"))
		eventually(t, "web's pods to be gone", func() bool {
			out, errOut, err := k.run(10*time.Second, "get", "pods,replicasets")
			return err == nil && out == "" && strings.Contains(errOut, "No resources found")
		})
	})
}

// kubeconfigFor is a kubeconfig for the server at ADDR.
const kubeconfigFor = `apiVersion: v1
kind: Config
clusters:
- name: nucleus
  cluster:
    server: ADDR
contexts:
- name: nucleus
  context: {cluster: nucleus, user: nucleus, namespace: default}
current-context: nucleus
users:
- name: nucleus
  user: {}
`
