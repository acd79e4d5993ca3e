package pod

import (
	"fmt"
	"regexp"
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// Default fills in what the API server fills in when a pod is created, so
// that the pod has a real pod's shape (`kubectl get pod -o yaml`): the
// namespace "default" when none is given (kubectl's context namespace), the
// PodSpec defaults of DefaultPodSpec, and the defaults that Kubernetes
// applies to Pods only (SetDefaults_Pod): requests copied from limits where
// a container sets a limit but no request, pod-level requests where the pod
// sets pod-level limits (the containers' aggregate request of a resource
// some container asks for, else the pod-level limit), enableServiceLinks
// true, and host ports equal to container ports under hostNetwork. Fields
// already set are left alone. A nil pod is left alone.
func Default(p *corev1.Pod) {
	if p == nil {
		return
	}
	if p.Namespace == "" {
		p.Namespace = corev1.NamespaceDefault
	}
	for _, list := range [][]corev1.Container{p.Spec.InitContainers, p.Spec.Containers} {
		for i := range list {
			copyLimitsToRequests(&list[i].Resources)
		}
	}
	// Pod-level requests are defaulted after the containers' (SetDefaults_Pod,
	// defaultPodRequests).
	if r := p.Spec.Resources; r != nil && len(r.Limits) > 0 {
		r.Requests = defaultedPodRequests(&p.Spec)
	}
	if p.Spec.EnableServiceLinks == nil {
		enable := corev1.DefaultEnableServiceLinks
		p.Spec.EnableServiceLinks = &enable
	}
	if p.Spec.HostNetwork {
		for _, list := range [][]corev1.Container{p.Spec.InitContainers, p.Spec.Containers} {
			for i := range list {
				defaultHostPorts(list[i].Ports)
			}
		}
	}
	DefaultPodSpec(&p.Spec)
}

// DefaultPodSpec fills in the defaults of a PodSpec, as Kubernetes does for
// pods and for the pod templates of Deployments and ReplicaSets
// (SetDefaults_PodSpec and the defaults of the types inside it):
// restartPolicy Always, terminationGracePeriodSeconds 30, dnsPolicy
// ClusterFirst, schedulerName default-scheduler, an empty securityContext,
// pod-level quantities rounded up to thousandths, and for every container
// the defaults of defaultContainer. A nil spec is left alone.
func DefaultPodSpec(spec *corev1.PodSpec) {
	if spec == nil {
		return
	}
	if spec.DNSPolicy == "" {
		spec.DNSPolicy = corev1.DNSClusterFirst
	}
	if spec.RestartPolicy == "" {
		spec.RestartPolicy = corev1.RestartPolicyAlways
	}
	if spec.SecurityContext == nil {
		spec.SecurityContext = &corev1.PodSecurityContext{}
	}
	if spec.TerminationGracePeriodSeconds == nil {
		grace := int64(corev1.DefaultTerminationGracePeriodSeconds)
		spec.TerminationGracePeriodSeconds = &grace
	}
	if spec.SchedulerName == "" {
		spec.SchedulerName = corev1.DefaultSchedulerName
	}
	if spec.Resources != nil {
		roundUpToMilli(spec.Resources.Limits)
		roundUpToMilli(spec.Resources.Requests)
	}
	for i := range spec.Volumes {
		defaultVolume(&spec.Volumes[i].VolumeSource)
	}
	for i := range spec.InitContainers {
		defaultContainer(&spec.InitContainers[i])
	}
	for i := range spec.Containers {
		defaultContainer(&spec.Containers[i])
	}
	for i := range spec.EphemeralContainers {
		c := corev1.Container(spec.EphemeralContainers[i].EphemeralContainerCommon)
		defaultContainer(&c)
		spec.EphemeralContainers[i].EphemeralContainerCommon = corev1.EphemeralContainerCommon(c)
	}
}

// defaultContainer fills in a container's defaults (SetDefaults_Container
// and the declarative defaults of its fields): imagePullPolicy from the
// image reference, terminationMessagePath /dev/termination-log,
// terminationMessagePolicy File, port protocol TCP, probe and handler
// defaults, and quantities rounded up to thousandths.
func defaultContainer(c *corev1.Container) {
	for i := range c.Env {
		// Reference: pkg/apis/core/v1/defaults.go (SetDefaults_ObjectFieldSelector).
		if ref := c.Env[i].ValueFrom; ref != nil && ref.FieldRef != nil && ref.FieldRef.APIVersion == "" {
			ref.FieldRef.APIVersion = "v1"
		}
	}
	if c.ImagePullPolicy == "" {
		c.ImagePullPolicy = DefaultPullPolicy(c.Image)
	}
	if c.TerminationMessagePath == "" {
		c.TerminationMessagePath = corev1.TerminationMessagePathDefault
	}
	if c.TerminationMessagePolicy == "" {
		c.TerminationMessagePolicy = corev1.TerminationMessageReadFile
	}
	for i := range c.Ports {
		if c.Ports[i].Protocol == "" {
			c.Ports[i].Protocol = corev1.ProtocolTCP
		}
	}
	for _, probe := range []*corev1.Probe{c.LivenessProbe, c.ReadinessProbe, c.StartupProbe} {
		defaultProbe(probe)
	}
	if c.Lifecycle != nil {
		for _, h := range []*corev1.LifecycleHandler{c.Lifecycle.PostStart, c.Lifecycle.PreStop} {
			if h != nil {
				defaultHTTPGet(h.HTTPGet)
			}
		}
	}
	roundUpToMilli(c.Resources.Limits)
	roundUpToMilli(c.Resources.Requests)
}

// DefaultPullPolicy returns the imagePullPolicy Kubernetes gives a container
// that sets none: Always when the image's tag is latest, written or implied
// (no tag and no digest); IfNotPresent otherwise, including for a
// reference that does not parse (the kubelet reports that one later as
// InvalidImageName).
func DefaultPullPolicy(image string) corev1.PullPolicy {
	img, err := ParseImage(image)
	if err == nil && img.Tag == defaultTag {
		return corev1.PullAlways
	}
	return corev1.PullIfNotPresent
}

// defaultProbe fills in a probe's defaults (SetDefaults_Probe): timeout 1s,
// period 10s, success threshold 1, failure threshold 3; initialDelaySeconds
// stays 0.
func defaultProbe(p *corev1.Probe) {
	if p == nil {
		return
	}
	if p.TimeoutSeconds == 0 {
		p.TimeoutSeconds = 1
	}
	if p.PeriodSeconds == 0 {
		p.PeriodSeconds = 10
	}
	if p.SuccessThreshold == 0 {
		p.SuccessThreshold = 1
	}
	if p.FailureThreshold == 0 {
		p.FailureThreshold = 3
	}
	defaultHTTPGet(p.HTTPGet)
	if p.GRPC != nil && p.GRPC.Service == nil {
		service := ""
		p.GRPC.Service = &service
	}
}

// defaultHTTPGet fills in an HTTP GET action's path "/" and scheme HTTP
// (SetDefaults_HTTPGetAction).
func defaultHTTPGet(h *corev1.HTTPGetAction) {
	if h == nil {
		return
	}
	if h.Path == "" {
		h.Path = "/"
	}
	if h.Scheme == "" {
		h.Scheme = corev1.URISchemeHTTP
	}
}

// copyLimitsToRequests gives every resource that has a limit but no request
// a request equal to the limit (SetDefaults_Pod). This is why a container
// with only limits is in the Guaranteed QoS class.
func copyLimitsToRequests(r *corev1.ResourceRequirements) {
	if r.Limits == nil {
		return
	}
	if r.Requests == nil {
		r.Requests = corev1.ResourceList{}
	}
	for name, limit := range r.Limits {
		if _, set := r.Requests[name]; !set {
			r.Requests[name] = limit.DeepCopy()
		}
	}
}

// roundUpToMilli rounds every quantity up to thousandths, as the API server
// does for every resource list (SetDefaults_ResourceList): 0.0001 CPU
// becomes 1m.
func roundUpToMilli(list corev1.ResourceList) {
	for name, q := range list {
		q.RoundUp(-3)
		list[name] = q
	}
}

// defaultHostPorts sets each port's hostPort to its containerPort, as
// Kubernetes does for pods on the host network.
func defaultHostPorts(ports []corev1.ContainerPort) {
	for i := range ports {
		if ports[i].HostPort == 0 {
			ports[i].HostPort = ports[i].ContainerPort
		}
	}
}

// defaultTag is the tag an image reference implies when it names neither a
// tag nor a digest.
const defaultTag = "latest"

// dockerHub is the registry of image references that name none.
const dockerHub = "docker.io"

// Image is a parsed container image reference, following the docker
// reference rules that container runtimes use: "nginx" is
// docker.io/library/nginx:latest.
type Image struct {
	// Registry is the host (and port) of the registry, "docker.io" when the
	// reference names none.
	Registry string
	// Repository is the path within the registry: "library/nginx" for
	// "nginx", "prometheus/node-exporter" for the same written out.
	Repository string
	// Tag is the tag, "latest" when the reference has neither a tag nor a
	// digest, empty when it has only a digest.
	Tag string
	// Digest is "algorithm:hex", empty when the reference has none.
	Digest string
}

// String returns the fully qualified reference, such as
// docker.io/library/nginx:latest.
func (i Image) String() string {
	s := i.Registry + "/" + i.Repository
	if i.Tag != "" {
		s += ":" + i.Tag
	}
	if i.Digest != "" {
		s += "@" + i.Digest
	}
	return s
}

var (
	tagPattern       = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$`)
	componentPattern = regexp.MustCompile(`^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$`)
	hostPattern      = regexp.MustCompile(`^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*$|^\[[0-9A-Fa-f:.]+\]$`)
	algorithmPattern = regexp.MustCompile(`^[a-z0-9]+(?:[.+_-][a-z0-9]+)*$`)
	hexPattern       = regexp.MustCompile(`^[a-f0-9]+$`)
	imageIDPattern   = regexp.MustCompile(`^[a-f0-9]{64}$`)
)

// digestLength returns the number of hex digits of each supported digest
// algorithm.
func digestLength(algorithm string) (int, bool) {
	switch algorithm {
	case "sha256":
		return 64, true
	case "sha384":
		return 96, true
	case "sha512":
		return 128, true
	}
	return 0, false
}

// ParseImage parses a container image reference,
// [registry[:port]/]path[:tag][@algorithm:hex], as container runtimes do.
// A reference without a registry is on docker.io, and a one-part path there
// is under library/. A ":" inside the registry part is a port, not a tag.
// The error says exactly what is wrong; the kubelet reports such an image
// as InvalidImageName.
func ParseImage(ref string) (Image, error) {
	bad := func(format string, args ...any) (Image, error) {
		return Image{}, fmt.Errorf("invalid image reference %q: %s", ref, fmt.Sprintf(format, args...))
	}
	if ref == "" {
		return bad("the reference is empty")
	}
	var img Image
	name := ref
	if at := strings.IndexByte(ref, '@'); at >= 0 {
		name, img.Digest = ref[:at], ref[at+1:]
		if err := checkDigest(img.Digest); err != "" {
			return bad("%s", err)
		}
	}
	if colon := strings.LastIndexByte(name, ':'); colon > strings.LastIndexByte(name, '/') {
		name, img.Tag = name[:colon], name[colon+1:]
		if !tagPattern.MatchString(img.Tag) {
			return bad("tag %q must be 1 to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'", img.Tag)
		}
	}
	if name == "" {
		return bad("the repository name is empty")
	}
	if len(name) > 255 {
		return bad("the name is %d characters long; at most 255 are allowed", len(name))
	}
	img.Registry, img.Repository = splitRegistry(name)
	if !hostPattern.MatchString(hostOf(img.Registry)) || !portIsValid(img.Registry) {
		return bad("registry %q is not a valid host[:port]", img.Registry)
	}
	for _, part := range strings.Split(img.Repository, "/") {
		if !componentPattern.MatchString(part) {
			if strings.ToLower(part) == part || !componentPattern.MatchString(strings.ToLower(part)) {
				return bad("path component %q must be lowercase letters and digits, separated by '.', '_', '__' or '-'", part)
			}
			return bad("repository name %q must be lowercase", img.Repository)
		}
	}
	if img.Registry == dockerHub && imageIDPattern.MatchString(strings.TrimPrefix(img.Repository, "library/")) {
		return bad("a 64-character hexadecimal string is an image ID, not a repository name")
	}
	if img.Tag == "" && img.Digest == "" {
		img.Tag = defaultTag
	}
	return img, nil
}

// splitRegistry splits a name into registry and repository: the first part
// is a registry when it has a '.' or a ':', is "localhost", or has an
// uppercase letter; otherwise the name is on Docker Hub.
func splitRegistry(name string) (string, string) {
	first, rest, found := strings.Cut(name, "/")
	isHost := strings.ContainsAny(first, ".:") || first == "localhost" || strings.ToLower(first) != first
	if !found || !isHost {
		registry, repo := dockerHub, name
		if !strings.Contains(repo, "/") {
			repo = "library/" + repo
		}
		return registry, repo
	}
	if first == "index.docker.io" {
		first = dockerHub
	}
	if first == dockerHub && !strings.Contains(rest, "/") {
		rest = "library/" + rest
	}
	return first, rest
}

// hostOf returns the registry without its port.
func hostOf(registry string) string {
	if strings.HasPrefix(registry, "[") {
		if end := strings.IndexByte(registry, ']'); end >= 0 {
			return registry[:end+1]
		}
		return registry
	}
	host, _, _ := strings.Cut(registry, ":")
	return host
}

// portIsValid reports whether the registry's port, if any, is all digits.
func portIsValid(registry string) bool {
	rest := strings.TrimPrefix(registry, hostOf(registry))
	if rest == "" {
		return true
	}
	port, ok := strings.CutPrefix(rest, ":")
	if !ok || port == "" {
		return false
	}
	return strings.Trim(port, "0123456789") == ""
}

// checkDigest returns why a digest is malformed, or "" when it is good.
func checkDigest(d string) string {
	algorithm, hex, ok := strings.Cut(d, ":")
	if !ok || !algorithmPattern.MatchString(algorithm) || hex == "" {
		return fmt.Sprintf("digest %q must be algorithm:hex, such as sha256:<64 hex digits>", d)
	}
	want, known := digestLength(algorithm)
	if !known {
		return fmt.Sprintf("digest algorithm %q is not supported (sha256, sha384, sha512)", algorithm)
	}
	if !hexPattern.MatchString(hex) || len(hex) != want {
		return fmt.Sprintf("a %s digest must be %d lowercase hex digits, got %d characters", algorithm, want, len(hex))
	}
	return ""
}

// defaultVolume fills in a volume's defaults: a volume that names no type
// is an emptyDir; ConfigMap, Secret, downwardAPI and projected files get
// mode 0644; a downward API fieldRef is apiVersion v1; a projected
// service account token lasts an hour.
// Reference: pkg/apis/core/v1/defaults.go (SetDefaults_Volume,
// SetDefaults_SecretVolumeSource, SetDefaults_ConfigMapVolumeSource,
// SetDefaults_DownwardAPIVolumeSource, SetDefaults_ProjectedVolumeSource,
// SetDefaults_ServiceAccountTokenProjection, SetDefaults_ObjectFieldSelector).
func defaultVolume(s *corev1.VolumeSource) {
	mode := func(m **int32) {
		if *m == nil {
			v := corev1.SecretVolumeSourceDefaultMode
			*m = &v
		}
	}
	fieldRefs := func(items []corev1.DownwardAPIVolumeFile) {
		for i := range items {
			if r := items[i].FieldRef; r != nil && r.APIVersion == "" {
				r.APIVersion = "v1"
			}
		}
	}
	switch {
	case *s == corev1.VolumeSource{}:
		s.EmptyDir = &corev1.EmptyDirVolumeSource{}
	case s.Secret != nil:
		mode(&s.Secret.DefaultMode)
	case s.ConfigMap != nil:
		mode(&s.ConfigMap.DefaultMode)
	case s.DownwardAPI != nil:
		mode(&s.DownwardAPI.DefaultMode)
		fieldRefs(s.DownwardAPI.Items)
	case s.Projected != nil:
		mode(&s.Projected.DefaultMode)
		for _, src := range s.Projected.Sources {
			if src.DownwardAPI != nil {
				fieldRefs(src.DownwardAPI.Items)
			}
			if t := src.ServiceAccountToken; t != nil && t.ExpirationSeconds == nil {
				hour := int64(3600)
				t.ExpirationSeconds = &hour
			}
		}
	case s.HostPath != nil && s.HostPath.Type == nil:
		unset := corev1.HostPathUnset
		s.HostPath.Type = &unset
	}
}
