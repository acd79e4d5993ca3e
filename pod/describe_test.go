package pod

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// updateDescribe rewrites testdata/describe/*.golden from the current
// output: go test ./pod -run TestDescribe -update-describe.
var updateDescribe = flag.Bool("update-describe", false, "rewrite the describe golden files")

// opening is when the describe test pods' store opened.
var opening = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// at returns opening+d as an API time.
func at(d time.Duration) metav1.Time { return metav1.NewTime(opening.Add(d)) }

// atPtr returns a pointer to at(d).
func atPtr(d time.Duration) *metav1.Time { t := at(d); return &t }

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// defaultTolerations are the two the API server's admission adds to every
// pod.
func defaultTolerations() []corev1.Toleration {
	return []corev1.Toleration{
		{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr[int64](300)},
		{Key: "node.kubernetes.io/unreachable", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr[int64](300)},
	}
}

// conditions returns the five kubelet conditions with the given statuses
// in kubectl's usual order.
func conditions(ready, initialized, containersReady, scheduled bool) []corev1.PodCondition {
	s := func(b bool) corev1.ConditionStatus {
		if b {
			return corev1.ConditionTrue
		}
		return corev1.ConditionFalse
	}
	return []corev1.PodCondition{
		{Type: corev1.PodReadyToStartContainers, Status: corev1.ConditionTrue},
		{Type: corev1.PodInitialized, Status: s(initialized)},
		{Type: corev1.PodReady, Status: s(ready)},
		{Type: corev1.ContainersReady, Status: s(containersReady)},
		{Type: corev1.PodScheduled, Status: s(scheduled)},
	}
}

// basePod returns a scheduled pod named name on store-1 with one status
// filled in by the caller.
func basePod(name string) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "default", UID: types.UID("uid-" + name),
		CreationTimestamp: at(0)}}
	p.Spec.NodeName = "store-1"
	p.Spec.ServiceAccountName = "default"
	p.Spec.Priority = ptr[int32](0)
	p.Spec.Tolerations = defaultTolerations()
	p.Status.HostIP = "192.168.0.11"
	p.Status.PodIP = "10.244.1.5"
	p.Status.PodIPs = []corev1.PodIP{{IP: "10.244.1.5"}}
	p.Status.StartTime = atPtr(time.Second)
	return p
}

// event returns a kubelet Event about a pod container.
func event(typ, reason, msg string, first, last time.Duration, count int32) corev1.Event {
	return corev1.Event{Type: typ, Reason: reason, Message: msg, Count: count,
		Source:         corev1.EventSource{Component: "kubelet", Host: "store-1"},
		FirstTimestamp: at(first), LastTimestamp: at(last)}
}

// runningPod is a web server with probes, resources and a controller.
func runningPod() (*corev1.Pod, []corev1.Event, time.Time) {
	p := basePod("web-7d4b9c-x2x5p")
	p.Labels = map[string]string{"app": "web", "pod-template-hash": "7d4b9c"}
	p.Annotations = map[string]string{"nucleus.dev/shift": "morning", lastAppliedAnnotation: "{}"}
	p.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-7d4b9c", UID: "rs", Controller: ptr(true)}}
	p.Spec.Containers = []corev1.Container{{
		Name: "app", Image: "registry.k8s.io/e2e-test-images/agnhost:2.40", Args: []string{"liveness"},
		Ports: []corev1.ContainerPort{{ContainerPort: 8080, Protocol: corev1.ProtocolTCP}},
		Resources: corev1.ResourceRequirements{
			Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("128Mi"), corev1.ResourceCPU: resource.MustParse("500m")},
			Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Mi"), corev1.ResourceCPU: resource.MustParse("250m")},
		},
		LivenessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTP}},
			InitialDelaySeconds: 3, TimeoutSeconds: 1, PeriodSeconds: 3, SuccessThreshold: 1, FailureThreshold: 3},
		ReadinessProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}},
			TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3},
		Env: []corev1.EnvVar{{Name: "GREETING", Value: "hello"},
			{Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}},
			{Name: "POD_IP", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "status.podIP"}}}},
	}}
	p.Status.Phase = corev1.PodRunning
	p.Status.QOSClass = corev1.PodQOSBurstable
	p.Status.Conditions = conditions(true, true, true, true)
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "app", Ready: true, Started: ptr(true),
		ContainerID: "containerd://0f3c", ImageID: "registry.k8s.io/e2e-test-images/agnhost@sha256:af7e",
		Image: "registry.k8s.io/e2e-test-images/agnhost:2.40",
		State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at(4 * time.Second)}}}}
	sched := event("Normal", "Scheduled", "Successfully assigned default/web-7d4b9c-x2x5p to store-1", 0, 0, 0)
	sched.Source = corev1.EventSource{}
	sched.ReportingController = "default-scheduler"
	sched.FirstTimestamp, sched.LastTimestamp = metav1.Time{}, metav1.Time{}
	sched.EventTime = metav1.NewMicroTime(opening)
	evs := []corev1.Event{
		event("Normal", "Pulling", "Pulling image \"registry.k8s.io/e2e-test-images/agnhost:2.40\"", time.Second, time.Second, 1),
		sched,
		event("Normal", "Pulled", "Successfully pulled image \"registry.k8s.io/e2e-test-images/agnhost:2.40\" in 2.1s (2.1s including waiting). Image size: 51083417 bytes.", 3*time.Second, 3*time.Second, 1),
		event("Normal", "Created", "Created container: app", 3*time.Second, 3*time.Second, 1),
		event("Normal", "Started", "Started container app", 4*time.Second, 4*time.Second, 1),
		event("Warning", "Unhealthy", "Readiness probe failed: dial tcp 10.244.1.5:8080: connect: connection refused", 5*time.Second, 25*time.Second, 3),
	}
	return p, evs, opening.Add(2*time.Minute + 30*time.Second)
}

// crashLoopPod is a busybox that exits 1 and waits out its back-off.
func crashLoopPod() (*corev1.Pod, []corev1.Event, time.Time) {
	p := basePod("quitter")
	p.Labels = map[string]string{"run": "quitter"}
	p.Spec.Containers = []corev1.Container{{Name: "quitter", Image: "busybox:1.36",
		Command: []string{"sh", "-c", "echo leaving; exit 1"}}}
	p.Status.Phase = corev1.PodRunning
	p.Status.QOSClass = corev1.PodQOSBestEffort
	p.Status.Conditions = conditions(false, true, false, true)
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "quitter", Image: "docker.io/library/busybox:1.36",
		ContainerID: "containerd://9a1e", ImageID: "docker.io/library/busybox@sha256:768e", RestartCount: 4, Started: ptr(false),
		State: corev1.ContainerState{Waiting: &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
			Message: "back-off 1m20s restarting failed container=quitter pod=quitter_default(uid-quitter)"}},
		LastTerminationState: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{ExitCode: 1, Reason: "Error",
			StartedAt: at(95 * time.Second), FinishedAt: at(95 * time.Second), ContainerID: "containerd://9a1e"}}}}
	evs := []corev1.Event{
		event("Normal", "Pulled", "Container image \"busybox:1.36\" already present on machine", 2*time.Second, 95*time.Second, 5),
		event("Normal", "Created", "Created container: quitter", 2*time.Second, 95*time.Second, 5),
		event("Normal", "Started", "Started container quitter", 2*time.Second, 95*time.Second, 5),
		event("Warning", "BackOff", "Back-off restarting failed container quitter in pod quitter_default(uid-quitter)", 4*time.Second, 150*time.Second, 9),
	}
	return p, evs, opening.Add(3 * time.Minute)
}

// sidecarPod has onboarding paperwork, an assistant and the main job.
func sidecarPod() (*corev1.Pod, []corev1.Event, time.Time) {
	p := basePod("shop")
	p.Spec.InitContainers = []corev1.Container{
		{Name: "wait-for-db", Image: "busybox:1.36", Command: []string{"sh", "-c", "until nslookup db; do\n  sleep 2\ndone"}},
		{Name: "log-shipper", Image: "busybox:1.36", RestartPolicy: ptr(corev1.ContainerRestartPolicyAlways),
			Command: []string{"sh", "-c"}, Args: []string{"tail -F /var/log/shop.log"},
			StartupProbe: &corev1.Probe{ProbeHandler: corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"cat", "/tmp/healthy"}}},
				InitialDelaySeconds: 5, TimeoutSeconds: 1, PeriodSeconds: 5, SuccessThreshold: 1, FailureThreshold: 3},
			VolumeMounts: []corev1.VolumeMount{{Name: "logs", MountPath: "/var/log"}}},
	}
	p.Spec.Containers = []corev1.Container{{Name: "shop", Image: "nginx:1.27",
		Ports: []corev1.ContainerPort{{Name: "http", ContainerPort: 80, Protocol: corev1.ProtocolTCP}, {Name: "metrics", ContainerPort: 9113, Protocol: corev1.ProtocolTCP}},
		Resources: corev1.ResourceRequirements{
			Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Mi"), corev1.ResourceCPU: resource.MustParse("100m")},
			Requests: corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("64Mi"), corev1.ResourceCPU: resource.MustParse("100m")},
		},
		VolumeMounts: []corev1.VolumeMount{{Name: "logs", MountPath: "/var/log/nginx", SubPath: "nginx"}, {Name: "config", MountPath: "/etc/nginx/conf.d", ReadOnly: true}}}}
	p.Spec.Volumes = []corev1.Volume{
		{Name: "logs", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}},
		{Name: "config", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{LocalObjectReference: corev1.LocalObjectReference{Name: "shop-nginx"}}}},
	}
	p.Spec.NodeSelector = map[string]string{"kubernetes.io/os": "linux"}
	p.Status.Phase = corev1.PodRunning
	p.Status.Conditions = conditions(true, true, true, true)
	p.Status.InitContainerStatuses = []corev1.ContainerStatus{
		{Name: "wait-for-db", Image: "docker.io/library/busybox:1.36", ImageID: "docker.io/library/busybox@sha256:768e", ContainerID: "containerd://11aa",
			State: corev1.ContainerState{Terminated: &corev1.ContainerStateTerminated{Reason: "Completed", ExitCode: 0,
				StartedAt: at(2 * time.Second), FinishedAt: at(12 * time.Second)}}},
		{Name: "log-shipper", Image: "docker.io/library/busybox:1.36", ImageID: "docker.io/library/busybox@sha256:768e", ContainerID: "containerd://22bb",
			Ready: true, Started: ptr(true), State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at(13 * time.Second)}}},
	}
	p.Status.ContainerStatuses = []corev1.ContainerStatus{{Name: "shop", Image: "docker.io/library/nginx:1.27", ImageID: "docker.io/library/nginx@sha256:5f0f",
		ContainerID: "containerd://33cc", Ready: true, Started: ptr(true),
		State: corev1.ContainerState{Running: &corev1.ContainerStateRunning{StartedAt: at(20 * time.Second)}}}}
	return p, nil, opening.Add(10 * time.Minute)
}

// terminatingPod was deleted 20 seconds ago with the default 30-second
// grace period, so its deletionTimestamp is still 10 seconds ahead.
func terminatingPod() (*corev1.Pod, []corev1.Event, time.Time) {
	p, evs, _ := runningPod()
	deleted := 10 * time.Minute
	p.DeletionTimestamp = atPtr(deleted + 30*time.Second)
	p.DeletionGracePeriodSeconds = ptr[int64](30)
	p.Status.Conditions = conditions(false, true, false, true)
	p.Status.ContainerStatuses[0].Ready = false
	evs = append(evs, event("Normal", "Killing", "Stopping container app", deleted, deleted, 1))
	return p, evs, opening.Add(deleted + 20*time.Second)
}

// Reference: kubectl pkg/describe/describe.go describePod, describeContainers,
// describeStatus, DescribeProbe, DescribeEvents (tabwriter 0, 8, 2, ' ').
func TestDescribeGolden(t *testing.T) {
	cases := []struct {
		name  string
		build func() (*corev1.Pod, []corev1.Event, time.Time)
	}{
		{"running", runningPod},
		{"crashloop", crashLoopPod},
		{"init-and-sidecar", sidecarPod},
		{"terminating", terminatingPod},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, evs, now := tc.build()
			node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "store-1"}}
			var buf bytes.Buffer
			require.NoError(t, Describe(&buf, p, node, evs, now))
			path := filepath.Join("testdata", "describe", tc.name+".golden")
			if *updateDescribe {
				require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
				require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
			}
			want, err := os.ReadFile(path)
			require.NoError(t, err, "run go test ./pod -run TestDescribe -update-describe")
			assert.Equal(t, string(want), buf.String())
		})
	}
}

// Reference: kubectl describe.go DescribeProbe.
func TestProbeString(t *testing.T) {
	attrs := "delay=5s timeout=1s period=10s #success=1 #failure=3"
	timing := corev1.Probe{InitialDelaySeconds: 5, TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3}
	with := func(h corev1.ProbeHandler) *corev1.Probe { p := timing; p.ProbeHandler = h; return &p }
	tests := []struct {
		name  string
		probe *corev1.Probe
		want  string
	}{
		{"exec", with(corev1.ProbeHandler{Exec: &corev1.ExecAction{Command: []string{"cat", "/tmp/healthy"}}}), "exec [cat /tmp/healthy] " + attrs},
		{"http", with(corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Path: "/healthz", Port: intstr.FromInt32(8080), Scheme: "HTTP"}}), "http-get http://:8080/healthz " + attrs},
		{"https named port with host", with(corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{Host: "10.0.0.1", Path: "/", Port: intstr.FromString("web"), Scheme: "HTTPS"}}), "http-get https://10.0.0.1:web/ " + attrs},
		{"tcp", with(corev1.ProbeHandler{TCPSocket: &corev1.TCPSocketAction{Port: intstr.FromInt32(8080)}}), "tcp-socket :8080 " + attrs},
		{"grpc without service", with(corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 2379}}), "grpc <pod>:2379  " + attrs},
		{"grpc with service", with(corev1.ProbeHandler{GRPC: &corev1.GRPCAction{Port: 2379, Service: ptr("etcd")}}), "grpc <pod>:2379 etcd " + attrs},
		{"no handler", with(corev1.ProbeHandler{}), "unknown " + attrs},
	}
	for _, tt := range tests {
		if got := ProbeString(tt.probe); got != tt.want {
			t.Errorf("ProbeString(%s) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// describeSection runs one describe step into a fresh describer and
// returns its aligned output.
func describeSection(t *testing.T, step func(d *describer)) string {
	t.Helper()
	var buf bytes.Buffer
	d := &describer{tw: newDescribeTabWriter(&buf)}
	step(d)
	d.flush()
	require.NoError(t, d.err)
	return buf.String()
}

// Reference: kubectl describe.go printTolerationsMultilineWithIndent.
func TestDescribeTolerations(t *testing.T) {
	tests := []struct {
		name string
		in   []corev1.Toleration
		want string
	}{
		{"none", nil, "Tolerations:  <none>\n"},
		{"everything", []corev1.Toleration{{Operator: corev1.TolerationOpExists}}, "Tolerations:  op=Exists\n"},
		{"sorted by key, value and effect", []corev1.Toleration{
			{Key: "role", Operator: corev1.TolerationOpEqual, Value: "till", Effect: corev1.TaintEffectNoSchedule},
			{Key: "node.kubernetes.io/not-ready", Operator: corev1.TolerationOpExists, Effect: corev1.TaintEffectNoExecute, TolerationSeconds: ptr[int64](300)},
		}, "Tolerations:  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n              role=till:NoSchedule\n"},
	}
	for _, tt := range tests {
		got := describeSection(t, func(d *describer) { describeTolerations(d, tt.in) })
		assert.Equal(t, tt.want, got, tt.name)
	}
}

// Reference: kubectl describe.go printAnnotationsMultiline (skips
// last-applied-configuration; values over 140 characters on their own line).
func TestDescribeAnnotations(t *testing.T) {
	long := strings.Repeat("x", 150)
	in := map[string]string{lastAppliedAnnotation: "{}", "b": long, "a": "one\ntwo"}
	got := describeSection(t, func(d *describer) { describeAnnotations(d, in) })
	want := "Annotations:  a:\n" +
		"                one\n" +
		"                two\n" +
		"              b:\n" +
		"                " + strings.Repeat("x", 138) + "...\n"
	assert.Equal(t, want, got)
	got = describeSection(t, func(d *describer) { describeAnnotations(d, map[string]string{lastAppliedAnnotation: "{}"}) })
	assert.Equal(t, "Annotations:  <none>\n", got)
}

// Reference: kubectl describe.go describePod (Status, Reason, Message).
func TestDescribeStatusLines(t *testing.T) {
	tests := []struct {
		name  string
		edit  func(p *corev1.Pod)
		now   time.Duration
		wants []string
	}{
		{"terminating past its deletion timestamp", func(p *corev1.Pod) {
			p.DeletionTimestamp, p.DeletionGracePeriodSeconds = atPtr(time.Minute), ptr[int64](30)
		}, 70 * time.Second, []string{"Status:                    Terminating (lasts 10s)\n", "Termination Grace Period:  30s\n"}},
		{"a finished pod being deleted shows its phase", func(p *corev1.Pod) {
			p.DeletionTimestamp, p.DeletionGracePeriodSeconds = atPtr(time.Minute), ptr[int64](0)
			p.Status.Phase = corev1.PodSucceeded
		}, 70 * time.Second, []string{"Status:           Succeeded\n"}},
		{"evicted", func(p *corev1.Pod) {
			p.Status.Phase, p.Status.Reason, p.Status.Message = corev1.PodFailed, "Evicted", "The node was low on resource: memory."
		}, time.Minute, []string{"Status:           Failed\nReason:           Evicted\nMessage:          The node was low on resource: memory.\n"}},
		{"not scheduled", func(p *corev1.Pod) {
			p.Spec.NodeName, p.Status.HostIP, p.Status.PodIP, p.Status.PodIPs, p.Status.StartTime = "", "", "", nil, nil
			p.Status.Phase = corev1.PodPending
		}, time.Minute, []string{"Node:             <none>\n", "IP:               \nIPs:              <none>\n"}},
	}
	for _, tt := range tests {
		p, _, _ := crashLoopPod()
		tt.edit(p)
		var buf bytes.Buffer
		require.NoError(t, Describe(&buf, p, nil, nil, opening.Add(tt.now)), tt.name)
		for _, want := range tt.wants {
			assert.Contains(t, buf.String(), want, tt.name)
		}
		assert.Regexp(t, `\nEvents: +<none>\n$`, buf.String(), tt.name)
	}
}

// Reference: kubectl describe.go DescribeEvents (Age for counted events,
// From falls back to reportingController, sorted by last occurrence).
func TestDescribeEventsAge(t *testing.T) {
	series := corev1.Event{Type: "Normal", Reason: "Series", ReportingController: "kube-proxy",
		EventTime: metav1.NewMicroTime(opening), Series: &corev1.EventSeries{Count: 7, LastObservedTime: metav1.NewMicroTime(opening.Add(4 * time.Minute))}}
	evs := []corev1.Event{
		event("Warning", "BackOff", "  padded  ", 60*time.Second, 3*time.Minute, 4),
		series,
		event("Normal", "Once", "first", 30*time.Second, 30*time.Second, 1),
	}
	got := describeSection(t, func(d *describer) { describeEvents(d, evs, opening.Add(5*time.Minute)) })
	want := "Events:\n" +
		"  Type     Reason   Age               From        Message\n" +
		"  ----     ------   ----              ----        -------\n" +
		"  Normal   Once     4m30s             kubelet     first\n" +
		"  Warning  BackOff  2m (x4 over 4m)   kubelet     padded\n" +
		"  Normal   Series   60s (x7 over 5m)  kube-proxy  \n"
	assert.Equal(t, want, got)
	assert.Equal(t, "BackOff", evs[0].Reason, "describe does not reorder the caller's slice")
}

func TestDescribeRefusesInconsistentInput(t *testing.T) {
	p, _, now := crashLoopPod()
	err := Describe(&bytes.Buffer{}, p, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "store-2"}}, nil, now)
	assert.EqualError(t, err, `node.metadata.name: Invalid value: "store-2": not the pod's node (spec.nodeName "store-1")`)

	p.DeletionTimestamp = atPtr(time.Minute)
	err = Describe(&bytes.Buffer{}, p, nil, nil, now)
	assert.EqualError(t, err, "metadata.deletionGracePeriodSeconds: Required value: set by the API server with metadata.deletionTimestamp")

	assert.PanicsWithValue(t, "pod.Describe: nil pod", func() { _ = Describe(&bytes.Buffer{}, nil, nil, nil, now) })
}

// brokenWriter fails every write.
type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("pipe closed") }

func TestDescribeReturnsWriteErrors(t *testing.T) {
	p, evs, now := runningPod()
	assert.EqualError(t, Describe(brokenWriter{}, p, nil, evs, now), "pipe closed")
}

// Reference: kubectl describe.go describeContainerEnvVars (resourceFieldRef
// values; unset limits are "node allocatable").
func TestContainerResourceValue(t *testing.T) {
	c := &corev1.Container{Resources: corev1.ResourceRequirements{
		Limits:   corev1.ResourceList{corev1.ResourceMemory: resource.MustParse("128Mi")},
		Requests: corev1.ResourceList{corev1.ResourceCPU: resource.MustParse("250m")},
	}}
	tests := []struct {
		ref  corev1.ResourceFieldSelector
		want string
	}{
		{corev1.ResourceFieldSelector{Resource: "requests.cpu"}, "1"},
		{corev1.ResourceFieldSelector{Resource: "requests.cpu", Divisor: resource.MustParse("1m")}, "250"},
		{corev1.ResourceFieldSelector{Resource: "limits.memory", Divisor: resource.MustParse("1Mi")}, "128"},
		{corev1.ResourceFieldSelector{Resource: "limits.cpu"}, "node allocatable"},
		{corev1.ResourceFieldSelector{Resource: "limits.nvidia.com/gpu"}, ""},
	}
	for _, tt := range tests {
		if got := containerResourceValue(c, &tt.ref); got != tt.want {
			t.Errorf("containerResourceValue(%s, divisor %s) = %q, want %q", tt.ref.Resource, tt.ref.Divisor.String(), got, tt.want)
		}
	}
}
