package cluster

import (
	"fmt"
	"maps"

	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/controller"
)

// applyReplicationController creates rc, or updates the
// ReplicationController of that name as `kubectl apply` does: the
// manifest's spec replaces the stored one, its labels and annotations go
// over the stored ones, and a manifest that changes nothing is not
// written. An RC has no rollout: a changed template applies to the pods
// hired from then on, and the running ones stay as they are.
func (c *Cluster) applyReplicationController(rc *corev1.ReplicationController) error {
	cur, err := c.api.ReplicationControllers.Get(defaultNS(rc.Namespace), rc.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateReplicationController(c.api, rc)
		return err
	}
	if err != nil {
		return err
	}
	next := cur.DeepCopy()
	next.Spec = *rc.Spec.DeepCopy()
	next.Labels = overlay(next.Labels, rc.Labels)
	next.Annotations = overlay(maps.Clone(next.Annotations), rc.Annotations)
	next.ResourceVersion = ""
	controller.DefaultReplicationController(next)
	if appliesNothing(cur.Spec, next.Spec, cur, next) {
		return nil
	}
	_, err = controller.UpdateReplicationController(c.api, next)
	return err
}

// ReplicationControllers returns every ReplicationController, sorted by
// namespace and name.
func (c *Cluster) ReplicationControllers() []*corev1.ReplicationController {
	return c.api.ReplicationControllers.List()
}

// ScaleReplicationController sets a ReplicationController's replicas, as
// `kubectl scale rc` does.
func (c *Cluster) ScaleReplicationController(namespace, name string, replicas int32) error {
	if replicas < 0 {
		return fmt.Errorf("replicas: Invalid value: %d: must be greater than or equal to 0", replicas)
	}
	rc, err := c.api.ReplicationControllers.Get(namespace, name)
	if err != nil {
		return err
	}
	rc.Spec.Replicas = &replicas
	_, err = controller.UpdateReplicationController(c.api, rc)
	return err
}

// DeleteReplicationController deletes a ReplicationController and its
// pods, as `kubectl delete rc` does (background propagation: the
// replication manager lets its pods go once it is gone).
func (c *Cluster) DeleteReplicationController(namespace, name string) error {
	return c.api.ReplicationControllers.Delete(namespace, name)
}
