package kubectl

import (
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// webTemplate returns the web Deployment's pod template running image.
func webTemplate(image string) corev1.PodTemplateSpec {
	return corev1.PodTemplateSpec{
		ObjectMeta: metav1.ObjectMeta{Labels: map[string]string{"app": "web"}},
		Spec: corev1.PodSpec{Containers: []corev1.Container{{
			Name: "web", Image: image,
			Ports: []corev1.ContainerPort{{ContainerPort: 8080, Protocol: corev1.ProtocolTCP}},
			ReadinessProbe: &corev1.Probe{
				ProbeHandler: corev1.ProbeHandler{HTTPGet: &corev1.HTTPGetAction{
					Path: "/", Port: intstr.FromInt32(8080), Scheme: corev1.URISchemeHTTP}},
				TimeoutSeconds: 1, PeriodSeconds: 10, SuccessThreshold: 1, FailureThreshold: 3,
			},
			Env: []corev1.EnvVar{{Name: "STORE", Value: "downtown"}},
		}}},
	}
}

// webDeployment returns the web Deployment mid-rollout from nginx:1.26 to
// nginx:1.27: 3 desired, 4 pods (2 old, 2 new), 3 available.
func webDeployment() *appsv1.Deployment {
	d := &appsv1.Deployment{ObjectMeta: meta("web", 2*time.Hour)}
	d.Labels = map[string]string{"app": "web"}
	d.Annotations = map[string]string{"deployment.kubernetes.io/revision": "2"}
	d.Generation = 2
	d.Spec = appsv1.DeploymentSpec{
		Replicas: ptr[int32](3),
		Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}},
		Template: webTemplate("nginx:1.27"),
		Strategy: appsv1.DeploymentStrategy{Type: appsv1.RollingUpdateDeploymentStrategyType,
			RollingUpdate: &appsv1.RollingUpdateDeployment{MaxUnavailable: ptr(intstr.FromString("25%")), MaxSurge: ptr(intstr.FromString("25%"))}},
		RevisionHistoryLimit: ptr[int32](10), ProgressDeadlineSeconds: ptr[int32](600),
	}
	d.Status = appsv1.DeploymentStatus{ObservedGeneration: 2, Replicas: 4, UpdatedReplicas: 2, ReadyReplicas: 3,
		AvailableReplicas: 3, UnavailableReplicas: 1,
		Conditions: []appsv1.DeploymentCondition{
			{Type: appsv1.DeploymentAvailable, Status: corev1.ConditionTrue, Reason: "MinimumReplicasAvailable"},
			{Type: appsv1.DeploymentProgressing, Status: corev1.ConditionTrue, Reason: "ReplicaSetUpdated"},
		}}
	return d
}

// webReplicaSet returns a ReplicaSet of the web Deployment for one
// revision: its template carries the pod-template-hash label.
func webReplicaSet(hash, image, revision string, age time.Duration, desired, current, ready int32) *appsv1.ReplicaSet {
	d := webDeployment()
	rs := &appsv1.ReplicaSet{ObjectMeta: meta("web-"+hash, age)}
	rs.Labels = map[string]string{"app": "web", "pod-template-hash": hash}
	rs.Annotations = map[string]string{
		"deployment.kubernetes.io/desired-replicas": "3", "deployment.kubernetes.io/max-replicas": "4",
		"deployment.kubernetes.io/revision": revision,
	}
	rs.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "Deployment", Name: "web",
		UID: d.UID, Controller: ptr(true), BlockOwnerDeletion: ptr(true)}}
	rs.Spec = appsv1.ReplicaSetSpec{
		Replicas: ptr(desired),
		Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web", "pod-template-hash": hash}},
		Template: webTemplate(image),
	}
	rs.Spec.Template.Labels["pod-template-hash"] = hash
	rs.Status = appsv1.ReplicaSetStatus{Replicas: current, FullyLabeledReplicas: current, ReadyReplicas: ready, AvailableReplicas: ready, ObservedGeneration: 1}
	return rs
}

// oldWebReplicaSet and newWebReplicaSet are the two teams of the rollout.
func oldWebReplicaSet() *appsv1.ReplicaSet {
	return webReplicaSet("5d4f8b7c9", "nginx:1.26", "1", 2*time.Hour, 2, 2, 2)
}

func newWebReplicaSet() *appsv1.ReplicaSet {
	return webReplicaSet("7c6b9f8d4", "nginx:1.27", "2", 95*time.Second, 2, 2, 1)
}

// webPod returns a pod of rs in phase.
func webPod(rs *appsv1.ReplicaSet, suffix string, phase corev1.PodPhase) *corev1.Pod {
	p := &corev1.Pod{ObjectMeta: meta(rs.Name+"-"+suffix, 90*time.Second)}
	p.Labels = map[string]string{"app": "web", "pod-template-hash": rs.Spec.Template.Labels["pod-template-hash"]}
	p.OwnerReferences = []metav1.OwnerReference{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: rs.Name, UID: rs.UID, Controller: ptr(true)}}
	p.Status.Phase = phase
	return p
}

// controllerEvent returns an Event from a controller.
func controllerEvent(kind, name, reason, source, msg string, at time.Duration) corev1.Event {
	return corev1.Event{
		ObjectMeta:     metav1.ObjectMeta{Name: name + "." + reason, Namespace: "default"},
		InvolvedObject: corev1.ObjectReference{Kind: kind, Namespace: "default", Name: name},
		Type:           corev1.EventTypeNormal, Reason: reason, Message: msg, Source: corev1.EventSource{Component: source},
		FirstTimestamp: ago(at), LastTimestamp: ago(at), Count: 1,
	}
}

// rolloutEvents returns the deployment controller's events of the rollout.
func rolloutEvents() []corev1.Event {
	return []corev1.Event{
		controllerEvent("Deployment", "web", "ScalingReplicaSet", "deployment-controller", "Scaled up replica set web-5d4f8b7c9 from 0 to 3", 2*time.Hour),
		controllerEvent("Deployment", "web", "ScalingReplicaSet", "deployment-controller", "Scaled up replica set web-7c6b9f8d4 from 0 to 1", 95*time.Second),
		controllerEvent("Deployment", "web", "ScalingReplicaSet", "deployment-controller", "Scaled down replica set web-5d4f8b7c9 from 3 to 2", 80*time.Second),
		controllerEvent("Deployment", "web", "ScalingReplicaSet", "deployment-controller", "Scaled up replica set web-7c6b9f8d4 from 1 to 2", 80*time.Second),
	}
}
