package kubelet_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/cluster"
	"github.com/nodenucleus/nucleus/sim"
)

// Reference: kubelet.md §6.2 steps 4, 6 and 7 (killContainer: the preStop
// hook runs first within the grace period, the whole seconds it took come
// out of it, then StopContainer with what is left, at least 2s;
// kuberuntime_container.go executePreStopHook; lifecycle/handlers.go).
func TestPreStopHookSharesTheGracePeriod(t *testing.T) {
	execHook := func(cmd ...string) *corev1.LifecycleHandler {
		return &corev1.LifecycleHandler{Exec: &corev1.ExecAction{Command: cmd}}
	}
	httpHook := func(port int) *corev1.LifecycleHandler {
		return &corev1.LifecycleHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/", Port: intstr.FromInt(port)}}
	}
	for _, tc := range []struct {
		name       string
		image      string // "" for a busybox that ignores SIGTERM
		hook       *corev1.LifecycleHandler
		grace      int64
		wantExit   time.Duration // after the deletion
		wantFailed bool          // a FailedPreStopHook event
	}{
		{"exec sleep 5: the rest of the 20s goes to the stop", "", execHook("sh", "-c", "sleep 5"), 20, secs(20), false},
		{"sleep action 3s out of 10s", "", &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 3}}, 10, secs(10), false},
		// The abandoned exec dies with its container (137): that failure
		// is reported too, as on a real node.
		{"hook longer than the grace period: abandoned, then the 2s floor", "", execHook("sh", "-c", "sleep 60"), 10, secs(12), true},
		{"failing exec hook: event, termination goes on", "", execHook("sh", "-c", "exit 1"), 10, secs(10), true},
		{"httpGet to nginx, which then stops on SIGQUIT", "nginx:1.27", httpHook(80), 30, 0, false},
		{"httpGet to a closed port fails", "nginx:1.27", httpHook(8080), 30, 0, true},
		{"grace 1: the hook gets 1s, then the 2s floor", "", execHook("sh", "-c", "sleep 5"), 1, secs(3), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := sleeper("app")
			if tc.image != "" {
				c = corev1.Container{Name: "app", Image: tc.image}
			}
			c.Lifecycle = &corev1.Lifecycle{PreStop: tc.hook}
			r := newRun(t, cluster.Config{Seed: 1}, podOf("web", 30, c))
			r.c.RunFor(time.Minute)
			del := r.c.Now()
			grace := tc.grace
			require.NoError(t, r.c.DeletePod("default", "web", &grace))
			r.c.RunFor(time.Minute)
			exited, ok := r.exitTimes("web")["app"]
			require.True(t, ok, "app never exited")
			assert.Equal(t, tc.wantExit, exited.Sub(del), "app exited %v after the deletion, want %v", exited.Sub(del), tc.wantExit)
			failed := r.find("FailedPreStopHook", "web")
			assert.Equal(t, tc.wantFailed, len(failed) > 0, "FailedPreStopHook events: %v", failed)
			if len(failed) > 0 {
				assert.Equal(t, "PreStopHook failed", failed[0].Message)
				assert.Equal(t, sim.Warning, failed[0].Type)
			}
		})
	}
}

// Reference: kubelet.md §6.2 step 5 and §6.4 (terminationOrdering:
// regular containers stop first, sidecars after them in reverse spec
// order, each from the same grace budget, less the whole seconds waited;
// then the 2s floor).
func TestSidecarsStopLastInReverseOrder(t *testing.T) {
	always := corev1.ContainerRestartPolicyAlways
	first, second := sleeper("first-sidecar"), sleeper("second-sidecar")
	first.RestartPolicy, second.RestartPolicy = &always, &always
	web := corev1.Container{Name: "web", Image: "nginx:1.27", Lifecycle: &corev1.Lifecycle{
		PreStop: &corev1.LifecycleHandler{Sleep: &corev1.SleepAction{Seconds: 4}}}}
	p := podOf("shop", 30, web)
	p.Spec.InitContainers = []corev1.Container{first, second}
	r := newRun(t, cluster.Config{Seed: 1}, p)
	r.c.RunFor(time.Minute)
	del := r.c.Now()
	require.NoError(t, r.c.DeletePod("default", "shop", nil))
	r.c.RunFor(2 * time.Minute)
	exits := r.exitTimes("shop")
	for name, want := range map[string]time.Duration{
		"web":            secs(4),  // preStop 4s, then nginx quits on SIGQUIT
		"second-sidecar": secs(30), // waited 4s for web, then 26s
		"first-sidecar":  secs(32), // waited 30s for second-sidecar, 0 left: the 2s floor
	} {
		got, ok := exits[name]
		require.True(t, ok, "%s never exited", name)
		assert.Equal(t, want, got.Sub(del), "%s exited %v after the deletion, want %v", name, got.Sub(del), want)
	}
}

// Reference: kubelet.md §8.1 (PostStartHookError), §2.1; a failed
// postStart hook kills the container (kuberuntime_container.go
// startContainer, event FailedPostStartHook "PostStartHook failed"), and
// it restarts per the restartPolicy.
func TestFailedPostStartHookKillsTheContainer(t *testing.T) {
	c := sleeper("app")
	c.Lifecycle = &corev1.Lifecycle{PostStart: &corev1.LifecycleHandler{
		Exec: &corev1.ExecAction{Command: []string{"sh", "-c", "echo no config; exit 3"}}}}
	r := newRun(t, cluster.Config{Seed: 1}, podOf("web", 5, c))
	r.c.RunFor(time.Minute)
	failed := r.find("FailedPostStartHook", "web")
	require.NotEmpty(t, failed)
	assert.Equal(t, "PostStartHook failed", failed[0].Message)
	killing := r.find("Killing", "web")
	require.NotEmpty(t, killing)
	assert.Equal(t, "FailedPostStartHook", killing[0].Message)
	p, err := r.c.Pod("default", "web")
	require.NoError(t, err)
	cs := p.Status.ContainerStatuses[0]
	assert.GreaterOrEqual(t, cs.RestartCount, int32(1), "restartCount = %d, want at least 1", cs.RestartCount)
}

// A probe that names a port the container does not declare errors: the
// kubelet tries the name as a number, reports strconv's error in a Warning
// Unhealthy event, and throws the result away, so the container is never
// restarted for it.
// Reference: pkg/probe/util.go (ResolveContainerPort, findPortByName);
// pkg/kubelet/prober/prober.go (probe: "%s probe errored and resulted in %s
// state: %s"); pkg/kubelet/prober/worker.go (doProbe drops an errored result).
func TestProbeOnAMissingNamedPort(t *testing.T) {
	c := corev1.Container{Name: "nginx", Image: "nginx:1.27",
		Ports: []corev1.ContainerPort{{Name: "web", ContainerPort: 80}},
		LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
			Path: "/", Port: intstr.FromString("http")}}, PeriodSeconds: 5}}
	r := newRun(t, cluster.Config{Seed: 1}, podOf("web", 30, c))
	r.c.RunFor(time.Minute)

	unhealthy := r.find("Unhealthy", "web")
	require.NotEmpty(t, unhealthy)
	assert.Equal(t, sim.Warning, unhealthy[0].Type)
	assert.Equal(t, `Liveness probe errored and resulted in unknown state: strconv.Atoi: parsing "http": invalid syntax`, unhealthy[0].Message)
	assert.Empty(t, r.find("Killing", "web"), "an errored probe never restarts the container")
}
