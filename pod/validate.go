package pod

import (
	"math"
	"sort"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// Validate checks a pod the way the API server does when it is created
// (ValidatePod): the metadata (name a DNS-1123 subdomain, namespace a
// DNS-1123 label, labels and annotations) and the spec (see
// ValidatePodSpec). Like the API server, it expects a pod that Default has
// filled in: an empty restartPolicy, for example, is "Required value". It
// returns every problem found, sorted by field path, each in field.Error's
// own format (`spec.containers[0].image: Required value`); an empty list
// means the pod is valid.
func Validate(p *corev1.Pod) field.ErrorList {
	if p == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "pod is nil")}
	}
	errs := apivalidation.ValidateObjectMeta(&p.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	errs = append(errs, ValidatePodSpec(&p.Spec, field.NewPath("spec"))...)
	return sortErrors(errs)
}

// ValidatePodSpec checks a PodSpec found at path (spec for a pod,
// spec.template.spec for a Deployment's template), as Kubernetes'
// ValidatePodSpec does for the fields nucleus simulates: at least one
// container; container names required, DNS-1123 labels and unique across
// init and regular containers; images required; restart, DNS, pull and
// termination-message policies from their allowed sets; ports, probes,
// lifecycle handlers and resources; grace and deadline numbers. It returns
// the problems sorted by field path.
func ValidatePodSpec(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	if spec == nil {
		return field.ErrorList{field.Required(path, "")}
	}
	var errs field.ErrorList
	errs = append(errs, validateRegularContainers(spec.Containers, path.Child("containers"))...)
	errs = append(errs, validateInitContainerList(spec.InitContainers, spec.Containers, path.Child("initContainers"))...)
	errs = append(errs, validateSupported(string(spec.RestartPolicy), path.Child("restartPolicy"),
		string(corev1.RestartPolicyAlways), string(corev1.RestartPolicyOnFailure), string(corev1.RestartPolicyNever))...)
	errs = append(errs, validateSupported(string(spec.DNSPolicy), path.Child("dnsPolicy"),
		string(corev1.DNSClusterFirstWithHostNet), string(corev1.DNSClusterFirst), string(corev1.DNSDefault), string(corev1.DNSNone))...)
	if spec.TerminationGracePeriodSeconds != nil {
		errs = append(errs, apivalidation.ValidateNonnegativeField(*spec.TerminationGracePeriodSeconds, path.Child("terminationGracePeriodSeconds"))...)
	}
	if d := spec.ActiveDeadlineSeconds; d != nil && (*d < 1 || *d > math.MaxInt32) {
		errs = append(errs, field.Invalid(path.Child("activeDeadlineSeconds"), *d, validation.InclusiveRangeError(1, math.MaxInt32)))
	}
	errs = append(errs, validateNames(spec, path)...)
	errs = append(errs, metavalidation.ValidateLabels(spec.NodeSelector, path.Child("nodeSelector"))...)
	for i, gate := range spec.ReadinessGates {
		for _, msg := range validation.IsQualifiedName(string(gate.ConditionType)) {
			errs = append(errs, field.Invalid(path.Child("readinessGates").Index(i).Child("conditionType"), gate.ConditionType, msg))
		}
	}
	return sortErrors(errs)
}

// validateNames checks the optional names a PodSpec may carry.
func validateNames(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	check := func(value string, child string, is func(string) []string) {
		if value == "" {
			return
		}
		for _, msg := range is(value) {
			errs = append(errs, field.Invalid(path.Child(child), value, msg))
		}
	}
	check(spec.NodeName, "nodeName", validation.IsDNS1123Subdomain)
	check(spec.SchedulerName, "schedulerName", validation.IsDNS1123Subdomain)
	check(spec.PriorityClassName, "priorityClassName", validation.IsDNS1123Subdomain)
	check(spec.Hostname, "hostname", validation.IsDNS1123Label)
	check(spec.Subdomain, "subdomain", validation.IsDNS1123Label)
	return errs
}

// validateRegularContainers checks spec.containers: required, unique names,
// and the checks every container gets. Kubernetes 1.34+ (ContainerRestartRules)
// lets a regular container set its own restartPolicy; nucleus accepts the
// three values and does not simulate them.
func validateRegularContainers(containers []corev1.Container, path *field.Path) field.ErrorList {
	if len(containers) == 0 {
		return field.ErrorList{field.Required(path, "")}
	}
	var errs field.ErrorList
	seen := map[string]bool{}
	for i := range containers {
		c := &containers[i]
		p := path.Index(i)
		errs = append(errs, validateContainerCommon(c, p)...)
		if seen[c.Name] {
			errs = append(errs, field.Duplicate(p.Child("name"), c.Name))
		}
		seen[c.Name] = true
		errs = append(errs, validateProbesAndLifecycle(c, p)...)
		if c.RestartPolicy != nil {
			errs = append(errs, validateSupported(string(*c.RestartPolicy), p.Child("restartPolicy"),
				string(corev1.ContainerRestartPolicyAlways), string(corev1.ContainerRestartPolicyOnFailure), string(corev1.ContainerRestartPolicyNever))...)
		}
	}
	return errs
}

// validateInitContainerList checks spec.initContainers: names unique among
// themselves and against the regular containers, restartPolicy only Always
// (a sidecar), and probes and lifecycle hooks only on sidecars.
func validateInitContainerList(inits, regular []corev1.Container, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	seen := map[string]bool{}
	for _, c := range regular {
		seen[c.Name] = true
	}
	for i := range inits {
		c := &inits[i]
		p := path.Index(i)
		errs = append(errs, validateContainerCommon(c, p)...)
		if c.RestartPolicy != nil {
			errs = append(errs, validateSupported(string(*c.RestartPolicy), p.Child("restartPolicy"), string(corev1.ContainerRestartPolicyAlways))...)
		}
		if seen[c.Name] {
			errs = append(errs, field.Duplicate(p.Child("name"), c.Name))
		} else if c.Name != "" {
			seen[c.Name] = true
		}
		if c.RestartPolicy != nil && *c.RestartPolicy == corev1.ContainerRestartPolicyAlways {
			errs = append(errs, validateProbesAndLifecycle(c, p)...)
			continue
		}
		const notSidecar = "may not be set for init containers without restartPolicy=Always"
		if c.Lifecycle != nil {
			errs = append(errs, field.Forbidden(p.Child("lifecycle"), notSidecar))
		}
		for _, probe := range []struct {
			name string
			set  bool
		}{{"livenessProbe", c.LivenessProbe != nil}, {"readinessProbe", c.ReadinessProbe != nil}, {"startupProbe", c.StartupProbe != nil}} {
			if probe.set {
				errs = append(errs, field.Forbidden(p.Child(probe.name), notSidecar))
			}
		}
	}
	return errs
}

// validateContainerCommon checks what every container must get right: its
// name, image, policies, ports, environment and resources.
func validateContainerCommon(c *corev1.Container, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if c.Name == "" {
		errs = append(errs, field.Required(path.Child("name"), ""))
	} else {
		for _, msg := range validation.IsDNS1123Label(c.Name) {
			errs = append(errs, field.Invalid(path.Child("name"), c.Name, msg))
		}
	}
	if c.Image == "" {
		errs = append(errs, field.Required(path.Child("image"), ""))
	}
	errs = append(errs, validateSupported(string(c.TerminationMessagePolicy), path.Child("terminationMessagePolicy"),
		string(corev1.TerminationMessageReadFile), string(corev1.TerminationMessageFallbackToLogsOnError))...)
	errs = append(errs, validateSupported(string(c.ImagePullPolicy), path.Child("imagePullPolicy"),
		string(corev1.PullAlways), string(corev1.PullIfNotPresent), string(corev1.PullNever))...)
	errs = append(errs, validateContainerPorts(c.Ports, path.Child("ports"))...)
	for i, env := range c.Env {
		if env.Name == "" {
			errs = append(errs, field.Required(path.Child("env").Index(i).Child("name"), ""))
		}
	}
	errs = append(errs, validateResources(&c.Resources, path.Child("resources"))...)
	return errs
}

// validateSupported checks that value is one of supported: empty is
// "Required value", anything else "Unsupported value".
func validateSupported(value string, path *field.Path, supported ...string) field.ErrorList {
	if value == "" {
		return field.ErrorList{field.Required(path, "")}
	}
	for _, s := range supported {
		if value == s {
			return nil
		}
	}
	return field.ErrorList{field.NotSupported(path, value, supported)}
}

// validateContainerPorts checks each port: a valid, unique name when named;
// containerPort and hostPort in 1-65535; protocol TCP, UDP or SCTP.
func validateContainerPorts(ports []corev1.ContainerPort, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	names := map[string]bool{}
	for i, port := range ports {
		p := path.Index(i)
		if port.Name != "" {
			msgs := validation.IsValidPortName(port.Name)
			for _, msg := range msgs {
				errs = append(errs, field.Invalid(p.Child("name"), port.Name, msg))
			}
			if len(msgs) == 0 && names[port.Name] {
				errs = append(errs, field.Duplicate(p.Child("name"), port.Name))
			}
			names[port.Name] = true
		}
		if port.ContainerPort == 0 {
			errs = append(errs, field.Required(p.Child("containerPort"), ""))
		} else {
			for _, msg := range validation.IsValidPortNum(int(port.ContainerPort)) {
				errs = append(errs, field.Invalid(p.Child("containerPort"), port.ContainerPort, msg))
			}
		}
		if port.HostPort != 0 {
			for _, msg := range validation.IsValidPortNum(int(port.HostPort)) {
				errs = append(errs, field.Invalid(p.Child("hostPort"), port.HostPort, msg))
			}
		}
		errs = append(errs, validateSupported(string(port.Protocol), p.Child("protocol"),
			string(corev1.ProtocolSCTP), string(corev1.ProtocolTCP), string(corev1.ProtocolUDP))...)
	}
	return errs
}

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

// validateResources checks a container's requests and limits, resource by
// resource in sorted order: a resource name containers may use, a
// non-negative amount, a whole number for extended resources, and a request
// no larger than its limit (equal to it for resources that cannot be
// overcommitted, such as extended resources and hugepages).
func validateResources(r *corev1.ResourceRequirements, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	limPath, reqPath := path.Child("limits"), path.Child("requests")
	for _, name := range sortedResourceNames(r.Limits) {
		errs = append(errs, validateQuantity(name, r.Limits[name], limPath.Key(string(name)))...)
	}
	for _, name := range sortedResourceNames(r.Requests) {
		request := r.Requests[name]
		errs = append(errs, validateQuantity(name, request, reqPath.Key(string(name)))...)
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

// validateQuantity checks one resource name and amount of a container.
func validateQuantity(name corev1.ResourceName, q resource.Quantity, path *field.Path) field.ErrorList {
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
	case !isNativeResource(n) && !isExtendedResource(n):
		errs = append(errs, field.Invalid(path, n, "doesn't follow extended resource name standard"))
	}
	if q.Sign() < 0 {
		errs = append(errs, field.Invalid(path, q.String(), "must be greater than or equal to 0"))
	}
	if isExtendedResource(n) && q.MilliValue()%1000 != 0 {
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
func isExtendedResource(n string) bool {
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
