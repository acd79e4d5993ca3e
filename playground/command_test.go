package playground

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/nodenucleus/nucleus/narrate"
)

func TestReadCommands(t *testing.T) {
	s := open(t, "crash-loop")
	for _, tc := range []struct {
		line, want string
	}{
		{"kubectl get pods", "CrashLoopBackOff"},
		{"get po", "CrashLoopBackOff"},
		{"kubectl describe pod web", "Back-off restarting failed container app in pod web_default"},
		{"kubectl logs web --previous", ""},
		{"kubectl get events", "BackOff"},
		// The types nucleus get takes, through the same table.
		// Reference: k8s.io/kubectl/pkg/cmd/get/get.go (several types,
		// names prefixed by kind); client-go restmapper
		// category_expansion.go ("all").
		{"kubectl get pods,events", "pod/web"},
		{"kubectl get po,ev", "BackOff"},
		{"kubectl get all", "pod/web"},
		{"kubectl get nodes", "store-1"},
		{"kubectl get deploy", "No resources found in default namespace."},
		{"kubectl get pods -A", "NAMESPACE   NAME"},
	} {
		r, err := s.Command(time.Minute, tc.line, "")
		require.NoError(t, err, tc.line)
		assert.Contains(t, r.Output, tc.want, tc.line)
		assert.False(t, r.Changed, tc.line)
	}
}

// Reference: staging/src/k8s.io/kubectl/pkg/cmd/cmd.go (unknown command
// "x" for "kubectl") and the API server's NotFound message.
func TestCommandErrors(t *testing.T) {
	s := open(t, "crash-loop")
	for _, tc := range []struct {
		line, want string
	}{
		{"kubectl frobnicate", `unknown command "frobnicate" for "kubectl"`},
		{"kubectl describe pod nosuch", `pods "nosuch" not found`},
		{"kubectl logs", "usage: kubectl logs POD"},
		{"kubectl get pods --watch", "unknown flag: --watch"},
		{"kubectl get frobs", `the server doesn't have a resource type "frobs"`},
		{"kubectl get pods,frobs", `the server doesn't have a resource type "frobs"`},
		{"kubectl get pods web", "usage: kubectl get TYPE[,TYPE...]"},
		{"kubectl scale deployment web", "--replicas=COUNT is required"},
		{"kubectl delete pod nosuch", `pods "nosuch" not found`},
		{"", "type a kubectl command"},
	} {
		_, err := s.Command(time.Minute, tc.line, "")
		require.Error(t, err, tc.line)
		assert.Contains(t, err.Error(), tc.want, tc.line)
	}
	// A refused change leaves the session as it was.
	assert.Equal(t, example(t, "crash-loop").YAML, string(s.Export()))
}

// A pod deleted at one minute is gone after it; the session, exported and
// opened again, narrates exactly what the session narrates.
func TestDeleteIsAnActionThatReplays(t *testing.T) {
	s := open(t, "crash-loop")
	r, err := s.Command(time.Minute, "kubectl delete pod web", "")
	require.NoError(t, err)
	assert.Equal(t, "pod \"web\" deleted\n", r.Output)
	assert.True(t, r.Changed)
	exported := string(s.Export())
	assert.Contains(t, exported, "delete:")
	later, err := s.At(2 * time.Minute)
	require.NoError(t, err)
	assert.Equal(t, "No resources found in default namespace.\n", later.Pods)
	before, err := s.At(30 * time.Second)
	require.NoError(t, err)
	assert.Contains(t, before.Pods, "web")

	replay, err := Open("exported.yaml", []byte(exported))
	require.NoError(t, err)
	got, err := replay.Run(narrate.Both)
	require.NoError(t, err)
	want, err := s.Run(narrate.Both)
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Contains(t, joined(want.Lines), "delete: pod web")
}

func joined(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
}

// Reference: staging/src/k8s.io/kubectl/pkg/cmd/apply (apply prints
// KIND/NAME created, or configured for an object that exists).
func TestApplyTheEditorsYAML(t *testing.T) {
	s := open(t, "crash-loop")
	editor := example(t, "crash-loop").YAML + `---
apiVersion: v1
kind: Pod
metadata:
  name: extra
spec:
  containers:
  - name: app
    image: nginx:1.27
`
	r, err := s.Command(30*time.Second, "kubectl apply -f -", editor)
	require.NoError(t, err)
	assert.Equal(t, "pod/web configured\npod/extra created\n", r.Output)
	in, err := s.At(time.Minute)
	require.NoError(t, err)
	assert.Equal(t, "Running", column(t, in.Pods, "extra", "STATUS"))
	before, err := s.At(10 * time.Second)
	require.NoError(t, err)
	assert.NotContains(t, before.Pods, "extra")

	_, err = s.Command(30*time.Second, "kubectl apply -f -", "kind: Pod\napiVersion: v1\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    imagee: nginx\n")
	require.Error(t, err)
	assert.Equal(t, 8, ProblemOf(err).Line)
}

func TestScaleADeployment(t *testing.T) {
	s, err := Open("d.yaml", []byte(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`))
	require.NoError(t, err)
	r, err := s.Command(time.Minute, "kubectl scale deployment web --replicas=3", "")
	require.NoError(t, err)
	assert.Equal(t, "deployment.apps/web scaled\n", r.Output)
	in, err := s.At(2 * time.Minute)
	require.NoError(t, err)
	assert.Equal(t, 4, strings.Count(in.Pods, "\n"), in.Pods)
	in, err = s.At(30 * time.Second)
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(in.Pods, "\n"), in.Pods)
}
