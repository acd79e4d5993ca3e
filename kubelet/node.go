package kubelet

import (
	"maps"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// Versions the simulated store reports, as a real node's status.nodeInfo
// does.
const (
	KubeletVersion = "v1.35.0"
	RuntimeVersion = "containerd://2.1.4"
)

// DefaultCapacity is a store's floor space when the configuration names
// none: 4 CPUs, 8Gi of memory, 110 pods (the kubelet's default maxPods).
func DefaultCapacity() corev1.ResourceList {
	return corev1.ResourceList{
		corev1.ResourceCPU:              resource.MustParse("4"),
		corev1.ResourceMemory:           resource.MustParse("8Gi"),
		corev1.ResourcePods:             resource.MustParse("110"),
		corev1.ResourceEphemeralStorage: resource.MustParse("100Gi"),
	}
}

func (k *Kubelet) now() metav1.Time { return metav1.NewTime(k.loop.Now().Wall()) }

// registerNode creates the store's Node object at head office, ready, and
// its Lease in kube-node-lease.
func (k *Kubelet) registerNode() {
	capacity := k.capacity()
	labels := map[string]string{
		"kubernetes.io/hostname": k.cfg.NodeName,
		"kubernetes.io/os":       "linux",
		"kubernetes.io/arch":     "amd64",
	}
	maps.Copy(labels, k.cfg.Labels)
	now := k.now()
	allocatable := k.allocatable().DeepCopy()
	n := &corev1.Node{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Node"},
		ObjectMeta: metav1.ObjectMeta{Name: k.cfg.NodeName, Labels: labels},
		Spec:       corev1.NodeSpec{PodCIDR: k.cfg.PodCIDR, PodCIDRs: []string{k.cfg.PodCIDR}, Taints: k.cfg.Taints},
		Status: corev1.NodeStatus{
			Capacity:    capacity.DeepCopy(),
			Allocatable: allocatable,
			Phase:       "",
			Conditions:  healthyConditions(now),
			Addresses: []corev1.NodeAddress{
				{Type: corev1.NodeInternalIP, Address: k.cfg.NodeIP},
				{Type: corev1.NodeHostName, Address: k.cfg.NodeName},
			},
			NodeInfo: corev1.NodeSystemInfo{
				KubeletVersion:          KubeletVersion,
				ContainerRuntimeVersion: RuntimeVersion,
				OperatingSystem:         "linux",
				Architecture:            "amd64",
				OSImage:                 "nucleus simulated store",
				KernelVersion:           "6.12.0-nucleus",
			},
			RuntimeHandlers: k.runtimeHandlers(),
		},
	}
	if _, err := k.api.Nodes.Create(n); err != nil {
		// A store that registers twice keeps the first registration.
		return
	}
	k.record(sim.Record{Object: k.nodeRef(), Reason: "NodeReady", Message: "Node " + k.cfg.NodeName + " status is now: NodeReady"})
	hold := k.cfg.NodeName
	secs := int32(leaseDuration.Seconds())
	renew := metav1.NewMicroTime(now.Time)
	_, _ = k.api.Leases.Create(&coordinationv1.Lease{
		TypeMeta:   metav1.TypeMeta{APIVersion: "coordination.k8s.io/v1", Kind: "Lease"},
		ObjectMeta: metav1.ObjectMeta{Name: k.cfg.NodeName, Namespace: "kube-node-lease"},
		Spec:       coordinationv1.LeaseSpec{HolderIdentity: &hold, LeaseDurationSeconds: &secs, RenewTime: &renew},
	})
	k.nodeStatus = nodeStatus{conditions: n.Status.Conditions, reportedAt: k.loop.Now()}
}

// renewLease is the manager's regular call to head office.
func (k *Kubelet) renewLease() {
	if k.offline {
		return
	}
	if l, err := k.api.Leases.Get("kube-node-lease", k.cfg.NodeName); err == nil {
		t := metav1.NewMicroTime(k.loop.Now().Wall())
		l.Spec.RenewTime = &t
		l.ResourceVersion = ""
		_, _ = k.api.Leases.Update(l)
	}
}
