package prober

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Reference: kubelet.md §4.3 (pkg/kubelet/prober/prober_manager.go
// UpdatePodStatus): Started and Ready of a container.
func TestStartedAndReady(t *testing.T) {
	readiness := httpProbe(10, 3, 1, 0)
	startup := httpProbe(10, 3, 1, 0)
	for _, tc := range []struct {
		name        string
		c           corev1.Container
		scripts     map[Kind]script
		running     bool
		at          sim.Time
		wantStarted bool
		wantReady   bool
	}{
		{"no probes, running: ready once started", corev1.Container{Name: "app"}, nil, true, sec(2), true, true},
		{"no probes, not running", corev1.Container{Name: "app"}, nil, false, sec(2), false, false},
		{"readiness not yet probed", corev1.Container{Name: "app", ReadinessProbe: readiness}, nil, true, sec(2), true, false},
		{"readiness passed", corev1.Container{Name: "app", ReadinessProbe: readiness}, nil, true, sec(10), true, true},
		{"readiness failing", corev1.Container{Name: "app", ReadinessProbe: readiness},
			map[Kind]script{Readiness: always(Failure, "connection refused")}, true, sec(30), true, false},
		{"startup not yet passed", corev1.Container{Name: "app", StartupProbe: startup}, nil, true, sec(2), false, false},
		{"startup passed, no readiness probe", corev1.Container{Name: "app", StartupProbe: startup}, nil, true, sec(10), true, true},
		{"startup passed, readiness pending", corev1.Container{Name: "app", StartupProbe: startup, ReadinessProbe: readiness},
			map[Kind]script{Readiness: always(Failure, "connection refused")}, true, sec(10), true, false},
		{"startup failed", corev1.Container{Name: "app", StartupProbe: startup},
			map[Kind]script{Startup: always(Failure, "connection refused")}, true, sec(30), false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(tc.scripts)
			e.m.AddPod(podWith(corev1.RestartPolicyAlways, tc.c))
			e.at(sec(1), func() { e.startContainer("app", "c1") })
			e.run(tc.at)
			started := e.m.Started(podUID, &tc.c, tc.running)
			assert.Equal(t, tc.wantStarted, started, "Started(running=%v) at %v", tc.running, tc.at)
			assert.Equal(t, tc.wantReady, e.m.Ready(podUID, &tc.c, tc.running, started), "Ready(running=%v, started=%v) at %v", tc.running, started, tc.at)
		})
	}
}

// Reference: kubelet.md §4.2 (workers also for restartable init containers)
// and §4.3 (sidecars get Started/Ready like regular containers; a regular
// init container has no probe workers).
func TestSidecarProbes(t *testing.T) {
	always := corev1.ContainerRestartPolicyAlways
	sidecar := corev1.Container{Name: "proxy", RestartPolicy: &always, ReadinessProbe: httpProbe(5, 3, 1, 0)}
	initc := corev1.Container{Name: "setup", ReadinessProbe: httpProbe(5, 3, 1, 0)}
	p := podWith(corev1.RestartPolicyAlways, corev1.Container{Name: "app"})
	p.Spec.InitContainers = []corev1.Container{initc, sidecar}
	e := newEnv(nil)
	e.m.AddPod(p)
	e.at(sec(1), func() { e.startContainer("proxy", "s1") })
	e.run(sec(4))
	_, ok := e.m.Result(podUID, "setup", Readiness)
	assert.False(t, ok, "a regular init container has a readiness worker")
	_, ok = e.m.Result(podUID, "proxy", Readiness)
	require.True(t, ok, "the sidecar has no readiness worker")
	assert.False(t, e.m.Ready(podUID, &sidecar, true, true), "sidecar Ready before its probe passed")
	e.run(sec(5))
	assert.True(t, e.m.Ready(podUID, &sidecar, true, e.m.Started(podUID, &sidecar, true)), "sidecar Ready after its probe passed")
}

// Reference: kubelet.md §4.3 (UpdatePodStatus triggers an immediate run of
// a readiness probe that has not passed; the period restarts from it).
func TestReadyTriggersImmediateRun(t *testing.T) {
	e := newEnv(nil)
	c := corev1.Container{Name: "app", ReadinessProbe: httpProbe(10, 3, 1, 0)}
	e.m.AddPod(podWith(corev1.RestartPolicyAlways, c))
	e.at(sec(1), func() { e.startContainer("app", "c1") })
	e.at(sec(2), func() {
		assert.False(t, e.m.Ready(podUID, &c, true, true), "Ready at 2s")
		assert.False(t, e.m.Ready(podUID, &c, true, true), "Ready at 2s, asked twice")
	})
	e.run(sec(2))
	assert.True(t, e.m.Ready(podUID, &c, true, true), "Ready after the triggered run at 2s")
	e.run(sec(30))
	assert.Equal(t, []sim.Time{sec(2), sec(12), sec(22)}, e.runner.attempts[Readiness], "attempts: one trigger, then the period restarted")
}

// Reference: kubelet.md §4.2 step 6 and §4.3 (StopLivenessAndStartup on
// termination: no probe kills a container during graceful shutdown).
func TestStopLivenessAndStartup(t *testing.T) {
	e := newEnv(map[Kind]script{
		Liveness:  always(Failure, "HTTP probe failed with statuscode: 500"),
		Readiness: always(Failure, "HTTP probe failed with statuscode: 500"),
		Startup:   always(Failure, "connection refused"),
	})
	c := corev1.Container{Name: "app", LivenessProbe: httpProbe(10, 3, 1, 0), ReadinessProbe: httpProbe(10, 3, 1, 0)}
	side := corev1.Container{Name: "slow", StartupProbe: httpProbe(10, 30, 1, 0)}
	e.m.AddPod(podWith(corev1.RestartPolicyAlways, c, side))
	e.at(sec(1), func() {
		e.startContainer("app", "c1")
		e.startContainer("slow", "c2")
	})
	e.run(sec(20)) // two liveness failures out of three
	require.False(t, e.m.Started(podUID, &side, true), "slow Started before the stop")
	e.m.StopLivenessAndStartup(podUID)
	e.run(sec(60))
	for _, k := range []Kind{Liveness, Startup} {
		name := map[Kind]string{Liveness: "app", Startup: "slow"}[k]
		r, ok := e.m.Result(podUID, name, k)
		assert.False(t, ok, "%v worker exists after the stop", k)
		assert.NotEqual(t, Failure, r, "Result(%v) after the stop", k)
	}
	assert.Len(t, e.runner.attempts[Liveness], 2, "liveness attempts: none after the stop")
	assert.True(t, e.m.Started(podUID, &side, true), "a container without a startup worker counts as started")
	_, ok := e.m.Result(podUID, "app", Readiness)
	assert.True(t, ok, "readiness keeps probing during termination")
	assert.Len(t, e.runner.attempts[Readiness], 6, "readiness attempts until 60s")

	e.m.RemovePod(podUID)
	_, ok = e.m.Result(podUID, "app", Readiness)
	assert.False(t, ok, "readiness worker after RemovePod")
	e.run(sec(100))
	assert.Len(t, e.runner.attempts[Readiness], 6, "readiness attempts after RemovePod")
}

// Reference: kubelet.md §4.2 (one worker per pod, container and probe type;
// AddPod on every sync adds nothing new).
func TestAddPodTwice(t *testing.T) {
	e := newEnv(nil)
	c := corev1.Container{Name: "app", LivenessProbe: httpProbe(10, 3, 1, 0)}
	p := podWith(corev1.RestartPolicyAlways, c)
	e.m.AddPod(p)
	e.at(sec(1), func() { e.startContainer("app", "c1") })
	e.at(sec(5), func() { e.m.AddPod(p) })
	e.run(sec(30))
	assert.Equal(t, []sim.Time{sec(10), sec(20), sec(30)}, e.runner.attempts[Liveness])
}

// Reference: kubelet.md §4.1 (SetDefaults_Probe).
func TestDefaults(t *testing.T) {
	for _, tc := range []struct {
		in, want corev1.Probe
	}{
		{corev1.Probe{}, corev1.Probe{TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}},
		{corev1.Probe{InitialDelaySeconds: 5, TimeoutSeconds: 2, PeriodSeconds: 3, SuccessThreshold: 2, FailureThreshold: 1},
			corev1.Probe{InitialDelaySeconds: 5, TimeoutSeconds: 2, PeriodSeconds: 3, SuccessThreshold: 2, FailureThreshold: 1}},
	} {
		got := tc.in
		Defaults(&got)
		assert.Equal(t, tc.want, got, "Defaults(%+v)", tc.in)
	}
	Defaults(nil) // no panic
	bad := defaulted(&corev1.Probe{PeriodSeconds: -4})
	assert.Equal(t, int32(10), bad.PeriodSeconds, "defaulted period of a negative periodSeconds")
	// A probe head office has defaulted needs no copy: the worker shares it.
	full := &corev1.Probe{TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
	assert.Same(t, full, defaulted(full), "a defaulted probe is copied")
	part := &corev1.Probe{TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1}
	assert.NotSame(t, part, defaulted(part), "a probe missing a default is changed in place")
	assert.Equal(t, int32(0), part.FailureThreshold, "the caller's probe was changed")
}

// An undefaulted probe in the pod still ticks every 10s: AddPod defaults a
// copy and leaves the caller's pod alone.
// Reference: kubelet.md §4.1 (periodSeconds default 10).
func TestAddPodDefaultsACopy(t *testing.T) {
	e := newEnv(nil)
	p := podWith(corev1.RestartPolicyAlways, corev1.Container{Name: "app", LivenessProbe: &corev1.Probe{}})
	e.m.AddPod(p)
	e.at(sec(1), func() { e.startContainer("app", "c1") })
	e.run(sec(25))
	assert.Equal(t, []sim.Time{sec(10), sec(20)}, e.runner.attempts[Liveness])
	assert.Equal(t, int32(0), p.Spec.Containers[0].LivenessProbe.PeriodSeconds, "the caller's probe was changed")
}

func TestStrings(t *testing.T) {
	for _, tc := range []struct {
		got, want string
	}{
		{Liveness.String(), "Liveness"},
		{Readiness.String(), "Readiness"},
		{Startup.String(), "Startup"},
		{Unknown.String(), "Unknown"},
		{Success.String(), "Success"},
		{Failure.String(), "Failure"},
		{Warning.String(), "Warning"},
	} {
		assert.Equal(t, tc.want, tc.got)
	}
}

type twiceRunner struct{}

func (twiceRunner) Probe(_ Target, done func(Result, string)) {
	done(Success, "")
	done(Success, "")
}

func TestProgrammerErrorsPanic(t *testing.T) {
	loop := sim.New(1)
	lookup := func(string, string) (ContainerInfo, bool) {
		return ContainerInfo{ID: "c1", Running: true}, true
	}
	assert.PanicsWithValue(t, "prober: NewManager: nil Config.Loop", func() { NewManager(Config{Runner: twiceRunner{}, Lookup: lookup}) })
	assert.PanicsWithValue(t, "prober: NewManager: nil Config.Runner", func() { NewManager(Config{Loop: loop, Lookup: lookup}) })
	assert.PanicsWithValue(t, "prober: NewManager: nil Config.Lookup", func() { NewManager(Config{Loop: loop, Runner: twiceRunner{}}) })
	m := NewManager(Config{Loop: loop, Runner: twiceRunner{}, Lookup: lookup})
	m.AddPod(podWith(corev1.RestartPolicyAlways, corev1.Container{Name: "app", LivenessProbe: httpProbe(10, 3, 1, 0)}))
	assert.PanicsWithValue(t, "prober: Runner.Probe: done called twice", func() { loop.RunFor(time.Second) })
}

// A kubelet that resyncs (and so calls AddPod) on every Changed does not
// revive a worker that stopped for good: the worker of a terminated
// container in a Never pod stays stopped while the pod's other container
// keeps being probed.
// Reference: kubelet.md §4.2 step 5 (worker exits when the container
// terminated and restartPolicy is Never).
func TestAddPodDoesNotReviveStoppedWorkers(t *testing.T) {
	e := newEnv(map[Kind]script{Readiness: func(t Target, now sim.Time) answer {
		if t.Container == "app" && now >= sec(30) {
			return answer{result: Failure, output: "HTTP probe failed with statuscode: 503"}
		}
		return answer{result: Success}
	}})
	job := corev1.Container{Name: "job", ReadinessProbe: httpProbe(10, 3, 1, 0)}
	app := corev1.Container{Name: "app", ReadinessProbe: httpProbe(10, 3, 1, 0)}
	p := podWith(corev1.RestartPolicyNever, job, app)
	resyncs := 0
	e.m.cfg.Changed = func(string) {
		resyncs++
		require.Less(t, resyncs, 100, "resync loop")
		e.m.AddPod(p)
	}
	e.m.AddPod(p)
	e.at(sec(1), func() {
		e.startContainer("job", "c1")
		e.startContainer("app", "c2")
	})
	e.at(sec(15), func() { e.stopContainer("job") })
	// The app's readiness turns to Failure at 50s and the kubelet resyncs.
	e.run(sec(50))
	_, ok := e.m.Result(podUID, "job", Readiness)
	assert.False(t, ok, "the job's readiness worker came back")
	assert.Equal(t, Failure, e.result("app", Readiness), "the app's readiness")
	e.run(sec(60))
	assert.Len(t, e.runner.attempts[Readiness], 7, "readiness attempts: job at 10, app at 10..60")
	// Resyncs: at 10s each container's initial Failure and then Success,
	// at 20s the job's Failure (not running), at 50s the app's Failure. A
	// revived job worker would publish a Failure again at 50s.
	assert.Equal(t, 6, resyncs, "resync requests")

	e.m.RemovePod(podUID)
	e.m.AddPod(p)
	_, ok = e.m.Result(podUID, "job", Readiness)
	assert.True(t, ok, "AddPod after RemovePod starts the workers again")
}
