package prober

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// In every test the kubelet adds the pod at 0s (the worker checks at once,
// finds no container, then ticks every period) and the container starts
// at 1s, as in a real sync where probe workers start before the containers.

// Reference: kubelet.md §4.2 steps 10-12 (pkg/kubelet/prober/worker.go doProbe);
// §4.2 "Consequence": with the defaults the kill is decided at the 3rd
// consecutive failure, about 20s after the first.
func TestFailureThresholdPublishesFailure(t *testing.T) {
	for _, tc := range []struct {
		name           string
		period, thresh int32
		firstFailure   sim.Time
		want           sim.Time // when Failure is published
	}{
		{"defaults", 0, 0, sec(10), sec(30)},
		{"threshold 1", 10, 1, sec(10), sec(10)},
		{"period 5, threshold 2", 5, 2, sec(5), sec(10)},
		{"period 3, threshold 5", 3, 5, sec(3), sec(15)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(map[Kind]script{Liveness: always(Failure, "HTTP probe failed with statuscode: 500")})
			c := corev1.Container{Name: "app", LivenessProbe: httpProbe(tc.period, tc.thresh, 0, 0)}
			e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
			e.at(sec(1), func() { e.startContainer("app", "c1") })
			e.run(tc.want - 1)
			assert.NotEqual(t, Failure, e.result("app", Liveness), "Result(Liveness) just before %v", tc.want)
			e.run(tc.want)
			assert.Equal(t, Failure, e.result("app", Liveness), "Result(Liveness) at %v", tc.want)
			require.NotEmpty(t, e.runner.attempts[Liveness])
			assert.Equal(t, tc.firstFailure, e.runner.attempts[Liveness][0], "first attempt")
		})
	}
}

// Reference: kubelet.md §4.2 step 3 (initialValue in newWorker).
func TestInitialValues(t *testing.T) {
	for _, tc := range []struct {
		kind Kind
		want Result
	}{
		{Readiness, Failure},
		{Liveness, Success},
		{Startup, Unknown},
	} {
		// Every probe answers after 5s, so at 10s the worker has seen the
		// container and published its initial value, but no verdict yet.
		slow := func(Target, sim.Time) answer { return answer{result: Success, delay: 5 * time.Second} }
		e := newEnv(map[Kind]script{tc.kind: slow})
		c := corev1.Container{Name: "app"}
		switch tc.kind {
		case Readiness:
			c.ReadinessProbe = httpProbe(10, 3, 1, 0)
		case Liveness:
			c.LivenessProbe = httpProbe(10, 3, 1, 0)
		case Startup:
			c.StartupProbe = httpProbe(10, 3, 1, 0)
		}
		e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
		e.at(sec(1), func() { e.startContainer("app", "c1") })
		e.run(sec(9))
		r, ok := e.m.Result(podUID, "app", tc.kind)
		assert.True(t, ok, "%v worker exists", tc.kind)
		assert.Equal(t, Unknown, r, "%v result before the worker saw the container", tc.kind)
		e.run(sec(10))
		assert.Equal(t, tc.want, e.result("app", tc.kind), "%v initial result", tc.kind)
		e.run(sec(15))
		assert.Equal(t, Success, e.result("app", tc.kind), "%v result after one passed probe", tc.kind)
	}
}

// Reference: kubelet.md §4.2 step 8 (startup gating) and §4.1/§4.2
// "Consequence" (a startup probe allows failureThreshold × periodSeconds).
func TestStartupGating(t *testing.T) {
	for _, tc := range []struct {
		name        string
		startup     script
		wantStartup Result
		wantAt      sim.Time
	}{
		{"starts at the third check", sequence(Failure, Failure, Success), Success, sec(30)},
		{"never starts", always(Failure, "connection refused"), Failure, sec(30)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(map[Kind]script{Startup: tc.startup})
			c := corev1.Container{
				Name:           "app",
				StartupProbe:   httpProbe(10, 3, 1, 0),
				LivenessProbe:  httpProbe(10, 3, 1, 0),
				ReadinessProbe: httpProbe(10, 3, 1, 0),
			}
			e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
			e.at(sec(1), func() { e.startContainer("app", "c1") })
			e.run(tc.wantAt - 1)
			assert.False(t, e.m.Started(podUID, &c, true), "Started before the startup verdict")
			assert.Empty(t, e.runner.attempts[Liveness], "liveness attempts before started")
			assert.Empty(t, e.runner.attempts[Readiness], "readiness attempts before started")
			e.run(sec(100))
			assert.Equal(t, tc.wantStartup, e.result("app", Startup))
			assert.Len(t, e.runner.attempts[Startup], 3, "startup attempts: it stops once it has a verdict")
			assert.Equal(t, tc.wantStartup == Success, e.m.Started(podUID, &c, true), "Started")
			if tc.wantStartup == Success {
				// The startup worker was created first, so at 30s it
				// publishes Success before the liveness worker's tick of
				// the same instant, which then already sees the
				// container started.
				assert.Equal(t, []sim.Time{sec(30), sec(40), sec(50), sec(60), sec(70), sec(80), sec(90), sec(100)}, e.runner.attempts[Liveness], "liveness attempts once started")
				assert.Equal(t, Success, e.result("app", Readiness))
			} else {
				assert.Empty(t, e.runner.attempts[Liveness])
				assert.Equal(t, Failure, e.result("app", Readiness), "readiness keeps its initial value")
			}
		})
	}
}

// Reference: kubelet.md §4.2 steps 3, 4 and 12 (onHold after a liveness
// failure until a new container ID; resultRun reset).
func TestOnHoldUntilNewContainer(t *testing.T) {
	// The application is healthy for 25s after each start, then fails.
	e := newEnv(nil)
	started := sec(1)
	e.runner.scripts = map[Kind]script{Liveness: func(_ Target, now sim.Time) answer {
		if now.Sub(started) < 25*time.Second {
			return answer{result: Success}
		}
		return answer{result: Failure, output: "HTTP probe failed with statuscode: 500"}
	}}
	c := corev1.Container{Name: "app", LivenessProbe: httpProbe(10, 3, 1, 0)}
	e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
	e.at(sec(1), func() { e.startContainer("app", "c1") })
	e.run(sec(50))
	// Failures at 30, 40, 50: the third publishes Failure.
	assert.Equal(t, Failure, e.result("app", Liveness), "Result(Liveness) at 50s")
	e.run(sec(75))
	assert.Len(t, e.runner.attempts[Liveness], 5, "attempts while on hold: none after 50s")
	assert.Len(t, e.events, 3, "Unhealthy events while on hold")

	// The kubelet kills the container and starts a new instance at 75s.
	e.at(sec(75), func() {
		started = e.loop.Now()
		e.startContainer("app", "c2")
	})
	e.run(sec(79))
	assert.Equal(t, Unknown, e.result("app", Liveness), "Result for c2 before the worker saw it")
	e.run(sec(80))
	assert.Equal(t, Success, e.result("app", Liveness), "Result for c2 at 80s (initial, then a passed probe)")
	// c2 fails from 100s: 100, 110, 120; the run was reset, so the
	// verdict needs three new failures.
	e.run(sec(119))
	assert.Equal(t, Success, e.result("app", Liveness), "Result for c2 at 119s")
	e.run(sec(120))
	assert.Equal(t, Failure, e.result("app", Liveness), "Result for c2 at 120s")
}

// Reference: kubelet.md §4.2 step 7 (initialDelaySeconds measured from the
// container's StartedAt, in whole seconds).
func TestInitialDelay(t *testing.T) {
	for _, tc := range []struct {
		delay     int32
		startedAt sim.Time
		want      sim.Time // first attempt
	}{
		{0, sec(1), sec(10)},
		{9, sec(1), sec(10)},
		{10, sec(1), sec(20)},
		{15, sec(1), sec(20)},
		{10, sec(0.5), sec(20)}, // 9.5s since start counts as 9
		{25, sec(1), sec(30)},
	} {
		e := newEnv(nil)
		c := corev1.Container{Name: "app", LivenessProbe: httpProbe(10, 3, 1, tc.delay)}
		e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
		e.at(tc.startedAt, func() { e.startContainer("app", "c1") })
		e.run(sec(30))
		require.NotEmpty(t, e.runner.attempts[Liveness], "delay %d: no attempt", tc.delay)
		assert.Equal(t, tc.want, e.runner.attempts[Liveness][0], "first attempt with initialDelaySeconds %d, started at %v", tc.delay, tc.startedAt)
	}
}

// Reference: kubelet.md §4.2 steps 10-12 (successThreshold, consecutive runs).
func TestReadinessSuccessThreshold(t *testing.T) {
	for _, tc := range []struct {
		name    string
		thresh  int32
		answers []Result
		want    sim.Time // when Success is published
	}{
		{"threshold 1", 1, []Result{Success}, sec(10)},
		{"threshold 3", 3, []Result{Success}, sec(30)},
		{"threshold 3, interrupted", 3, []Result{Success, Success, Failure, Success}, sec(60)},
		{"threshold 2 after failures", 2, []Result{Failure, Failure, Success}, sec(40)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(map[Kind]script{Readiness: sequence(tc.answers...)})
			c := corev1.Container{Name: "app", ReadinessProbe: httpProbe(10, 3, tc.thresh, 0)}
			e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
			e.at(sec(1), func() { e.startContainer("app", "c1") })
			e.run(tc.want - 1)
			assert.NotEqual(t, Success, e.result("app", Readiness), "Result(Readiness) just before %v", tc.want)
			e.run(tc.want)
			assert.Equal(t, Success, e.result("app", Readiness), "Result(Readiness) at %v", tc.want)
		})
	}
}

// Reference: kubelet.md §4.2 "Events" (pkg/kubelet/prober/prober.go): an
// Unhealthy event on every failed run, not only at the threshold; readiness
// never goes on hold.
func TestUnhealthyEventOnEveryFailure(t *testing.T) {
	e := newEnv(map[Kind]script{Readiness: healthyUntil(sec(25), "HTTP probe failed with statuscode: 500")})
	c := corev1.Container{Name: "app", ReadinessProbe: httpProbe(10, 3, 1, 0)}
	e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
	e.at(sec(1), func() { e.startContainer("app", "c1") })
	e.run(sec(60))
	want := []string{
		"00:00:30 Warning Unhealthy app: Readiness probe failed: HTTP probe failed with statuscode: 500",
		"00:00:40 Warning Unhealthy app: Readiness probe failed: HTTP probe failed with statuscode: 500",
		"00:00:50 Warning Unhealthy app: Readiness probe failed: HTTP probe failed with statuscode: 500",
		"00:01:00 Warning Unhealthy app: Readiness probe failed: HTTP probe failed with statuscode: 500",
	}
	assert.Equal(t, want, e.events)
	assert.Equal(t, Failure, e.result("app", Readiness), "Result(Readiness) at 60s")
	// Changed: the initial Failure at 10s, Success at 10s, Failure at 50s.
	assert.Equal(t, []sim.Time{sec(10), sec(10), sec(50)}, e.changes, "resync requests")
}

// Reference: kubelet.md §4.2 step 9 and "Events": a probe that errors is
// retried up to maxProbeRetries (3) times, then its result is thrown away
// with an "errored" event; a warning counts as a success.
func TestErroredAndWarningProbes(t *testing.T) {
	for _, tc := range []struct {
		name       string
		answer     Result
		wantEvent  string
		wantTries  int
		wantResult Result
	}{
		{"errored", Unknown, "00:00:10 Warning Unhealthy app: Liveness probe errored and resulted in unknown state: scripted Unknown", 3, Success},
		{"warning", Warning, "00:00:10 Warning ProbeWarning app: Liveness probe warning: scripted Warning", 1, Success},
		{"failed", Failure, "00:00:10 Warning Unhealthy app: Liveness probe failed: scripted Failure", 1, Failure},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(map[Kind]script{Liveness: sequence(tc.answer)})
			c := corev1.Container{Name: "app", LivenessProbe: httpProbe(10, 1, 1, 0)}
			e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
			e.at(sec(1), func() { e.startContainer("app", "c1") })
			e.run(sec(10))
			assert.Equal(t, []string{tc.wantEvent}, e.events)
			assert.Len(t, e.runner.attempts[Liveness], tc.wantTries, "tries")
			assert.Equal(t, tc.wantResult, e.result("app", Liveness))
		})
	}
}

// Reference: kubelet.md §4.2 step 9 (the worker blocks while a probe runs;
// a tick that comes meanwhile waits, one at most).
func TestNoSecondAttemptWhileInFlight(t *testing.T) {
	slow := func(Target, sim.Time) answer { return answer{result: Success, delay: 15 * time.Second} }
	e := newEnv(map[Kind]script{Readiness: slow})
	c := corev1.Container{Name: "app", ReadinessProbe: httpProbe(10, 3, 1, 0)}
	e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
	e.at(sec(1), func() { e.startContainer("app", "c1") })
	e.run(sec(60))
	assert.Equal(t, []sim.Time{sec(10), sec(25), sec(40), sec(55)}, e.runner.attempts[Readiness], "attempt starts")
}

// Reference: kubelet.md §4.2 steps 1 and 5 (not running → Failure; stop
// when terminated and the container will not be restarted, or when the pod
// is terminal); pkg/kubelet/prober/worker.go doProbe with
// ContainerRestartRules on (1.35): the container's exit code and its own
// restart policy decide (podutil.ContainerShouldRestart).
func TestNotRunningAndTerminal(t *testing.T) {
	never := corev1.ContainerRestartPolicyNever
	for _, tc := range []struct {
		name       string
		policy     corev1.RestartPolicy
		own        *corev1.ContainerRestartPolicy
		exit       int32
		terminal   bool
		wantWorker bool
	}{
		{"Always keeps probing", corev1.RestartPolicyAlways, nil, 0, false, true},
		{"OnFailure, exit 1 keeps probing", corev1.RestartPolicyOnFailure, nil, 1, false, true},
		{"OnFailure, exit 0 stops", corev1.RestartPolicyOnFailure, nil, 0, false, false},
		{"Never stops", corev1.RestartPolicyNever, nil, 1, false, false},
		{"the container's own Never stops", corev1.RestartPolicyAlways, &never, 1, false, false},
		{"terminal pod stops", corev1.RestartPolicyAlways, nil, 0, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(nil)
			c := corev1.Container{Name: "app", ReadinessProbe: httpProbe(10, 3, 1, 0), RestartPolicy: tc.own}
			e.m.AddPod(podWith(tc.policy, c))
			e.at(sec(1), func() { e.startContainer("app", "c1") })
			e.run(sec(10))
			require.Equal(t, Success, e.result("app", Readiness), "Result(Readiness) at 10s")
			e.at(sec(15), func() {
				e.exitContainer("app", tc.exit)
				if tc.terminal {
					e.phase = corev1.PodSucceeded
				}
			})
			e.run(sec(20))
			r, ok := e.m.Result(podUID, "app", Readiness)
			assert.Equal(t, tc.wantWorker, ok, "worker exists at 20s")
			if ok {
				assert.Equal(t, Failure, r, "Result(Readiness) of a stopped container")
			}
			e.run(sec(60))
			assert.Len(t, e.runner.attempts[Readiness], 1, "attempts on a stopped container")
		})
	}
}
