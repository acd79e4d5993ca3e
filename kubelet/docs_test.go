package kubelet_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/cluster"
)

// docsRun applies one of the Kubernetes documentation's example manifests
// (testdata/docs) to a one-store cluster and runs it for d.
func docsRun(t *testing.T, file string, d time.Duration) *run {
	t.Helper()
	return docsRunAll(t, d, file)
}

// docsRunAll is docsRun for several manifests, applied in order.
func docsRunAll(t *testing.T, d time.Duration, files ...string) *run {
	t.Helper()
	r := newRun(t, cluster.Config{Seed: 1})
	for _, file := range files {
		r.applyDocs(t, file)
	}
	r.c.RunFor(d)
	return r
}

// logs returns what the current instance of a pod's container (init or
// regular) has written.
func (r *run) logs(t *testing.T, namespace, name, container string) string {
	t.Helper()
	p, err := r.c.Pod(namespace, name)
	require.NoError(t, err)
	store, ok := r.c.Store(p.Spec.NodeName)
	require.True(t, ok, "pod %s is on no store", name)
	cs := containerStatus(t, p, container)
	lines, err := store.Runtime.Logs(strings.TrimPrefix(cs.ContainerID, "containerd://"))
	require.NoError(t, err)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l.Text + "\n")
	}
	return b.String()
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

// containerStatus returns the status of container name of pod p (init or
// regular).
func containerStatus(t *testing.T, p *corev1.Pod, name string) corev1.ContainerStatus {
	t.Helper()
	for _, list := range [][]corev1.ContainerStatus{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for _, cs := range list {
			if cs.Name == name {
				return cs
			}
		}
	}
	t.Fatalf("pod %s has no status for container %s", p.Name, name)
	return corev1.ContainerStatus{}
}

// Reference: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-restart-rules
// (ContainerRestartRules, beta and on in 1.35): "try-once-container ...
// will run only once", "If the init container fails, the Pod fails", and
// restart-on-exit-codes is restarted only when it exits with 42.
func TestDocsContainerRestartRules(t *testing.T) {
	r := docsRun(t, "container-restart-rules.yaml", 3*time.Minute)
	get := func(name string) *corev1.Pod {
		p, err := r.c.Pod("default", name)
		require.NoError(t, err)
		return p
	}

	onFailure := get("on-failure-pod")
	assert.Equal(t, corev1.PodRunning, onFailure.Status.Phase)
	once := containerStatus(t, onFailure, "try-once-container")
	require.NotNil(t, once.State.Terminated, "try-once-container: %+v", once.State)
	assert.Equal(t, int32(1), once.State.Terminated.ExitCode)
	assert.Equal(t, int32(0), once.RestartCount, "try-once-container runs only once")
	assert.NotNil(t, containerStatus(t, onFailure, "on-failure-container").State.Running)

	initFails := get("fail-pod-if-init-fails")
	assert.Equal(t, corev1.PodFailed, initFails.Status.Phase, "the init container failed once: the pod fails")
	assert.Equal(t, int32(0), containerStatus(t, initFails, "init-once").RestartCount)
	assert.Nil(t, containerStatus(t, initFails, "main-container").State.Running, "main-container never starts")

	exit0 := get("restart-on-exit-codes")
	assert.Equal(t, corev1.PodSucceeded, exit0.Status.Phase, "exit 0 is not 42: not restarted, the pod is done")
	assert.Equal(t, int32(0), containerStatus(t, exit0, "restart-on-exit-codes").RestartCount)

	exit42 := get("exits-with-42")
	assert.Equal(t, corev1.PodRunning, exit42.Status.Phase, "a container that will be restarted keeps its Never pod Running")
	worker := containerStatus(t, exit42, "worker")
	assert.GreaterOrEqual(t, worker.RestartCount, int32(3), "restarted in place on 42, with back-off")
	if last := worker.LastTerminationState.Terminated; assert.NotNil(t, last) {
		assert.Equal(t, int32(42), last.ExitCode)
	}
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/
// ("the Pod's output includes environment variables SPECIAL_LEVEL_KEY=very
// and LOG_LEVEL=INFO"; with envFrom, "SPECIAL_LEVEL=very and
// SPECIAL_TYPE=charm"). The pods run env once and complete.
func TestDocsConfigMapEnv(t *testing.T) {
	for file, want := range map[string][]string{
		"configmap-env.yaml":     {"SPECIAL_LEVEL_KEY=very\n", "LOG_LEVEL=INFO\n"},
		"configmap-envfrom.yaml": {"SPECIAL_LEVEL=very\n", "SPECIAL_TYPE=charm\n"},
	} {
		r := docsRun(t, file, 30*time.Second)
		p, err := r.c.Pod("default", "dapi-test-pod")
		require.NoError(t, err)
		assert.Equal(t, corev1.PodSucceeded, p.Status.Phase, file)
		logs := r.logs(t, "default", "dapi-test-pod", "test-container")
		for _, w := range want {
			assert.Contains(t, logs, w, file)
		}
	}
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/environment-variable-expose-pod-information/
// (the fieldRef pod prints its node, name, namespace and IP; the
// resourceFieldRef pod prints "1 1 33554432 67108864": 125m and 250m of
// CPU rounded up to whole cores, 32Mi and 64Mi in bytes);
// pkg/kubelet/kubelet_pods.go (podFieldSelectorRuntimeValue);
// pkg/api/v1/resource/helpers.go (ExtractContainerResourceValue).
func TestDocsDownwardAPIEnv(t *testing.T) {
	r := docsRun(t, "dapi-envars-pod.yaml", 15*time.Second)
	p, err := r.c.Pod("default", "dapi-envars-fieldref")
	require.NoError(t, err)
	want := "\n" + p.Spec.NodeName + "\ndapi-envars-fieldref\ndefault\n" + p.Status.PodIP + "\n"
	require.NotEmpty(t, p.Status.PodIP)
	assert.True(t, strings.HasPrefix(r.logs(t, "default", "dapi-envars-fieldref", "test-container"), want),
		"logs:\n%s", r.logs(t, "default", "dapi-envars-fieldref", "test-container"))

	r = docsRun(t, "dapi-envars-container.yaml", 15*time.Second)
	assert.True(t, strings.HasPrefix(r.logs(t, "default", "dapi-envars-resourcefieldref", "test-container"), "\n1\n1\n33554432\n67108864\n"),
		"logs:\n%s", r.logs(t, "default", "dapi-envars-resourcefieldref", "test-container"))
}
