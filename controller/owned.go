package controller

import (
	"maps"
	"slices"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/sim"
)

// recordAbout records a Kubernetes Event that component tells about obj,
// an object of kind: the one shape every workload controller's events
// take.
func recordAbout(loop *sim.Loop, component, kind string, obj metav1.Object, typ, reason, msg string, facts sim.Facts) {
	loop.Record(sim.Record{
		Type: typ, Source: sim.Source{Component: component},
		Object: sim.ObjectRef{Kind: kind, Namespace: obj.GetNamespace(), Name: obj.GetName(), UID: string(obj.GetUID())},
		Reason: reason, Message: msg, Facts: facts,
	})
}

// podFromTemplateOf returns the pod a controller makes from template t
// in namespace, owned through owner: the template's labels, annotations
// and finalizers, and a copy of its spec, as GetPodFromTemplate
// (pkg/controller/controller_utils.go) builds it for the ReplicaSet,
// DaemonSet and StatefulSet controllers. The caller names it and adds
// its own labels; the pod is not yet defaulted.
func podFromTemplateOf(t *corev1.PodTemplateSpec, namespace string, owner metav1.OwnerReference) *corev1.Pod {
	return &corev1.Pod{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "Pod"},
		ObjectMeta: metav1.ObjectMeta{
			Namespace:       namespace,
			Labels:          maps.Clone(t.Labels),
			Annotations:     maps.Clone(t.Annotations),
			Finalizers:      slices.Clone(t.Finalizers),
			OwnerReferences: []metav1.OwnerReference{owner},
		},
		Spec: *t.Spec.DeepCopy(),
	}
}
