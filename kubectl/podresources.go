package kubectl

import (
	corev1 "k8s.io/api/core/v1"

	"github.com/nodenucleus/nucleus/pod"
)

// podRequestsAndLimits returns what a pod takes of its node, as kubectl
// describe node counts it: the sum over regular containers and sidecars,
// or the largest single init container (with the sidecars started before
// it) when that is more, plus the pod overhead. nucleus reads the spec
// only; kubectl also takes the larger of spec and the resources the
// kubelet allocated during an in-place resize.
// Reference: kubectl pkg/util/resource/resource.go PodRequestsAndLimits.
func podRequestsAndLimits(p *corev1.Pod) (reqs, limits corev1.ResourceList) {
	pick := func(r corev1.ResourceRequirements, limit bool) corev1.ResourceList {
		if limit {
			return r.Limits
		}
		return r.Requests
	}
	total := func(limit bool) corev1.ResourceList {
		sum := corev1.ResourceList{}
		for _, c := range p.Spec.Containers {
			addResources(sum, pick(c.Resources, limit))
		}
		sidecars, initMax := corev1.ResourceList{}, corev1.ResourceList{}
		for i := range p.Spec.InitContainers {
			c := &p.Spec.InitContainers[i]
			own := pick(c.Resources, limit)
			if pod.IsSidecar(c) {
				addResources(sum, own)
				addResources(sidecars, own)
				maxResources(initMax, sidecars)
				continue
			}
			tmp := corev1.ResourceList{}
			addResources(tmp, own)
			addResources(tmp, sidecars)
			maxResources(initMax, tmp)
		}
		maxResources(sum, initMax)
		return sum
	}
	reqs, limits = total(false), total(true)
	addResources(reqs, p.Spec.Overhead)
	for name, q := range p.Spec.Overhead {
		if v, ok := limits[name]; ok {
			v.Add(q)
			limits[name] = v
		}
	}
	return reqs, limits
}

// addResources adds every quantity of add to sum.
func addResources(sum, add corev1.ResourceList) {
	for name, q := range add {
		v, ok := sum[name]
		if !ok {
			sum[name] = q.DeepCopy()
			continue
		}
		v.Add(q)
		sum[name] = v
	}
}

// maxResources raises every quantity of into to the one in other where
// other's is larger, adding the names into lacks.
func maxResources(into, other corev1.ResourceList) {
	for name, q := range other {
		if v, ok := into[name]; !ok || q.Cmp(v) > 0 {
			into[name] = q.DeepCopy()
		}
	}
}
