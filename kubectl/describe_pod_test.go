package kubectl

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Reference: kubectl pkg/describe/describe.go describePod, describeContainers,
// describeStatus, DescribeProbe, DescribeEvents (tabwriter 0, 8, 2, ' ').
func TestDescribePodGolden(t *testing.T) {
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
			p, evs, at := tc.build()
			node := &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "store-1"}}
			var buf bytes.Buffer
			require.NoError(t, DescribePod(&buf, p, node, evs, at))
			golden(t, "describe-pod-"+tc.name, buf.Bytes())
		})
	}
}

// Reference: kubectl describe.go DescribePodTemplate and describeContainers
// (one container block for pods and templates: a template has no status,
// its label is indented by "  " and each name by one more space, and a
// downward-API field has no pod to take a value from).
func TestDescribeContainersInTemplate(t *testing.T) {
	c := corev1.Container{Name: "app", Image: "nginx:1.27",
		Env:           []corev1.EnvVar{{Name: "POD_NAME", ValueFrom: &corev1.EnvVarSource{FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "metadata.name"}}}},
		VolumeDevices: []corev1.VolumeDevice{{Name: "raw", DevicePath: "/dev/xvda"}}}
	statuses := []corev1.ContainerStatus{{Name: "app", ContainerID: "containerd://1", RestartCount: 2}}
	p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "web-1"}}
	pod := describeSection(t, func(d *describer) { describeContainers(d, "Containers", []corev1.Container{c}, statuses, p, "") })
	tmpl := describeSection(t, func(d *describer) {
		describeContainers(d, "Containers", []corev1.Container{c}, nil, nil, templateIndent)
	})
	wantPod := "Containers:\n" +
		"  app:\n" +
		"    Container ID:   containerd://1\n" +
		"    Image:          nginx:1.27\n" +
		"    Image ID:       \n" +
		"    Port:           <none>\n" +
		"    Host Port:      <none>\n" +
		"    State:          Waiting\n" +
		"    Ready:          False\n" +
		"    Restart Count:  2\n" +
		"    Environment:\n" +
		"      POD_NAME:  web-1 (v1:metadata.name)\n" +
		"    Mounts:      <none>\n" +
		"    Devices:\n" +
		"      /dev/xvda from raw\n"
	wantTemplate := "  Containers:\n" +
		"   app:\n" +
		"    Image:      nginx:1.27\n" +
		"    Port:       <none>\n" +
		"    Host Port:  <none>\n" +
		"    Environment:\n" +
		"      POD_NAME:   (v1:metadata.name)\n" +
		"    Mounts:      <none>\n" +
		"    Devices:\n" +
		"      /dev/xvda from raw\n"
	assert.Equal(t, wantPod, pod, "describeContainers for a pod")
	assert.Equal(t, wantTemplate, tmpl, "describeContainers for a template")
	none := describeSection(t, func(d *describer) { describeContainers(d, "Init Containers", nil, nil, nil, templateIndent) })
	assert.Equal(t, "  Init Containers: <none>\n", none, "describeContainers with no containers")
}

// Reference: kubectl describe.go describeVolumes (space "" for a pod, "  "
// for a pod template).
func TestDescribeVolumes(t *testing.T) {
	vols := []corev1.Volume{{Name: "logs", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}}}
	tests := []struct {
		space string
		in    []corev1.Volume
		want  string
	}{
		{"", nil, "Volumes:  <none>\n"},
		{templateIndent, nil, "  Volumes:  <none>\n"},
		{"", vols, "Volumes:\n  logs:\n    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:     \n    SizeLimit:  <unset>\n"},
		{templateIndent, vols, "  Volumes:\n   logs:\n    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:     \n    SizeLimit:  <unset>\n"},
	}
	for _, tt := range tests {
		got := describeSection(t, func(d *describer) { describeVolumes(d, tt.space, tt.in) })
		assert.Equal(t, tt.want, got, "describeVolumes(space %q, %d volumes)", tt.space, len(tt.in))
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
	d := newDescriber(&buf)
	step(d)
	require.NoError(t, d.finish())
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
		got := describeSection(t, func(d *describer) { describeTolerations(d, "Tolerations", tt.in) })
		assert.Equal(t, tt.want, got, tt.name)
	}
}

// Reference: kubectl describe.go printAnnotationsMultiline (skips
// last-applied-configuration; values over 140 characters on their own line).
func TestDescribeAnnotations(t *testing.T) {
	long := strings.Repeat("x", 150)
	in := map[string]string{corev1.LastAppliedConfigAnnotation: "{}", "b": long, "a": "one\ntwo"}
	got := describeSection(t, func(d *describer) { d.annotations("Annotations", in) })
	want := "Annotations:  a:\n" +
		"                one\n" +
		"                two\n" +
		"              b:\n" +
		"                " + strings.Repeat("x", 138) + "...\n"
	assert.Equal(t, want, got)
	got = describeSection(t, func(d *describer) {
		d.annotations("Annotations", map[string]string{corev1.LastAppliedConfigAnnotation: "{}"})
	})
	assert.Equal(t, "Annotations:  <none>\n", got)
}

// Reference: kubectl describe.go describePod (Status, Reason, Message).
func TestDescribePodStatusLines(t *testing.T) {
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
		require.NoError(t, DescribePod(&buf, p, nil, nil, opening.Add(tt.now)), tt.name)
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
	got := describeSection(t, func(d *describer) { d.events(evs, opening.Add(5*time.Minute)) })
	want := "Events:\n" +
		"  Type     Reason   Age               From        Message\n" +
		"  ----     ------   ----              ----        -------\n" +
		"  Normal   Once     4m30s             kubelet     first\n" +
		"  Warning  BackOff  2m (x4 over 4m)   kubelet     padded\n" +
		"  Normal   Series   60s (x7 over 5m)  kube-proxy  \n"
	assert.Equal(t, want, got)
	assert.Equal(t, "BackOff", evs[0].Reason, "describe does not reorder the caller's slice")
}

// Reference: DESIGN.md "Errors" (bad input returns an error naming the
// field, nothing panics).
func TestDescribePodRefusesInconsistentInput(t *testing.T) {
	p, _, at := crashLoopPod()
	err := DescribePod(&bytes.Buffer{}, p, &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "store-2"}}, nil, at)
	assert.EqualError(t, err, `node.metadata.name: Invalid value: "store-2": not the pod's node (spec.nodeName "store-1")`)

	p.DeletionTimestamp = atPtr(time.Minute)
	err = DescribePod(&bytes.Buffer{}, p, nil, nil, at)
	assert.EqualError(t, err, "metadata.deletionGracePeriodSeconds: Required value: set by the API server with metadata.deletionTimestamp")

	err = DescribePod(&bytes.Buffer{}, nil, nil, nil, at)
	assert.EqualError(t, err, "pod: Required value: a Pod is required, got nil")
}

func TestDescribePodReturnsWriteErrors(t *testing.T) {
	p, evs, at := runningPod()
	assert.EqualError(t, DescribePod(failingWriter{}, p, nil, evs, at), "disk full")
}

// Reference: kubectl describe.go describeContainerEnvVars (resourceFieldRef
// values; unset limits are "node allocatable").
func TestResourceFieldValue(t *testing.T) {
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
		if got := resourceFieldValue(c, &tt.ref); got != tt.want {
			t.Errorf("resourceFieldValue(%s, divisor %s) = %q, want %q", tt.ref.Resource, tt.ref.Divisor.String(), got, tt.want)
		}
	}
}
