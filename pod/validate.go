package pod

import (
	"math"

	corev1 "k8s.io/api/core/v1"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metavalidation "k8s.io/apimachinery/pkg/apis/meta/v1/validation"
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
	return sortErrors(append(validatePod(p), validateGatesOnCreate(p)...))
}

// validatePod is what Validate and ValidateUpdate both check.
func validatePod(p *corev1.Pod) field.ErrorList {
	errs := apivalidation.ValidateObjectMeta(&p.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	return append(errs, ValidatePodSpec(&p.Spec, field.NewPath("spec"))...)
}

// ValidatePodSpec checks a PodSpec found at path (spec for a pod,
// spec.template.spec for a Deployment's template), as Kubernetes'
// ValidatePodSpec does for the fields nucleus simulates: at least one
// container; container names required, DNS-1123 labels and unique across
// init and regular containers; images required; restart, DNS, pull and
// termination-message policies from their allowed sets; ports, probes,
// lifecycle handlers and resources (each container's, and the pod's
// spec.resources); grace and deadline numbers; the labels
// of nodeSelector, the required node affinity and the tolerations. It returns
// the problems sorted by field path.
func ValidatePodSpec(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	if spec == nil {
		return field.ErrorList{field.Required(path, "")}
	}
	volumes, errs := validateVolumes(spec.Volumes, path.Child("volumes"))
	errs = append(errs, validateRegularContainers(spec.Containers, path.Child("containers"))...)
	errs = append(errs, validateInitContainerList(spec.InitContainers, spec.Containers, path.Child("initContainers"))...)
	errs = append(errs, validateResizePolicies(spec, path)...)
	for _, list := range []struct {
		name       string
		containers []corev1.Container
	}{{"initContainers", spec.InitContainers}, {"containers", spec.Containers}} {
		for i := range list.containers {
			p := path.Child(list.name).Index(i).Child("volumeMounts")
			errs = append(errs, validateVolumeMounts(list.containers[i].VolumeMounts, volumes, p)...)
		}
	}
	errs = append(errs, validateDNSConfig(spec, path)...)
	for i, a := range spec.HostAliases {
		p := path.Child("hostAliases").Index(i)
		errs = append(errs, validation.IsValidIP(p.Child("ip"), a.IP)...)
		for j, h := range a.Hostnames {
			for _, msg := range validation.IsDNS1123Subdomain(h) {
				errs = append(errs, field.Invalid(p.Child("hostnames").Index(j), h, msg))
			}
		}
	}
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
	errs = append(errs, validateNodeAffinity(spec.Affinity, path.Child("affinity"))...)
	errs = append(errs, validatePodAffinity(spec.Affinity, path.Child("affinity"))...)
	errs = append(errs, validateTopologySpread(spec.TopologySpreadConstraints, path.Child("topologySpreadConstraints"))...)
	errs = append(errs, ValidateTolerations(spec.Tolerations, path.Child("tolerations"))...)
	errs = append(errs, validateSchedulingGates(spec.SchedulingGates, path.Child("schedulingGates"))...)
	errs = append(errs, validatePodResources(spec, path)...)
	errs = append(errs, validateHostFields(spec, path)...)
	for i, gate := range spec.ReadinessGates {
		for _, msg := range validation.IsQualifiedName(string(gate.ConditionType)) {
			errs = append(errs, field.Invalid(path.Child("readinessGates").Index(i).Child("conditionType"), gate.ConditionType, msg))
		}
	}
	return sortErrors(errs)
}

// validateHostFields checks the pod-level namespace fields. hostNetwork
// (the pod would have the store's address and ports) is refused, since
// nucleus does not simulate it, rather than run the pod as if it were
// unset. shareProcessNamespace and hostUsers: false are simulated, and
// checked as the API server checks them: a shared process namespace is
// not the host's (the error names spec.securityContext, where the API
// server's internal type keeps the field), and a user namespace goes with
// none of the host's namespaces.
// Reference: pkg/apis/core/validation/validation.go
// (validatePodSpecSecurityContext, validateHostUsers).
func validateHostFields(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	if spec.HostNetwork {
		errs = append(errs, field.Forbidden(path.Child("hostNetwork"),
			"not simulated by nucleus: a pod on the store's own network (its address and ports)"))
	}
	if share := spec.ShareProcessNamespace; share != nil && *share && spec.HostPID {
		errs = append(errs, field.Invalid(path.Child("securityContext", "shareProcessNamespace"), *share,
			"ShareProcessNamespace and HostPID cannot both be enabled"))
	}
	if spec.HostUsers != nil && !*spec.HostUsers {
		const why = "when `hostUsers` is false"
		if spec.HostNetwork {
			errs = append(errs, field.Forbidden(path.Child("hostNetwork"), why))
		}
		if spec.HostPID {
			errs = append(errs, field.Forbidden(path.Child("HostPID"), why))
		}
		if spec.HostIPC {
			errs = append(errs, field.Forbidden(path.Child("HostIPC"), why))
		}
	}
	return errs
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
		errs = append(errs, validateContainerRestartPolicy(c, p, false)...)
	}
	return errs
}

// validateInitContainerList checks spec.initContainers: names unique among
// themselves and against the regular containers, their own restartPolicy
// (Always makes a sidecar; OnFailure and Never override the pod's policy),
// and probes and lifecycle hooks only on sidecars.
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
		errs = append(errs, validateContainerRestartPolicy(c, p, true)...)
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
	errs = append(errs, validateEnv(c.Env, path.Child("env"))...)
	errs = append(errs, validateEnvFrom(c.EnvFrom, path.Child("envFrom"))...)
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
