package controller

import (
	"cmp"
	"fmt"
	"slices"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
	"github.com/nodenucleus/nucleus/sim"
)

// Components of the storage records: the persistent volume controller
// (binding, reclaiming), the local-path provisioner kind runs, and the
// claim protection controller.
const (
	VolumeComponent      = "persistentvolume-controller"
	ProvisionerComponent = LocalPathProvisioner
)

// Event reasons of the volume controller and the provisioner
// (pkg/controller/volume/events/event.go and the external provisioner
// library).
const (
	ReasonWaitForFirstConsumer  = "WaitForFirstConsumer"
	ReasonExternalProvisioning  = "ExternalProvisioning"
	ReasonProvisioningFailed    = "ProvisioningFailed"
	ReasonProvisioning          = "Provisioning"
	ReasonProvisioningSucceeded = "ProvisioningSucceeded"
	ReasonFailedBinding         = "FailedBinding"
	ReasonVolumeDelete          = "VolumeDelete"
)

// StorageConfig wires the storage controllers to the chain.
type StorageConfig struct {
	Config
	// FreeClaimData is called when the data a claim's pods wrote must go:
	// the claim's volume was deleted under reclaimPolicy Delete. nil means
	// nothing to free. A chain frees the data its kubelets keep under
	// namespace/claimName (kubelet.Claims).
	FreeClaimData func(namespace, claimName string)
}

// StorageController is head office's storeroom: it hands each claim
// (PersistentVolumeClaim) a locker (PersistentVolume), has the local-path
// provisioner build one when none fits, empties a locker whose claim is
// gone, and keeps a claim a pod still uses until that pod is gone.
type StorageController struct {
	cfg   StorageConfig
	loop  *sim.Loop
	api   *apiserver.Server
	queue *workQueue
	told  map[apiserver.Key]string // the last waiting reason told per claim
}

// NewStorageController returns the storage controllers, watching the
// ledger at once.
func NewStorageController(cfg StorageConfig) *StorageController {
	c := &StorageController{cfg: cfg, loop: cfg.Loop, api: cfg.API, told: map[apiserver.Key]string{}}
	c.queue = newWorkQueue(cfg.Loop, c.sync)
	cfg.API.Claims.Watch(0, true, c.onClaim)
	cfg.API.Volumes.Watch(0, true, c.onVolume)
	cfg.API.Pods.WatchSelected(0, false, func(p *corev1.Pod) bool { return len(ClaimNames(p)) > 0 }, c.onPod)
	return c
}

func (c *StorageController) onClaim(ev apiserver.WatchEvent[*corev1.PersistentVolumeClaim]) {
	if ev.Type == apiserver.Deleted {
		delete(c.told, apiserver.KeyOf(ev.Object))
		c.reclaim(ev.Object)
		return
	}
	c.queue.add(apiserver.KeyOf(ev.Object))
}

func (c *StorageController) onVolume(ev apiserver.WatchEvent[*corev1.PersistentVolume]) {
	if ev.Type == apiserver.Deleted {
		return
	}
	v := ev.Object
	if v.Status.Phase == corev1.VolumePending && v.Spec.ClaimRef == nil {
		v.Status.Phase = corev1.VolumeAvailable
		v.ResourceVersion = ""
		_, _ = c.api.Volumes.Update(v)
		return
	}
	// A volume turning Available may be the one a waiting claim wants.
	if v.Status.Phase == corev1.VolumeAvailable {
		for _, cl := range c.api.Claims.ListShared() {
			if cl.Spec.VolumeName == "" {
				c.queue.add(apiserver.KeyOf(cl))
			}
		}
	}
}

// onPod: a pod that goes may release a claim that is being deleted.
func (c *StorageController) onPod(ev apiserver.WatchEvent[*corev1.Pod]) {
	if ev.Type != apiserver.Deleted && !pod.Finished(ev.Object) {
		return
	}
	for _, name := range ClaimNames(ev.Object) {
		c.queue.add(apiserver.Key{Namespace: ev.Object.Namespace, Name: name})
	}
}

// claimInUse reports whether a pod that has not finished names the claim
// (pkg/controller/volume/pvcprotection podUsesPVC).
func (c *StorageController) claimInUse(cl *corev1.PersistentVolumeClaim) bool {
	for _, p := range c.api.Pods.ListShared() {
		if p.Namespace == cl.Namespace && !pod.Finished(p) && slices.Contains(ClaimNames(p), cl.Name) {
			return true
		}
	}
	return false
}

func (c *StorageController) sync(k apiserver.Key) error {
	cl, err := c.api.Claims.Get(k.Namespace, k.Name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if cl.DeletionTimestamp != nil {
		if !c.claimInUse(cl) {
			return c.api.Claims.RemoveFinalizer(cl.Namespace, cl.Name, ClaimProtectionFinalizer)
		}
		return nil
	}
	if cl.Spec.VolumeName != "" {
		return nil
	}
	_, err = c.bindClaim(cl, cl.Annotations[SelectedNodeAnnotation])
	return err
}

// waiting tells once why a claim waits (the controller repeats its
// Events; the logbook notes each reason once).
func (c *StorageController) waiting(cl *corev1.PersistentVolumeClaim, component, typ, reason, msg string) {
	k := apiserver.KeyOf(cl)
	if c.told[k] == reason+msg {
		return
	}
	c.told[k] = reason + msg
	c.event(cl, component, typ, reason, msg, sim.Facts{})
}

func (c *StorageController) event(cl *corev1.PersistentVolumeClaim, component, typ, reason, msg string, facts sim.Facts) {
	c.loop.Record(sim.Record{
		Type: typ, Source: sim.Source{Component: component},
		Object: sim.ObjectRef{Kind: "PersistentVolumeClaim", Namespace: cl.Namespace, Name: cl.Name, UID: string(cl.UID)},
		Reason: reason, Message: msg, Facts: facts,
	})
}

// bindClaim finds or makes a volume for an unbound claim and binds the
// two, as the volume controller's syncUnboundClaim does: the smallest
// Available volume that fits (class, access modes, size, selector) wins;
// otherwise the class's provisioner makes one, unless the class waits for
// a first consumer and node is "" (no pod placed yet). It returns whether
// the claim is now bound.
// Reference: pkg/controller/volume/persistentvolume/pv_controller.go
// (syncUnboundClaim, provisionClaim), index.go (findBestMatchForClaim).
func (c *StorageController) bindClaim(cl *corev1.PersistentVolumeClaim, node string) (bool, error) {
	if v := c.matchVolume(cl); v != nil {
		return true, c.bind(cl, v)
	}
	class := ""
	if cl.Spec.StorageClassName != nil {
		class = *cl.Spec.StorageClassName
	}
	if class == "" {
		c.waiting(cl, VolumeComponent, sim.Normal, ReasonFailedBinding, "no persistent volumes available for this claim and no storage class is set")
		return false, nil
	}
	sc, err := c.api.StorageClasses.Get("", class)
	if apierrors.IsNotFound(err) {
		c.waiting(cl, VolumeComponent, sim.Warning, ReasonProvisioningFailed, fmt.Sprintf("storageclass.storage.k8s.io %q not found", class))
		return false, nil
	}
	if err != nil {
		return false, err
	}
	waits := sc.VolumeBindingMode != nil && *sc.VolumeBindingMode == storagev1.VolumeBindingWaitForFirstConsumer
	if waits && node == "" {
		c.waiting(cl, VolumeComponent, sim.Normal, ReasonWaitForFirstConsumer, "waiting for first consumer to be created before binding")
		return false, nil
	}
	if sc.Provisioner == NoProvisioner {
		return false, nil
	}
	c.waiting(cl, VolumeComponent, sim.Normal, ReasonExternalProvisioning, fmt.Sprintf(
		"Waiting for a volume to be created either by the external provisioner '%s' or manually by the system administrator. "+
			"If volume creation is delayed, please verify that the provisioner is running and correctly registered.", sc.Provisioner))
	if sc.Provisioner != LocalPathProvisioner {
		return false, nil // nobody runs that provisioner in the chain
	}
	if cl.Spec.Selector != nil {
		c.waiting(cl, ProvisionerComponent, sim.Warning, ReasonProvisioningFailed,
			fmt.Sprintf("failed to provision volume with StorageClass %q: claim Selector is not supported", sc.Name))
		return false, nil
	}
	v, err := c.provision(cl, sc, node)
	if err != nil {
		return false, err
	}
	return true, c.bind(cl, v)
}

// CanProvision reports whether a claim that waits for its first consumer
// will get a volume once a pod using it is placed: an Available volume
// fits it, or its class's provisioner can make one. The scheduler asks it
// in its volume binding filter.
func (c *StorageController) CanProvision(cl *corev1.PersistentVolumeClaim) bool {
	if c.matchVolume(cl) != nil {
		return true
	}
	if cl.Spec.StorageClassName == nil || cl.Spec.Selector != nil {
		return false
	}
	sc, err := c.api.StorageClasses.Get("", *cl.Spec.StorageClassName)
	return err == nil && sc.Provisioner == LocalPathProvisioner
}

// BindForPod binds a claim that waited for its first consumer, now that
// the scheduler has placed that consumer on node: it notes the node on
// the claim (volume.kubernetes.io/selected-node) and binds at once, the
// provisioner making the volume. It returns whether the claim is bound.
func (c *StorageController) BindForPod(namespace, claim, node string) (bool, error) {
	cl, err := c.api.Claims.Get(namespace, claim)
	if err != nil {
		return false, err
	}
	if cl.Spec.VolumeName != "" {
		return true, nil
	}
	if cl.Annotations[SelectedNodeAnnotation] != node {
		if cl.Annotations == nil {
			cl.Annotations = map[string]string{}
		}
		cl.Annotations[SelectedNodeAnnotation] = node
		cl.ResourceVersion = ""
		if cl, err = c.api.Claims.Update(cl); err != nil {
			return false, err
		}
	}
	return c.bindClaim(cl, node)
}

// matchVolume returns the smallest Available volume that fits the claim,
// or nil (findBestMatchForClaim / checkVolumeSatisfyClaim).
func (c *StorageController) matchVolume(cl *corev1.PersistentVolumeClaim) *corev1.PersistentVolume {
	want := cl.Spec.Resources.Requests[corev1.ResourceStorage]
	class := ""
	if cl.Spec.StorageClassName != nil {
		class = *cl.Spec.StorageClassName
	}
	var best *corev1.PersistentVolume
	for _, v := range c.api.Volumes.ListShared() {
		if v.Spec.ClaimRef != nil || v.DeletionTimestamp != nil || v.Spec.StorageClassName != class {
			continue
		}
		size := v.Spec.Capacity[corev1.ResourceStorage]
		if size.Cmp(want) < 0 || !hasModes(v.Spec.AccessModes, cl.Spec.AccessModes) {
			continue
		}
		if cl.Spec.Selector != nil {
			sel, err := metav1.LabelSelectorAsSelector(cl.Spec.Selector)
			if err != nil || !sel.Matches(labels.Set(v.Labels)) {
				continue
			}
		}
		if best == nil {
			best = v
			continue
		}
		bs := best.Spec.Capacity[corev1.ResourceStorage]
		if cmp.Or(size.Cmp(bs), cmp.Compare(v.Name, best.Name)) < 0 {
			best = v
		}
	}
	return best
}

func hasModes(have, want []corev1.PersistentVolumeAccessMode) bool {
	for _, m := range want {
		if !slices.Contains(have, m) {
			return false
		}
	}
	return true
}

// provision makes a volume for the claim as the local-path provisioner
// does: named pvc-<claim uid>, the claim's size and access modes, the
// class's reclaim policy, a directory on the selected store.
func (c *StorageController) provision(cl *corev1.PersistentVolumeClaim, sc *storagev1.StorageClass, node string) (*corev1.PersistentVolume, error) {
	c.event(cl, ProvisionerComponent, sim.Normal, ReasonProvisioning,
		fmt.Sprintf("External provisioner is provisioning volume for claim %q", cl.Namespace+"/"+cl.Name), sim.Facts{})
	name := "pvc-" + string(cl.UID)
	v := &corev1.PersistentVolume{
		TypeMeta: metav1.TypeMeta{APIVersion: "v1", Kind: "PersistentVolume"},
		ObjectMeta: metav1.ObjectMeta{Name: name,
			Annotations: map[string]string{ProvisionedByAnnotation: sc.Provisioner},
			Finalizers:  []string{VolumeProtectionFinalizer}},
		Spec: corev1.PersistentVolumeSpec{
			Capacity:                      corev1.ResourceList{corev1.ResourceStorage: cl.Spec.Resources.Requests[corev1.ResourceStorage]},
			AccessModes:                   cl.Spec.AccessModes,
			PersistentVolumeReclaimPolicy: *sc.ReclaimPolicy,
			StorageClassName:              sc.Name,
			VolumeMode:                    cl.Spec.VolumeMode,
			PersistentVolumeSource: corev1.PersistentVolumeSource{HostPath: &corev1.HostPathVolumeSource{
				Path: "/var/local-path-provisioner/" + name + "_" + cl.Namespace + "_" + cl.Name,
				Type: ptrTo(corev1.HostPathDirectoryOrCreate)}},
		},
		Status: corev1.PersistentVolumeStatus{Phase: corev1.VolumeBound},
	}
	if node != "" {
		v.Spec.NodeAffinity = &corev1.VolumeNodeAffinity{Required: &corev1.NodeSelector{NodeSelectorTerms: []corev1.NodeSelectorTerm{{
			MatchExpressions: []corev1.NodeSelectorRequirement{{Key: corev1.LabelHostname, Operator: corev1.NodeSelectorOpIn, Values: []string{node}}},
		}}}}
	}
	v.Spec.ClaimRef = claimRef(cl)
	created, err := c.api.Volumes.Create(v)
	if err != nil {
		return nil, err
	}
	c.event(cl, ProvisionerComponent, sim.Normal, ReasonProvisioningSucceeded, "Successfully provisioned volume "+name, sim.Facts{To: name})
	return created, nil
}

func claimRef(cl *corev1.PersistentVolumeClaim) *corev1.ObjectReference {
	return &corev1.ObjectReference{Kind: "PersistentVolumeClaim", APIVersion: "v1", Namespace: cl.Namespace,
		Name: cl.Name, UID: cl.UID, ResourceVersion: cl.ResourceVersion}
}

// bind ties a volume and a claim together: the volume's claimRef and
// phase Bound, then the claim's volumeName, phase Bound, capacity and
// access modes (bindVolumeToClaim, bindClaimToVolume, updateClaimStatus).
func (c *StorageController) bind(cl *corev1.PersistentVolumeClaim, v *corev1.PersistentVolume) error {
	if v.Spec.ClaimRef == nil || v.Status.Phase != corev1.VolumeBound {
		v = v.DeepCopy()
		v.Spec.ClaimRef = claimRef(cl)
		v.Status.Phase = corev1.VolumeBound
		if v.Annotations == nil {
			v.Annotations = map[string]string{}
		}
		v.Annotations[BindCompletedAnnotation] = "yes"
		v.ResourceVersion = ""
		if _, err := c.api.Volumes.Update(v); err != nil {
			return err
		}
	}
	cl = cl.DeepCopy()
	cl.Spec.VolumeName = v.Name
	if cl.Annotations == nil {
		cl.Annotations = map[string]string{}
	}
	cl.Annotations[BindCompletedAnnotation] = "yes"
	cl.Annotations[BoundByControlAnnotation] = "yes"
	if p, ok := v.Annotations[ProvisionedByAnnotation]; ok {
		cl.Annotations[ProvisionerAnnotation] = p
		cl.Annotations[betaProvisionerAnnoation] = p
	}
	cl.Status = corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimBound, AccessModes: v.Spec.AccessModes,
		Capacity: corev1.ResourceList{corev1.ResourceStorage: v.Spec.Capacity[corev1.ResourceStorage]}}
	cl.ResourceVersion = ""
	_, err := c.api.Claims.Update(cl)
	return err
}

// reclaim deals with the volume of a claim that is gone, by its reclaim
// policy: Delete removes the volume (and the data with it), Retain leaves
// it Released for an administrator (reclaimVolume).
func (c *StorageController) reclaim(cl *corev1.PersistentVolumeClaim) {
	if cl.Spec.VolumeName == "" {
		return
	}
	v, err := c.api.Volumes.Get("", cl.Spec.VolumeName)
	if err != nil || v.Spec.ClaimRef == nil || v.Spec.ClaimRef.UID != cl.UID {
		return
	}
	if v.Spec.PersistentVolumeReclaimPolicy == corev1.PersistentVolumeReclaimDelete {
		if c.cfg.FreeClaimData != nil {
			c.cfg.FreeClaimData(cl.Namespace, cl.Name)
		}
		_ = c.api.Volumes.RemoveFinalizer("", v.Name, VolumeProtectionFinalizer)
		_ = c.api.Volumes.DeleteFinalized("", v.Name)
		c.loop.Record(sim.Record{Source: sim.Source{Component: VolumeComponent},
			Object: sim.ObjectRef{Kind: "PersistentVolume", Name: v.Name, UID: string(v.UID)},
			Reason: ReasonVolumeDelete, Message: "volume " + v.Name + " deleted, as claim " + cl.Namespace + "/" + cl.Name + " is gone",
			Facts: sim.Facts{To: cl.Name}, Kind: sim.Change})
		return
	}
	v.Status.Phase = corev1.VolumeReleased
	v.ResourceVersion = ""
	_, _ = c.api.Volumes.Update(v)
}
