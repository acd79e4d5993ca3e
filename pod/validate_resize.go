package pod

import (
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// resizeResources are the only resources a resize may change, and the
// only ones a resizePolicy may name.
var resizeResources = []string{string(corev1.ResourceCPU), string(corev1.ResourceMemory)}

// validateResizePolicies checks every container's resizePolicy, as
// ValidatePodSpec does: each names cpu or memory once, with NotRequired or
// RestartContainer, and a pod whose restartPolicy is Never may only say
// NotRequired (a restart it would never do). A classic init container,
// which is never resized, may not have one.
func validateResizePolicies(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		p := path.Child("initContainers").Index(i).Child("resizePolicy")
		if IsSidecar(c) {
			errs = append(errs, validateResizePolicy(c.ResizePolicy, p, spec.RestartPolicy)...)
		} else if c.ResizePolicy != nil {
			errs = append(errs, field.Invalid(p, c.ResizePolicy, "must not be set for init containers"))
		}
	}
	for i := range spec.Containers {
		p := path.Child("containers").Index(i).Child("resizePolicy")
		errs = append(errs, validateResizePolicy(spec.Containers[i].ResizePolicy, p, spec.RestartPolicy)...)
	}
	return errs
}

func validateResizePolicy(policies []corev1.ContainerResizePolicy, path *field.Path, podRestart corev1.RestartPolicy) field.ErrorList {
	var errs field.ErrorList
	seen := map[corev1.ResourceName]bool{}
	for i, rp := range policies {
		if seen[rp.ResourceName] {
			errs = append(errs, field.Duplicate(path.Index(i), rp.ResourceName))
		}
		seen[rp.ResourceName] = true
		switch rp.ResourceName {
		case corev1.ResourceCPU, corev1.ResourceMemory:
		case "":
			errs = append(errs, field.Required(path, ""))
		default:
			errs = append(errs, field.NotSupported(path, rp.ResourceName, resizeResources))
		}
		switch rp.RestartPolicy {
		case corev1.NotRequired, corev1.RestartContainer:
		case "":
			errs = append(errs, field.Required(path, ""))
		default:
			errs = append(errs, field.NotSupported(path, rp.RestartPolicy,
				[]string{string(corev1.NotRequired), string(corev1.RestartContainer)}))
		}
		if podRestart == corev1.RestartPolicyNever && rp.RestartPolicy != corev1.NotRequired {
			errs = append(errs, field.Invalid(path, rp.RestartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"))
		}
	}
	return errs
}

// Resized returns what the API server stores when next is written to
// old's resize subresource: old, with the resources and resizePolicy of
// each container and init container that next has under the same name.
// Every other change next makes (labels, images, ...) is dropped, not
// refused.
// Reference: pkg/registry/core/pod/strategy.go (podResizeStrategy
// PrepareForUpdate: dropNonResizeUpdates keeps old's pod and copies in the
// containers' Resources and ResizePolicy).
func Resized(next, old *corev1.Pod) *corev1.Pod {
	out := old.DeepCopy()
	copyResize := func(into, from []corev1.Container) {
		for i := range into {
			for j := range from {
				if from[j].Name == into[i].Name {
					into[i].Resources = *from[j].Resources.DeepCopy()
					into[i].ResizePolicy = append([]corev1.ContainerResizePolicy(nil), from[j].ResizePolicy...)
					break
				}
			}
		}
	}
	copyResize(out.Spec.Containers, next.Spec.Containers)
	copyResize(out.Spec.InitContainers, next.Spec.InitContainers)
	return out
}

// ValidateResize returns the errors of a resize from old to next (next as
// Resized made it, defaulted), as the API server's ValidatePodResize does:
// a pod with pod-level resources cannot be resized at all; otherwise the
// pod must still be valid; the QoS class may not change; a cpu or memory
// request or limit that was set may not be removed; only the cpu and
// memory of regular containers and sidecars may change.
// Reference: pkg/apis/core/validation/validation.go (ValidatePodResize,
// validateContainerResize).
func ValidateResize(next, old *corev1.Pod) field.ErrorList {
	if next == nil || old == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "pod is nil")}
	}
	if hasPodLevelResources(old) || hasPodLevelResources(next) {
		// InPlacePodLevelResourcesVerticalScaling is alpha and off in
		// v1.35: the API server refuses every resize of such a pod, its
		// containers' included, with this one error at the empty path
		// (which prints as "[]").
		// Reference: pkg/features/kube_features.go
		// (InPlacePodLevelResourcesVerticalScaling: 1.35 Alpha, off);
		// https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/#limitations.
		return field.ErrorList{field.Forbidden(field.NewPath(""), "pods with pod-level resources cannot be resized")}
	}
	errs := validatePod(next)
	spec := field.NewPath("spec")
	if was, is := oldQOS(old), QOSClass(next); was != is {
		errs = append(errs, field.Invalid(spec, is, "Pod QOS Class may not change as a result of resizing"))
	}
	if len(next.Spec.Containers) != len(old.Spec.Containers) {
		return append(errs, field.Forbidden(spec.Child("containers"), "containers may not be added or removed on resize"))
	}
	for i := range old.Spec.InitContainers {
		if i < len(next.Spec.InitContainers) && IsSidecar(&old.Spec.InitContainers[i]) {
			errs = append(errs, validateContainerResize(&next.Spec.InitContainers[i].Resources,
				&old.Spec.InitContainers[i].Resources, spec.Child("initContainers").Index(i).Child("resources"))...)
		}
	}
	for i := range old.Spec.Containers {
		errs = append(errs, validateContainerResize(&next.Spec.Containers[i].Resources,
			&old.Spec.Containers[i].Resources, spec.Child("containers").Index(i).Child("resources"))...)
	}
	// Put old's cpu and memory (and resizePolicy) back where a resize may
	// change them; anything still different is a change no resize makes.
	munged := next.Spec.DeepCopy()
	for i := range munged.Containers {
		restoreCPUMemory(&munged.Containers[i], &old.Spec.Containers[i])
	}
	for i := range munged.InitContainers {
		if i < len(old.Spec.InitContainers) && IsSidecar(&munged.InitContainers[i]) {
			restoreCPUMemory(&munged.InitContainers[i], &old.Spec.InitContainers[i])
		}
	}
	if !equality.Semantic.DeepEqual(*munged, old.Spec) {
		errs = append(errs, field.Forbidden(spec, "only cpu and memory resources are mutable"))
	}
	return sortErrors(errs)
}

// hasPodLevelResources reports whether p sets any pod-level request or
// limit (spec.resources).
func hasPodLevelResources(p *corev1.Pod) bool {
	r := p.Spec.Resources
	return r != nil && len(r.Requests)+len(r.Limits) > 0
}

// oldQOS is the QoS class the pod has: its status's, else computed.
func oldQOS(p *corev1.Pod) corev1.PodQOSClass {
	if p.Status.QOSClass != "" {
		return p.Status.QOSClass
	}
	return QOSClass(p)
}

// validateContainerResize refuses removing a cpu or memory request or
// limit that was set.
func validateContainerResize(next, old *corev1.ResourceRequirements, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	for _, name := range qosResources {
		if _, was := old.Limits[name]; was {
			if _, is := next.Limits[name]; !is {
				errs = append(errs, field.Forbidden(path.Child("limits").Key(string(name)), "resource limits cannot be removed"))
			}
		}
		if _, was := old.Requests[name]; was {
			if _, is := next.Requests[name]; !is {
				errs = append(errs, field.Forbidden(path.Child("requests").Key(string(name)), "resource requests cannot be removed"))
			}
		}
	}
	return errs
}

// restoreCPUMemory gives c old's cpu and memory requests and limits, and
// old's resizePolicy, keeping c's other resources.
func restoreCPUMemory(c, old *corev1.Container) {
	restore := func(list, oldList corev1.ResourceList) corev1.ResourceList {
		if list == nil && oldList == nil {
			return nil
		}
		out := corev1.ResourceList{}
		for name, q := range list {
			if name != corev1.ResourceCPU && name != corev1.ResourceMemory {
				out[name] = q
			}
		}
		for _, name := range qosResources {
			if q, ok := oldList[name]; ok {
				out[name] = q
			}
		}
		if len(out) == 0 && (list == nil || oldList == nil) {
			return oldList
		}
		return out
	}
	c.Resources.Limits = restore(c.Resources.Limits, old.Resources.Limits)
	c.Resources.Requests = restore(c.Resources.Requests, old.Resources.Requests)
	c.ResizePolicy = old.ResizePolicy
}
