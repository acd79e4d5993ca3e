package prober

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/sim"
)

// sec is a virtual instant n seconds after the epoch.
func sec(n float64) sim.Time { return sim.Time(n * float64(time.Second)) }

// answer is what a scripted probe answers, and after how long.
type answer struct {
	result Result
	output string
	delay  time.Duration
}

// script decides a probe's answer from the target and the virtual time the
// attempt starts, like an application whose health changes over time.
type script func(t Target, now sim.Time) answer

// always answers r at once.
func always(r Result, output string) script {
	return func(Target, sim.Time) answer { return answer{result: r, output: output} }
}

// healthyUntil answers Success before instant at and then Failure with
// output, like the agnhost liveness server that turns to 500 after a while.
func healthyUntil(at sim.Time, output string) script {
	return func(_ Target, now sim.Time) answer {
		if now < at {
			return answer{result: Success}
		}
		return answer{result: Failure, output: output}
	}
}

// sequence answers the given results one attempt after another, then the
// last one forever.
func sequence(rs ...Result) script {
	i := 0
	return func(Target, sim.Time) answer {
		r := rs[min(i, len(rs)-1)]
		i++
		return answer{result: r, output: "scripted " + r.String()}
	}
}

// fakeRunner is a Runner whose applications answer per script, after the
// scripted delay in virtual time. It remembers when each attempt started.
type fakeRunner struct {
	loop     *sim.Loop
	scripts  map[Kind]script
	attempts map[Kind][]sim.Time
}

func (f *fakeRunner) Probe(t Target, done func(Result, string)) {
	f.attempts[t.Kind] = append(f.attempts[t.Kind], f.loop.Now())
	s, ok := f.scripts[t.Kind]
	if !ok {
		s = always(Success, "")
	}
	a := s(t, f.loop.Now())
	if a.delay == 0 {
		done(a.result, a.output)
		return
	}
	f.loop.After(a.delay, func() { done(a.result, a.output) })
}

// env is a kubelet in miniature: one pod, its containers' statuses, the
// event log and the resync requests the manager made.
type env struct {
	loop       *sim.Loop
	m          *Manager
	runner     *fakeRunner
	containers map[string]ContainerInfo
	phase      corev1.PodPhase
	events     []string
	changes    []sim.Time
}

const podUID = "uid-1"

func newEnv(scripts map[Kind]script) *env {
	loop := sim.New(1)
	e := &env{
		loop:       loop,
		runner:     &fakeRunner{loop: loop, scripts: scripts, attempts: map[Kind][]sim.Time{}},
		containers: map[string]ContainerInfo{},
		phase:      corev1.PodRunning,
	}
	e.m = NewManager(Config{
		Loop:   loop,
		Runner: e.runner,
		Lookup: func(uid, name string) (ContainerInfo, bool) {
			c, ok := e.containers[uid+"/"+name]
			return c, ok
		},
		Phase: func(string) corev1.PodPhase { return e.phase },
		Event: func(t Target, typ, reason, msg string, f sim.Facts) {
			e.events = append(e.events, fmt.Sprintf("%v %s %s %s: %s", loop.Now(), typ, reason, t.Container, msg))
		},
		Changed: func(string) { e.changes = append(e.changes, loop.Now()) },
	})
	return e
}

// at runs fn at instant t.
func (e *env) at(t sim.Time, fn func()) { e.loop.At(t, fn) }

// run advances the clock to t.
func (e *env) run(t sim.Time) { e.loop.RunUntil(t) }

// startContainer makes instance id of container name run from now on.
func (e *env) startContainer(name, id string) {
	e.containers[podUID+"/"+name] = ContainerInfo{ID: id, Running: true, StartedAt: e.loop.Now(), PodIP: "10.244.1.5"}
}

// stopContainer makes container name's current instance terminated.
func (e *env) stopContainer(name string) { e.exitContainer(name, 0) }

// exitContainer records that container name exited with code.
func (e *env) exitContainer(name string, code int32) {
	c := e.containers[podUID+"/"+name]
	c.Running, c.Terminated, c.ExitCode = false, true, code
	e.containers[podUID+"/"+name] = c
}

// result returns the published result of container name's probe of kind k.
func (e *env) result(name string, k Kind) Result {
	r, _ := e.m.Result(podUID, name, k)
	return r
}

// httpProbe returns an httpGet probe on port 8080 with the given settings.
func httpProbe(period, failure, success, delay int32) *corev1.Probe {
	return &corev1.Probe{
		ProbeHandler:        corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(8080)}},
		PeriodSeconds:       period,
		FailureThreshold:    failure,
		SuccessThreshold:    success,
		InitialDelaySeconds: delay,
	}
}

// podWith returns a pod whose containers are the given ones.
func podWith(policy corev1.RestartPolicy, cs ...corev1.Container) *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", UID: types.UID(podUID)},
		Spec:       corev1.PodSpec{RestartPolicy: policy, Containers: cs},
	}
}
