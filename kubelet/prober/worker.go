package prober

import (
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// podMeta is what a worker keeps of its pod's spec (its uid is in the
// worker's key, its restartPolicy in the worker's restart).
type podMeta struct {
	namespace, name string
}

// restartPolicy is a pod's restartPolicy in one byte, which packs among
// the worker's other small fields.
type restartPolicy uint8

const (
	restartAlways restartPolicy = iota
	restartOnFailure
	restartNever
)

// restartPolicyOf returns p in one byte. A policy other than OnFailure
// and Never restarts always, as pod.ShouldRestart reads it.
func restartPolicyOf(p corev1.RestartPolicy) restartPolicy {
	switch p {
	case corev1.RestartPolicyOnFailure:
		return restartOnFailure
	case corev1.RestartPolicyNever:
		return restartNever
	}
	return restartAlways
}

// policy returns the policy as Kubernetes spells it.
func (r restartPolicy) policy() corev1.RestartPolicy {
	switch r {
	case restartOnFailure:
		return corev1.RestartPolicyOnFailure
	case restartNever:
		return corev1.RestartPolicyNever
	}
	return corev1.RestartPolicyAlways
}

// worker is one probe of one container of one pod: a state machine that the
// loop drives with a tick every periodSeconds. It keeps the verdict it last
// published, for the container instance it last saw. Its fields are
// ordered so that the small ones pack together: 192 bytes.
type worker struct {
	m     *Manager
	key   probeKey
	pod   podMeta
	spec  *corev1.Container
	probe *corev1.Probe // defaulted

	// The published verdict and the instance it is about.
	containerID string
	result      Result
	hasResult   bool

	restart restartPolicy // the pod's

	// The answer of the latest attempt on the current instance, which a
	// published verdict lags behind (a liveness verdict starts as Success).
	lastAnswer Result
	hasAnswer  bool

	// Consecutive-run counting (reference §4.2 steps 10-12).
	lastResult Result
	onHold     bool
	resultRun  int32

	// Driving state.
	inFlight  bool // an attempt has started and not yet answered
	pending   bool // a tick or a trigger came while in flight
	reset     bool // the pending run was a trigger: restart the period
	triggered bool // a trigger run is scheduled
	stopped   bool
	answered  bool       // the current try of the attempt in flight has answered
	tries     int16      // the tries of the attempt in flight so far
	tick      sim.Handle // the next tick of the period (the worker is its own sim.Waker)

	// The attempt in flight: the instance it probes (its id and the pod's
	// IP), and the callback every try answers to.
	attemptID, attemptIP string
	onDone               func(Result, string)
}

// newWorker returns a worker for the probe p of a container whose name and
// ports are in spec.
func newWorker(m *Manager, key probeKey, pod podMeta, restart corev1.RestartPolicy, spec *corev1.Container, p *corev1.Probe) *worker {
	w := &worker{
		m:       m,
		key:     key,
		pod:     pod,
		spec:    spec,
		probe:   defaulted(p),
		restart: restartPolicyOf(restart),
	}
	// Made once: an answer every period, for hours.
	w.onDone = w.done
	return w
}

// start makes the worker's first check right after the current event, and
// schedules its ticks one period apart from now. The real kubelet jitters
// the first check of a worker created soon after the kubelet started; the
// simulator does not.
func (w *worker) start() {
	w.m.cfg.Loop.After(0, w.fire)
	w.schedule()
}

// schedule arms the next tick one period from now.
func (w *worker) schedule() {
	w.tick = w.m.cfg.Loop.WakeAfter(time.Duration(w.probe.PeriodSeconds)*time.Second, w)
}

// Wake is a tick of the period: the worker is the timer the loop wakes,
// so a tick allocates nothing.
func (w *worker) Wake() {
	if w.stopped {
		return
	}
	w.schedule()
	w.fire()
}

// trigger asks for an immediate run, as the kubelet does when it finds a
// readiness worker that has not yet published Success. Triggers coalesce.
func (w *worker) trigger() {
	if w.stopped || w.triggered {
		return
	}
	if w.inFlight {
		w.pending, w.reset = true, true
		return
	}
	w.triggered = true
	w.m.cfg.Loop.After(0, func() {
		w.triggered = false
		if w.stopped {
			return
		}
		w.restartPeriod()
		w.fire()
	})
}

// restartPeriod makes the next tick one period from now.
func (w *worker) restartPeriod() {
	w.m.cfg.Loop.Cancel(w.tick)
	w.schedule()
}

// fire runs one check unless an attempt is still in flight, in which case
// the check waits for the answer (one waiting check at most, as a Go ticker
// keeps one tick for a busy receiver).
func (w *worker) fire() {
	if w.stopped {
		return
	}
	if w.inFlight {
		w.pending = true
		return
	}
	if !w.check() {
		w.exit()
	}
}

// exit stops the worker: no more ticks, its result forgotten, its slot in
// the manager freed. An attempt in flight still answers, but its verdict is
// thrown away.
func (w *worker) exit() {
	if w.stopped {
		return
	}
	w.stopped = true
	w.m.cfg.Loop.Cancel(w.tick)
	w.hasResult = false
	if w.m.workers[w.key] == w {
		delete(w.m.workers, w.key)
		w.m.retired[w.key] = true
	}
}

// check is the kubelet's doProbe up to the probe itself (reference §4.2
// steps 1-9). It returns whether the worker keeps going.
func (w *worker) check() bool {
	if w.m.cfg.Phase != nil {
		if ph := w.m.cfg.Phase(w.key.podUID); ph == corev1.PodSucceeded || ph == corev1.PodFailed {
			return false
		}
	}
	info, ok := w.m.cfg.Lookup(w.key.podUID, w.key.container)
	if !ok || info.ID == "" {
		return true // not created yet, or gone: wait for more information
	}
	if info.ID != w.containerID {
		w.containerID = info.ID
		w.hasResult, w.hasAnswer = false, false
		w.publish(w.key.kind.initial())
		w.onHold = false
	}
	if w.onHold {
		return true
	}
	if !info.Running {
		w.publish(Failure)
		// A worker stops for good once its container has exited and will
		// not be restarted (its own restart policy and rules, else the pod's).
		// Reference: pkg/kubelet/prober/worker.go doProbe (ContainerRestartRules).
		return !info.Terminated || pod.ShouldRestart(&corev1.PodSpec{RestartPolicy: w.restart.policy()}, w.spec, info.ExitCode)
	}
	if int32(w.m.cfg.Loop.Now().Sub(info.StartedAt)/time.Second) < w.probe.InitialDelaySeconds {
		return true
	}
	started := w.m.startedFor(w.key.podUID, w.key.container, info.ID)
	if started == (w.key.kind == Startup) {
		// A startup probe rests once the container has started; the
		// other probes wait until it has.
		return true
	}
	w.attempt(info)
	return true
}

// target returns the Target of the attempt in flight.
func (w *worker) target() Target {
	return Target{
		PodUID: w.key.podUID, Namespace: w.pod.namespace, PodName: w.pod.name,
		Container: w.key.container, ContainerID: w.attemptID, PodIP: w.attemptIP,
		Probe: w.probe, Kind: w.key.kind, Spec: w.spec,
	}
}

// publish sets the published verdict for the current instance, and tells the
// kubelet when it changed.
func (w *worker) publish(r Result) {
	if w.hasResult && w.result == r {
		return
	}
	w.result, w.hasResult = r, true
	w.m.changed(w.key.podUID)
}
