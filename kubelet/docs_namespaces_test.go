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

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
// (pods/share-process-namespace.yaml: `ps ax` in the shell container
// lists /pause as PID 1, nginx's master and worker (user 101) and the
// shell's own processes; `kill -HUP` of the master gives nginx a new
// worker; /proc/$pid/root shows the nginx container's files).
// The PIDs follow from runc's numbering: pause is 1, nginx's entrypoint
// 2 (its 27 helpers use 3 to 29), its worker 30, the shell's sleep 31.
func TestDocsShareProcessNamespace(t *testing.T) {
	r := docsRun(t, "share-process-namespace.yaml", time.Minute)
	p := r.pod(t, "default", "nginx")
	require.Equal(t, corev1.PodRunning, p.Status.Phase)

	ps := r.exec(t, "default", "nginx", "shell", "ps", "ax")
	require.Equal(t, 0, ps.ExitCode, ps.Stderr)
	assert.Equal(t, "PID   USER     TIME  COMMAND\n"+
		"    1 root      0:00 /pause\n"+
		"    2 root      0:00 nginx: master process nginx -g daemon off;\n"+
		"   30 101       0:00 nginx: worker process\n"+
		"   31 root      0:00 sleep 3600\n"+
		"   32 root      0:00 ps ax\n", ps.Stdout)

	hup := r.exec(t, "default", "nginx", "shell", "kill", "-HUP", "2")
	require.Equal(t, 0, hup.ExitCode, hup.Stderr)
	r.c.RunFor(time.Second)
	ps = r.exec(t, "default", "nginx", "shell", "ps", "ax")
	assert.Equal(t, "PID   USER     TIME  COMMAND\n"+
		"    1 root      0:00 /pause\n"+
		"    2 root      0:00 nginx: master process nginx -g daemon off;\n"+
		"   31 root      0:00 sleep 3600\n"+
		"   34 101       0:00 nginx: worker process\n"+
		"   35 root      0:00 ps ax\n", ps.Stdout)
	logs := r.logs(t, "default", "nginx", "nginx")
	assert.Contains(t, logs, "[notice] 2#2: signal 1 (SIGHUP) received, reconfiguring")
	assert.Contains(t, logs, "[notice] 2#2: start worker process 34")
	assert.Contains(t, logs, "[notice] 30#30: gracefully shutting down")
	assert.Equal(t, int32(0), containerStatus(t, r.pod(t, "default", "nginx"), "nginx").RestartCount)

	head := r.exec(t, "default", "nginx", "shell", "head", "/proc/2/root/etc/nginx/nginx.conf")
	require.Equal(t, 0, head.ExitCode, head.Stderr)
	assert.True(t, strings.HasPrefix(head.Stdout, "\nuser  nginx;\nworker_processes  auto;\n"), head.Stdout)
	cmdline := r.exec(t, "default", "nginx", "shell", "cat", "/proc/31/cmdline")
	assert.Equal(t, "sleep\x003600\x00", cmdline.Stdout)

	// A killed worker is respawned; kill -1 of the pause container
	// (no handler for SIGHUP) changes nothing.
	kill := r.exec(t, "default", "nginx", "shell", "kill", "-9", "34")
	require.Equal(t, 0, kill.ExitCode, kill.Stderr)
	r.c.RunFor(time.Second)
	assert.Contains(t, r.logs(t, "default", "nginx", "nginx"), "[alert] 2#2: worker process 34 exited on signal 9")
	missing := r.exec(t, "default", "nginx", "shell", "kill", "99")
	assert.Equal(t, 1, missing.ExitCode)
	assert.Equal(t, "kill: can't kill pid 99: No such process\n", missing.Stderr)
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
// ("The container process no longer has PID 1 ... kill -HUP 1 will signal
// the pod sandbox"): the shell container's sleep is not PID 1, so an
// untrapped SIGTERM kills it (143), where PID 1 would ignore it.
// Reference: https://man7.org/linux/man-pages/man7/pid_namespaces.7.html
func TestSharedNamespaceProcessIsNotPID1(t *testing.T) {
	r := docsRun(t, "share-process-namespace.yaml", time.Minute)
	res := r.exec(t, "default", "nginx", "nginx", "kill", "-s", "TERM", "31")
	require.Equal(t, 0, res.ExitCode, res.Stderr)
	r.c.RunFor(time.Second)
	cs := containerStatus(t, r.pod(t, "default", "nginx"), "shell")
	require.NotNil(t, cs.LastTerminationState.Terminated, "the shell's sleep died")
	assert.Equal(t, int32(143), cs.LastTerminationState.Terminated.ExitCode)
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/
// ("kill -HUP 1 will signal the pod sandbox"), build/pause/linux/pause.c
// (SIGTERM makes pause exit), pid_namespaces(7) (the init's death kills
// the namespace) and pkg/kubelet/kuberuntime/kuberuntime_manager.go
// (computePodActions: a sandbox that is not ready is killed and
// re-created, "SandboxChanged: Pod sandbox changed, it will be killed and
// re-created.", and the containers start again in the new one, each
// restart counted). `kill 1` from the shell ends pause, nginx and the
// shell (137), and the kubelet makes the pod a new sandbox.
func TestKillingPauseRecreatesTheSandbox(t *testing.T) {
	r := docsRun(t, "share-process-namespace.yaml", time.Minute)
	before := r.pod(t, "default", "nginx")
	res := r.exec(t, "default", "nginx", "shell", "kill", "1")
	require.Equal(t, 0, res.ExitCode, res.Stderr)
	r.c.RunFor(time.Minute)

	changed := r.find("SandboxChanged", "nginx")
	require.Len(t, changed, 1)
	assert.Equal(t, "Pod sandbox changed, it will be killed and re-created.", changed[0].Message)
	p := r.pod(t, "default", "nginx")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
	for _, name := range []string{"nginx", "shell"} {
		cs := containerStatus(t, p, name)
		assert.Equal(t, int32(1), cs.RestartCount, name)
		assert.NotNil(t, cs.State.Running, name)
		last := cs.LastTerminationState.Terminated
		require.NotNil(t, last, name)
		assert.Equal(t, int32(137), last.ExitCode, "%s: killed with its PID namespace", name)
		assert.Equal(t, "Error", last.Reason, name)
	}
	assert.NotEqual(t, before.Status.PodIP, p.Status.PodIP, "a new sandbox, a new address")
	ps := r.exec(t, "default", "nginx", "shell", "ps", "ax")
	assert.True(t, strings.HasPrefix(ps.Stdout, "PID   USER     TIME  COMMAND\n    1 root      0:00 /pause\n"), "a new pause is PID 1: %s", ps.Stdout)
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/user-namespaces/
// (pods/user-namespaces-stateless.yaml: /proc/self/uid_map inside shows
// "0 833617920 65536", a range of 65536 IDs from a multiple of 65536, and
// readlink /proc/self/ns/user names a namespace other than the host's
// user:[4026531837]).
func TestDocsUserNamespace(t *testing.T) {
	r := docsRun(t, "user-namespaces-stateless.yaml", time.Minute)
	p := r.pod(t, "default", "userns")
	require.Equal(t, corev1.PodRunning, p.Status.Phase)
	res := r.exec(t, "default", "userns", "shell", "cat", "/proc/self/uid_map")
	require.Equal(t, 0, res.ExitCode, res.Stderr)
	f := strings.Fields(res.Stdout)
	require.Len(t, f, 3, res.Stdout)
	assert.Equal(t, "0", f[0])
	assert.Equal(t, "65536", f[2])
	assert.NotEqual(t, "0", f[1])
	assert.True(t, strings.HasSuffix(res.Stdout, "\n") && strings.HasPrefix(res.Stdout, "         0 "), "%q", res.Stdout)
	var start int
	for _, c := range f[1] {
		start = start*10 + int(c-'0')
	}
	assert.Zero(t, start%65536, "the range starts at a multiple of 65536: %d", start)

	ns := r.exec(t, "default", "userns", "shell", "readlink", "/proc/self/ns/user")
	assert.Regexp(t, `^user:\[\d+\]\n$`, ns.Stdout)
	assert.NotEqual(t, "user:[4026531837]\n", ns.Stdout)

	// Without hostUsers: false the pod is in the store's namespace.
	r2 := docsRun(t, "simple-pod.yaml", time.Minute)
	host := r2.exec(t, "default", "nginx", "nginx", "cat", "/proc/self/uid_map")
	assert.Equal(t, "         0          0 4294967295\n", host.Stdout)

	node := r.c.Nodes()[0]
	require.NotEmpty(t, node.Status.RuntimeHandlers)
	for _, h := range node.Status.RuntimeHandlers {
		assert.True(t, *h.Features.UserNamespaces, h.Name)
	}
}

// Reference: pkg/kubelet/userns/userns_manager.go
// (GetOrCreateUserNamespaceMappings: "can't set `spec.hostUsers: false`,
// runtime does not support user namespaces"): a store whose runtime
// lacks them gives the pod no sandbox.
func TestUserNamespaceWithoutRuntimeSupport(t *testing.T) {
	r := newRun(t, cluster.Config{Seed: 1, Stores: []cluster.StoreConfig{{Name: "store-1", NoUserNamespaces: true}}})
	r.applyDocs(t, "user-namespaces-stateless.yaml")
	r.c.RunFor(time.Minute)
	p := r.pod(t, "default", "userns")
	assert.Equal(t, corev1.PodPending, p.Status.Phase)
	found := r.find("FailedCreatePodSandBox", "")
	require.NotEmpty(t, found)
	assert.Equal(t, "Failed to create pod sandbox: can't set `spec.hostUsers: false`, runtime does not support user namespaces", found[0].Message)
	node := r.c.Nodes()[0]
	assert.False(t, *node.Status.RuntimeHandlers[0].Features.UserNamespaces)
}
