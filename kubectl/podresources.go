package kubectl

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// podRequestsAndLimits returns what a pod takes of its node, as kubectl
// describe node counts it: the sum over regular containers and sidecars,
// or the largest single init container (with the sidecars started before
// it) when that is more ([pod.AggregateContainerRequests]); a pod-level
// request or limit (spec.resources) of a resource replaces the containers'
// total; the pod overhead is added on top. A regular container's requests
// are the larger of its spec's and of what the kubelet allocated it
// (status.containerStatuses[].allocatedResources), so a pod whose resize
// waits counts for the larger of the two; limits are the spec's. (kubectl
// takes the allocation alone when the deprecated status.resize says
// Infeasible, which a v1.35 API server never sets.)
// Reference: kubectl pkg/util/resource/resource.go PodRequestsAndLimits
// (podRequests).
func podRequestsAndLimits(p *corev1.Pod) (reqs, limits corev1.ResourceList) {
	reqs, limits = pod.AggregateContainerRequests(allocatedSpec(p)), pod.AggregateContainerLimits(&p.Spec)
	if r := p.Spec.Resources; r != nil {
		for _, pair := range [2]struct{ from, into corev1.ResourceList }{{r.Requests, reqs}, {r.Limits, limits}} {
			for name, q := range pair.from {
				if pod.IsPodLevelResource(name) {
					pair.into[name] = q.DeepCopy()
				}
			}
		}
	}
	pod.AddResources(reqs, p.Spec.Overhead)
	for name, q := range p.Spec.Overhead {
		if v, ok := limits[name]; ok {
			v.Add(q)
			limits[name] = v
		}
	}
	return reqs, limits
}

// allocatedSpec returns p's spec with each regular container's requests
// raised to what its status says was allocated to it; p's own spec when
// no status says more.
func allocatedSpec(p *corev1.Pod) *corev1.PodSpec {
	var spec *corev1.PodSpec
	for _, cs := range p.Status.ContainerStatuses {
		for i := range p.Spec.Containers {
			c := &p.Spec.Containers[i]
			if c.Name != cs.Name || !exceeds(cs.AllocatedResources, c.Resources.Requests) {
				continue
			}
			if spec == nil {
				spec = p.Spec.DeepCopy()
			}
			r := &spec.Containers[i].Resources
			if r.Requests == nil {
				r.Requests = corev1.ResourceList{}
			}
			pod.MaxResources(r.Requests, cs.AllocatedResources)
		}
	}
	if spec == nil {
		return &p.Spec
	}
	return spec
}

// exceeds reports whether a holds more of some resource than b.
func exceeds(a, b corev1.ResourceList) bool {
	for name, q := range a {
		if have, ok := b[name]; !ok || q.Cmp(have) > 0 {
			return true
		}
	}
	return false
}
