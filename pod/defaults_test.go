package pod

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

const testDigestHex = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestDefaultPullPolicy(t *testing.T) {
	// Reference: proxy-and-runtime.md B3.1 (pkg/apis/core/v1/defaults.go
	// SetDefaults_Container, pkg/util/parsers ParseImageName).
	tests := []struct {
		image string
		want  corev1.PullPolicy
	}{
		{"nginx", corev1.PullAlways},
		{"nginx:latest", corev1.PullAlways},
		{"nginx:1.25", corev1.PullIfNotPresent},
		{"nginx@sha256:" + testDigestHex, corev1.PullIfNotPresent},
		{"registry:5000/nginx", corev1.PullAlways},
		{"registry:5000/nginx:1.0", corev1.PullIfNotPresent},
		{"nginx:latest@sha256:" + testDigestHex, corev1.PullAlways},
		{"registry.k8s.io/pause:3.9", corev1.PullIfNotPresent},
		{"busybox", corev1.PullAlways},
		{"", corev1.PullIfNotPresent},             // does not parse: Kubernetes ignores the error
		{"Nginx:Latest", corev1.PullIfNotPresent}, // does not parse either
	}
	for _, tt := range tests {
		if got := DefaultPullPolicy(tt.image); got != tt.want {
			t.Errorf("DefaultPullPolicy(%q) = %s, want %s", tt.image, got, tt.want)
		}
	}
}

func TestParseImage(t *testing.T) {
	// Reference: proxy-and-runtime.md B3.1 (docker reference grammar used by
	// ParseImageName: default registry docker.io, library/ prefix, port is
	// not a tag, digest algorithm:hex).
	tests := []struct {
		ref  string
		want Image
	}{
		{"nginx", Image{"docker.io", "library/nginx", "latest", ""}},
		{"nginx:1.25", Image{"docker.io", "library/nginx", "1.25", ""}},
		{"prom/node-exporter:v1", Image{"docker.io", "prom/node-exporter", "v1", ""}},
		{"docker.io/nginx", Image{"docker.io", "library/nginx", "latest", ""}},
		{"index.docker.io/library/nginx", Image{"docker.io", "library/nginx", "latest", ""}},
		{"registry.k8s.io/e2e-test-images/agnhost:2.40", Image{"registry.k8s.io", "e2e-test-images/agnhost", "2.40", ""}},
		{"registry:5000/nginx", Image{"registry:5000", "nginx", "latest", ""}},
		{"localhost/app", Image{"localhost", "app", "latest", ""}},
		{"localhost:5000/team/app:dev", Image{"localhost:5000", "team/app", "dev", ""}},
		{"[::1]:5000/app", Image{"[::1]:5000", "app", "latest", ""}},
		{"nginx@sha256:" + testDigestHex, Image{"docker.io", "library/nginx", "", "sha256:" + testDigestHex}},
		{"nginx:1.25@sha256:" + testDigestHex, Image{"docker.io", "library/nginx", "1.25", "sha256:" + testDigestHex}},
		{"my_app__x.y-z", Image{"docker.io", "library/my_app__x.y-z", "latest", ""}},
	}
	for _, tt := range tests {
		got, err := ParseImage(tt.ref)
		require.NoError(t, err, "ParseImage(%q)", tt.ref)
		assert.Equal(t, tt.want, got, "ParseImage(%q)", tt.ref)
	}
}

func TestParseImageErrors(t *testing.T) {
	// Reference: proxy-and-runtime.md B3.3 (a reference that does not parse
	// becomes InvalidImageName in the kubelet).
	tests := []struct {
		ref  string
		want string
	}{
		{"", "the reference is empty"},
		{"Nginx", `repository name "library/Nginx" must be lowercase`},
		{"nginx:", `tag "" must be 1 to 128`},
		{"nginx:-bad", `tag "-bad" must be 1 to 128`},
		{"nginx@sha256:abc", "a sha256 digest must be 64 lowercase hex digits, got 3 characters"},
		{"nginx@md5:" + testDigestHex[:32], `digest algorithm "md5" is not supported`},
		{"nginx@" + testDigestHex, "must be algorithm:hex"},
		{"-nginx", `path component "-nginx" must be lowercase letters and digits`},
		{"team//app", `path component ""`},
		{"registry:port/app", `registry "registry:port" is not a valid host[:port]`},
		{":1.0", "the repository name is empty"},
		{testDigestHex, "is an image ID, not a repository name"},
		{strings.Repeat("a", 256), "the name is 256 characters long"},
	}
	for _, tt := range tests {
		_, err := ParseImage(tt.ref)
		if assert.Error(t, err, "ParseImage(%q) gave no error", tt.ref) {
			assert.Contains(t, err.Error(), tt.want, "ParseImage(%q) error", tt.ref)
			assert.Contains(t, err.Error(), "invalid image reference", "ParseImage(%q) error", tt.ref)
		}
	}
}

func TestImageString(t *testing.T) {
	tests := []struct{ ref, want string }{
		{"nginx", "docker.io/library/nginx:latest"},
		{"registry:5000/app:v2", "registry:5000/app:v2"},
		{"nginx@sha256:" + testDigestHex, "docker.io/library/nginx@sha256:" + testDigestHex},
	}
	for _, tt := range tests {
		img, err := ParseImage(tt.ref)
		require.NoError(t, err)
		if got := img.String(); got != tt.want {
			t.Errorf("ParseImage(%q).String() = %q, want %q", tt.ref, got, tt.want)
		}
	}
}

// learnerPod is the smallest pod a learner writes.
func learnerPod() *corev1.Pod {
	return &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name:  "app",
			Image: "nginx",
			Ports: []corev1.ContainerPort{{ContainerPort: 80}},
			LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
				HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromInt32(80)},
			}},
			ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{
				GRPC: &corev1.GRPCAction{Port: 9090},
			}, PeriodSeconds: 5},
			Lifecycle: &corev1.Lifecycle{PreStop: &corev1.LifecycleHandler{
				HTTPGet: &corev1.HTTPGetAction{Port: intstr.FromString("http")},
			}},
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{
				corev1.ResourceCPU:    resource.MustParse("0.0001"),
				corev1.ResourceMemory: resource.MustParse("64Mi"),
			}},
		}}},
	}
}

func TestDefault(t *testing.T) {
	// Reference: kubelet.md §4.1 (pkg/apis/core/v1/defaults.go SetDefaults_Pod,
	// SetDefaults_PodSpec, SetDefaults_Container, SetDefaults_Probe,
	// SetDefaults_HTTPGetAction, SetDefaults_ResourceList; ContainerPort
	// protocol +default=TCP in k8s.io/api/core/v1/types.go).
	p := learnerPod()
	Default(p)
	c := p.Spec.Containers[0]
	checks := []struct {
		what      string
		got, want any
	}{
		{"metadata.namespace", p.Namespace, "default"},
		{"spec.restartPolicy", p.Spec.RestartPolicy, corev1.RestartPolicyAlways},
		{"spec.terminationGracePeriodSeconds", *p.Spec.TerminationGracePeriodSeconds, int64(30)},
		{"spec.dnsPolicy", p.Spec.DNSPolicy, corev1.DNSClusterFirst},
		{"spec.schedulerName", p.Spec.SchedulerName, "default-scheduler"},
		{"spec.enableServiceLinks", *p.Spec.EnableServiceLinks, true},
		{"spec.securityContext", *p.Spec.SecurityContext, corev1.PodSecurityContext{}},
		{"imagePullPolicy", c.ImagePullPolicy, corev1.PullAlways},
		{"terminationMessagePath", c.TerminationMessagePath, "/dev/termination-log"},
		{"terminationMessagePolicy", c.TerminationMessagePolicy, corev1.TerminationMessageReadFile},
		{"ports[0].protocol", c.Ports[0].Protocol, corev1.ProtocolTCP},
		{"livenessProbe.timeoutSeconds", c.LivenessProbe.TimeoutSeconds, int32(1)},
		{"livenessProbe.periodSeconds", c.LivenessProbe.PeriodSeconds, int32(10)},
		{"livenessProbe.successThreshold", c.LivenessProbe.SuccessThreshold, int32(1)},
		{"livenessProbe.failureThreshold", c.LivenessProbe.FailureThreshold, int32(3)},
		{"livenessProbe.initialDelaySeconds", c.LivenessProbe.InitialDelaySeconds, int32(0)},
		{"livenessProbe.httpGet.path", c.LivenessProbe.HTTPGet.Path, "/"},
		{"livenessProbe.httpGet.scheme", c.LivenessProbe.HTTPGet.Scheme, corev1.URISchemeHTTP},
		{"readinessProbe.periodSeconds (kept)", c.ReadinessProbe.PeriodSeconds, int32(5)},
		{"readinessProbe.grpc.service", *c.ReadinessProbe.GRPC.Service, ""},
		{"lifecycle.preStop.httpGet.path", c.Lifecycle.PreStop.HTTPGet.Path, "/"},
		{"resources.limits.cpu (rounded up)", c.Resources.Limits.Cpu().String(), "1m"},
		{"resources.requests.cpu (from limit)", c.Resources.Requests.Cpu().String(), "1m"},
		{"resources.requests.memory (from limit)", c.Resources.Requests.Memory().String(), "64Mi"},
	}
	for _, ch := range checks {
		assert.Equal(t, ch.want, ch.got, "after Default, %s = %v, want %v", ch.what, ch.got, ch.want)
	}
	assert.Empty(t, Validate(p), "a defaulted minimal pod is valid")
}

func TestDefaultKeepsWhatIsSet(t *testing.T) {
	// Reference: pkg/apis/core/v1/defaults.go: every default applies only to
	// an unset field; SetDefaults_Pod copies only missing requests.
	grace := int64(5)
	p := learnerPod()
	p.Namespace = "shop"
	p.Spec.RestartPolicy = corev1.RestartPolicyNever
	p.Spec.TerminationGracePeriodSeconds = &grace
	p.Spec.Containers[0].ImagePullPolicy = corev1.PullNever
	p.Spec.Containers[0].Resources.Requests = corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("32Mi")}
	Default(p)
	c := p.Spec.Containers[0]
	assert.Equal(t, "shop", p.Namespace)
	assert.Equal(t, corev1.RestartPolicyNever, p.Spec.RestartPolicy)
	assert.Equal(t, int64(5), *p.Spec.TerminationGracePeriodSeconds)
	assert.Equal(t, corev1.PullNever, c.ImagePullPolicy)
	assert.Equal(t, "32Mi", c.Resources.Requests.Memory().String(), "a set request is not replaced by the limit")
	assert.Equal(t, "1m", c.Resources.Requests.Cpu().String(), "a missing request is copied from the limit")
}

func TestDefaultPodSpecForTemplates(t *testing.T) {
	// Reference: pkg/apis/core/v1/defaults.go: SetDefaults_Pod (not
	// SetDefaults_PodSpec) copies limits to requests and sets
	// enableServiceLinks, so a template does not get them.
	spec := learnerPod().Spec
	spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox:1.36"}}
	DefaultPodSpec(&spec)
	assert.Nil(t, spec.EnableServiceLinks, "enableServiceLinks is a Pod-only default")
	assert.Nil(t, spec.Containers[0].Resources.Requests, "requests from limits is a Pod-only default")
	assert.Equal(t, corev1.RestartPolicyAlways, spec.RestartPolicy)
	assert.Equal(t, corev1.PullIfNotPresent, spec.InitContainers[0].ImagePullPolicy, "init containers are defaulted too")
	assert.Equal(t, "/dev/termination-log", spec.InitContainers[0].TerminationMessagePath)
}

func TestDefaultHostNetworkPorts(t *testing.T) {
	// Reference: pkg/apis/core/v1/defaults.go defaultHostNetworkPorts.
	p := learnerPod()
	p.Spec.HostNetwork = true
	Default(p)
	assert.Equal(t, int32(80), p.Spec.Containers[0].Ports[0].HostPort)
}

func TestDefaultIsIdempotentAndNilSafe(t *testing.T) {
	once := learnerPod()
	Default(once)
	twice := once.DeepCopy()
	Default(twice)
	a, _ := json.Marshal(once)
	b, _ := json.Marshal(twice)
	assert.JSONEq(t, string(a), string(b), "Default twice = Default once")
	assert.NotPanics(t, func() { Default(nil); DefaultPodSpec(nil) })
}

// A pod as a learner writes it, and the fields the API server fills in.
func ExampleDefault() {
	p := &corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web"},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name:  "app",
			Image: "nginx:1.25",
			Resources: corev1.ResourceRequirements{Limits: corev1.ResourceList{
				corev1.ResourceMemory: resource.MustParse("128Mi"),
			}},
		}}},
	}
	Default(p)
	c := p.Spec.Containers[0]
	fmt.Println(p.Namespace, p.Spec.RestartPolicy, *p.Spec.TerminationGracePeriodSeconds, p.Spec.DNSPolicy)
	fmt.Println(c.ImagePullPolicy, c.TerminationMessagePath, c.Resources.Requests.Memory())
	// Output:
	// default Always 30 ClusterFirst
	// IfNotPresent /dev/termination-log 128Mi
}

// The registry, repository, tag and digest of an image reference.
func ExampleParseImage() {
	for _, ref := range []string{"nginx", "registry:5000/team/app:v2", "Nginx"} {
		img, err := ParseImage(ref)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s | %s | %s | %s\n", img.Registry, img.Repository, img.Tag, img)
	}
	// Output:
	// docker.io | library/nginx | latest | docker.io/library/nginx:latest
	// registry:5000 | team/app | v2 | registry:5000/team/app:v2
	// invalid image reference "Nginx": repository name "library/Nginx" must be lowercase
}
