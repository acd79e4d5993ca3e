package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// kubectl's habits either work or are answered in one line with the
// nucleus way.
func TestKubectlHabits(t *testing.T) {
	works := []struct {
		args []string
		same []string // the nucleus spelling that prints the same
	}{
		{[]string{"get", "pods", "-f", "testdata/web.yaml"}, []string{"get", "pods", "testdata/web.yaml"}},
		{[]string{"get", "svc", "--filename=testdata/web.yaml"}, []string{"get", "svc", "testdata/web.yaml"}},
		{[]string{"-f", "testdata/web.yaml", "get", "pods"}, []string{"get", "pods", "testdata/web.yaml"}},
		{[]string{"describe", "pod/web", "--filename", "testdata/web.yaml"}, []string{"describe", "pod", "web", "testdata/web.yaml"}},
		{[]string{"logs", "pod/web", "testdata/web.yaml"}, []string{"logs", "web", "testdata/web.yaml"}},
	}
	for _, w := range works {
		got, want := nucleus(t, "", w.args...), nucleus(t, "", w.same...)
		require.Equal(t, exitOK, want.code, "%v: %s", w.same, want.errOut)
		assert.Equal(t, want, got, "%v should do what %v does", w.args, w.same)
	}

	answered := []struct {
		args []string
		want string
	}{
		{[]string{"apply", "-f", "testdata/web.yaml"}, `nucleus has no cluster to apply to: every command runs the files it is given from time zero; try "nucleus run FILE..."`},
		{[]string{"create", "-f", "testdata/web.yaml"}, "nucleus has no cluster to create to"},
		{[]string{"delete", "pod", "web"}, "a Scenario document's timed actions do (spec.actions"},
		{[]string{"get", "pods", "-w", "testdata/web.yaml"}, `to watch a run unfold, use "nucleus run FILE..."`},
		{[]string{"get", "pod/web", "testdata/web.yaml"}, `try "nucleus get pod FILE...", or "nucleus describe pod web FILE..." for one`},
		{[]string{"get", "ingress", "testdata/web.yaml"}, "Ingress is a Kubernetes kind that nucleus does not simulate; it simulates pods, services, endpointslices, nodes, deployments, replicasets, replicationcontrollers, jobs, cronjobs, horizontalpodautoscalers, events, namespaces, configmaps, secrets, statefulsets, daemonsets, persistentvolumeclaims, persistentvolumes, storageclasses, poddisruptionbudgets"},
		{[]string{"describe", "sa", "x", "testdata/web.yaml"}, "ServiceAccount is a Kubernetes kind that nucleus does not simulate; it simulates pod, service"},
		{[]string{"get", "podz", "testdata/web.yaml"}, `the server doesn't have a resource type "podz"; did you mean "pods"?`},
		{[]string{"describe", "podd", "web", "testdata/web.yaml"}, `did you mean "node" or "pod" or "poddisruptionbudget"?`},
		{[]string{"gt", "pods"}, `unknown command "gt" for "nucleus"; did you mean "get"?`},
	}
	for _, a := range answered {
		r := nucleus(t, "", a.args...)
		assert.Equal(t, exitUsage, r.code, "%v exit code", a.args)
		assert.Empty(t, r.out, "%v prints nothing on standard output", a.args)
		first, _, _ := strings.Cut(r.errOut, "\n")
		assert.Contains(t, first, a.want, "%v: the first line of stderr", a.args)
	}
}

// A flag whose usage says its own default does not also show pflag's.
func TestHelpSaysEachDefaultOnce(t *testing.T) {
	for _, cmd := range [][]string{{"run"}, {"events"}, {"timeline"}, {"diff"}, {"customers"}, {"get", "pods"}, {"describe", "pod"}, {"check"}} {
		r := nucleus(t, "", append(cmd, "--help")...)
		require.Equal(t, exitOK, r.code)
		for _, line := range strings.Split(r.out, "\n") {
			if strings.Contains(line, "default:") {
				assert.NotContains(t, line, "(default ", "%v --help: %s", cmd, line)
			}
		}
	}
}
