package server

import (
	corev1 "k8s.io/api/core/v1"

	autoscalingv1 "k8s.io/api/autoscaling/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/kubectl"
)

// replicationControllers is the served ReplicationController resource:
// short name rc, in kubectl's "all" category, with status and scale.
func (s *Server) replicationControllers() *resource {
	return storeResource(&resource{
		version: "v1", kind: "ReplicationController", plural: "replicationcontrollers", singular: "replicationcontroller",
		namespaced: true, shortNames: []string{"rc"}, categories: []string{"all"},
		writable: []string{"create", "update", "patch", "delete"}, subresources: []string{"status", "scale"},
		table: typed(kubectl.ReplicationControllerTable),
	}, s.api.ReplicationControllers, func() *corev1.ReplicationController { return &corev1.ReplicationController{} })
}

// rcScaleOf returns the Scale of a ReplicationController: its selector
// map as a label selector string.
func rcScaleOf(rc *corev1.ReplicationController) *autoscalingv1.Scale {
	sc := &autoscalingv1.Scale{
		TypeMeta: metav1.TypeMeta{Kind: "Scale", APIVersion: "autoscaling/v1"},
		ObjectMeta: metav1.ObjectMeta{Name: rc.Name, Namespace: rc.Namespace, UID: rc.UID,
			ResourceVersion: rc.ResourceVersion, CreationTimestamp: rc.CreationTimestamp},
		Status: autoscalingv1.ScaleStatus{Replicas: rc.Status.Replicas, Selector: labels.SelectorFromSet(rc.Spec.Selector).String()},
	}
	if rc.Spec.Replicas != nil {
		sc.Spec.Replicas = *rc.Spec.Replicas
	}
	return sc
}
