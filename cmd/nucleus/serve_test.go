package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/rest"

	"github.com/nodenucleus/nucleus/server"
)

// TestServeRecordReplays serves a chain, drives it with client-go at a
// fast pace, stops it, and runs the recording twice: both runs are byte
// for byte the same, and their narration is the served narration.
func TestServeRecordReplays(t *testing.T) {
	dir := t.TempDir()
	record := filepath.Join(dir, "session.yaml")
	ready := make(chan string, 1)
	o := &serveOptions{
		listen: "127.0.0.1:0", kubeconfig: filepath.Join(dir, "kubeconfig"), pace: "100x", voice: "both", record: record,
		ready: func(addr string, _ *server.Server) { ready <- addr },
	}
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- o.serve(ctx, streams{in: strings.NewReader(""), out: &out, errOut: &errOut, clock: systemClock{}}, nil)
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped before it listened: %v\n%s", err, errOut.String())
	}
	kubeconfig, err := os.ReadFile(o.kubeconfig)
	require.NoError(t, err)
	assert.Contains(t, string(kubeconfig), "server: "+addr)

	client, err := kubernetes.NewForConfig(&rest.Config{Host: addr})
	require.NoError(t, err)
	drive(t, client)
	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, errOut.String(), "export KUBECONFIG="+o.kubeconfig)
	served := out.String()
	require.Contains(t, served, "ScenarioAction", "the clients' changes are narrated")

	if data, err := os.ReadFile(record); err == nil {
		t.Logf("recording:\n%s", data)
	}
	first := nucleus(t, "", "run", record)
	second := nucleus(t, "", "run", record)
	require.Equal(t, exitOK, first.code, first.errOut)
	assert.Equal(t, first.out, second.out, "two runs of the recording")
	replayed, _, ok := strings.Cut(first.out, "\nAt ")
	require.True(t, ok, "the run ends with the pods table: %q", first.out)
	assert.Equal(t, served, replayed, "the replay's narration is the served narration")
}

// drive makes the changes a learner would: a Deployment, a scale, a new
// image, a pod, its label and image, a node's label, and the pod's
// deletion, a little time apart.
func drive(t *testing.T, client *kubernetes.Clientset) {
	t.Helper()
	ctx := context.Background()
	labels := map[string]string{"app": "web"}
	two := int32(2)
	d := &appsv1.Deployment{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: appsv1.DeploymentSpec{
			Replicas: &two, Selector: &metav1.LabelSelector{MatchLabels: labels},
			Template: corev1.PodTemplateSpec{ObjectMeta: metav1.ObjectMeta{Labels: labels},
				Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}}},
		},
	}
	_, err := client.AppsV1().Deployments("default").Create(ctx, d, metav1.CreateOptions{})
	require.NoError(t, err)
	time.Sleep(50 * time.Millisecond)
	_, err = client.AppsV1().Deployments("default").Patch(ctx, "web", types.MergePatchType, []byte(`{"spec":{"replicas":3}}`), metav1.PatchOptions{}, "scale")
	require.NoError(t, err)
	time.Sleep(50 * time.Millisecond)
	_, err = client.AppsV1().Deployments("default").Patch(ctx, "web", types.StrategicMergePatchType,
		[]byte(`{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "sleeper"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app", Image: "busybox", Command: []string{"sleep", "3600"}}}}}
	_, err = client.CoreV1().Pods("default").Create(ctx, p, metav1.CreateOptions{})
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond)
	// Updates: a label, a new image (the container restarts), a node's
	// label; each is an update action in the recording.
	_, err = client.CoreV1().Pods("default").Patch(ctx, "sleeper", types.MergePatchType, []byte(`{"metadata":{"labels":{"tier":"back"}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	_, err = client.CoreV1().Pods("default").Patch(ctx, "sleeper", types.JSONPatchType, []byte(`[{"op":"replace","path":"/spec/containers/0/image","value":"busybox:1.37"}]`), metav1.PatchOptions{})
	require.NoError(t, err)
	_, err = client.CoreV1().Nodes().Patch(ctx, "store-1", types.StrategicMergePatchType, []byte(`{"metadata":{"labels":{"zone":"front"}}}`), metav1.PatchOptions{})
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond)
	require.NoError(t, client.CoreV1().Pods("default").Delete(ctx, "sleeper", metav1.DeleteOptions{}))
	time.Sleep(100 * time.Millisecond)
}

// TestServeLivePage serves the live page at / beside the API: the
// playground's page in live mode, its script and style, the store
// picture, and the API's paths as before.
func TestServeLivePage(t *testing.T) {
	dir := t.TempDir()
	ready := make(chan string, 1)
	o := &serveOptions{
		listen: "127.0.0.1:0", kubeconfig: filepath.Join(dir, "kubeconfig"), pace: "10x", voice: "both",
		ready: func(addr string, _ *server.Server) { ready <- addr },
	}
	var out, errOut bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- o.serve(ctx, streams{in: strings.NewReader(""), out: &out, errOut: &errOut, clock: systemClock{}}, []string{"../../scenarios/crash-loop.yaml"})
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve stopped before it listened: %v\n%s", err, errOut.String())
	}
	defer func() { cancel(); require.NoError(t, <-done) }()
	get := func(path string) (string, string) {
		res, err := http.Get(addr + path)
		require.NoError(t, err)
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode, path)
		return res.Header.Get("Content-Type"), string(body)
	}
	kind, body := get("/")
	assert.Equal(t, "text/html; charset=utf-8", kind)
	assert.Contains(t, body, `data-mode="live"`)
	_, script := get("/app.js")
	assert.Contains(t, script, "?watch=1", "the live page follows the API's watches")
	kind, svg := get("/nucleus/picture.svg")
	assert.Equal(t, "image/svg+xml", kind)
	assert.Contains(t, svg, "crash-loop: the chain at")
	_, pods := get("/api/v1/namespaces/default/pods")
	assert.Contains(t, pods, `"name":"web"`)
}
