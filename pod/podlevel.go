package pod

import (
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Pod-level resources (spec.resources, feature gate PodLevelResources, beta
// and on by default in v1.35) give the pod one budget its containers share:
// in the store's words, a budget for the whole team rather than one per job.
// The pod-level request, when set, is what the pod asks of the store (the
// scheduler, eviction and QoS use it); the pod-level limit caps the pod's
// total use, and a container with no limit of its own may use up to it.
// Reference: https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/

// IsPodLevelResource reports whether a resource may be set at pod level in
// v1.35: cpu, memory and hugepages-* only
// (k8s.io/component-helpers/resource IsSupportedPodLevelResource).
func IsPodLevelResource(name corev1.ResourceName) bool {
	return name == corev1.ResourceCPU || name == corev1.ResourceMemory ||
		strings.HasPrefix(string(name), corev1.ResourceHugePagesPrefix)
}

// HasPodLevelResources reports whether the spec sets a request or limit of
// a pod-level resource (component-helpers IsPodLevelResourcesSet).
func HasPodLevelResources(spec *corev1.PodSpec) bool {
	if spec.Resources == nil {
		return false
	}
	for _, list := range []corev1.ResourceList{spec.Resources.Requests, spec.Resources.Limits} {
		for name := range list {
			if IsPodLevelResource(name) {
				return true
			}
		}
	}
	return false
}

// PodLevelRequest returns the pod-level request of a resource, and false
// when the pod sets none.
func PodLevelRequest(spec *corev1.PodSpec, name corev1.ResourceName) (resource.Quantity, bool) {
	if spec.Resources == nil || !IsPodLevelResource(name) {
		return resource.Quantity{}, false
	}
	q, ok := spec.Resources.Requests[name]
	return q, ok
}

// PodLevelLimit returns the pod-level limit of a resource, and false when
// the pod sets none.
func PodLevelLimit(spec *corev1.PodSpec, name corev1.ResourceName) (resource.Quantity, bool) {
	if spec.Resources == nil || !IsPodLevelResource(name) {
		return resource.Quantity{}, false
	}
	q, ok := spec.Resources.Limits[name]
	return q, ok
}

// AggregateContainerRequests returns what the pod's containers ask for
// together, resource by resource (component-helpers
// AggregateContainerRequests): regular containers and sidecars
// (restartable init containers) run side by side and are summed; each
// classic init container runs alone next to the sidecars started before
// it, so the pod needs the largest of those moments. Requests missing from
// a container count as zero.
func AggregateContainerRequests(spec *corev1.PodSpec) corev1.ResourceList {
	return aggregateContainers(spec, func(r *corev1.ResourceRequirements) corev1.ResourceList { return r.Requests })
}

// AggregateContainerLimits returns the containers' limits added up the
// same way as [AggregateContainerRequests].
func AggregateContainerLimits(spec *corev1.PodSpec) corev1.ResourceList {
	return aggregateContainers(spec, func(r *corev1.ResourceRequirements) corev1.ResourceList { return r.Limits })
}

// aggregateContainers sums and maxes the list pick returns of each container.
func aggregateContainers(spec *corev1.PodSpec, pick func(*corev1.ResourceRequirements) corev1.ResourceList) corev1.ResourceList {
	sum := corev1.ResourceList{}
	for i := range spec.Containers {
		AddResources(sum, pick(&spec.Containers[i].Resources))
	}
	sidecars, peak := corev1.ResourceList{}, corev1.ResourceList{}
	for i := range spec.InitContainers {
		c := &spec.InitContainers[i]
		own := pick(&c.Resources)
		if IsSidecar(c) {
			AddResources(sum, own)
			AddResources(sidecars, own)
			MaxResources(peak, sidecars)
			continue
		}
		moment := corev1.ResourceList{}
		AddResources(moment, own)
		AddResources(moment, sidecars)
		MaxResources(peak, moment)
	}
	MaxResources(sum, peak)
	return sum
}

// AddResources adds every quantity of add to sum.
func AddResources(sum, add corev1.ResourceList) {
	for name, q := range add {
		s := q.DeepCopy()
		if prev, ok := sum[name]; ok {
			s.Add(prev)
		}
		sum[name] = s
	}
}

// MaxResources raises every quantity of m to that of other where other's
// is larger, adding the names m lacks.
func MaxResources(m, other corev1.ResourceList) {
	for name, q := range other {
		if prev, ok := m[name]; !ok || q.Cmp(prev) > 0 {
			m[name] = q.DeepCopy()
		}
	}
}

// defaultedPodRequests returns the pod-level requests the API server
// defaults (SetDefaults_Pod, defaultPodRequests), without changing the
// spec: only when pod-level limits are set, a pod-level resource without a
// request gets the containers' aggregate request when some container asks
// for it, else the pod-level limit. It returns the spec's own requests
// when there is nothing to default.
func defaultedPodRequests(spec *corev1.PodSpec) corev1.ResourceList {
	r := spec.Resources
	if r == nil || len(r.Limits) == 0 {
		return r.Requests
	}
	reqs := r.Requests.DeepCopy()
	if reqs == nil {
		reqs = corev1.ResourceList{}
	}
	for name, q := range AggregateContainerRequests(spec) {
		if _, set := reqs[name]; !set && IsPodLevelResource(name) {
			reqs[name] = q
		}
	}
	for name, q := range r.Limits {
		if _, set := reqs[name]; !set && IsPodLevelResource(name) {
			reqs[name] = q.DeepCopy()
		}
	}
	if len(reqs) == 0 {
		return r.Requests
	}
	return reqs
}

// validatePodResources checks spec.resources as the API server does
// (pkg/apis/core/validation validatePodResources,
// validatePodResourceRequirements, validatePodResourceConsistency): no
// claims; only cpu, memory and hugepages-* (v1.35 knows no pod-level pids:
// "must be a standard resource type or fully qualified"); amounts and
// request-below-limit as for a container; the pod's request of a resource
// at least what its containers ask for together; no container limit above
// the pod's.
func validatePodResources(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	r := spec.Resources
	if r == nil {
		return nil
	}
	resPath := path.Child("resources")
	if spec.OS != nil && spec.OS.Name == corev1.Windows {
		return field.ErrorList{field.Forbidden(resPath, "may not be set for a windows pod")}
	}
	var errs field.ErrorList
	if r.Claims != nil {
		errs = append(errs, field.Forbidden(resPath.Child("claims"), "claims may not be set for Resources at pod-level"))
	}
	errs = append(errs, validateRequirements(r, resPath, validatePodResourceName)...)
	aggregate := AggregateContainerRequests(spec)
	for _, name := range sortedResourceNames(aggregate) {
		want, set := r.Requests[name]
		if have := aggregate[name]; set && have.Cmp(want) > 0 {
			errs = append(errs, field.Invalid(resPath.Child("requests").Key(string(name)), want.String(),
				"must be greater than or equal to aggregate container requests of "+have.String()))
		}
	}
	for i := range spec.Containers {
		limits := spec.Containers[i].Resources.Limits
		for _, name := range sortedResourceNames(limits) {
			podLimit, set := r.Limits[name]
			if lim := limits[name]; set && lim.Cmp(podLimit) > 0 {
				// The API server builds this path under spec.resources.
				errs = append(errs, field.Invalid(resPath.Child("containers").Index(i).Key(string(name)).Child("limits"), lim.String(),
					"must be less than or equal to pod limits of "+podLimit.String()))
			}
		}
	}
	return errs
}

// validatePodResourceName checks a resource name set at pod level
// (validatePodResourceName): a standard resource name, then one of the
// pod-level resources.
func validatePodResourceName(name corev1.ResourceName, path *field.Path) field.ErrorList {
	n := string(name)
	var errs field.ErrorList
	for _, msg := range validation.IsQualifiedName(n) {
		errs = append(errs, field.Invalid(path, n, msg))
	}
	if len(errs) > 0 {
		return errs
	}
	if !strings.Contains(n, "/") && !isStandardResourceName(n) {
		return field.ErrorList{field.Invalid(path, n, "must be a standard resource type or fully qualified")}
	}
	if !IsPodLevelResource(name) {
		return field.ErrorList{field.NotSupported(path, n, []string{"cpu", "hugepages-", "memory"})}
	}
	return nil
}

// standardResourceNames are v1.35's standard resource names
// (pkg/apis/core/helper standardResources); pids is not one of them.
var standardResourceNames = []string{
	"configmaps", "cpu", "ephemeral-storage", "limits.cpu", "limits.ephemeral-storage", "limits.memory", "memory",
	"persistentvolumeclaims", "pods", "replicationcontrollers", "requests.cpu", "requests.ephemeral-storage",
	"requests.memory", "requests.storage", "resourcequotas", "secrets", "services", "services.loadbalancers",
	"services.nodeports", "storage",
}

// isStandardResourceName reports whether n is a standard resource name or
// a quota's hugepages name (IsStandardResourceName).
func isStandardResourceName(n string) bool {
	if strings.HasPrefix(n, corev1.ResourceHugePagesPrefix) || strings.HasPrefix(n, "requests."+corev1.ResourceHugePagesPrefix) {
		return true
	}
	i := sort.SearchStrings(standardResourceNames, n)
	return i < len(standardResourceNames) && standardResourceNames[i] == n
}
