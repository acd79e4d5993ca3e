package cluster

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/controller"
)

// applyDaemonSet creates d, or updates the DaemonSet of that name as
// `kubectl apply` does: the manifest's spec replaces the stored one, its
// labels and annotations go over the stored ones, and a manifest that
// changes nothing is not written. A changed template starts a rolling
// update.
func (c *Cluster) applyDaemonSet(d *appsv1.DaemonSet) error {
	cur, err := c.api.DaemonSets.Get(defaultNS(d.Namespace), d.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateDaemonSet(c.api, d)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *d.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, d.Labels)
	next.Annotations = overlay(maps.Clone(next.Annotations), d.Annotations)
	next.ResourceVersion = ""
	controller.DefaultDaemonSet(next)
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateDaemonSet(c.api, next)
	return err
}

// DaemonSets returns every DaemonSet, sorted by namespace and name.
func (c *Cluster) DaemonSets() []*appsv1.DaemonSet { return c.api.DaemonSets.List() }

// DeleteDaemonSet deletes a DaemonSet and its pods, as `kubectl delete
// daemonset` does (background propagation).
func (c *Cluster) DeleteDaemonSet(namespace, name string) error {
	return c.api.DaemonSets.Delete(namespace, name)
}
