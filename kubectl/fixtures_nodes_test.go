package kubectl

import (
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// kubeletConditions returns the four conditions a kubelet reports, Ready
// with the given status, reason and message.
func kubeletConditions(ready corev1.ConditionStatus, reason, message string, heartbeat, transition time.Duration) []corev1.NodeCondition {
	hb, tr := ago(heartbeat), ago(transition)
	cond := func(t corev1.NodeConditionType, s corev1.ConditionStatus, reason, msg string) corev1.NodeCondition {
		return corev1.NodeCondition{Type: t, Status: s, LastHeartbeatTime: hb, LastTransitionTime: tr, Reason: reason, Message: msg}
	}
	return []corev1.NodeCondition{
		cond(corev1.NodeMemoryPressure, corev1.ConditionFalse, "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
		cond(corev1.NodeDiskPressure, corev1.ConditionFalse, "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
		cond(corev1.NodePIDPressure, corev1.ConditionFalse, "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
		cond(corev1.NodeReady, ready, reason, message),
	}
}

// node returns a store node with 2 CPUs, 4Gi of memory and 110 pod slots.
func node(name string, ip string) *corev1.Node {
	n := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: name, CreationTimestamp: ago(5 * 24 * time.Hour),
			Labels: map[string]string{
				"kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux",
			},
			Annotations: map[string]string{"node.alpha.kubernetes.io/ttl": "0"},
		},
		Spec: corev1.NodeSpec{PodCIDR: "10.244.1.0/24", PodCIDRs: []string{"10.244.1.0/24"}},
	}
	n.Status.Conditions = kubeletConditions(corev1.ConditionTrue, "KubeletReady", "kubelet is posting ready status", 10*time.Second, 5*24*time.Hour)
	n.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: ip}, {Type: corev1.NodeHostName, Address: name}}
	list := corev1.ResourceList{
		corev1.ResourceCPU: resource.MustParse("2"), corev1.ResourceMemory: resource.MustParse("4Gi"),
		corev1.ResourceEphemeralStorage: resource.MustParse("20Gi"), corev1.ResourcePods: resource.MustParse("110"),
	}
	n.Status.Capacity, n.Status.Allocatable = list, list.DeepCopy()
	n.Status.NodeInfo = corev1.NodeSystemInfo{
		MachineID: "b1946ac92492d2347c6235b4d2611184", SystemUUID: "7d5e4f1a-0c6e-4c43-9e8a-1b2c3d4e5f60",
		BootID: "4f0e7c2a-5b7d-4e0b-8a61-2f9c3d1e6b70", KernelVersion: "6.8.0-45-generic",
		OSImage: "Ubuntu 24.04.1 LTS", OperatingSystem: "linux", Architecture: "amd64",
		ContainerRuntimeVersion: "containerd://1.7.22", KubeletVersion: "v1.31.1",
	}
	return n
}

// readyNode returns store-1, Ready, labelled as a worker.
func readyNode() *corev1.Node {
	n := node("store-1", "192.168.49.2")
	n.Labels["node-role.kubernetes.io/worker"] = ""
	return n
}

// notReadyNode returns store-2, whose kubelet reports Ready False.
func notReadyNode() *corev1.Node {
	n := node("store-2", "192.168.49.3")
	n.Spec.PodCIDR, n.Spec.PodCIDRs = "10.244.2.0/24", []string{"10.244.2.0/24"}
	n.Status.Conditions = kubeletConditions(corev1.ConditionFalse, "KubeletNotReady",
		"container runtime network not ready: NetworkReady=false", 20*time.Second, 3*time.Minute)
	n.Spec.Taints = []corev1.Taint{{Key: "node.kubernetes.io/not-ready", Effect: corev1.TaintEffectNoSchedule}}
	return n
}

// unknownNode returns store-3, which stopped calling in: the node
// lifecycle controller set every condition Unknown and tainted it
// unreachable.
func unknownNode() *corev1.Node {
	n := node("store-3", "192.168.49.4")
	n.Spec.PodCIDR, n.Spec.PodCIDRs = "10.244.3.0/24", []string{"10.244.3.0/24"}
	conds := kubeletConditions(corev1.ConditionUnknown, "NodeStatusUnknown", "Kubelet stopped posting node status.", 2*time.Minute, 80*time.Second)
	for i := range conds {
		conds[i].Status, conds[i].Reason, conds[i].Message = corev1.ConditionUnknown, "NodeStatusUnknown", "Kubelet stopped posting node status."
	}
	n.Status.Conditions = conds
	n.Spec.Taints = []corev1.Taint{
		{Key: "node.kubernetes.io/unreachable", Effect: corev1.TaintEffectNoSchedule, TimeAdded: ptr(ago(80 * time.Second))},
		{Key: "node.kubernetes.io/unreachable", Effect: corev1.TaintEffectNoExecute, TimeAdded: ptr(ago(75 * time.Second))},
	}
	return n
}

// cordonedNode returns store-4, Ready but cordoned.
func cordonedNode() *corev1.Node {
	n := node("store-4", "192.168.49.5")
	n.Spec.Unschedulable = true
	n.Spec.Taints = []corev1.Taint{{Key: "node.kubernetes.io/unschedulable", Effect: corev1.TaintEffectNoSchedule, TimeAdded: ptr(ago(time.Hour))}}
	return n
}

// newNode returns store-5, registered a moment ago with no status yet.
func newNode() *corev1.Node {
	return &corev1.Node{ObjectMeta: metav1.ObjectMeta{Name: "store-5", CreationTimestamp: ago(3 * time.Second)}}
}

// storePod returns a pod on store-1 with one container and the given
// requests and limits ("" leaves one out).
func storePod(name, phase string, cpuReq, memReq, cpuLim, memLim string, age time.Duration) *corev1.Pod {
	r := corev1.ResourceRequirements{Requests: corev1.ResourceList{}, Limits: corev1.ResourceList{}}
	set := func(list corev1.ResourceList, n corev1.ResourceName, v string) {
		if v != "" {
			list[n] = resource.MustParse(v)
		}
	}
	set(r.Requests, corev1.ResourceCPU, cpuReq)
	set(r.Requests, corev1.ResourceMemory, memReq)
	set(r.Limits, corev1.ResourceCPU, cpuLim)
	set(r.Limits, corev1.ResourceMemory, memLim)
	p := &corev1.Pod{ObjectMeta: meta(name, age)}
	p.Spec.NodeName = "store-1"
	p.Spec.Containers = []corev1.Container{{Name: "app", Image: "nginx", Resources: r}}
	p.Status.Phase = corev1.PodPhase(phase)
	return p
}

// storePods returns the pods bound to store-1: a Guaranteed one, a
// Burstable one with a sidecar, a BestEffort one in kube-system, and a
// finished one that describe node leaves out.
func storePods() []*corev1.Pod {
	cashier := storePod("cashier", "Running", "500m", "256Mi", "500m", "256Mi", 2*time.Hour)
	stocker := storePod("stocker", "Running", "250m", "128Mi", "", "512Mi", 40*time.Minute)
	stocker.Spec.InitContainers = []corev1.Container{{Name: "radio", Image: "busybox",
		RestartPolicy: ptr(corev1.ContainerRestartPolicyAlways),
		Resources: corev1.ResourceRequirements{Requests: corev1.ResourceList{
			corev1.ResourceCPU: resource.MustParse("50m"), corev1.ResourceMemory: resource.MustParse("32Mi")}}}}
	proxy := storePod("kube-proxy-8x7qz", "Running", "", "", "", "", 5*24*time.Hour)
	proxy.Namespace = "kube-system"
	done := storePod("inventory-count", "Succeeded", "1", "1Gi", "", "", 3*time.Hour)
	return []*corev1.Pod{stocker, done, proxy, cashier}
}

// nodeEvent returns an Event about store-1 from source, counted count
// times, first first ago and last last ago.
func nodeEvent(typ, reason, source, msg string, first, last time.Duration, count int32) corev1.Event {
	return corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: "store-1." + reason, Namespace: "default"},
		InvolvedObject: corev1.ObjectReference{Kind: "Node", Name: "store-1"},
		Type:           typ, Reason: reason, Message: msg, Source: corev1.EventSource{Component: source},
		FirstTimestamp: ago(first), LastTimestamp: ago(last), Count: count,
	}
}
