package kubelet

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/runtime"
	"github.com/nodenucleus/nucleus/sim"
)

// probeRunner performs probe attempts against the store's runtime, with
// the outputs the real kubelet's probers report.
// Reference: kubelet.md §4.2 step 9 and §4.3; pkg/probe/{exec,http,tcp,grpc}.
type probeRunner struct{ k *Kubelet }

func (r probeRunner) Probe(t prober.Target, done func(prober.Result, string)) {
	p := t.Probe
	timeout := time.Duration(p.TimeoutSeconds) * time.Second
	switch {
	case p.Exec != nil:
		r.exec(t, p.Exec.Command, timeout, done)
	case p.HTTPGet != nil:
		r.httpGet(t, p.HTTPGet, timeout, done)
	case p.TCPSocket != nil:
		r.tcp(t, p.TCPSocket, timeout, done)
	case p.GRPC != nil:
		r.grpc(t, p.GRPC, timeout, done)
	default:
		done(prober.Unknown, "missing probe handler")
	}
}

func (r probeRunner) exec(t prober.Target, cmd []string, timeout time.Duration, done func(prober.Result, string)) {
	r.k.rt.ExecSync(t.ContainerID, cmd, timeout, func(res runtime.ExecResult) {
		out := strings.TrimSuffix(res.Stdout+res.Stderr, "\n")
		switch {
		case res.TimedOut:
			done(prober.Failure, fmt.Sprintf("command %q timed out", strings.Join(cmd, " ")))
		case res.ExitCode == 0:
			done(prober.Success, out)
		default:
			done(prober.Failure, out)
		}
	})
}

// later delivers a probe's answer after the time it took, through the loop.
func (r probeRunner) later(d time.Duration, f func()) { r.k.loop.After(d, f) }

func (r probeRunner) httpGet(t prober.Target, g *corev1.HTTPGetAction, timeout time.Duration, done func(prober.Result, string)) {
	host := g.Host
	if host == "" {
		host = t.PodIP
	}
	port, err := resolvePort(g.Port, t.Spec)
	path := g.Path
	if path == "" {
		path = "/"
	}
	if err != nil {
		r.later(0, func() { done(prober.Unknown, err.Error()) })
		return
	}
	l, ok := r.k.rt.Dial(host, port)
	if !ok {
		r.later(0, func() {
			done(prober.Failure, fmt.Sprintf("Get %q: dial tcp %s: connect: connection refused", httpURL(g, host, port, path), joinHostPort(host, port)))
		})
		return
	}
	latency := runtime.LatencyOf(l)
	if timeout > 0 && latency >= timeout {
		r.later(timeout, func() {
			done(prober.Failure, fmt.Sprintf("Get %q: context deadline exceeded (Client.Timeout exceeded while awaiting headers)", httpURL(g, host, port, path)))
		})
		return
	}
	r.later(latency, func() {
		status, _ := l.HTTP(path)
		switch {
		case status == 0:
			done(prober.Failure, fmt.Sprintf("Get %q: EOF", httpURL(g, host, port, path)))
		case status >= 200 && status < 400:
			done(prober.Success, "")
		default:
			done(prober.Failure, fmt.Sprintf("HTTP probe failed with statuscode: %d", status))
		}
	})
}

// httpURL is the URL an httpGet probe asks for. It is spelled out only for
// a failure's message: most attempts succeed, and say nothing.
func httpURL(g *corev1.HTTPGetAction, host string, port int, path string) string {
	scheme := strings.ToLower(string(g.Scheme))
	if scheme == "" {
		scheme = "http"
	}
	return scheme + "://" + joinHostPort(host, port) + path
}

func (r probeRunner) tcp(t prober.Target, s *corev1.TCPSocketAction, timeout time.Duration, done func(prober.Result, string)) {
	host := s.Host
	if host == "" {
		host = t.PodIP
	}
	port, err := resolvePort(s.Port, t.Spec)
	if err != nil {
		r.later(0, func() { done(prober.Unknown, err.Error()) })
		return
	}
	if _, ok := r.k.rt.Dial(host, port); !ok {
		r.later(0, func() {
			done(prober.Failure, fmt.Sprintf("dial tcp %s: connect: connection refused", joinHostPort(host, port)))
		})
		return
	}
	r.later(0, func() { done(prober.Success, "") })
}

func (r probeRunner) grpc(t prober.Target, g *corev1.GRPCAction, timeout time.Duration, done func(prober.Result, string)) {
	addr := joinHostPort(t.PodIP, int(g.Port))
	l, ok := r.k.rt.Dial(t.PodIP, int(g.Port))
	if !ok || runtime.ProtocolOf(l) != runtime.ProtocolGRPC {
		r.later(timeout, func() {
			done(prober.Failure, fmt.Sprintf("timeout: failed to connect service %q within %v", addr, timeout))
		})
		return
	}
	service := ""
	if g.Service != nil {
		service = *g.Service
	}
	health := ""
	if h, ok := l.(interface{ GRPCHealth(string) string }); ok {
		health = h.GRPCHealth(service)
	}
	r.later(runtime.LatencyOf(l), func() {
		if health == runtime.HealthServing {
			done(prober.Success, "")
			return
		}
		done(prober.Failure, fmt.Sprintf("service unhealthy (responded with %q)", health))
	})
}

// resolvePort turns a probe's port (a number, or the name of one of the
// container's ports) into a number. A name the container does not declare
// is tried as a number written as a string, and its error is the one the
// kubelet reports: `strconv.Atoi: parsing "http": invalid syntax`.
// Reference: pkg/probe/util.go (ResolveContainerPort, findPortByName).
func resolvePort(p intstr.IntOrString, c *corev1.Container) (int, error) {
	port := p.IntValue()
	if p.Type == intstr.String {
		found := false
		if c != nil {
			for _, cp := range c.Ports {
				if cp.Name == p.StrVal {
					port, found = int(cp.ContainerPort), true
					break
				}
			}
		}
		if !found {
			n, err := strconv.Atoi(p.StrVal)
			if err != nil {
				return n, err
			}
			port = n
		}
	}
	if port > 0 && port < 65536 {
		return port, nil
	}
	return port, fmt.Errorf("invalid port number: %v", port)
}

func joinHostPort(host string, port int) string { return host + ":" + strconv.Itoa(port) }

// newProbeManager builds the store manager's probe workers.
func (k *Kubelet) newProbeManager() *prober.Manager {
	return prober.NewManager(prober.Config{
		Loop:   k.loop,
		Runner: probeRunner{k},
		Lookup: k.probeLookup,
		Phase: func(uid string) corev1.PodPhase {
			if w, ok := k.workers[types.UID(uid)]; ok {
				return w.status.Phase
			}
			return corev1.PodFailed
		},
		Event: func(t prober.Target, typ, reason, msg string, facts sim.Facts) {
			w, ok := k.workers[types.UID(t.PodUID)]
			if !ok {
				return
			}
			if ref := k.specRef(w, t.Container); ref != nil {
				k.podEvent(w, ref, typ, reason, msg, facts)
			}
		},
		Changed: func(uid string) {
			if w, ok := k.workers[types.UID(uid)]; ok {
				k.sync(w)
			}
		},
	})
}

// probeLookup tells a probe worker about a container, as the status the
// store manager last generated shows it.
func (k *Kubelet) probeLookup(uid, name string) (prober.ContainerInfo, bool) {
	w, ok := k.workers[types.UID(uid)]
	if !ok {
		return prober.ContainerInfo{}, false
	}
	latest, _ := podStatus{containers: k.containers(w)}.newest(name)
	if latest == nil {
		return prober.ContainerInfo{PodIP: w.ip}, true
	}
	return prober.ContainerInfo{
		ID:         latest.ID,
		Running:    latest.State == runtime.ContainerRunning,
		StartedAt:  latest.StartedAt,
		Terminated: latest.State == runtime.ContainerExited,
		ExitCode:   latest.ExitCode,
		PodIP:      w.ip,
	}, true
}
