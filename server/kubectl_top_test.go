package server_test

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/kubectl"
	"github.com/nodenucleus/nucleus/metrics"
)

// phpApache is the HPA walkthrough's php-apache Deployment with a load
// generator, so that its pods burn CPU.
const phpApache = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  replicas: 2
  selector:
    matchLabels: {run: php-apache}
  template:
    metadata:
      labels: {run: php-apache}
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          requests: {cpu: 200m}
          limits: {cpu: 500m}
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
spec:
  ports:
  - port: 80
  selector: {run: php-apache}
---
apiVersion: v1
kind: Pod
metadata:
  name: load-generator
spec:
  restartPolicy: Never
  containers:
  - name: load-generator
    image: busybox:1.28
    command: ["/bin/sh", "-c", "while sleep 0.01; do wget -q -O- http://php-apache; done"]
`

// TestKubectlTop: the real `kubectl top pods` and `kubectl top nodes` read
// the chain's metrics-server through the Metrics API (metrics.k8s.io
// v1beta1, found by discovery) and print what `nucleus top` prints from
// the same figures.
// Reference: staging/src/k8s.io/kubectl/pkg/cmd/top/top_pod.go and
// top_node.go (the Metrics API must be in discovery; "metrics not
// available yet"), staging/src/k8s.io/metrics/pkg/apis/metrics/v1beta1/types.go.
func TestKubectlTop(t *testing.T) {
	s := serve(t, oneStore, 100)
	k := newKubectl(t, s)
	require.NoError(t, os.WriteFile(filepath.Join(k.dir, "php.yaml"), []byte(phpApache), 0o600))

	// Nothing runs yet: no metrics, and kubectl says so as against a
	// cluster whose metrics-server has no figures.
	errOut := k.fails("top", "nodes")
	assert.Contains(t, errOut, "error: metrics not available yet")
	assert.NotContains(t, errOut, "Metrics API not available")

	k.ok("apply", "-f", "php.yaml")
	eventually(t, "the metrics-server to have figures for the three pods", func() bool {
		var n int
		s.srv.Do(func() { n = len(s.run.Cluster.Metrics().AllPodMetrics()) })
		return n == 3
	})
	// Stop virtual time, so that kubectl and nucleus read one scrape.
	resp, err := http.Post(s.addr+"/nucleus/v1/clock?pause=true", "", nil)
	require.NoError(t, err)
	require.NoError(t, resp.Body.Close())
	require.Equal(t, http.StatusOK, resp.StatusCode)
	var pods, nodes bytes.Buffer
	s.srv.Do(func() {
		m := s.run.Cluster.Metrics()
		var all []metrics.PodMetrics
		for _, pm := range m.AllPodMetrics() {
			if pm.Namespace == "default" {
				all = append(all, pm)
			}
		}
		require.NoError(t, kubectl.PrintTopPods(&pods, all))
		require.NoError(t, kubectl.PrintTopNodes(&nodes, s.run.Cluster.API().Nodes.List(), m))
	})
	// kubectl's tab writer pads the last column too; nucleus trims it.
	topPods := trimLines(k.ok("top", "pods"))
	assert.Equal(t, pods.String(), topPods)
	assert.Regexp(t, `(?m)^php-apache-\S+\s+[1-9]\d*m\s+\d+Mi$`, topPods, "php-apache burns CPU under load")
	assert.Equal(t, nodes.String(), trimLines(k.ok("top", "nodes")))

	// A label selector and a single pod, as kubectl asks for them.
	assert.NotContains(t, k.ok("top", "pods", "-l", "run=php-apache"), "load-generator")
	one := trimLines(k.ok("top", "pod", "load-generator"))
	assert.Regexp(t, `^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\nload-generator\s+\d+m\s+\d+Mi\n$`, one)
	errOut = k.fails("top", "pod", "nobody")
	assert.Contains(t, errOut, `Error from server (NotFound): pods "nobody" not found`)

	// `kubectl get` reads the Metrics API too, as metrics-server prints it.
	assert.Regexp(t, `(?m)^NAME\s+CPU\s+MEMORY\s+WINDOW\nstore-1\s+\d+m\s+\S+\s+15s$`, k.ok("get", "nodemetrics"))
}

// trimLines drops the spaces that end each line.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
