package simtest

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/apiserver"
	sched "github.com/nodenucleus/nucleus/scheduler"
)

// podSeen is what the checker remembers of one pod (by UID).
type podSeen struct {
	phase    corev1.PodPhase
	running  bool // seen Running
	node     string
	restarts map[string]int32
	started  map[string]metav1.Time // container -> startedAt of the run last seen
}

// checkPods looks at the pods the event's records name (every pod, once
// per sweepEvery) and checks the pod invariants on each.
func (k *checker) checkPods(st Step) *finding {
	var pods []*corev1.Pod
	if st.Now.Sub(k.lastSweep) >= sweepEvery {
		k.lastSweep = st.Now
		pods = k.c.API().Pods.List()
	} else {
		seen := map[apiserver.Key]bool{}
		for _, r := range st.Records {
			key := apiserver.Key{Namespace: r.Object.Namespace, Name: r.Object.Name}
			if r.Object.Kind != "Pod" || seen[key] {
				continue
			}
			seen[key] = true
			if p, err := k.c.API().Pods.Get(key.Namespace, key.Name); err == nil {
				pods = append(pods, p)
			}
		}
	}
	for _, p := range pods {
		if f := k.checkPod(p); f != nil {
			return f
		}
	}
	for _, r := range st.Records {
		if r.Reason == "Started" && r.Object.Kind == "Pod" && r.Object.FieldPath != "" {
			if f := k.checkBackOff(r.Object.Namespace, r.Object.Name, fieldContainer(r.Object.FieldPath)); f != nil {
				return f
			}
		}
	}
	return nil
}

// fieldContainer returns the container a field path names:
// "spec.containers{app}" -> "app".
func fieldContainer(path string) string {
	_, rest, ok := strings.Cut(path, "{")
	if !ok {
		return ""
	}
	return strings.TrimSuffix(rest, "}")
}

// checkPod checks one pod against what was seen of it before.
func (k *checker) checkPod(p *corev1.Pod) *finding {
	s := k.pods[p.UID]
	if s == nil {
		s = &podSeen{restarts: map[string]int32{}, started: map[string]metav1.Time{}}
		k.pods[p.UID] = s
	}
	checks := []func(*corev1.Pod, *podSeen) *finding{k.checkPhase, k.checkRestarts, k.checkInitOrder, k.checkBinding}
	for _, check := range checks {
		if f := check(p, s); f != nil {
			return f
		}
	}
	return nil
}

// checkPhase: a pod's phase never leaves Succeeded or Failed, and under
// restartPolicy Never never goes back to Pending once Running.
// Reference: kubelet.md §1 (pkg/kubelet/kubelet_pods.go getPhase).
func (k *checker) checkPhase(p *corev1.Pod, s *podSeen) *finding {
	prev, now := s.phase, p.Status.Phase
	s.phase = now
	if now == corev1.PodRunning {
		s.running = true
	}
	if prev == now || prev == "" {
		return nil
	}
	if prev == corev1.PodSucceeded || prev == corev1.PodFailed {
		return found(PhaseMonotonic, "pod %s went from %s to %s", p.Name, prev, now)
	}
	if s.running && now == corev1.PodPending && p.Spec.RestartPolicy == corev1.RestartPolicyNever {
		return found(PhaseMonotonic, "pod %s (restartPolicy Never) went back to Pending after Running", p.Name)
	}
	return nil
}

// checkRestarts: a container's restart count never decreases.
func (k *checker) checkRestarts(p *corev1.Pod, s *podSeen) *finding {
	for _, list := range [][]corev1.ContainerStatus{p.Status.InitContainerStatuses, p.Status.ContainerStatuses} {
		for _, cs := range list {
			if prev, ok := s.restarts[cs.Name]; ok && cs.RestartCount < prev {
				return found(RestartsMonotonic, "container %s of pod %s has restartCount %d, after %d", cs.Name, p.Name, cs.RestartCount, prev)
			}
			s.restarts[cs.Name] = cs.RestartCount
		}
	}
	return nil
}

// checkInitOrder: no app container starts before every regular init
// container has succeeded. A run is new when its startedAt was not seen
// before.
// Reference: kubelet.md §2.2 (kuberuntime_manager.go computePodActions).
func (k *checker) checkInitOrder(p *corev1.Pod, s *podSeen) *finding {
	for _, cs := range p.Status.ContainerStatuses {
		if cs.State.Running == nil {
			continue
		}
		at := cs.State.Running.StartedAt
		if prev, ok := s.started[cs.Name]; ok && prev.Equal(&at) {
			continue
		}
		s.started[cs.Name] = at
		if name, why := unfinishedInit(p); name != "" {
			return found(InitBeforeApp, "container %s of pod %s is Running (started %v) while init container %s %s",
				cs.Name, p.Name, at.UTC().Format("15:04:05"), name, why)
		}
	}
	return nil
}

// unfinishedInit returns a regular init container that has not
// succeeded, and what its status says.
func unfinishedInit(p *corev1.Pod) (string, string) {
	status := map[string]corev1.ContainerStatus{}
	for _, cs := range p.Status.InitContainerStatuses {
		status[cs.Name] = cs
	}
	for _, c := range p.Spec.InitContainers {
		if c.RestartPolicy != nil {
			continue // a sidecar
		}
		cs, ok := status[c.Name]
		switch {
		case !ok:
			return c.Name, "has no status"
		case cs.State.Terminated == nil:
			return c.Name, "has not terminated"
		case cs.State.Terminated.ExitCode != 0:
			return c.Name, "exited with a failure"
		}
	}
	return "", ""
}

// checkBinding: a pod is bound to at most one store and never moves; and
// when it is bound, its store's pods request no more than the store's
// allocatable.
func (k *checker) checkBinding(p *corev1.Pod, s *podSeen) *finding {
	node := p.Spec.NodeName
	switch {
	case node == s.node:
		return nil
	case s.node != "":
		return found(BoundOnce, "pod %s moved from store %s to %q", p.Name, s.node, node)
	}
	s.node = node
	if f := k.checkCapacity(node); f != nil {
		return f
	}
	return k.checkAntiAffinity(node)
}

// checkCapacity: the pods bound to a store that are not finished request
// no more cpu, memory and pod slots than its allocatable.
// Reference: scheduler NodeResourcesFit (pods in Succeeded or Failed do
// not count).
func (k *checker) checkCapacity(node string) *finding {
	n, err := k.c.API().Nodes.Get("", node)
	if err != nil {
		return nil
	}
	var sum sched.Resources
	var names []string
	for _, p := range k.c.API().Pods.List() {
		if p.Spec.NodeName != node || p.Status.Phase == corev1.PodSucceeded || p.Status.Phase == corev1.PodFailed {
			continue
		}
		r := sched.PodRequests(p)
		sum.MilliCPU, sum.Memory, sum.Pods = sum.MilliCPU+r.MilliCPU, sum.Memory+r.Memory, sum.Pods+r.Pods
		names = append(names, p.Name)
	}
	alloc := n.Status.Allocatable
	cpu, mem, pods := alloc.Cpu().MilliValue(), alloc.Memory().Value(), alloc.Pods().Value()
	if sum.MilliCPU > cpu || sum.Memory > mem || sum.Pods > pods {
		return found(StoreCapacity, "store %s's pods %v request cpu %dm, memory %d, %d pods; allocatable is %dm, %d, %d",
			node, names, sum.MilliCPU, sum.Memory, sum.Pods, cpu, mem, pods)
	}
	return nil
}
