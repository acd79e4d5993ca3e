package cluster

import (
	"fmt"
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/controller"
)

// applyStatefulSet creates s, or updates the StatefulSet of that name as
// `kubectl apply` does: the manifest's spec replaces the stored one
// (defaulted again; only the fields an update may change can differ), its
// labels and annotations go over the stored ones, and a manifest that
// changes nothing is not written. A changed template starts a rolling
// update.
func (c *Cluster) applyStatefulSet(s *appsv1.StatefulSet) error {
	cur, err := c.api.StatefulSets.Get(defaultNS(s.Namespace), s.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateStatefulSet(c.api, s)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *s.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, s.Labels)
	next.Annotations = overlay(maps.Clone(next.Annotations), s.Annotations)
	next.ResourceVersion = ""
	controller.DefaultStatefulSet(next)
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateStatefulSet(c.api, next)
	return err
}

// StatefulSets returns every StatefulSet, sorted by namespace and name.
func (c *Cluster) StatefulSets() []*appsv1.StatefulSet { return c.api.StatefulSets.List() }

// ScaleStatefulSet sets a StatefulSet's replicas, as `kubectl scale sts`
// does.
func (c *Cluster) ScaleStatefulSet(namespace, name string, replicas int32) error {
	if replicas < 0 {
		return fmt.Errorf("replicas: Invalid value: %d: must be greater than or equal to 0", replicas)
	}
	s, err := c.api.StatefulSets.Get(namespace, name)
	if err != nil {
		return err
	}
	s.Spec.Replicas = &replicas
	_, err = controller.UpdateStatefulSet(c.api, s)
	return err
}

// DeleteStatefulSet deletes a StatefulSet and its pods, as `kubectl delete
// statefulset` does (background propagation); its claims stay unless its
// persistentVolumeClaimRetentionPolicy says whenDeleted: Delete.
func (c *Cluster) DeleteStatefulSet(namespace, name string) error {
	return c.api.StatefulSets.Delete(namespace, name)
}
