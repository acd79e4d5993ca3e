package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
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
	if d.Namespace == "" {
		d.Namespace = corev1.NamespaceDefault
	}
	if d.APIVersion == "" && d.Kind == "" {
		d.APIVersion, d.Kind = "apps/v1", "Deployment"
	}
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
	if rs.Namespace == "" {
		rs.Namespace = corev1.NamespaceDefault
	}
	if rs.APIVersion == "" && rs.Kind == "" {
		rs.APIVersion, rs.Kind = "apps/v1", "ReplicaSet"
	}
	defaultInt32(&rs.Spec.Replicas, DefaultReplicas)
	pod.DefaultPodSpec(&rs.Spec.Template.Spec)
}

func defaultInt32(p **int32, v int32) {
	if *p == nil {
		*p = &v
	}
}
