package prober

import corev1 "k8s.io/api/core/v1"

// Kind is the sort of check a probe worker runs: the manager's "are you
// still with us?" (Liveness), "ready to serve customers?" (Readiness), or
// the grace given to a new hire before the other checks start (Startup).
type Kind uint8

const (
	// Liveness probes decide whether a container is killed and restarted.
	Liveness Kind = iota
	// Readiness probes decide whether a container is Ready.
	Readiness
	// Startup probes hold the other two back until the container has started.
	Startup
)

// kinds lists every Kind in the order the kubelet creates workers for one
// container: startup, readiness, liveness.
var kinds = [...]Kind{Startup, Readiness, Liveness}

// String returns "Liveness", "Readiness" or "Startup", the word Kubernetes
// puts at the start of a probe event's message.
func (k Kind) String() string {
	switch k {
	case Liveness:
		return "Liveness"
	case Readiness:
		return "Readiness"
	case Startup:
		return "Startup"
	}
	return "UNKNOWN"
}

// probe returns the container's probe of kind k, or nil.
func (k Kind) probe(c *corev1.Container) *corev1.Probe {
	switch k {
	case Liveness:
		return c.LivenessProbe
	case Readiness:
		return c.ReadinessProbe
	case Startup:
		return c.StartupProbe
	}
	return nil
}

// initial returns the result a worker publishes for a container instance it
// has not probed yet: a new container is not ready until proven ready, is
// never killed over a probe that has not run, and has neither started nor
// failed to start.
func (k Kind) initial() Result {
	switch k {
	case Readiness:
		return Failure
	case Liveness:
		return Success
	}
	return Unknown
}

// Result is the outcome of a probe. The manager publishes only Unknown,
// Success and Failure; a Runner may also answer Warning, and answers Unknown
// when the probe could not be run at all (an error).
type Result uint8

const (
	// Unknown: no verdict. Published by a startup worker for a container it
	// has not judged yet; answered by a Runner when the probe errored.
	Unknown Result = iota
	// Success: the check passed.
	Success
	// Failure: the check failed.
	Failure
	// Warning is a Runner's answer only: the check passed, with a warning
	// (an HTTP probe redirected to another host, for example). The worker
	// counts it as a Success and records a ProbeWarning event.
	Warning
)

// String returns "Unknown", "Success", "Failure" or "Warning".
func (r Result) String() string {
	switch r {
	case Success:
		return "Success"
	case Failure:
		return "Failure"
	case Warning:
		return "Warning"
	}
	return "Unknown"
}

// Probe defaults, as the API server sets them (SetDefaults_Probe).
const (
	DefaultTimeoutSeconds   = 1
	DefaultPeriodSeconds    = 10
	DefaultSuccessThreshold = 1
	DefaultFailureThreshold = 3
)

// Defaults fills in the API server's probe defaults where a field is 0:
// timeoutSeconds 1, periodSeconds 10, successThreshold 1, failureThreshold 3.
// initialDelaySeconds has no default. A nil probe is left alone.
func Defaults(p *corev1.Probe) {
	if p == nil {
		return
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = DefaultTimeoutSeconds
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = DefaultPeriodSeconds
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = DefaultSuccessThreshold
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = DefaultFailureThreshold
	}
}

// defaulted returns a defaulted probe that a worker can rely on: values the
// API would have refused (negative ones) are replaced by the defaults too,
// so that bad input never stalls or panics the loop. A probe that needs no
// default (as head office's, defaulted on create, does) is returned itself,
// shared with the pod spec, which nobody changes; any other is copied.
func defaulted(p *corev1.Probe) *corev1.Probe {
	if p.TimeoutSeconds > 0 && p.PeriodSeconds > 0 && p.SuccessThreshold > 0 && p.FailureThreshold > 0 {
		return p
	}
	c := p.DeepCopy()
	for _, f := range []*int32{&c.TimeoutSeconds, &c.PeriodSeconds, &c.SuccessThreshold, &c.FailureThreshold} {
		if *f < 0 {
			*f = 0
		}
	}
	Defaults(c)
	return c
}
