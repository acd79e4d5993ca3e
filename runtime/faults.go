package runtime

import "fmt"

// faults are the failures a scenario or a test has asked the engine to
// inject. The zero value injects nothing.
type faults struct {
	pulls  map[string]int // repository -> pulls left to fail
	starts map[string]int // container name -> starts left to fail
	slow   float64        // pull time factor; 0 means 1
}

func (f *faults) takePullFailure(repository string) bool {
	return take(f.pulls, repository)
}

func (f *faults) takeStartFailure(name string) bool {
	return take(f.starts, name)
}

func take(m map[string]int, key string) bool {
	if m[key] <= 0 {
		return false
	}
	m[key]--
	if m[key] == 0 {
		delete(m, key)
	}
	return true
}

// FailPulls makes the next n pulls of the repository that ref names (any
// tag) fail with a registry error, which the kubelet reports as
// ErrImagePull. n <= 0 clears the fault. A malformed reference is an error.
// Reference: proxy-and-runtime.md B3.3 (PullImage fails: ErrImagePull).
func (e *Engine) FailPulls(ref string, n int) error {
	r, err := ParseReference(ref)
	if err != nil {
		return err
	}
	if e.faults.pulls == nil {
		e.faults.pulls = map[string]int{}
	}
	if n <= 0 {
		delete(e.faults.pulls, r.Repository())
		return nil
	}
	e.faults.pulls[r.Repository()] = n
	return nil
}

// SlowPulls multiplies the time every later pull takes by factor (2 makes
// the warehouse twice as slow). It panics on a factor that is not
// positive, a programmer error.
func (e *Engine) SlowPulls(factor float64) {
	if !(factor > 0) {
		panic(fmt.Sprintf("runtime: SlowPulls(%v): factor must be positive", factor))
	}
	e.faults.slow = factor
}

// FailStarts makes the next n starts of containers named name fail as if
// the runtime could not start the process: StartContainer returns an
// error and the container exits with code 128, reason StartError. n <= 0
// clears the fault.
// Reference: proxy-and-runtime.md B4 (errorStartReason, errorStartExitCode).
func (e *Engine) FailStarts(name string, n int) {
	if e.faults.starts == nil {
		e.faults.starts = map[string]int{}
	}
	if n <= 0 {
		delete(e.faults.starts, name)
		return
	}
	e.faults.starts[name] = n
}

// Crash makes a running container's process exit now with code (reason
// Completed for 0, Error otherwise). A missing container is an error; one
// that is not running is left alone.
func (e *Engine) Crash(id string, code int) error {
	c, ok := e.containers[id]
	if !ok {
		return &NotFoundError{"container", id}
	}
	if code < 0 || code > 255 {
		return fmt.Errorf("exit code %d: must be between 0 and 255", code)
	}
	c.exit(int32(code), false)
	return nil
}

// registryError is the error of an injected failing pull: the registry
// answered 503, as containerd words it.
func registryError(r Reference) error {
	host := r.Registry
	if host == "docker.io" {
		host = "registry-1.docker.io"
	}
	version := r.Tag
	if r.Digest != "" {
		version = r.Digest
	}
	return fmt.Errorf("failed to pull and unpack image %q: failed to resolve reference %q: unexpected status from HEAD request to https://%s/v2/%s/manifests/%s: 503 Service Unavailable",
		r.String(), r.String(), host, r.Path, version)
}
