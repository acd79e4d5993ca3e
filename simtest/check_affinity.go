package simtest

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
)

// checkAntiAffinity: no two active pods share a store when one of them
// has a required anti-affinity term over kubernetes.io/hostname that
// selects the other. The staffing desk never places a pod against such a
// term, its own or the other's, and pods never move, so the rule holds for
// as long as both work there.
// Reference: pkg/scheduler/framework/plugins/interpodaffinity/filtering.go
// (satisfyPodAntiAffinity, satisfyExistingPodsAntiAffinity).
func (k *checker) checkAntiAffinity(node string) *finding {
	var onNode []*corev1.Pod
	for _, p := range k.c.API().Pods.List() {
		if p.Spec.NodeName == node && p.Status.Phase != corev1.PodSucceeded && p.Status.Phase != corev1.PodFailed {
			onNode = append(onNode, p)
		}
	}
	for _, p := range onNode {
		if p.Spec.Affinity == nil || p.Spec.Affinity.PodAntiAffinity == nil {
			continue
		}
		for _, t := range p.Spec.Affinity.PodAntiAffinity.RequiredDuringSchedulingIgnoredDuringExecution {
			if t.TopologyKey != corev1.LabelHostname || t.NamespaceSelector != nil {
				continue
			}
			sel, err := metav1.LabelSelectorAsSelector(t.LabelSelector)
			if err != nil {
				continue
			}
			namespaces := t.Namespaces
			if len(namespaces) == 0 {
				namespaces = []string{p.Namespace}
			}
			for _, o := range onNode {
				if o.UID != p.UID && slices.Contains(namespaces, o.Namespace) && sel.Matches(labels.Set(o.Labels)) {
					return found(PodAntiAffinity, "pods %s and %s both work in store %s, against %s's required anti-affinity",
						p.Name, o.Name, node, p.Name)
				}
			}
		}
	}
	return nil
}
