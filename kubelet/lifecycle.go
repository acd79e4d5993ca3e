package kubelet

import (
	"fmt"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// hookResult is how a lifecycle hook ended: failed says it did not
// succeed, and message is the kubelet's description of the failure (the
// text its handler runner returns).
type hookResult struct {
	failed  bool
	message string
}

// runHook runs a container's lifecycle handler (postStart or preStop), as
// the kubelet's handler runner does: exec runs the command in the
// container through the runtime's ExecSync, with no timeout of its own;
// httpGet sends a request to the pod (any answer counts as success, only
// a failed connection is a failure); sleep waits. done is called once,
// through the loop, when the handler has finished.
// Reference: kubelet.md §6.2 step 4; pkg/kubelet/lifecycle/handlers.go
// (Run, runHTTPHandler, runSleepHandler).
func (k *Kubelet) runHook(w *worker, c *corev1.Container, id string, h *corev1.LifecycleHandler, done func(hookResult)) {
	switch {
	case h.Exec != nil:
		k.rt.ExecSync(id, h.Exec.Command, 0, func(res runtime.ExecResult) {
			if res.ExitCode == 0 && !res.TimedOut {
				done(hookResult{})
				return
			}
			done(hookResult{failed: true, message: execHookMessage(w.pod, c, h.Exec.Command, res)})
		})
	case h.HTTPGet != nil:
		k.httpHook(w, c, h.HTTPGet, done)
	case h.Sleep != nil:
		k.loop.After(sim.Seconds(h.Sleep.Seconds), func() { done(hookResult{}) })
	default:
		k.loop.After(0, func() { done(hookResult{failed: true, message: "invalid handler"}) })
	}
}

// execHookMessage is the kubelet's description of a failed exec hook:
// the command, the container, the pod, the runtime's error and the output.
func execHookMessage(p *corev1.Pod, c *corev1.Container, cmd []string, res runtime.ExecResult) string {
	out := res.Stdout + res.Stderr
	err := fmt.Sprintf("command '%s' exited with %d: %s", strings.Join(cmd, " "), res.ExitCode, res.Stderr)
	if res.TimedOut {
		err = fmt.Sprintf("command '%s' timed out", strings.Join(cmd, " "))
	}
	return fmt.Sprintf("Exec lifecycle hook (%s) for Container %q in Pod %q failed - error: %s, message: %q",
		fmt.Sprint(cmd), c.Name, podFullName(p), err, out)
}

// httpHook sends an httpGet hook's request: to the pod's address unless
// the handler names a host, on the handler's port (a number or the name
// of one of the container's ports).
func (k *Kubelet) httpHook(w *worker, c *corev1.Container, g *corev1.HTTPGetAction, done func(hookResult)) {
	host := g.Host
	if host == "" {
		host = w.ip
	}
	scheme := strings.ToLower(string(g.Scheme))
	if scheme == "" {
		scheme = "http"
	}
	fail := func(err string) {
		k.loop.After(0, func() {
			done(hookResult{failed: true, message: fmt.Sprintf("HTTP lifecycle hook (%s) for Container %q in Pod %q failed - error: %s",
				g.Path, c.Name, podFullName(w.pod), err)})
		})
	}
	port, err := resolvePort(g.Port, c)
	if err != nil {
		fail(err.Error()) // Reference: pkg/kubelet/lifecycle/handlers.go (runHTTPHandler resolves the port as a probe does)
		return
	}
	url := fmt.Sprintf("%s://%s%s", scheme, joinHostPort(host, port), g.Path)
	l, ok := k.rt.Dial(host, port)
	if !ok {
		fail(fmt.Sprintf("Get %q: dial tcp %s: connect: connection refused", url, joinHostPort(host, port)))
		return
	}
	k.loop.After(runtime.LatencyOf(l), func() {
		if status, _ := l.HTTP(g.Path); status == 0 {
			fail(fmt.Sprintf("Get %q: EOF", url))
			return
		}
		done(hookResult{})
	})
}

// preStop runs a container's preStop hook, if it has one and there is a
// grace period to run it in, and calls next with what is left of the
// grace period: the whole seconds the hook took are subtracted. A hook
// still running when the grace period ends is abandoned. A failed hook is
// a Warning FailedPreStopHook event (the kubelet keeps the details out of
// the event); the termination goes on regardless.
// Reference: kubelet.md §6.2 step 4 (kuberuntime_container.go
// executePreStopHook).
func (k *Kubelet) preStop(w *worker, ref containerRef, id string, grace int64, next func(left int64)) {
	lc := ref.spec.Lifecycle
	if lc == nil || lc.PreStop == nil || grace <= 0 {
		next(grace)
		return
	}
	start := k.loop.Now()
	finished := false
	finish := func() {
		if finished {
			return
		}
		finished = true
		next(grace - wholeSeconds(k.loop.Now().Sub(start)))
	}
	deadline := k.loop.After(sim.Seconds(grace), finish)
	k.runHook(w, ref.spec, id, lc.PreStop, func(r hookResult) {
		if r.failed {
			k.podEvent(w, &ref, sim.Warning, "FailedPreStopHook", "PreStopHook failed", sim.Facts{})
		}
		k.loop.Cancel(deadline)
		finish()
	})
}

// wholeSeconds truncates d to whole seconds, as the kubelet does when it
// subtracts time spent from a grace period.
func wholeSeconds(d time.Duration) int64 { return int64(d / time.Second) }

// postStart runs a started container's postStart hook. The kubelet waits
// for it before going on; a failed hook is a Warning FailedPostStartHook
// event, and the container is killed (and restarted per the pod's
// restartPolicy) with PostStartHookError as its Waiting reason.
// Reference: kubelet.md §8.1 (PostStartHookError); kuberuntime_container.go
// startContainer.
func (k *Kubelet) postStart(w *worker, ref containerRef, id string, next func()) {
	lc := ref.spec.Lifecycle
	if lc == nil || lc.PostStart == nil {
		next()
		return
	}
	k.runHook(w, ref.spec, id, lc.PostStart, func(r hookResult) {
		if !r.failed {
			next()
			return
		}
		k.podEvent(w, &ref, sim.Warning, "FailedPostStartHook", "PostStartHook failed", sim.Facts{})
		w.setReason(ref.spec.Name, reason{"PostStartHookError", r.message})
		k.stopOne(w, ref, id, containerGrace(w, nil), "FailedPostStartHook", nil, next)
	})
}
