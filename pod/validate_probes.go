package pod

import (
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validateProbesAndLifecycle checks the probes and lifecycle hooks of a
// regular container or a sidecar.
func validateProbesAndLifecycle(c *corev1.Container, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if c.Lifecycle != nil {
		if h := c.Lifecycle.PostStart; h != nil {
			errs = append(errs, validateLifecycleHandler(h, path.Child("lifecycle", "postStart"))...)
		}
		if h := c.Lifecycle.PreStop; h != nil {
			errs = append(errs, validateLifecycleHandler(h, path.Child("lifecycle", "preStop"))...)
		}
	}
	for _, probe := range []struct {
		name string
		p    *corev1.Probe
	}{{"livenessProbe", c.LivenessProbe}, {"readinessProbe", c.ReadinessProbe}, {"startupProbe", c.StartupProbe}} {
		if probe.p != nil {
			errs = append(errs, validateProbe(probe.p, probe.name, path.Child(probe.name))...)
		}
	}
	return errs
}

// validateProbe checks one probe: exactly one handler, non-negative numbers,
// a success threshold of exactly 1 for liveness and startup probes (a
// single success is enough to call a container alive or started), and a
// probe-level grace period only on liveness and startup probes.
func validateProbe(p *corev1.Probe, kind string, path *field.Path) field.ErrorList {
	errs := validateHandlers(path, []handler{
		{"exec", p.Exec != nil}, {"httpGet", p.HTTPGet != nil}, {"tcpSocket", p.TCPSocket != nil}, {"grpc", p.GRPC != nil},
	})
	errs = append(errs, validateHandlerDetails(p.Exec, p.HTTPGet, p.TCPSocket, path)...)
	if p.GRPC != nil {
		for _, msg := range validation.IsValidPortNum(int(p.GRPC.Port)) {
			errs = append(errs, field.Invalid(path.Child("grpc", "port"), p.GRPC.Port, msg))
		}
	}
	for _, n := range []struct {
		name  string
		value int32
	}{{"initialDelaySeconds", p.InitialDelaySeconds}, {"timeoutSeconds", p.TimeoutSeconds}, {"periodSeconds", p.PeriodSeconds},
		{"successThreshold", p.SuccessThreshold}, {"failureThreshold", p.FailureThreshold}} {
		errs = append(errs, apivalidation.ValidateNonnegativeField(int64(n.value), path.Child(n.name))...)
	}
	if kind != "readinessProbe" && p.SuccessThreshold != 1 {
		errs = append(errs, field.Invalid(path.Child("successThreshold"), p.SuccessThreshold, "must be 1"))
	}
	if g := p.TerminationGracePeriodSeconds; g != nil {
		if kind == "readinessProbe" {
			errs = append(errs, field.Invalid(path.Child("terminationGracePeriodSeconds"), *g, "must not be set for readinessProbes"))
		} else if *g <= 0 {
			errs = append(errs, field.Invalid(path.Child("terminationGracePeriodSeconds"), *g, "must be greater than 0"))
		}
	}
	return errs
}

// validateLifecycleHandler checks a postStart or preStop hook.
func validateLifecycleHandler(h *corev1.LifecycleHandler, path *field.Path) field.ErrorList {
	errs := validateHandlers(path, []handler{
		{"exec", h.Exec != nil}, {"httpGet", h.HTTPGet != nil}, {"tcpSocket", h.TCPSocket != nil}, {"sleep", h.Sleep != nil},
	})
	errs = append(errs, validateHandlerDetails(h.Exec, h.HTTPGet, h.TCPSocket, path)...)
	if h.Sleep != nil && h.Sleep.Seconds < 0 {
		errs = append(errs, field.Invalid(path.Child("sleep", "seconds"), h.Sleep.Seconds, "must be greater than or equal to 0"))
	}
	return errs
}

// handler is one kind of action a probe or hook may hold, and whether it is set.
type handler struct {
	name string
	set  bool
}

// validateHandlers checks that exactly one handler is set: none is
// "Required value: must specify a handler type", each one after the first
// is "Forbidden: may not specify more than 1 handler type".
func validateHandlers(path *field.Path, handlers []handler) field.ErrorList {
	var errs field.ErrorList
	count := 0
	for _, h := range handlers {
		if !h.set {
			continue
		}
		count++
		if count > 1 {
			errs = append(errs, field.Forbidden(path.Child(h.name), "may not specify more than 1 handler type"))
		}
	}
	if count == 0 {
		errs = append(errs, field.Required(path, "must specify a handler type"))
	}
	return errs
}

// validateHandlerDetails checks the exec, httpGet and tcpSocket actions
// that are set.
func validateHandlerDetails(exec *corev1.ExecAction, get *corev1.HTTPGetAction, tcp *corev1.TCPSocketAction, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if exec != nil && len(exec.Command) == 0 {
		errs = append(errs, field.Required(path.Child("exec", "command"), ""))
	}
	if get != nil {
		if get.Path == "" {
			errs = append(errs, field.Required(path.Child("httpGet", "path"), ""))
		}
		errs = append(errs, validatePortNumOrName(get.Port, path.Child("httpGet", "port"))...)
		errs = append(errs, validateSupported(string(get.Scheme), path.Child("httpGet", "scheme"),
			string(corev1.URISchemeHTTP), string(corev1.URISchemeHTTPS))...)
	}
	if tcp != nil {
		errs = append(errs, validatePortNumOrName(tcp.Port, path.Child("tcpSocket", "port"))...)
	}
	return errs
}

// validatePortNumOrName checks a port given as a number (1-65535) or as the
// name of a container port.
func validatePortNumOrName(port intstr.IntOrString, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if port.Type == intstr.String {
		if port.StrVal == "" {
			return field.ErrorList{field.Required(path, "")}
		}
		for _, msg := range validation.IsValidPortName(port.StrVal) {
			errs = append(errs, field.Invalid(path, port.StrVal, msg))
		}
		return errs
	}
	for _, msg := range validation.IsValidPortNum(port.IntValue()) {
		errs = append(errs, field.Invalid(path, port.IntValue(), msg))
	}
	return errs
}

// validateResources checks a container's requests and limits (see
// validateRequirements), with the resource names containers may use.
func validateResources(r *corev1.ResourceRequirements, path *field.Path) field.ErrorList {
	return validateRequirements(r, path, validateContainerResourceName)
}

// validateRequirements checks requests and limits, resource by resource in
// sorted order: a name that checkName accepts, a non-negative amount, a
// whole number for extended resources, and a request no larger than its
// limit (equal to it for resources that cannot be overcommitted, such as
// extended resources and hugepages).
func validateRequirements(r *corev1.ResourceRequirements, path *field.Path,
	checkName func(corev1.ResourceName, *field.Path) field.ErrorList) field.ErrorList {
	var errs field.ErrorList
	limPath, reqPath := path.Child("limits"), path.Child("requests")
	for _, name := range sortedResourceNames(r.Limits) {
		p := limPath.Key(string(name))
		errs = append(errs, checkName(name, p)...)
		errs = append(errs, validateQuantity(name, r.Limits[name], p)...)
	}
	for _, name := range sortedResourceNames(r.Requests) {
		request := r.Requests[name]
		p := reqPath.Key(string(name))
		errs = append(errs, checkName(name, p)...)
		errs = append(errs, validateQuantity(name, request, p)...)
		limit, hasLimit := r.Limits[name]
		overcommit := canOvercommit(name)
		switch {
		case hasLimit && !overcommit && request.Cmp(limit) != 0:
			errs = append(errs, field.Invalid(reqPath, request.String(), "must be equal to "+string(name)+" limit of "+limit.String()))
		case hasLimit && request.Cmp(limit) > 0:
			errs = append(errs, field.Invalid(reqPath, request.String(), "must be less than or equal to "+string(name)+" limit of "+limit.String()))
		case !hasLimit && !overcommit:
			errs = append(errs, field.Required(limPath, "Limit must be set for non overcommitable resources"))
		}
	}
	return errs
}

// validateContainerResourceName checks a resource name a container sets.
func validateContainerResourceName(name corev1.ResourceName, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	n := string(name)
	for _, msg := range validation.IsQualifiedName(n) {
		errs = append(errs, field.Invalid(path, n, msg))
	}
	switch {
	case !strings.Contains(n, "/"):
		if n != string(corev1.ResourceCPU) && n != string(corev1.ResourceMemory) &&
			n != string(corev1.ResourceEphemeralStorage) && !strings.HasPrefix(n, corev1.ResourceHugePagesPrefix) {
			errs = append(errs, field.Invalid(path, n, "must be a standard resource for containers"))
		}
	case !isNativeResource(n) && !IsExtendedResource(n):
		errs = append(errs, field.Invalid(path, n, "doesn't follow extended resource name standard"))
	}
	return errs
}

// validateQuantity checks one amount of a resource.
func validateQuantity(name corev1.ResourceName, q resource.Quantity, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if q.Sign() < 0 {
		errs = append(errs, field.Invalid(path, q.String(), "must be greater than or equal to 0"))
	}
	if q.Cmp(*maxQuantity) > 0 {
		errs = append(errs, field.Invalid(path, q.String(), tooMuchToCount))
	}
	if IsExtendedResource(string(name)) && q.MilliValue()%1000 != 0 {
		errs = append(errs, field.Invalid(path, q.String(), "must be an integer"))
	}
	return errs
}

// isNativeResource reports whether a resource name belongs to Kubernetes:
// unprefixed, or under kubernetes.io/.
func isNativeResource(n string) bool {
	return !strings.Contains(n, "/") || strings.Contains(n, corev1.ResourceDefaultNamespacePrefix)
}

// isExtendedResource reports whether a resource name is an extended
// resource such as example.com/gpu.
func IsExtendedResource(n string) bool {
	if isNativeResource(n) || strings.HasPrefix(n, corev1.DefaultResourceRequestsPrefix) {
		return false
	}
	return len(validation.IsQualifiedName(corev1.DefaultResourceRequestsPrefix+n)) == 0
}

// canOvercommit reports whether a container may request less than its
// limit of a resource: not for hugepages or extended resources.
func canOvercommit(name corev1.ResourceName) bool {
	n := string(name)
	return isNativeResource(n) && !strings.HasPrefix(n, corev1.ResourceHugePagesPrefix)
}

// sortedResourceNames returns a resource list's names in sorted order.
func sortedResourceNames(list corev1.ResourceList) []corev1.ResourceName {
	names := make([]corev1.ResourceName, 0, len(list))
	for n := range list {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return names[i] < names[j] })
	return names
}

// sortErrors orders errors by field path (then message), so that the map
// iteration inside validation never changes the output.
func sortErrors(errs field.ErrorList) field.ErrorList {
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Field != errs[j].Field {
			return errs[i].Field < errs[j].Field
		}
		return errs[i].Error() < errs[j].Error()
	})
	return errs
}
