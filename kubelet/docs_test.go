package kubelet_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/manifest"
)

// docsRun applies one of the Kubernetes documentation's example manifests
// (testdata/docs) to a one-store cluster and runs it for d.
func docsRun(t *testing.T, file string, d time.Duration) *run {
	t.Helper()
	path := filepath.Join("testdata", "docs", file)
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	docs, _, err := manifest.NewDecoder().Decode(path, data)
	require.NoError(t, err)
	r := newRun(t, cluster.Config{Seed: 1})
	for _, doc := range docs {
		require.NoError(t, r.c.Apply(doc.Object))
	}
	r.c.RunFor(d)
	return r
}

// logs returns what the current instance of a pod's container has written.
func (r *run) logs(t *testing.T, namespace, name, container string) string {
	t.Helper()
	p, err := r.c.Pod(namespace, name)
	require.NoError(t, err)
	store, ok := r.c.Store(p.Spec.NodeName)
	require.True(t, ok, "pod %s is on no store", name)
	for _, cs := range p.Status.ContainerStatuses {
		if cs.Name != container {
			continue
		}
		lines, err := store.Runtime.Logs(strings.TrimPrefix(cs.ContainerID, "containerd://"))
		require.NoError(t, err)
		var b strings.Builder
		for _, l := range lines {
			b.WriteString(l.Text + "\n")
		}
		return b.String()
	}
	t.Fatalf("pod %s has no container %s", name, container)
	return ""
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables/
// (pods/inject/dependent-envars.yaml): SERVICE_ADDRESS resolves, a
// reference to a variable defined later stays as written, and $$(PROTOCOL)
// is the literal text $(PROTOCOL). The page's log shows NAME=value lines
// its current manifest no longer prints: the manifest echoes each name,
// then printenv's value (and its UNCHANGE_REFERENCE typo prints nothing).
func TestDocsDependentEnvVars(t *testing.T) {
	r := docsRun(t, "dependent-envars.yaml", time.Minute)
	p, err := r.c.Pod("default", "dependent-envars-demo")
	require.NoError(t, err)
	require.Equal(t, corev1.PodRunning, p.Status.Phase)
	want := "\nSERVICE_ADDRESS\nhttps://172.17.0.1:80\nUNCHANGE_REFERENCE\nESCAPED_REFERENCE\n$(PROTOCOL)://172.17.0.1:80\n"
	require.True(t, strings.HasPrefix(r.logs(t, "default", "dependent-envars-demo", "dependent-envars-demo"), want),
		"logs:\n%s", r.logs(t, "default", "dependent-envars-demo", "dependent-envars-demo"))
}
