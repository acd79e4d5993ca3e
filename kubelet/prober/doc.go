// Package prober holds the store manager's probe workers: the kubelet's
// liveness, readiness and startup checks, as state machines the loop drives.
//
// # The mental model
//
// A container may carry three probes, and the store manager (the kubelet)
// runs each of them as a separate worker:
//
//   - Liveness is the manager's "are you still with us?" check. When it fails
//     failureThreshold times in a row, the employee is sent home and called
//     back: the kubelet kills the container and restarts it according to the
//     pod's restartPolicy.
//   - Readiness is the "ready to serve customers?" check. It never restarts
//     anything; it only decides whether the container is Ready, and so
//     whether the customer service desk sends customers to this employee.
//   - Startup is the grace given to a new hire: until it passes, liveness and
//     readiness are not checked at all; if it fails failureThreshold times
//     in a row, the new hire is sent home like a failed liveness check.
//
// A worker publishes one verdict per container instance (container ID). A
// new instance starts from an initial verdict: readiness Failure (not ready
// until proven ready), liveness Success (never killed over a check that has
// not run), startup Unknown (neither started nor failed). A single failed
// check changes nothing but the logbook: every failed check records a
// Warning Unhealthy event, but the verdict moves only when failureThreshold
// (or, towards Success, successThreshold) consecutive checks agree.
//
// # One check, step by step
//
// Each worker checks once right after AddPod and then every periodSeconds
// from then on (the probe schedule is anchored on the worker, not on the
// container; the real kubelet jitters the first check of workers created
// soon after it started, the simulator does not). A check:
//
//	pod phase Succeeded or Failed           -> the worker stops
//	no container instance yet               -> wait
//	a new container ID                      -> publish the initial verdict, leave hold
//	on hold (after a liveness or startup    -> skip
//	  verdict, until a new instance)
//	container not running                   -> publish Failure; stop if it terminated
//	                                           and the pod's restartPolicy is Never
//	less than initialDelaySeconds since     -> skip
//	  the container started (whole seconds)
//	startup probe, container started        -> skip (the grace is over)
//	liveness/readiness, not yet started     -> skip (still in grace)
//	otherwise                               -> probe through the Runner
//
// The answer arrives through a callback, possibly later in virtual time (an
// exec probe may sleep; an HTTP answer may be slow; the Runner turns an
// answer later than timeoutSeconds into a Failure). While an attempt is in
// flight no second one starts; a tick that comes meanwhile waits and runs as
// soon as the answer is in (at most one waits, as with a Go ticker). A probe
// that errors is retried up to three times; if it still errors the check is
// thrown away with an "errored" event.
//
// # What the kubelet reads
//
// Result gives a verdict to act on (liveness or startup Failure: kill the
// container). Started and Ready compute the container status fields the way
// the kubelet's UpdatePodStatus does, and Changed tells the kubelet when a
// verdict changed so that it resyncs the pod.
//
// # Where the simulator simplifies
//
//   - The workers are not goroutines: ticks, triggers and answers are loop
//     events, so two workers ticking at the same instant run in the order
//     they were created (startup, readiness, liveness of each container).
//   - A worker reads "has the container started?" from the manager's own
//     verdicts for the current instance, which is what the next status the
//     kubelet generates will say, rather than from the last status.
//   - StopLivenessAndStartup removes the liveness and startup workers and
//     their verdicts at once (the real worker publishes Success on its way
//     out, then forgets it), so Result reports no worker, which every
//     consumer reads as "not failed" and Started reads as "started".
package prober
