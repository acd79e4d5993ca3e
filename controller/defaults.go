package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/pod"
)

// Deployment defaults, as the API server fills them in
// (pkg/apis/apps/v1/defaults.go SetDefaults_Deployment).
const (
	DefaultReplicas                = 1
	DefaultMaxSurge                = "25%"
	DefaultMaxUnavailable          = "25%"
	DefaultRevisionHistoryLimit    = 10
	DefaultProgressDeadlineSeconds = 600
)

// DefaultDeployment fills in what the API server fills in when a
// Deployment is created: namespace "default" when none is given, replicas
// 1, strategy RollingUpdate with maxSurge and maxUnavailable 25%,
// revisionHistoryLimit 10, progressDeadlineSeconds 600, and the PodSpec
// defaults of the template. Fields already set are left alone; a nil
// Deployment is left alone.
func DefaultDeployment(d *appsv1.Deployment) {
	if d == nil {
		return
	}
	defaultMeta(&d.ObjectMeta, &d.TypeMeta, "apps/v1", "Deployment")
	defaultInt32(&d.Spec.Replicas, DefaultReplicas)
	s := &d.Spec.Strategy
	if s.Type == "" {
		s.Type = appsv1.RollingUpdateDeploymentStrategyType
	}
	if s.Type == appsv1.RollingUpdateDeploymentStrategyType {
		if s.RollingUpdate == nil {
			s.RollingUpdate = &appsv1.RollingUpdateDeployment{}
		}
		if s.RollingUpdate.MaxUnavailable == nil {
			v := intstr.FromString(DefaultMaxUnavailable)
			s.RollingUpdate.MaxUnavailable = &v
		}
		if s.RollingUpdate.MaxSurge == nil {
			v := intstr.FromString(DefaultMaxSurge)
			s.RollingUpdate.MaxSurge = &v
		}
	}
	defaultInt32(&d.Spec.RevisionHistoryLimit, DefaultRevisionHistoryLimit)
	defaultInt32(&d.Spec.ProgressDeadlineSeconds, DefaultProgressDeadlineSeconds)
	pod.DefaultPodSpec(&d.Spec.Template.Spec)
}

// DefaultReplicaSet fills in what the API server fills in when a
// ReplicaSet is created: namespace "default" when none is given, replicas
// 1 and the PodSpec defaults of the template.
func DefaultReplicaSet(rs *appsv1.ReplicaSet) {
	if rs == nil {
		return
	}
	defaultMeta(&rs.ObjectMeta, &rs.TypeMeta, "apps/v1", "ReplicaSet")
	defaultInt32(&rs.Spec.Replicas, DefaultReplicas)
	pod.DefaultPodSpec(&rs.Spec.Template.Spec)
}

func defaultInt32(p **int32, v int32) {
	if *p == nil {
		*p = &v
	}
}

// defaultMeta fills in what the API server fills in on every namespaced
// object a client sends: namespace "default" when none is given, and the
// apiVersion and kind when neither is.
func defaultMeta(m *metav1.ObjectMeta, tm *metav1.TypeMeta, apiVersion, kind string) {
	if m.Namespace == "" {
		m.Namespace = corev1.NamespaceDefault
	}
	if tm.APIVersion == "" && tm.Kind == "" {
		tm.APIVersion, tm.Kind = apiVersion, kind
	}
}
