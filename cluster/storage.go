package cluster

import (
	"fmt"
	"strings"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/controller"
)

// applyClaim creates a PersistentVolumeClaim; applying one that exists
// changes nothing when its spec is the same, and is refused otherwise: a
// claim's spec cannot change after creation (beyond growing a bound
// claim's request, which nucleus does not simulate).
// Reference: pkg/apis/core/validation ValidatePersistentVolumeClaimUpdate.
func (c *Cluster) applyClaim(cl *corev1.PersistentVolumeClaim) error {
	cur, err := c.api.Claims.Get(defaultNS(cl.Namespace), cl.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateClaim(c.api, cl)
		return err
	}
	if err != nil {
		return err
	}
	next := cl.DeepCopy()
	controller.DefaultClaim(c.api, next)
	next.Spec.VolumeName = cur.Spec.VolumeName
	if appliesNothing(cur.Spec, next.Spec, cur, cur) {
		return nil
	}
	return fmt.Errorf("PersistentVolumeClaim %q is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims", cl.Name)
}

// applyVolume creates a PersistentVolume; one that exists is left as it is.
func (c *Cluster) applyVolume(v *corev1.PersistentVolume) error {
	if _, err := c.api.Volumes.Get("", v.Name); err == nil {
		return nil
	}
	_, err := controller.CreateVolume(c.api, v)
	return err
}

// applyStorageClass creates a StorageClass; one that exists is left as it
// is when its provisioner is the same, and refused otherwise (a class's
// provisioner and parameters cannot change).
// Reference: pkg/apis/storage/validation ValidateStorageClassUpdate.
func (c *Cluster) applyStorageClass(sc *storagev1.StorageClass) error {
	controller.EnsureDefaultStorageClass(c.api)
	cur, err := c.api.StorageClasses.Get("", sc.Name)
	if apierrors.IsNotFound(err) {
		_, err = controller.CreateStorageClass(c.api, sc)
		return err
	}
	if err != nil {
		return err
	}
	if cur.Provisioner != sc.Provisioner {
		//lint:ignore ST1005 the API server's own words, final period included
		return fmt.Errorf("StorageClass %q is invalid: provisioner: Forbidden: updates to provisioner are forbidden.", sc.Name)
	}
	return nil
}

// Claims returns every PersistentVolumeClaim, sorted by namespace and name.
func (c *Cluster) Claims() []*corev1.PersistentVolumeClaim { return c.api.Claims.List() }

// Volumes returns every PersistentVolume, sorted by name.
func (c *Cluster) Volumes() []*corev1.PersistentVolume { return c.api.Volumes.List() }

// StorageClasses returns every StorageClass, sorted by name: the chain's
// default class "standard" (kind's) is always among them.
func (c *Cluster) StorageClasses() []*storagev1.StorageClass {
	controller.EnsureDefaultStorageClass(c.api)
	return c.api.StorageClasses.List()
}

// DeleteClaim deletes a claim as `kubectl delete pvc` does: a claim a pod
// still uses waits, Terminating, until that pod is gone (its
// kubernetes.io/pvc-protection finalizer); then its volume is reclaimed.
func (c *Cluster) DeleteClaim(namespace, name string) error {
	return c.api.Claims.DeleteFinalized(namespace, name)
}

// DeleteVolume deletes a PersistentVolume; a bound one waits for its
// claim to go (kubernetes.io/pv-protection).
func (c *Cluster) DeleteVolume(name string) error {
	return c.api.Volumes.DeleteFinalized("", name)
}

// DeleteStorageClass deletes a StorageClass; claims that name it keep
// their volumes, and a new claim that names it waits. The default class
// comes back with the next storage object, as nucleus installs it then.
func (c *Cluster) DeleteStorageClass(name string) error {
	return c.api.StorageClasses.Delete("", name)
}

// claimVerdict is what the scheduler's VolumeBinding plugin says of a pod
// before looking at stores: "" when every claim is bound or can be bound
// once the pod is placed, else the PreFilter's reason
// (persistentvolumeclaim "x" not found, pod has unbound immediate
// PersistentVolumeClaims) and, for a claim that waits for its first
// consumer but that nothing can satisfy, the Filter's reason every store
// gives. wait lists the claims to bind once the pod is placed.
// Reference: pkg/scheduler/framework/plugins/volumebinding/volume_binding.go
// (PreFilter, Filter) and binder.go (GetPodVolumeClaims, FindPodVolumes:
// ErrReasonBindConflict "node(s) didn't find available persistent volumes
// to bind").
func (c *Cluster) claimVerdict(p *corev1.Pod) (preFilter, filter string, wait []string) {
	var immediate bool
	for _, name := range controller.ClaimNames(p) {
		cl, err := c.api.Claims.Get(p.Namespace, name)
		if err != nil {
			return fmt.Sprintf("persistentvolumeclaim %q not found", name), "", nil
		}
		if cl.DeletionTimestamp != nil {
			return fmt.Sprintf("persistentvolumeclaim %q is being deleted", name), "", nil
		}
		if cl.Spec.VolumeName != "" {
			continue
		}
		if !c.delayedBinding(cl) {
			immediate = true
			continue
		}
		if !c.storage.CanProvision(cl) {
			filter = "node(s) didn't find available persistent volumes to bind"
		}
		wait = append(wait, name)
	}
	if immediate {
		return "pod has unbound immediate PersistentVolumeClaims", "", nil
	}
	return "", filter, wait
}

// BoundVolumes returns the volumes the pod's claims are bound to, for the
// staffing desk's VolumeBinding filter (a local volume's node affinity
// keeps the pod on its store).
func (c *Cluster) BoundVolumes(p *corev1.Pod) []*corev1.PersistentVolume {
	var out []*corev1.PersistentVolume
	for _, name := range controller.ClaimNames(p) {
		cl, err := c.api.Claims.Get(p.Namespace, name)
		if err != nil || cl.Spec.VolumeName == "" {
			continue
		}
		if v, err := c.api.Volumes.Get("", cl.Spec.VolumeName); err == nil {
			out = append(out, v)
		}
	}
	return out
}

// delayedBinding reports whether a claim's class waits for its first
// consumer; a claim without a class, or naming a class that does not
// exist, binds immediately (pkg/volume/util IsDelayBindingMode).
func (c *Cluster) delayedBinding(cl *corev1.PersistentVolumeClaim) bool {
	if cl.Spec.StorageClassName == nil || *cl.Spec.StorageClassName == "" {
		return false
	}
	sc, err := c.api.StorageClasses.Get("", *cl.Spec.StorageClassName)
	return err == nil && sc.VolumeBindingMode != nil && *sc.VolumeBindingMode == storagev1.VolumeBindingWaitForFirstConsumer
}

// unschedulableMessage is the FailedScheduling message of a pod the
// volume binding plugin turned away before or while filtering stores:
// every store counts as "Preemption is not helpful for scheduling".
// Reference: pkg/scheduler/framework/types.go (FitError.Error: a
// PreFilter message replaces the per-node reasons).
func unschedulableMessage(nodes int, preFilter, filter string) string {
	reason := preFilter
	if reason == "" {
		reason = fmt.Sprintf("%d %s", nodes, filter)
	}
	return fmt.Sprintf("0/%d nodes are available: %s. preemption: 0/%d nodes are available: %d Preemption is not helpful for scheduling.",
		nodes, strings.TrimSuffix(reason, "."), nodes, nodes)
}

// bindForPod is the scheduler's PreBind for a claim that waited for its
// first consumer.
func (c *Cluster) bindForPod(namespace, claim, node string) (bool, error) {
	return c.storage.BindForPod(namespace, claim, node)
}

// watchClaimsForScheduler has the staffing desk try its waiting pods again
// when a claim or a class changes: a claim created after its pod, or one
// just bound, may let the pod be placed.
func (c *Cluster) watchClaimsForScheduler() {
	c.api.Claims.WatchShared(0, false, func(ev apiserver.WatchEvent[*corev1.PersistentVolumeClaim]) {
		c.scheduler.retryPending()
	})
	c.api.StorageClasses.WatchShared(0, false, func(ev apiserver.WatchEvent[*storagev1.StorageClass]) {
		c.scheduler.retryPending()
	})
}
