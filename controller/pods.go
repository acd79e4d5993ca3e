package controller

import (
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/endpointslice"
)

// PodDeletionCostAnnotation lets a user say which pods of a ReplicaSet
// should go first when it scales down: lower cost goes first.
const PodDeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost"

// IsPodActive reports whether a pod still counts towards its ReplicaSet's
// replicas: it has not finished (Succeeded or Failed) and is not being
// deleted (controller_utils.go IsPodActive).
func IsPodActive(p *corev1.Pod) bool {
	return p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed && p.DeletionTimestamp == nil
}

// isPodTerminating reports whether a pod is on its way out but not yet
// finished: it counts in status.terminatingReplicas.
func isPodTerminating(p *corev1.Pod) bool {
	return p.DeletionTimestamp != nil && p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed
}

// readyCondition returns the pod's Ready condition, or nil.
func readyCondition(p *corev1.Pod) *corev1.PodCondition {
	for i := range p.Status.Conditions {
		if p.Status.Conditions[i].Type == corev1.PodReady {
			return &p.Status.Conditions[i]
		}
	}
	return nil
}

// IsPodAvailable reports whether a pod has been ready for at least
// minReadySeconds at now (podutil.IsPodAvailable): with minReadySeconds 0
// a ready pod is available at once; otherwise its Ready condition must
// have turned True strictly more than minReadySeconds ago.
func IsPodAvailable(p *corev1.Pod, minReadySeconds int32, now time.Time) bool {
	if !endpointslice.IsPodReady(p) {
		return false
	}
	if minReadySeconds == 0 {
		return true
	}
	c := readyCondition(p)
	min := time.Duration(minReadySeconds) * time.Second
	return !c.LastTransitionTime.IsZero() && c.LastTransitionTime.Add(min).Before(now)
}

// podReadyTime returns when a ready pod last turned ready, or nil.
func podReadyTime(p *corev1.Pod) *metav1.Time {
	if c := readyCondition(p); c != nil && c.Status == corev1.ConditionTrue && !c.LastTransitionTime.IsZero() {
		return &c.LastTransitionTime
	}
	return nil
}

// maxContainerRestarts returns the highest restart count of the pod's
// containers.
func maxContainerRestarts(p *corev1.Pod) int32 {
	var most int32
	for _, s := range p.Status.ContainerStatuses {
		most = max(most, s.RestartCount)
	}
	return most
}

// deletionCost returns the pod's pod-deletion-cost annotation, 0 when it is
// missing or not a 32-bit integer.
func deletionCost(p *corev1.Pod) int32 {
	v, ok := p.Annotations[PodDeletionCostAnnotation]
	if !ok {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 32)
	if err != nil {
		return 0
	}
	return int32(n)
}

// controllerOf returns the owner reference with controller=true, or nil.
func controllerOf(o metav1.Object) *metav1.OwnerReference {
	refs := o.GetOwnerReferences()
	for i := range refs {
		if refs[i].Controller != nil && *refs[i].Controller {
			return &refs[i]
		}
	}
	return nil
}

// controlledBy returns a filter for the pods an object of kind controls.
func controlledBy(kind string) func(*corev1.Pod) bool {
	return func(p *corev1.Pod) bool {
		ref := controllerOf(p)
		return ref != nil && ref.Kind == kind
	}
}

// newControllerRef returns the owner reference a controller puts on what
// it creates (metav1.NewControllerRef).
func newControllerRef(owner metav1.Object, kind string) metav1.OwnerReference {
	return controllerRefOf(owner, "apps/v1", kind)
}

// controllerRefOf is newControllerRef for an owner of any apiVersion.
func controllerRefOf(owner metav1.Object, apiVersion, kind string) metav1.OwnerReference {
	yes := true
	return metav1.OwnerReference{
		APIVersion: apiVersion, Kind: kind, Name: owner.GetName(), UID: owner.GetUID(),
		Controller: &yes, BlockOwnerDeletion: &yes,
	}
}

// labelMatcher asks that every one of some labels be present with its
// value, as a selector made of matchLabels alone does, with one map lookup
// a label where a labels.Selector makes two: a ReplicaSet sync asks it of
// every pod version it has not read before.
type labelMatcher []labelPair

type labelPair struct{ key, value string }

// newLabelMatcher returns the matcher for want; an empty want matches
// everything, as an empty set of labels selects everything.
func newLabelMatcher(want map[string]string) labelMatcher {
	m := make(labelMatcher, 0, len(want))
	for k, v := range want {
		m = append(m, labelPair{k, v})
	}
	return m
}

// matches reports whether labels holds every label of m.
func (m labelMatcher) matches(labels map[string]string) bool {
	for _, want := range m {
		if got, ok := labels[want.key]; !ok || got != want.value {
			return false
		}
	}
	return true
}
