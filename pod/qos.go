package pod

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
)

// qosResources are the only resources that decide a pod's QoS class.
var qosResources = [...]corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory}

// qosTotals holds the pod's summed positive cpu and memory requests and
// limits, keyed by resource.
type qosTotals struct {
	requests   map[corev1.ResourceName]resource.Quantity
	limits     map[corev1.ResourceName]resource.Quantity
	guaranteed bool // every container set both a cpu and a memory limit
}

// addPositive adds q to sums[name] when q is positive, and reports whether it was.
func addPositive(sums map[corev1.ResourceName]resource.Quantity, name corev1.ResourceName, q resource.Quantity) bool {
	if q.Sign() <= 0 {
		return false
	}
	sum := q.DeepCopy()
	if prev, ok := sums[name]; ok {
		sum.Add(prev)
	}
	sums[name] = sum
	return true
}

// addContainer adds one container's cpu and memory to the totals. A request
// that is not set defaults to the limit, as the API server's defaulting does,
// so QOSClass gives the same answer before and after defaulting.
func (t *qosTotals) addContainer(c *corev1.Container) {
	limited := 0
	for _, name := range qosResources {
		limit, hasLimit := c.Resources.Limits[name]
		request, hasRequest := c.Resources.Requests[name]
		if !hasRequest && hasLimit {
			request, hasRequest = limit, true
		}
		if hasRequest {
			addPositive(t.requests, name, request)
		}
		if hasLimit && addPositive(t.limits, name, limit) {
			limited++
		}
	}
	if limited < len(qosResources) {
		t.guaranteed = false
	}
}

// QOSClass returns the pod's quality-of-service class, as the API server
// computes it into status.qosClass (pkg/apis/core/helper/qos ComputePodQOS):
//
//   - BestEffort when no container or init container sets a positive cpu or
//     memory request or limit;
//   - Guaranteed when every container and init container sets both a cpu
//     and a memory limit, and the pod's summed requests equal its summed
//     limits for cpu and memory;
//   - Burstable otherwise.
//
// Only cpu and memory count; other resources are ignored. A request that is
// not set counts as equal to its limit, as after defaulting. When the pod
// sets pod-level resources (spec.resources), they alone decide, the same
// way: Guaranteed needs a pod-level cpu and memory limit equal to the
// pod-level requests. Under memory pressure the store sends the BestEffort
// employees home first, since they use more than they asked for.
func QOSClass(pod *corev1.Pod) corev1.PodQOSClass {
	if pod == nil {
		panic("pod.QOSClass: nil pod")
	}
	t := qosTotals{
		requests:   map[corev1.ResourceName]resource.Quantity{},
		limits:     map[corev1.ResourceName]resource.Quantity{},
		guaranteed: true,
	}
	if HasPodLevelResources(&pod.Spec) {
		// Reference: pkg/apis/core/helper/qos ComputePodQOS (pod-level
		// resources take precedence).
		t.addContainer(&corev1.Container{Resources: corev1.ResourceRequirements{
			Requests: defaultedPodRequests(&pod.Spec), Limits: pod.Spec.Resources.Limits}})
	} else {
		for i := range pod.Spec.Containers {
			t.addContainer(&pod.Spec.Containers[i])
		}
		for i := range pod.Spec.InitContainers {
			t.addContainer(&pod.Spec.InitContainers[i])
		}
	}
	if len(t.requests) == 0 && len(t.limits) == 0 {
		return corev1.PodQOSBestEffort
	}
	if !t.guaranteed || len(t.requests) != len(t.limits) {
		return corev1.PodQOSBurstable
	}
	for _, name := range qosResources {
		req, hasReq := t.requests[name]
		lim, hasLim := t.limits[name]
		if hasReq != hasLim || (hasReq && req.Cmp(lim) != 0) {
			return corev1.PodQOSBurstable
		}
	}
	return corev1.PodQOSGuaranteed
}

// Priority returns the pod's spec.priority, 0 when it has none (the
// priority admission plugin fills it in from the PriorityClass).
// Reference: k8s.io/component-helpers/scheduling/corev1 (PodPriority).
func Priority(p *corev1.Pod) int32 {
	if p.Spec.Priority == nil {
		return 0
	}
	return *p.Spec.Priority
}
