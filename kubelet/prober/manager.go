package prober

import (
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Target names the container instance a probe checks, and carries what a
// Runner needs to check it.
type Target struct {
	PodUID, Namespace, PodName, Container string
	// ContainerID is the instance; a new ID means a restarted container.
	ContainerID string
	PodIP       string
	// Probe is the defaulted probe (period, timeout, thresholds set).
	Probe *corev1.Probe
	Kind  Kind
	// Spec is the container's spec, for probes that name a port ("http"),
	// and its own restart policy and rules. Probe and Spec are shared with
	// the pod: a Runner reads them and never changes them.
	Spec *corev1.Container
}

// Runner performs one probe attempt: exec, httpGet, tcpSocket or grpc. It
// calls done exactly once, possibly later in virtual time, with the outcome
// and the output Kubernetes puts in the event message ("HTTP probe failed
// with statuscode: 500", "dial tcp 10.244.1.5:8080: connect: connection
// refused", an exec command's output). The Runner applies the probe's
// timeoutSeconds itself: an attempt that takes longer is a Failure with
// Kubernetes' timeout message. Unknown means the probe could not be run at
// all; output then holds the error.
type Runner interface {
	Probe(t Target, done func(result Result, output string))
}

// ContainerInfo is what the manager needs to know of a container now.
type ContainerInfo struct {
	ID         string // the instance; empty while none was created
	Running    bool
	StartedAt  sim.Time // when the running instance started
	Terminated bool
	ExitCode   int32  // of the terminated instance
	PodIP      string // the pod's IP, as its status shows it
}

// Config wires a Manager to the loop and to the kubelet around it.
type Config struct {
	Loop   *sim.Loop
	Runner Runner
	// Lookup returns the current state of a container, as the status the
	// kubelet last generated shows it; false while the pod or the container
	// has no status.
	Lookup func(podUID, container string) (ContainerInfo, bool)
	// Phase returns the pod's phase as its status shows it. Optional: nil
	// means no pod is ever seen in a terminal phase.
	Phase func(podUID string) corev1.PodPhase
	// Event records an Unhealthy (or ProbeWarning) event: typ is
	// sim.Warning, reason "Unhealthy", msg e.g. "Liveness probe failed: HTTP
	// probe failed with statuscode: 500". Optional.
	Event func(t Target, typ, reason, msg string, facts sim.Facts)
	// Changed is called when a published result changes (readiness flips,
	// liveness or startup fails or succeeds, a new container instance gets
	// its initial result), so the kubelet can resync the pod. Optional.
	Changed func(podUID string)
}

// probeKey names one worker: one probe kind of one container of one pod.
type probeKey struct {
	podUID, container string
	kind              Kind
}

// Manager is the store manager's set of probe workers: one per (pod,
// container, probe kind). It publishes each worker's verdict, and computes
// the Started and Ready fields of container statuses from those verdicts.
type Manager struct {
	cfg     Config
	workers map[probeKey]*worker
	// retired holds the workers that stopped for good while their pod
	// stays (a terminated container of a Never pod, a terminal pod, a pod
	// shutting down), so that AddPod on a later sync does not revive them.
	retired map[probeKey]bool
}

// NewManager returns a Manager with no workers. Loop, Runner and Lookup are
// required.
func NewManager(cfg Config) *Manager {
	switch {
	case cfg.Loop == nil:
		panic("prober: NewManager: nil Config.Loop")
	case cfg.Runner == nil:
		panic("prober: NewManager: nil Config.Runner")
	case cfg.Lookup == nil:
		panic("prober: NewManager: nil Config.Lookup")
	}
	return &Manager{cfg: cfg, workers: map[probeKey]*worker{}, retired: map[probeKey]bool{}}
}

// AddPod starts a worker for every probe of every container (and every
// restartable init container, a sidecar) of the pod. The kubelet calls it on
// every sync; a worker that exists, or that stopped for good, is not started
// again until RemovePod. Each new worker makes its first check right after
// the current event and then one every periodSeconds. The workers keep
// pointers into the pod's spec (its containers, and its probes when they
// need no default), so the caller must not change the pod afterwards; a pod
// from head office's shared watch never changes.
func (m *Manager) AddPod(pod *corev1.Pod) {
	if pod == nil {
		return
	}
	uid := string(pod.UID)
	meta := podMeta{namespace: pod.Namespace, name: pod.Name}
	restart := pod.Spec.RestartPolicy
	for i := range pod.Spec.Containers {
		m.addContainer(uid, meta, restart, &pod.Spec.Containers[i])
	}
	for i := range pod.Spec.InitContainers {
		if c := &pod.Spec.InitContainers[i]; isSidecar(c) {
			m.addContainer(uid, meta, restart, c)
		}
	}
}

// addContainer starts the workers of container c that are not running yet.
// They read the container's spec itself, shared with the pod, which nobody
// changes (a pod update brings a new pod, not a changed one).
func (m *Manager) addContainer(uid string, meta podMeta, restart corev1.RestartPolicy, c *corev1.Container) {
	for _, kind := range kinds {
		p := kind.probe(c)
		if p == nil {
			continue
		}
		key := probeKey{uid, c.Name, kind}
		if _, ok := m.workers[key]; ok || m.retired[key] {
			continue
		}
		w := newWorker(m, key, meta, restart, c, p)
		m.workers[key] = w
		w.start()
	}
}

// isSidecar reports whether an init container is restartable (restartPolicy
// Always): an assistant who works alongside for the whole shift.
func isSidecar(c *corev1.Container) bool {
	return c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways
}

// RemovePod stops every worker of the pod and forgets its results.
func (m *Manager) RemovePod(podUID string) {
	m.stop(podUID, func(Kind) bool { return true })
	for key := range m.retired {
		if key.podUID == podUID {
			delete(m.retired, key)
		}
	}
}

// StopLivenessAndStartup stops the pod's liveness and startup workers and
// forgets their results, so that no probe kills a container of a pod that is
// shutting down. Readiness keeps probing until the containers stop. With the
// workers gone, Result reports no worker, which the kubelet reads as "not
// failed", and Started reports a running container as started.
func (m *Manager) StopLivenessAndStartup(podUID string) {
	m.stop(podUID, func(k Kind) bool { return k != Readiness })
}

// stop stops the pod's workers whose kind matches.
func (m *Manager) stop(podUID string, match func(Kind) bool) {
	var doomed []*worker
	for key, w := range m.workers {
		if key.podUID == podUID && match(key.kind) {
			doomed = append(doomed, w)
		}
	}
	// Stop in a fixed order, so that map order never reaches the loop.
	slices.SortFunc(doomed, func(a, b *worker) int {
		if c := strings.Compare(a.key.container, b.key.container); c != 0 {
			return c
		}
		return int(a.key.kind) - int(b.key.kind)
	})
	for _, w := range doomed {
		w.exit()
	}
}

// Result returns the published result of a container's probe of the given
// kind for the container's current instance, and whether a worker exists.
// While the worker has not yet seen the current instance, the result is
// Unknown, as the kubelet's results cache has no entry for it.
func (m *Manager) Result(podUID, container string, kind Kind) (Result, bool) {
	w, ok := m.workers[probeKey{podUID, container, kind}]
	if !ok {
		return Unknown, false
	}
	r, _ := m.current(w)
	return r, true
}

// LastAnswer returns the answer of the latest attempt of a container's
// probe of the given kind on its current instance (Success, Failure, or
// Unknown for an attempt that errored), and whether there has been one.
// Unlike [Manager.Result] it does not start from the kind's initial
// verdict: a liveness probe that has never run has no answer.
func (m *Manager) LastAnswer(podUID, container string, kind Kind) (Result, bool) {
	w, ok := m.workers[probeKey{podUID, container, kind}]
	if !ok || !w.hasAnswer {
		return Unknown, false
	}
	if info, ok := m.cfg.Lookup(podUID, container); !ok || info.ID != w.containerID {
		return Unknown, false
	}
	return w.lastAnswer, true
}

// current returns w's published result if it is about the container's
// current instance.
func (m *Manager) current(w *worker) (Result, bool) {
	if !w.hasResult {
		return Unknown, false
	}
	info, ok := m.cfg.Lookup(w.key.podUID, w.key.container)
	if !ok || info.ID != w.containerID {
		return Unknown, false
	}
	return w.result, true
}

// Started returns a container's Started field as the kubelet computes it:
// false unless running; otherwise true once the startup probe has published
// Success, and true when the container has no startup worker.
func (m *Manager) Started(podUID string, c *corev1.Container, running bool) bool {
	if !running || c == nil {
		return false
	}
	w, ok := m.workers[probeKey{podUID, c.Name, Startup}]
	if !ok {
		return true
	}
	r, known := m.current(w)
	return known && r == Success
}

// Ready returns a container's Ready field as the kubelet computes it: false
// unless started and running; otherwise true once the readiness probe has
// published Success, and true when the container has no readiness worker (no
// readinessProbe: ready as soon as started). Like the kubelet, a Ready check
// that finds a readiness worker without Success asks that worker for an
// immediate probe run, which restarts its period.
func (m *Manager) Ready(podUID string, c *corev1.Container, running, started bool) bool {
	if !started || !running || c == nil {
		return false
	}
	w, ok := m.workers[probeKey{podUID, c.Name, Readiness}]
	if !ok {
		return true
	}
	if r, known := m.current(w); known && r == Success {
		return true
	}
	w.trigger()
	return false
}

// startedFor reports whether the instance id of a container counts as
// started, the way the status the kubelet generates would show it; the
// worker gate of reference §4.2 step 8 reads it.
func (m *Manager) startedFor(podUID, container, id string) bool {
	w, ok := m.workers[probeKey{podUID, container, Startup}]
	if !ok {
		return true
	}
	return w.hasResult && w.containerID == id && w.result == Success
}

// changed tells the kubelet that a published result changed.
func (m *Manager) changed(podUID string) {
	if m.cfg.Changed != nil {
		m.cfg.Changed(podUID)
	}
}

// event records a probe event.
func (m *Manager) event(t Target, reason, msg string, facts sim.Facts) {
	if m.cfg.Event != nil {
		m.cfg.Event(t, sim.Warning, reason, msg, facts)
	}
}
