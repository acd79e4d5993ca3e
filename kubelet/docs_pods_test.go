package kubelet_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
)

// The Kubernetes documentation's example manifests that need no volume
// (kubernetes/website content/en/examples: pods/, pods/inject/,
// pods/resource/, debug/, application/ and the multi-container pages),
// each run as a learner would run it and checked against what its page
// says. testdata/docs/CENSUS.md lists every manifest of those folders.

// pod returns a pod that must exist.
func (r *run) pod(t *testing.T, namespace, name string) *corev1.Pod {
	t.Helper()
	p, err := r.c.Pod(namespace, name)
	require.NoError(t, err)
	return p
}

// exec runs cmd in a pod's container as `kubectl exec` does and returns
// its result, after the loop has run it.
func (r *run) exec(t *testing.T, namespace, name, container string, cmd ...string) runtime.ExecResult {
	t.Helper()
	p := r.pod(t, namespace, name)
	store, ok := r.c.Store(p.Spec.NodeName)
	require.True(t, ok, "pod %s is on no store", name)
	cs := containerStatus(t, p, container)
	var res runtime.ExecResult
	done := false
	store.Runtime.ExecSync(strings.TrimPrefix(cs.ContainerID, "containerd://"), cmd, 10*time.Second,
		func(x runtime.ExecResult) { res, done = x, true })
	for i := 0; i < 100 && !done; i++ {
		r.c.RunFor(100 * time.Millisecond)
	}
	require.True(t, done, "exec %v in %s/%s did not end", cmd, name, container)
	return res
}

// Reference: https://kubernetes.io/docs/concepts/workloads/pods/ (pods/simple-pod.yaml:
// "kubectl apply -f https://k8s.io/examples/pods/simple-pod.yaml" makes a
// running nginx pod).
func TestDocsSimplePod(t *testing.T) {
	r := docsRun(t, "simple-pod.yaml", time.Minute)
	p := r.pod(t, "default", "nginx")
	assert.Equal(t, corev1.PodRunning, p.Status.Phase)
	assert.True(t, containerStatus(t, p, "nginx").Ready)
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/
// (pods/commands.yaml: the container runs printenv HOSTNAME
// KUBERNETES_PORT and completes; "The output shows the values of the
// HOSTNAME and KUBERNETES_PORT environment variables: command-demo
// tcp://10.3.240.1:443"). HOSTNAME is the runtime's; KUBERNETES_PORT is
// the kubelet's service link to the kubernetes Service, at kind's
// 10.96.0.1 where the page's cluster had 10.3.240.1.
func TestDocsCommands(t *testing.T) {
	r := docsRun(t, "commands.yaml", 30*time.Second)
	p := r.pod(t, "default", "command-demo")
	assert.Equal(t, corev1.PodSucceeded, p.Status.Phase)
	assert.Equal(t, "command-demo\ntcp://10.96.0.1:443\n", r.logs(t, "default", "command-demo", "command-demo-container"))
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/
// (pods/inject/envars.yaml: "kubectl exec envar-demo -- printenv" lists
// DEMO_GREETING=Hello from the environment and DEMO_FAREWELL=Such a sweet
// sorrow). The hello-app server meanwhile answers on 8080.
func TestDocsEnvars(t *testing.T) {
	r := docsRun(t, "envars.yaml", 30*time.Second)
	p := r.pod(t, "default", "envar-demo")
	require.Equal(t, corev1.PodRunning, p.Status.Phase)
	res := r.exec(t, "default", "envar-demo", "envar-demo-container", "printenv")
	assert.Equal(t, 0, res.ExitCode)
	assert.Contains(t, res.Stdout, "DEMO_GREETING=Hello from the environment\n")
	assert.Contains(t, res.Stdout, "DEMO_FAREWELL=Such a sweet sorrow\n")
	assert.Contains(t, r.logs(t, "default", "envar-demo", "envar-demo-container"), "Server listening on port 8080")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-memory-resource/
// memory-request-limit.yaml: the pod runs, using about 150 MiB ("the Pod
// is using about 162,900,000 bytes of memory, which is about 150 MiB");
// -2 (250M in a 100Mi limit): "the Container is being killed because it
// is out of memory (OOM)" (OOMKilled), restarted again and again; -3
// (1000Gi): "The output shows that the Pod status is PENDING", the event
// "0/1 nodes are available: 1 Insufficient memory".
func TestDocsAssignMemory(t *testing.T) {
	r := docsRunAll(t, 2*time.Minute, "memory-request-limit.yaml", "memory-request-limit-2.yaml", "memory-request-limit-3.yaml")

	demo := r.pod(t, "mem-example", "memory-demo")
	assert.Equal(t, corev1.PodRunning, demo.Status.Phase)
	store, _ := r.c.Store(demo.Spec.NodeName)
	used := store.Runtime.MemoryUsage(strings.TrimPrefix(containerStatus(t, demo, "memory-demo-ctr").ContainerID, "containerd://"))
	assert.InDelta(t, 150<<20, used, 5<<20, "about 150 MiB")

	oom := containerStatus(t, r.pod(t, "mem-example", "memory-demo-2"), "memory-demo-2-ctr")
	require.NotNil(t, oom.LastTerminationState.Terminated, "memory-demo-2 was killed")
	assert.Equal(t, "OOMKilled", oom.LastTerminationState.Terminated.Reason)
	assert.GreaterOrEqual(t, oom.RestartCount, int32(2))

	pending := r.pod(t, "mem-example", "memory-demo-3")
	assert.Equal(t, corev1.PodPending, pending.Status.Phase)
	failed := r.find("FailedScheduling", "memory-demo-3")
	require.NotEmpty(t, failed)
	assert.Contains(t, failed[0].Message, "Insufficient memory")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-cpu-resource/
// cpu-request-limit.yaml: vish/stress -cpus 2 under a limit of 1 CPU
// "is using 974 milliCPU, which is slightly less than the limit"; -2 (100
// CPUs): "The output shows that the Pod status is Pending", "Insufficient
// cpu".
func TestDocsAssignCPU(t *testing.T) {
	r := docsRunAll(t, time.Minute, "cpu-request-limit.yaml", "cpu-request-limit-2.yaml")
	demo := r.pod(t, "cpu-example", "cpu-demo")
	require.Equal(t, corev1.PodRunning, demo.Status.Phase)
	store, _ := r.c.Store(demo.Spec.NodeName)
	id := strings.TrimPrefix(containerStatus(t, demo, "cpu-demo-ctr").ContainerID, "containerd://")
	before, err := store.Runtime.ContainerStats(id)
	require.NoError(t, err)
	r.c.RunFor(10 * time.Second)
	after, err := store.Runtime.ContainerStats(id)
	require.NoError(t, err)
	cores := float64(after.UsageCoreNanoSeconds-before.UsageCoreNanoSeconds) / float64(10*time.Second)
	assert.InDelta(t, 1.0, cores, 0.05, "about one CPU, its limit")

	assert.Equal(t, corev1.PodPending, r.pod(t, "cpu-example", "cpu-demo-2").Status.Phase)
	failed := r.find("FailedScheduling", "cpu-demo-2")
	require.NotEmpty(t, failed)
	assert.Contains(t, failed[0].Message, "Insufficient cpu")
}

// Reference: https://kubernetes.io/docs/concepts/cluster-administration/logging/
// (debug/counter-pod.yaml: "kubectl logs counter" shows "0: Fri Apr  1
// 11:42:23 UTC 2022", "1: ...", one a second; counter-pod-err.yaml
// writes an "N: err" line to stderr after each, and kubectl logs shows
// both streams).
func TestDocsCounter(t *testing.T) {
	r := docsRunAll(t, 10*time.Second, "counter-pod.yaml", "counter-pod-err.yaml")
	logs := strings.Split(r.logs(t, "default", "counter", "count"), "\n")
	require.GreaterOrEqual(t, len(logs), 3)
	assert.Regexp(t, `^0: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$`, logs[0])
	assert.True(t, strings.HasPrefix(logs[1], "1: "), logs[1])
	errLogs := r.logs(t, "default", "counter-err", "count")
	assert.Contains(t, errLogs, "\n0: err\n1: ")
}

// Reference: https://kubernetes.io/docs/concepts/cluster-administration/logging/#streaming-sidecar-container
// (admin/logging/two-files-counter-pod-streaming-sidecar.yaml: count
// appends a line a second to /var/log/1.log and 2.log in an emptyDir; the
// sidecars count-log-1 and count-log-2 run tail -n+1 -F on them, so
// "kubectl logs counter count-log-1" prints "0: Fri Jan ...", "1: ...",
// and count-log-2 prints "... INFO 0", growing as the files grow).
func TestDocsStreamingSidecar(t *testing.T) {
	r := docsRun(t, "two-files-counter-pod-streaming-sidecar.yaml", 10*time.Second)
	first := strings.Split(strings.TrimSpace(r.logs(t, "default", "counter", "count-log-1")), "\n")
	require.GreaterOrEqual(t, len(first), 8, "a line a second, followed as the file grows")
	for i, line := range first {
		assert.Regexp(t, fmt.Sprintf(`^%d: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$`, i), line)
	}
	second := strings.Split(strings.TrimSpace(r.logs(t, "default", "counter", "count-log-2")), "\n")
	require.GreaterOrEqual(t, len(second), 8)
	assert.Regexp(t, ` INFO 0$`, second[0])
	assert.Regexp(t, fmt.Sprintf(` INFO %d$`, len(second)-1), second[len(second)-1])
	r.c.RunFor(5 * time.Second)
	later := strings.Split(strings.TrimSpace(r.logs(t, "default", "counter", "count-log-1")), "\n")
	assert.Greater(t, len(later), len(first), "the sidecar keeps following")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/attach-handler-lifecycle-event/
// (pods/lifecycle-events.yaml: "kubectl exec -it lifecycle-demo -- cat
// /usr/share/message" prints "Hello from the postStart handler").
func TestDocsLifecycleEvents(t *testing.T) {
	r := docsRun(t, "lifecycle-events.yaml", 30*time.Second)
	require.Equal(t, corev1.PodRunning, r.pod(t, "default", "lifecycle-demo").Status.Phase)
	res := r.exec(t, "default", "lifecycle-demo", "lifecycle-demo-container", "cat", "/usr/share/message")
	assert.Equal(t, "Hello from the postStart handler\n", res.Stdout)
}

// Reference: https://kubernetes.io/docs/concepts/workloads/pods/multi-container/
// (pods/multi-container/localhost.yaml: the client sidecar reaches nginx
// on localhost and prints the first lines of its page;
// resources.yaml: the init container runs, then the sidecar and the app
// run; ambassador.yaml: the socat sidecar listens on 5432 beside the app).
func TestDocsMultiContainer(t *testing.T) {
	r := docsRunAll(t, time.Minute, "multi-container-localhost.yaml", "multi-container-resources.yaml", "multi-container-ambassador.yaml")

	assert.Equal(t, corev1.PodRunning, r.pod(t, "default", "localhost-example").Status.Phase)
	client := r.logs(t, "default", "localhost-example", "client")
	// The sidecar starts first, so its first request may find nginx not
	// started yet (as on a real node); the next ones print the page's first
	// four lines.
	assert.Contains(t, client, "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<!DOCTYPE html>\n")

	res := r.pod(t, "default", "resources-example")
	assert.Equal(t, corev1.PodRunning, res.Status.Phase)
	assert.Equal(t, "setting up\n", r.logs(t, "default", "resources-example", "setup"))
	assert.NotNil(t, containerStatus(t, res, "log-shipper").State.Running)
	assert.NotNil(t, containerStatus(t, res, "app").State.Running)

	amb := r.pod(t, "default", "ambassador-sidecar-example")
	assert.Equal(t, corev1.PodRunning, amb.Status.Phase)
	assert.NotNil(t, containerStatus(t, amb, "ambassador-sidecar").State.Running)
	probe := r.exec(t, "default", "ambassador-sidecar-example", "main-app", "nc", "-z", "localhost", "5432")
	assert.Equal(t, 0, probe.ExitCode, "the ambassador listens on localhost:5432")
}

// Reference: https://kubernetes.io/docs/tasks/run-application/run-stateless-application-deployment/
// (application/deployment.yaml: "kubectl get pods -l app=nginx" lists two
// nginx:1.14.2 pods; deployment-update.yaml "creates new pods" with
// nginx:1.16.1 and deletes the old; deployment-scale.yaml leaves four).
func TestDocsDeployment(t *testing.T) {
	r := docsRun(t, "deployment.yaml", time.Minute)
	running := func(image string) int {
		n := 0
		for _, p := range r.c.Pods() {
			if p.Status.Phase == corev1.PodRunning && p.DeletionTimestamp == nil && p.Spec.Containers[0].Image == image {
				n++
			}
		}
		return n
	}
	assert.Equal(t, 2, running("nginx:1.14.2"))
	for _, file := range []string{"deployment-update.yaml", "deployment-scale.yaml"} {
		r.applyDocs(t, file)
		r.c.RunFor(2 * time.Minute)
	}
	assert.Equal(t, 0, running("nginx:1.14.2"))
	assert.Equal(t, 4, running("nginx:1.14.2")+running("nginx:1.16.1"), "scaled to four")
}

// Reference: https://kubernetes.io/docs/tutorials/stateless-application/guestbook/
// (application/guestbook/*: one redis leader, two followers and three
// frontend pods run; the frontend Service serves the Guestbook page).
func TestDocsGuestbook(t *testing.T) {
	r := docsRunAll(t, 2*time.Minute,
		"guestbook-redis-leader-deployment.yaml", "guestbook-redis-leader-service.yaml",
		"guestbook-redis-follower-deployment.yaml", "guestbook-redis-follower-service.yaml",
		"guestbook-frontend-deployment.yaml", "guestbook-frontend-service.yaml")
	for name, want := range map[string]int{"leader": 1, "follower": 2, "php-redis": 3} {
		assert.Len(t, r.podsOf(name), want, name)
	}
	var svc *corev1.Service
	for _, s := range r.c.Services() {
		if s.Name == "frontend" {
			svc = s
		}
	}
	require.NotNil(t, svc, "the frontend Service")
	frontends := r.podsOf("php-redis")
	require.NotEmpty(t, frontends)
	page := r.exec(t, "default", frontends[0].Name, "php-redis", "wget", "-qO-", "http://frontend/")
	assert.Equal(t, 0, page.ExitCode, page.Stderr)
	assert.Contains(t, page.Stdout, "<title>Guestbook</title>")
}

// Reference: https://kubernetes.io/docs/tasks/debug/debug-application/determine-reason-pod-failure/
// (debug/termination.yaml: after ten seconds the container ends,
// "exitCode: 0 ... reason: Completed", and its state's message is "Sleep
// expired", read from /dev/termination-log, the default
// terminationMessagePath; the page prints it as a `message: |` block,
// newline included).
func TestDocsTermination(t *testing.T) {
	r := docsRun(t, "termination.yaml", 30*time.Second)
	p := r.pod(t, "default", "termination-demo")
	cs := containerStatus(t, p, "termination-demo-container")
	require.NotNil(t, cs.LastTerminationState.Terminated, "%+v", cs)
	assert.Equal(t, int32(0), cs.LastTerminationState.Terminated.ExitCode)
	assert.Equal(t, "Completed", cs.LastTerminationState.Terminated.Reason)
	done := cs.LastTerminationState.Terminated
	assert.Equal(t, 10*time.Second, done.FinishedAt.Sub(done.StartedAt.Time), "sleep 10")
	assert.Equal(t, "Sleep expired\n", done.Message, "the page's `message: |` block keeps echo's newline")
}

// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/
// (pods/pod-configmap-env-var-valueFrom.yaml: `/bin/echo
// $(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY)` "produces the following output
// in the test-container container: very charm").
func TestDocsConfigMapEnvInCommand(t *testing.T) {
	r := docsRun(t, "configmap-env-var-valuefrom.yaml", 30*time.Second)
	assert.Equal(t, corev1.PodSucceeded, r.pod(t, "default", "dapi-test-pod").Status.Phase)
	assert.Equal(t, "very charm\n", r.logs(t, "default", "dapi-test-pod", "test-container"))
}

// Reference: https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/
// (secret-envars-pod.yaml: `echo "$SECRET_USERNAME"` and `echo
// "$SECRET_PASSWORD"` print my-app and 39528$vdg7Jb; pod-secret-envFrom.yaml:
// the Secret's keys username and password become variables).
func TestDocsSecretEnv(t *testing.T) {
	r := docsRun(t, "secret-envars.yaml", 30*time.Second)
	res := r.exec(t, "default", "secret-envars-test-pod", "envars-test-container", "/bin/sh", "-c", `echo "$SECRET_USERNAME"; echo "$SECRET_PASSWORD"`)
	assert.Equal(t, "my-app\n39528$vdg7Jb\n", res.Stdout)
	res = r.exec(t, "default", "envfrom-secret", "envars-test-container", "/bin/sh", "-c", `echo "username: $username"; echo "password: $password"`)
	assert.Equal(t, "username: my-app\npassword: 39528$vdg7Jb\n", res.Stdout)
}

// Reference: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset/
// (pods/pod-rs.yaml: two bare hello-app pods labelled tier=frontend, which
// run until a ReplicaSet adopts them).
func TestDocsPodRS(t *testing.T) {
	r := docsRun(t, "pod-rs.yaml", 30*time.Second)
	for _, name := range []string{"pod1", "pod2"} {
		assert.Equal(t, corev1.PodRunning, r.pod(t, "default", name).Status.Phase, name)
	}
	assert.Contains(t, r.logs(t, "default", "pod1", "hello1"), "Server listening on port 8080")
}

// podsOf returns the running pods whose first container is named name.
func (r *run) podsOf(name string) []*corev1.Pod {
	var out []*corev1.Pod
	for _, p := range r.c.Pods() {
		if p.Status.Phase == corev1.PodRunning && p.DeletionTimestamp == nil && p.Spec.Containers[0].Name == name {
			out = append(out, p)
		}
	}
	return out
}

// Reference: https://kubernetes.io/docs/concepts/workloads/management/
// (application/nginx-app.yaml: "kubectl apply -f" creates the Service
// my-nginx-svc and the Deployment my-nginx, three nginx pods, which the
// Service reaches; canary/app-v1-deployment.yaml and app-service.yaml:
// three stable hello-app 1.0 pods behind rollout-demo-service, port 80 to
// 8080).
func TestDocsManagingWorkloads(t *testing.T) {
	r := docsRunAll(t, 2*time.Minute, "nginx-app.yaml", "canary-app-v1-deployment.yaml", "canary-app-service.yaml")
	nginx := r.podsOf("nginx")
	require.Len(t, nginx, 3)
	page := r.exec(t, "default", nginx[0].Name, "nginx", "curl", "-s", "http://my-nginx-svc/")
	assert.Contains(t, page.Stdout, "Welcome to nginx!", page.Stderr)

	stable := r.podsOf("rollout-demo")
	require.Len(t, stable, 3)
	hello := r.exec(t, "default", stable[0].Name, "rollout-demo", "wget", "-qO-", "http://rollout-demo-service/")
	assert.Regexp(t, "^Hello, world!\nVersion: 1.0.0\nHostname: rollout-demo-stable-[a-z0-9]+-[a-z0-9]+\n$", hello.Stdout, hello.Stderr)
}
