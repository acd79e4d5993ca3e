package kubelet

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/kubelet/prober"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/runtime"
)

// actions is what one sync must do to a pod: the kubelet's podActions.
type actions struct {
	createSandbox bool
	killPod       bool // stop everything: the pod is done
	kill          []killAction
	resize        []resizeAction // running containers to resize in place
	start         []containerRef
}

// killAction is a running container to stop, and why.
type killAction struct {
	ref     containerRef
	id      string
	message string // for the Killing event
	probe   prober.Kind
	resize  bool // a resize restarts it (its resizePolicy)
}

// probeResults tells computeActions what the probe workers know: whether a
// running container has started (passed its startup probe, or has none),
// and whether its liveness or startup probe has failed.
type probeResults interface {
	started(c *corev1.Container, st *runtime.ContainerStatus) bool
	failed(c *corev1.Container) (prober.Kind, bool)
}

// computeActions decides what a sync does, as the kubelet's
// computePodActions does.
// Reference: kubelet.md §2.2 (pkg/kubelet/kuberuntime/kuberuntime_manager.go).
func computeActions(p *corev1.Pod, ps podStatus, probes probeResults) actions {
	var a actions
	if !ps.sandboxReady {
		return sandboxActions(p, ps)
	}
	initialized, killPod, initStart := initActions(p, ps, probes)
	if killPod {
		a.killPod = true
		return a
	}
	a.start = initStart
	if !initialized {
		return a
	}
	keep := 0
	for i := range p.Spec.Containers {
		c := &p.Spec.Containers[i]
		latest, _ := ps.newest(c.Name)
		if latest != nil && latest.State == runtime.ContainerRunning {
			if kind, failed := probes.failed(c); failed {
				// Reference: kubelet.md §2.2 (a failed liveness or startup
				// probe kills the container; it restarts unless the
				// restartPolicy is Never).
				restart := pod.Restartable(&p.Spec, c)
				msg := fmt.Sprintf("Container %s failed %s probe", c.Name, strings.ToLower(kind.String()))
				if restart {
					msg += ", will be restarted"
					a.start = append(a.start, containerRef{spec: c})
				}
				a.kill = append(a.kill, killAction{ref: containerRef{spec: c}, id: latest.ID, message: msg, probe: kind})
				continue
			}
			if definitionChanged(c, latest) {
				// Reference: pkg/kubelet/kuberuntime/kuberuntime_manager.go
				// (computePodActions: a running container whose spec hash
				// changed is killed and restarted, whatever the
				// restartPolicy; the image is the only container field an
				// update may change).
				a.kill = append(a.kill, killAction{ref: containerRef{spec: c}, id: latest.ID,
					message: fmt.Sprintf("Container %s definition changed, will be restarted", c.Name)})
				a.start = append(a.start, containerRef{spec: c})
				continue
			}
			keep++
			continue
		}
		if shouldRestart(p, c, latest) {
			a.start = append(a.start, containerRef{spec: c})
		}
	}
	if keep == 0 && len(a.start) == 0 && len(a.kill) == 0 {
		// Nothing runs and nothing will: stop the sandbox and the sidecars.
		a.killPod = true
		a.start = nil
	}
	return a
}

// initActions walks the init containers in order: regular ones each to
// completion, sidecars started and kept running.
// Reference: kubelet.md §2.2 (computeInitContainerActions).
func initActions(p *corev1.Pod, ps podStatus, probes probeResults) (initialized, killPod bool, start []containerRef) {
	initialized = regularContainerCreated(p, ps)
	for i := range p.Spec.InitContainers {
		c := &p.Spec.InitContainers[i]
		ref := containerRef{spec: c, init: true}
		latest, _ := ps.newest(c.Name)
		if pod.IsSidecar(c) {
			switch {
			case latest == nil || latest.State != runtime.ContainerRunning:
				// A sidecar that is missing or has exited is (re)started,
				// whatever the pod's restartPolicy.
				start = append(start, ref)
				if !initialized {
					return false, false, start
				}
			case !probes.started(c, latest) && !initialized:
				return false, false, start
			}
			continue
		}
		if initialized {
			continue
		}
		switch {
		case latest == nil || latest.State == runtime.ContainerCreated || latest.State == runtime.ContainerUnknown:
			return false, false, append(start, ref)
		case latest.State == runtime.ContainerRunning:
			return false, false, start
		case latest.ExitCode == 0:
			continue
		case !pod.ShouldRestart(&p.Spec, c, latest.ExitCode):
			return false, true, nil // the pod fails
		default:
			return false, false, append(start, ref)
		}
	}
	return true, false, start
}

// regularContainerCreated reports whether any app container has been
// created: from then on the pod counts as initialized.
func regularContainerCreated(p *corev1.Pod, ps podStatus) bool {
	for i := range p.Spec.Containers {
		if latest, _ := ps.newest(p.Spec.Containers[i].Name); latest != nil {
			return true
		}
	}
	return false
}

// shouldRestart is the kubelet's ShouldContainerBeRestarted for a container
// that is not running: an exited one by its own restart policy and rules,
// else the pod's (pod.ShouldRestart).
// Reference: kubelet.md §2.1 (pkg/kubelet/container/helpers.go).
func shouldRestart(p *corev1.Pod, c *corev1.Container, latest *runtime.ContainerStatus) bool {
	switch {
	case p.DeletionTimestamp != nil:
		return false
	case latest == nil:
		return true
	case latest.State == runtime.ContainerRunning:
		return false
	case latest.State == runtime.ContainerUnknown || latest.State == runtime.ContainerCreated:
		return true
	}
	return pod.ShouldRestart(&p.Spec, c, latest.ExitCode)
}

// sandboxActions is computePodActions for a pod whose sandbox must be
// (re)created. A pod none of whose containers can ever restart, and which
// has already run, is done. Otherwise every regular container is to start
// except one that has exited and whose restart policy (its own, else the
// pod's) does not run it again, such as a container that succeeded under
// OnFailure; when that leaves none and the pod had started its regular
// containers, the pod is done too. A new sandbox starts from the first init
// container when there are any.
// Reference: kubelet.md §2.2 (pkg/kubelet/kuberuntime/kuberuntime_manager.go
// computePodActions: "Start all containers by default but exclude the ones
// that succeeded if RestartPolicy is OnFailure"; shouldRestartOnFailure).
func sandboxActions(p *corev1.Pod, ps podStatus) actions {
	var a actions
	if len(ps.containers) > 0 && !anyRestartable(p) {
		a.killPod = true
		return a
	}
	var start []containerRef
	for i := range p.Spec.Containers {
		c := &p.Spec.Containers[i]
		if latest, _ := ps.newest(c.Name); latest != nil && latest.State == runtime.ContainerExited &&
			!pod.ShouldRestart(&p.Spec, c, latest.ExitCode) {
			continue // done for good: not run again in the new sandbox
		}
		start = append(start, containerRef{spec: c})
	}
	if len(start) == 0 && regularContainerCreated(p, ps) {
		a.killPod = true
		return a
	}
	a.createSandbox = true
	if len(p.Spec.InitContainers) > 0 {
		a.start = []containerRef{{spec: &p.Spec.InitContainers[0], init: true}}
		return a
	}
	a.start = start
	return a
}

// anyRestartable reports whether some regular container of p can ever be
// restarted: the kubelet's shouldRestartOnFailure, with each container's
// own restart policy and rules.
func anyRestartable(p *corev1.Pod) bool {
	for i := range p.Spec.Containers {
		if pod.Restartable(&p.Spec, &p.Spec.Containers[i]) {
			return true
		}
	}
	return false
}

// definitionChanged reports whether a running container was made from
// another image than its spec names now (the pod was updated).
func definitionChanged(c *corev1.Container, latest *runtime.ContainerStatus) bool {
	if c.Image == latest.Image {
		return false
	}
	// The common case without parsing: an official image by its short
	// name ("nginx:1.27" is "docker.io/library/nginx:1.27").
	if rest, ok := strings.CutPrefix(latest.Image, "docker.io/library/"); ok &&
		(rest == c.Image || (strings.HasPrefix(rest, c.Image) && rest[len(c.Image):] == ":latest")) {
		return false
	}
	r, err := runtime.ParseReference(c.Image)
	return err == nil && r.String() != latest.Image
}
