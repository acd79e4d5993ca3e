package cluster

import (
	"maps"

	batchv1 "k8s.io/api/batch/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/controller"
)

// applyJob creates j, or updates the Job of that name as `kubectl apply`
// does: the manifest's spec replaces the stored one (defaulted again; the
// pod template and completions cannot change), its labels and annotations
// go over the stored ones, and a manifest that changes nothing is not
// written. Setting spec.suspend this way suspends or resumes the Job.
func (c *Cluster) applyJob(j *batchv1.Job) error {
	ns := defaultNS(j.Namespace)
	cur, err := c.api.Jobs.Get(ns, j.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateJob(c.api, j)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *j.Spec.DeepCopy()
	// The API server's generated selector and template labels stay.
	next.Spec.Template.Labels = overlay(maps.Clone(cur.Spec.Template.Labels), j.Spec.Template.Labels)
	next.Labels = overlay(next.Labels, j.Labels)
	next.Annotations = overlay(next.Annotations, j.Annotations)
	next.ResourceVersion = ""
	controller.DefaultJob(next)
	if next.Spec.Selector == nil {
		next.Spec.Selector = cur.Spec.Selector
	}
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateJob(c.api, next)
	return err
}

// Jobs returns every Job, sorted by namespace and name.
func (c *Cluster) Jobs() []*batchv1.Job { return c.api.Jobs.List() }

// DeleteJob deletes a Job and its pods, as `kubectl delete job` does (with
// background propagation).
func (c *Cluster) DeleteJob(namespace, name string) error {
	return c.api.Jobs.Delete(namespace, name)
}

// applyCronJob creates cj, or updates the CronJob of that name as
// `kubectl apply` does (the manifest's spec replaces the stored one; its
// labels and annotations go over the stored ones). Setting spec.suspend
// this way suspends or resumes the roster.
func (c *Cluster) applyCronJob(cj *batchv1.CronJob) error {
	ns := defaultNS(cj.Namespace)
	cur, err := c.api.CronJobs.Get(ns, cj.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateCronJob(c.api, cj)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *cj.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, cj.Labels)
	next.Annotations = overlay(next.Annotations, cj.Annotations)
	next.ResourceVersion = ""
	controller.DefaultCronJob(next)
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateCronJob(c.api, next)
	return err
}

// CronJobs returns every CronJob, sorted by namespace and name.
func (c *Cluster) CronJobs() []*batchv1.CronJob { return c.api.CronJobs.List() }

// DeleteCronJob deletes a CronJob and its Jobs, as `kubectl delete
// cronjob` does.
func (c *Cluster) DeleteCronJob(namespace, name string) error {
	return c.api.CronJobs.Delete(namespace, name)
}
