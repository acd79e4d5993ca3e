package cluster

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/controller"
)

// prepareWorkloadUpdate is prepareUpdate for DaemonSets, Jobs, CronJobs,
// HorizontalPodAutoscalers and ReplicationControllers: the stored object
// with o's labels, annotations and spec, defaulted, and what the kind's
// update validation refuses. ok is false for any other kind.
// Reference: pkg/apis/apps/validation/validation.go
// (ValidateDaemonSetUpdate: the selector is immutable, a new template
// starts a rolling update), pkg/apis/batch/validation/validation.go
// (ValidateJobUpdate: most of a Job's spec is immutable;
// ValidateCronJobUpdate: every spec field may change),
// pkg/apis/autoscaling/validation/validation.go
// (ValidateHorizontalPodAutoscalerUpdate: every spec field may change)
// and pkg/apis/core/validation/validation.go
// (ValidateReplicationControllerUpdate: so may an RC's, selector
// included).
func (c *Cluster) prepareWorkloadUpdate(o any) (next any, errs field.ErrorList, ok bool, err error) {
	switch o := o.(type) {
	case *appsv1.DaemonSet:
		cur, err := c.api.DaemonSets.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultDaemonSet(n)
		n.ResourceVersion = ""
		return n, controller.ValidateDaemonSetUpdate(n, cur), true, nil
	case *batchv1.Job:
		cur, err := c.api.Jobs.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		// The selector the API server generated stays when the update
		// leaves it out.
		if n.Spec.Selector == nil {
			n.Spec.Selector = cur.Spec.Selector
		}
		controller.DefaultJob(n)
		if !*n.Spec.ManualSelector {
			// So do the labels it put on the template, as UpdateJob keeps them.
			n.Spec.Template.Labels = overlay(maps.Clone(cur.Spec.Template.Labels), n.Spec.Template.Labels)
		}
		n.ResourceVersion = ""
		return n, controller.ValidateJobUpdate(n, cur), true, nil
	case *batchv1.CronJob:
		cur, err := c.api.CronJobs.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultCronJob(n)
		n.ResourceVersion = ""
		return n, controller.ValidateCronJob(n), true, nil
	case *autoscalingv2.HorizontalPodAutoscaler:
		cur, err := c.api.HPAs.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultHPA(n)
		n.ResourceVersion = ""
		return n, controller.ValidateHPA(n), true, nil
	case *corev1.ReplicationController:
		cur, err := c.api.ReplicationControllers.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultReplicationController(n)
		n.ResourceVersion = ""
		return n, controller.ValidateReplicationController(n), true, nil
	}
	return nil, nil, false, nil
}

// updateWorkload stores next, made by prepareWorkloadUpdate; ok is false
// for any other kind.
func (c *Cluster) updateWorkload(next any) (ok bool, err error) {
	switch n := next.(type) {
	case *appsv1.DaemonSet:
		_, err = controller.UpdateDaemonSet(c.api, n)
	case *batchv1.Job:
		_, err = controller.UpdateJob(c.api, n)
	case *batchv1.CronJob:
		_, err = controller.UpdateCronJob(c.api, n)
	case *autoscalingv2.HorizontalPodAutoscaler:
		_, err = controller.UpdateHPA(c.api, n)
	case *corev1.ReplicationController:
		_, err = controller.UpdateReplicationController(c.api, n)
	default:
		return false, nil
	}
	return true, err
}

// workloadKind names the kinds prepareWorkloadUpdate takes, for an
// Invalid status; ok is false for any other.
func workloadKind(o any) (schema.GroupKind, bool) {
	switch o.(type) {
	case *appsv1.DaemonSet:
		return schema.GroupKind{Group: "apps", Kind: "DaemonSet"}, true
	case *batchv1.Job:
		return schema.GroupKind{Group: "batch", Kind: "Job"}, true
	case *batchv1.CronJob:
		return schema.GroupKind{Group: "batch", Kind: "CronJob"}, true
	case *autoscalingv2.HorizontalPodAutoscaler:
		return schema.GroupKind{Group: "autoscaling", Kind: "HorizontalPodAutoscaler"}, true
	case *corev1.ReplicationController:
		return schema.GroupKind{Kind: "ReplicationController"}, true
	}
	return schema.GroupKind{}, false
}
