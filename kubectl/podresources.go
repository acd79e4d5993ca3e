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
// total; the pod overhead is added on top. nucleus reads the spec only;
// kubectl also takes the larger of spec and the resources the kubelet
// allocated during an in-place resize.
// Reference: kubectl pkg/util/resource/resource.go PodRequestsAndLimits.
func podRequestsAndLimits(p *corev1.Pod) (reqs, limits corev1.ResourceList) {
	reqs, limits = pod.AggregateContainerRequests(&p.Spec), pod.AggregateContainerLimits(&p.Spec)
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
