package prober

import (
	"fmt"

	"github.com/nodenucleus/nucleus/sim"
)

// maxProbeRetries is how many times the kubelet runs a probe that errors
// before it gives up on this check (prober.go maxProbeRetries). Failures are
// not retried.
const maxProbeRetries = 3

// Event reasons, as the kubelet spells them.
const (
	ReasonUnhealthy    = "Unhealthy"
	ReasonProbeWarning = "ProbeWarning"
)

// attempt starts a probe on the instance info and handles its answer when
// it comes.
func (w *worker) attempt(info ContainerInfo) {
	w.inFlight = true
	w.attemptID, w.attemptIP, w.tries = info.ID, info.PodIP, 0
	w.try()
}

// try runs the next try of the attempt in flight through the Runner. Every
// try answers to the same callback, w.onDone, made with the worker.
func (w *worker) try() {
	w.tries++
	w.answered = false
	w.m.cfg.Runner.Probe(w.target(), w.onDone)
}

// done is the Runner's answer to the try in flight.
func (w *worker) done(r Result, output string) {
	if w.answered {
		panic("prober: Runner.Probe: done called twice")
	}
	w.answered = true
	if r > Warning {
		r = Unknown // not a Result: treat it as an error
	}
	if r == Unknown && w.tries < maxProbeRetries && !w.stopped {
		w.try()
		return
	}
	w.answer(w.target(), r, output)
	w.settle()
}

// answer handles the final outcome of an attempt (reference §4.2 steps 9-12):
// it records the event, counts consecutive results, and publishes a verdict
// once a threshold is reached.
func (w *worker) answer(t Target, r Result, output string) {
	if t.ContainerID == w.containerID {
		w.lastAnswer, w.hasAnswer = r, true
		if r == Warning {
			w.lastAnswer = Success // a warning is a pass with a remark
		}
	}
	kind := w.key.kind
	facts := sim.Facts{Container: w.key.container}
	switch r {
	case Unknown:
		// The probe errored: the event says so and the result is thrown away.
		w.m.event(t, ReasonUnhealthy, fmt.Sprintf("%s probe errored and resulted in unknown state: %s", kind, output), facts)
		return
	case Warning:
		w.m.event(t, ReasonProbeWarning, fmt.Sprintf("%s probe warning: %s", kind, output), facts)
		r = Success
	case Failure:
		facts.Count = w.run(Failure) // failures in a row, this one included
		w.m.event(t, ReasonUnhealthy, fmt.Sprintf("%s probe failed: %s", kind, output), facts)
	}
	if w.stopped || t.ContainerID != w.containerID {
		return
	}
	w.count(r)
	if (r == Failure && w.resultRun < w.probe.FailureThreshold) ||
		(r == Success && w.resultRun < w.probe.SuccessThreshold) {
		return // below the threshold: the verdict stands
	}
	w.publish(r)
	if (kind == Liveness && r == Failure) || kind == Startup {
		// The container will be killed (or has started): stop probing it
		// until a new instance appears.
		w.onHold = true
		w.resultRun = 0
	}
}

// run returns what resultRun becomes if r is counted now.
func (w *worker) run(r Result) int32 {
	if w.lastResult == r {
		return w.resultRun + 1
	}
	return 1
}

// count counts r as the latest result: one more in a row, or the first of a
// new run. Runs are not reset by a new container instance; only a published
// liveness or startup verdict resets them.
func (w *worker) count(r Result) {
	w.resultRun = w.run(r)
	w.lastResult = r
}

// settle ends an attempt and runs the check that waited for it, if any.
func (w *worker) settle() {
	w.inFlight = false
	if !w.pending || w.stopped {
		w.pending, w.reset = false, false
		return
	}
	reset := w.reset
	w.pending, w.reset = false, false
	w.m.cfg.Loop.After(0, func() {
		if w.stopped || w.inFlight {
			return
		}
		if reset {
			w.restartPeriod()
		}
		w.fire()
	})
}
