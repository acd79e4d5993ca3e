package pod

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// validLearnerPod returns a defaulted, valid pod for validation tests to break.
func validLearnerPod() *corev1.Pod {
	p := learnerPod()
	Default(p)
	return p
}

func refTo[T any](v T) *T { return &v }

func catHealthyProbe() *corev1.Probe {
	return &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"cat", "/tmp/healthy"}}},
		TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
}

func TestValidate(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go (ValidatePodCreate,
	// ValidatePodSpec, validateContainers, validateInitContainers,
	// validateContainerCommon, validateProbe, validateContainerPorts,
	// ValidateContainerResourceRequirements) and
	// k8s.io/apimachinery/pkg/api/validation ValidateObjectMeta.
	runValidateCases(t, []validateCase{
		{"valid", func(p *corev1.Pod) {}, nil},
		{"name required", func(p *corev1.Pod) { p.Name = "" },
			[]string{"metadata.name: Required value: name or generateName is required"}},
		{"name not a subdomain", func(p *corev1.Pod) { p.Name = "Web_1" },
			[]string{`metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`}},
		{"namespace not a label", func(p *corev1.Pod) { p.Namespace = "a.b" },
			[]string{`metadata.namespace: Invalid value: "a.b": must not contain dots`}},
		{"containers required", func(p *corev1.Pod) { p.Spec.Containers = nil },
			[]string{"spec.containers: Required value"}},
		{"container name required", func(p *corev1.Pod) { p.Spec.Containers[0].Name = "" },
			[]string{"spec.containers[0].name: Required value"}},
		{"image required", func(p *corev1.Pod) { p.Spec.Containers[0].Image = "" },
			[]string{"spec.containers[0].image: Required value"}},
		{"duplicate container", func(p *corev1.Pod) { p.Spec.Containers = append(p.Spec.Containers, p.Spec.Containers[0]) },
			[]string{`spec.containers[1].name: Duplicate value: "app"`}},
		{"init container named like a container", func(p *corev1.Pod) {
			p.Spec.InitContainers = []corev1.Container{{Name: "app", Image: "busybox", ImagePullPolicy: "Always", TerminationMessagePolicy: "File"}}
		}, []string{`spec.initContainers[0].name: Duplicate value: "app"`}},
		{"restartPolicy unsupported", func(p *corev1.Pod) { p.Spec.RestartPolicy = "Sometimes" },
			[]string{`spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`}},
		{"restartPolicy required", func(p *corev1.Pod) { p.Spec.RestartPolicy = "" },
			[]string{"spec.restartPolicy: Required value"}},
		{"init container restartPolicy value", func(p *corev1.Pod) {
			p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox", ImagePullPolicy: "Always", TerminationMessagePolicy: "File",
				RestartPolicy: refTo(corev1.ContainerRestartPolicy("Sometimes"))}}
		}, []string{`spec.initContainers[0].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`}},
		// Reference: pod-lifecycle#container-restart-rules (ContainerRestartRules,
		// beta and on in 1.35): a regular init container may set its own policy.
		{"init container restartPolicy Never", func(p *corev1.Pod) {
			p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox", ImagePullPolicy: "Always", TerminationMessagePolicy: "File",
				RestartPolicy: refTo(corev1.ContainerRestartPolicyNever)}}
		}, nil},
		{"probe on a plain init container", func(p *corev1.Pod) {
			p.Spec.InitContainers = []corev1.Container{{Name: "init", Image: "busybox", ImagePullPolicy: "Always", TerminationMessagePolicy: "File",
				ReadinessProbe: catHealthyProbe()}}
		}, []string{"spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"}},
		{"probe on a sidecar is validated", func(p *corev1.Pod) {
			probe := catHealthyProbe()
			probe.SuccessThreshold = 2
			p.Spec.InitContainers = []corev1.Container{{Name: "proxy", Image: "envoy", ImagePullPolicy: "Always", TerminationMessagePolicy: "File",
				RestartPolicy: refTo(corev1.ContainerRestartPolicyAlways), StartupProbe: probe}}
		}, []string{"spec.initContainers[0].startupProbe.successThreshold: Invalid value: 2: must be 1"}},
		{"regular container restartPolicy value", func(p *corev1.Pod) {
			p.Spec.Containers[0].RestartPolicy = refTo(corev1.ContainerRestartPolicy("Sometimes"))
		}, []string{`spec.containers[0].restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"`}},
		{"liveness successThreshold", func(p *corev1.Pod) { p.Spec.Containers[0].LivenessProbe.SuccessThreshold = 2 },
			[]string{"spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"}},
		{"readiness successThreshold may be more", func(p *corev1.Pod) { p.Spec.Containers[0].ReadinessProbe.SuccessThreshold = 3 }, nil},
		{"negative probe numbers", func(p *corev1.Pod) {
			p.Spec.Containers[0].ReadinessProbe.InitialDelaySeconds = -1
			p.Spec.Containers[0].ReadinessProbe.FailureThreshold = -3
		}, []string{
			"spec.containers[0].readinessProbe.failureThreshold: Invalid value: -3: must be greater than or equal to 0",
			"spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -1: must be greater than or equal to 0",
		}},
		{"two handlers", func(p *corev1.Pod) {
			p.Spec.Containers[0].LivenessProbe.Exec = &corev1.ExecAction{Command: []string{"true"}}
		},
			[]string{"spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"}},
		{"empty pod-level resources", func(p *corev1.Pod) { p.Spec.Resources = &corev1.ResourceRequirements{} }, nil},
		// The host fields: their defaults are what nucleus does; a value
		// that would change what the pod sees is refused by name.
		{"hostNetwork is not simulated", func(p *corev1.Pod) { p.Spec.HostNetwork = true },
			[]string{"spec.hostNetwork: Forbidden: not simulated by nucleus: a pod on the store's own network (its address and ports)"}},
		// shareProcessNamespace and hostUsers: false are simulated, with
		// the API server's rules about the host's namespaces.
		// Reference: pkg/apis/core/validation/validation.go
		// (validatePodSpecSecurityContext, validateHostUsers).
		{"shared process namespace", func(p *corev1.Pod) { p.Spec.ShareProcessNamespace = refTo(true) }, nil},
		{"user namespace", func(p *corev1.Pod) { p.Spec.HostUsers = refTo(false) }, nil},
		{"shared process namespace with hostPID", func(p *corev1.Pod) {
			p.Spec.ShareProcessNamespace, p.Spec.HostPID = refTo(true), true
		},
			[]string{"spec.securityContext.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot both be enabled"}},
		{"user namespace with the host's namespaces", func(p *corev1.Pod) {
			p.Spec.HostUsers, p.Spec.HostPID, p.Spec.HostIPC = refTo(false), true, true
		}, []string{
			"spec.HostIPC: Forbidden: when `hostUsers` is false",
			"spec.HostPID: Forbidden: when `hostUsers` is false",
		}},
		{"user namespace with hostNetwork", func(p *corev1.Pod) { p.Spec.HostUsers, p.Spec.HostNetwork = refTo(false), true }, []string{
			"spec.hostNetwork: Forbidden: not simulated by nucleus: a pod on the store's own network (its address and ports)",
			"spec.hostNetwork: Forbidden: when `hostUsers` is false",
		}},
		{"host fields at their defaults", func(p *corev1.Pod) {
			p.Spec.HostUsers, p.Spec.ShareProcessNamespace = refTo(true), refTo(false)
		}, nil},
		{"no handler", func(p *corev1.Pod) { p.Spec.Containers[0].LivenessProbe.HTTPGet = nil },
			[]string{"spec.containers[0].livenessProbe: Required value: must specify a handler type"}},
		{"exec without command", func(p *corev1.Pod) {
			p.Spec.Containers[0].LivenessProbe = catHealthyProbe()
			p.Spec.Containers[0].LivenessProbe.Exec.Command = nil
		},
			[]string{"spec.containers[0].livenessProbe.exec.command: Required value"}},
		{"httpGet port out of range", func(p *corev1.Pod) { p.Spec.Containers[0].LivenessProbe.HTTPGet.Port = intstr.FromInt32(70000) },
			[]string{"spec.containers[0].livenessProbe.httpGet.port: Invalid value: 70000: must be between 1 and 65535, inclusive"}},
		{"readiness probe grace", func(p *corev1.Pod) {
			p.Spec.Containers[0].ReadinessProbe.TerminationGracePeriodSeconds = refTo(int64(5))
		},
			[]string{"spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 5: must not be set for readinessProbes"}},
		{"container port range", func(p *corev1.Pod) { p.Spec.Containers[0].Ports[0].ContainerPort = 70000 },
			[]string{"spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"}},
		{"duplicate port names", func(p *corev1.Pod) {
			p.Spec.Containers[0].Ports = []corev1.ContainerPort{{Name: "http", ContainerPort: 80, Protocol: "TCP"}, {Name: "http", ContainerPort: 81, Protocol: "TCP"}}
		}, []string{`spec.containers[0].ports[1].name: Duplicate value: "http"`}},
		{"port protocol", func(p *corev1.Pod) { p.Spec.Containers[0].Ports[0].Protocol = "ICMP" },
			[]string{`spec.containers[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"`}},
		{"request above limit", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources.Requests[corev1.ResourceMemory] = resource.MustParse("1Gi")
		},
			[]string{`spec.containers[0].resources.requests: Invalid value: "1Gi": must be less than or equal to memory limit of 64Mi`}},
		{"extended resource must match its limit", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources.Limits["example.com/gpu"] = resource.MustParse("2")
			p.Spec.Containers[0].Resources.Requests["example.com/gpu"] = resource.MustParse("1")
		}, []string{`spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2`}},
		{"pods is not a container resource", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources.Limits[corev1.ResourcePods] = resource.MustParse("1")
		},
			[]string{`spec.containers[0].resources.limits[pods]: Invalid value: "pods": must be a standard resource for containers`}},
		{"negative grace", func(p *corev1.Pod) { p.Spec.TerminationGracePeriodSeconds = refTo(int64(-1)) },
			[]string{"spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0"}},
		{"zero grace is allowed", func(p *corev1.Pod) { p.Spec.TerminationGracePeriodSeconds = refTo(int64(0)) }, nil},
		{"activeDeadlineSeconds zero", func(p *corev1.Pod) { p.Spec.ActiveDeadlineSeconds = refTo(int64(0)) },
			[]string{"spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"}},
		{"imagePullPolicy", func(p *corev1.Pod) { p.Spec.Containers[0].ImagePullPolicy = "Sometimes" },
			[]string{`spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"`}},
		{"dnsPolicy", func(p *corev1.Pod) { p.Spec.DNSPolicy = "Google" },
			[]string{`spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"`}},
	})
}

// validateCase is a change that breaks (or keeps) a valid pod, and the
// errors Validate must then return.
type validateCase struct {
	name   string
	change func(p *corev1.Pod)
	want   []string
}

func runValidateCases(t *testing.T, tests []validateCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := validLearnerPod()
			tt.change(p)
			var got []string
			for _, e := range Validate(p) {
				got = append(got, e.Error())
			}
			assert.Equal(t, tt.want, got, "Validate errors")
		})
	}
}

func TestValidatePodSpecPath(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go ValidatePodTemplateSpec
	// validates the template's spec under its own path.
	spec := validLearnerPod().Spec
	spec.Containers[0].Image = ""
	errs := ValidatePodSpec(&spec, field.NewPath("spec", "template", "spec"))
	if assert.Len(t, errs, 1) {
		assert.Equal(t, "spec.template.spec.containers[0].image: Required value", errs[0].Error())
	}
}

func TestValidateOrderIsDeterministic(t *testing.T) {
	p := validLearnerPod()
	p.Labels = map[string]string{"-a": "x", "-b": "y", "-c": "z"}
	first := Validate(p).ToAggregate().Error()
	for range 20 {
		assert.Equal(t, first, Validate(p).ToAggregate().Error(), "Validate must not depend on map order")
	}
	assert.Len(t, Validate(p), 3)
}

// Kubernetes' own messages for a pod that is missing pieces.
func ExampleValidate() {
	p := &corev1.Pod{Spec: corev1.PodSpec{Containers: []corev1.Container{{Name: "app"}}}}
	p.Name = "web"
	Default(p)
	p.Spec.Containers[0].LivenessProbe = catHealthyProbe()
	p.Spec.Containers[0].LivenessProbe.SuccessThreshold = 2
	for _, err := range Validate(p) {
		fmt.Println(err)
	}
	// Output:
	// spec.containers[0].image: Required value
	// spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1
}

// list returns a resource list from "name", "amount" pairs.
func list(pairs ...string) corev1.ResourceList {
	l := corev1.ResourceList{}
	for i := 0; i+1 < len(pairs); i += 2 {
		l[corev1.ResourceName(pairs[i])] = resource.MustParse(pairs[i+1])
	}
	return l
}

// podLevel sets the pod's spec.resources.
func podLevel(p *corev1.Pod, requests, limits corev1.ResourceList) {
	p.Spec.Resources = &corev1.ResourceRequirements{Requests: requests, Limits: limits}
}

func TestValidatePodLevelResources(t *testing.T) {
	// Reference: pkg/apis/core/validation/validation.go (validatePodResources,
	// validatePodResourceName, validatePodResourceConsistency) and
	// https://kubernetes.io/docs/tasks/configure-pod-container/assign-pod-level-resources/#limitations
	// ("Only CPU, memory and hugepages resources can be specified at pod-level").
	runValidateCases(t, []validateCase{
		{"cpu and memory", func(p *corev1.Pod) {
			podLevel(p, list("cpu", "1", "memory", "100Mi"), list("cpu", "1", "memory", "200Mi"))
		}, nil},
		{"pids is not a v1.35 resource", func(p *corev1.Pod) { podLevel(p, nil, list("pids", "2048")) },
			[]string{`spec.resources.limits[pids]: Invalid value: "pids": must be a standard resource type or fully qualified`}},
		{"ephemeral-storage is not a pod-level resource", func(p *corev1.Pod) { podLevel(p, list("ephemeral-storage", "1Gi"), nil) },
			[]string{`spec.resources.requests[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"`}},
		{"request above limit", func(p *corev1.Pod) { podLevel(p, list("cpu", "2"), list("cpu", "1")) },
			[]string{`spec.resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1`}},
		{"pod request below the containers' sum", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources = corev1.ResourceRequirements{Requests: list("cpu", "1500m")}
			podLevel(p, list("cpu", "1"), nil)
		}, []string{`spec.resources.requests[cpu]: Invalid value: "1": must be greater than or equal to aggregate container requests of 1500m`}},
		{"container limit above the pod's", func(p *corev1.Pod) {
			p.Spec.Containers[0].Resources = corev1.ResourceRequirements{Limits: list("memory", "300Mi"), Requests: list("memory", "50Mi")}
			podLevel(p, list("memory", "100Mi"), list("memory", "200Mi"))
		}, []string{`spec.resources.containers[0][memory].limits: Invalid value: "300Mi": must be less than or equal to pod limits of 200Mi`}},
		{"claims", func(p *corev1.Pod) {
			p.Spec.Resources = &corev1.ResourceRequirements{Claims: []corev1.ResourceClaim{{Name: "gpu"}}}
		}, []string{"spec.resources.claims: Forbidden: claims may not be set for Resources at pod-level"}},
	})
}

func TestDefaultPodLevelRequests(t *testing.T) {
	// Reference: pkg/apis/core/v1/defaults.go (SetDefaults_Pod,
	// defaultPodRequests): with pod-level limits, a missing pod-level
	// request is the containers' aggregate request when one asks, else the
	// pod-level limit; without pod-level limits nothing is defaulted.
	p := learnerPod()
	p.Spec.Containers[0].Resources = corev1.ResourceRequirements{Requests: list("cpu", "250m")}
	podLevel(p, nil, list("cpu", "1", "memory", "200Mi"))
	Default(p)
	got := p.Spec.Resources.Requests
	assert.Equal(t, "250m", refTo(got[corev1.ResourceCPU]).String(), "cpu from the containers")
	assert.Equal(t, "200Mi", refTo(got[corev1.ResourceMemory]).String(), "memory from the pod limit")

	q := learnerPod()
	podLevel(q, list("cpu", "1"), nil)
	Default(q)
	assert.Len(t, q.Spec.Resources.Requests, 1, "no pod-level limits: nothing defaulted")
}
