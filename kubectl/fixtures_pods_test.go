package kubectl

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// opening is when the describe pod fixtures' store opened (the other
// fixtures count back from now).
var opening = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// at returns opening+d as an API time.
func at(d time.Duration) metav1.Time { return metav1.NewTime(opening.Add(d)) }

// atPtr returns a pointer to at(d).
func atPtr(d time.Duration) *metav1.Time { t := at(d); return &t }

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
	p.Annotations = map[string]string{"nucleus.dev/shift": "morning", corev1.LastAppliedConfigAnnotation: "{}"}
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
