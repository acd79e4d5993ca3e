package kubelet

import (
	"fmt"
	"math"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/nodenucleus/nucleus/pod"
)

// fieldRefValue is the downward API's value of a pod field for an env
// variable: the pod's name, namespace and uid, one label or annotation,
// the node's name, the service account, and the pod's and node's
// addresses as the kubelet knows them when it starts the container.
// Reference: pkg/kubelet/kubelet_pods.go (podFieldSelectorRuntimeValue);
// pkg/api/v1/pod (ConvertDownwardAPIFieldLabel);
// https://kubernetes.io/docs/concepts/workloads/pods/downward-api/.
func (k *Kubelet) fieldRefValue(w *worker, path string) (string, error) {
	p := w.pod
	switch path {
	case "metadata.name":
		return p.Name, nil
	case "metadata.namespace":
		return p.Namespace, nil
	case "metadata.uid":
		return string(p.UID), nil
	case "spec.nodeName":
		return p.Spec.NodeName, nil
	case "spec.serviceAccountName":
		return p.Spec.ServiceAccountName, nil
	case "status.hostIP", "status.hostIPs":
		return k.cfg.NodeIP, nil
	case "status.podIP", "status.podIPs":
		return w.ip, nil
	}
	if key, ok := subscript(path, "metadata.labels"); ok {
		return p.Labels[key], nil
	}
	if key, ok := subscript(path, "metadata.annotations"); ok {
		return p.Annotations[key], nil
	}
	return "", fmt.Errorf("unsupported fieldPath: %v", path)
}

// subscript returns k of "prefix['k']".
func subscript(path, prefix string) (string, bool) {
	rest, ok := strings.CutPrefix(path, prefix+"['")
	if !ok || !strings.HasSuffix(rest, "']") {
		return "", false
	}
	return strings.TrimSuffix(rest, "']"), true
}

// resourceFieldRefValue is the downward API's value of a container's
// request or limit, divided by the divisor and rounded up; a limit the
// container does not set is the pod-level limit, else the node's
// allocatable.
// Reference: pkg/api/v1/resource/helpers.go (ExtractContainerResourceValue,
// convertResourceCPUToString, convertResourceMemoryToString);
// pkg/kubelet/kubelet_pods.go (containerResourceRuntimeValue: unset limits
// default to the pod-level limits, else to the node's allocatable).
func (k *Kubelet) resourceFieldRefValue(w *worker, self *corev1.Container, ref *corev1.ResourceFieldSelector) (string, error) {
	c := self
	if ref.ContainerName != "" {
		c = findContainer(w.pod, ref.ContainerName)
		if c == nil {
			return "", fmt.Errorf("container %s not found", ref.ContainerName)
		}
	}
	kind, name, _ := strings.Cut(ref.Resource, ".")
	res := corev1.ResourceName(name)
	var q resource.Quantity
	switch kind {
	case "limits":
		v, ok := effectiveLimit(w.pod, c, res)
		if !ok {
			v = k.allocatable()[res]
		}
		q = v
	case "requests":
		q = c.Resources.Requests[res]
	default:
		return "", fmt.Errorf("unsupported container resource : %v", ref.Resource)
	}
	divisor := ref.Divisor
	if divisor.IsZero() {
		divisor = resource.MustParse("1")
	}
	switch res {
	case corev1.ResourceCPU:
		return fmt.Sprint(int64(math.Ceil(float64(q.MilliValue()) / float64(divisor.MilliValue())))), nil
	case corev1.ResourceMemory, corev1.ResourceEphemeralStorage:
		return fmt.Sprint(int64(math.Ceil(float64(q.Value()) / float64(divisor.Value())))), nil
	}
	return "", fmt.Errorf("unsupported container resource : %v", ref.Resource)
}

// findContainer returns the regular or init container called name.
func findContainer(p *corev1.Pod, name string) *corev1.Container {
	for _, list := range [][]corev1.Container{p.Spec.Containers, p.Spec.InitContainers} {
		for i := range list {
			if list[i].Name == name {
				return &list[i]
			}
		}
	}
	return nil
}

// effectiveLimit returns the limit of res the container runs under: its
// own, else the pod-level limit (spec.resources.limits), and false when
// neither is set. A container without a limit of its own may use the
// whole budget of its pod.
// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/
// (the container without resources "will inherit the resource constraints
// from the pod-level settings").
func effectiveLimit(p *corev1.Pod, c *corev1.Container, res corev1.ResourceName) (resource.Quantity, bool) {
	if v, ok := c.Resources.Limits[res]; ok {
		return v, true
	}
	return pod.PodLevelLimit(&p.Spec, res)
}
