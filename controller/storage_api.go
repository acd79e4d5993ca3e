package controller

import (
	"slices"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
)

// The chain's default StorageClass, as kind installs it: "standard",
// marked default, provisioned by the local-path provisioner, deleting a
// volume whose claim is gone, and binding a claim only once a pod that
// uses it has been placed (so the volume is made on that pod's store).
const (
	DefaultStorageClassName = "standard"
	LocalPathProvisioner    = "rancher.io/local-path"
	// NoProvisioner is the provisioner of a class for volumes made by
	// hand: nobody provisions for it (pkg/volume/util NotSupportedProvisioner).
	NoProvisioner = "kubernetes.io/no-provisioner"

	IsDefaultClassAnnotation = "storageclass.kubernetes.io/is-default-class"
	SelectedNodeAnnotation   = "volume.kubernetes.io/selected-node"
	ProvisionerAnnotation    = "volume.kubernetes.io/storage-provisioner"
	betaProvisionerAnnoation = "volume.beta.kubernetes.io/storage-provisioner"
	ProvisionedByAnnotation  = "pv.kubernetes.io/provisioned-by"
	BindCompletedAnnotation  = "pv.kubernetes.io/bind-completed"
	BoundByControlAnnotation = "pv.kubernetes.io/bound-by-controller"

	// ClaimProtectionFinalizer keeps a claim that a pod uses until no pod
	// does; VolumeProtectionFinalizer keeps a bound volume.
	ClaimProtectionFinalizer  = "kubernetes.io/pvc-protection"
	VolumeProtectionFinalizer = "kubernetes.io/pv-protection"
)

// defaultStorageClassUID is the default class's fixed uid: installing it
// draws nothing from the ledger's uid stream, so a chain that never uses
// storage gives every other object the uid it always had.
const defaultStorageClassUID types.UID = "5f0c6a1e-0000-4000-8000-5374616e6461"

// DefaultStorageClass returns the class kind installs in every cluster
// (kind's manifests/default-storage.yaml, and minikube's "standard").
func DefaultStorageClass() *storagev1.StorageClass {
	del := corev1.PersistentVolumeReclaimDelete
	wait := storagev1.VolumeBindingWaitForFirstConsumer
	return &storagev1.StorageClass{
		TypeMeta: metav1.TypeMeta{APIVersion: "storage.k8s.io/v1", Kind: "StorageClass"},
		ObjectMeta: metav1.ObjectMeta{Name: DefaultStorageClassName, UID: defaultStorageClassUID,
			Annotations: map[string]string{IsDefaultClassAnnotation: "true"}},
		Provisioner: LocalPathProvisioner, ReclaimPolicy: &del, VolumeBindingMode: &wait,
	}
}

// EnsureDefaultStorageClass installs the default class unless the ledger
// already holds a class of that name. The chain installs it with its first
// storage object rather than at time zero, so that a chain without storage
// keeps the resource versions it always had.
func EnsureDefaultStorageClass(api *apiserver.Server) {
	if _, err := api.StorageClasses.Get("", DefaultStorageClassName); apierrors.IsNotFound(err) {
		_, _ = api.StorageClasses.Create(DefaultStorageClass())
	}
}

// IsDefaultClass reports whether a class is marked as the default.
func IsDefaultClass(sc *storagev1.StorageClass) bool {
	return sc.Annotations[IsDefaultClassAnnotation] == "true" || sc.Annotations["storageclass.beta.kubernetes.io/is-default-class"] == "true"
}

// CreateStorageClass defaults, validates and stores a StorageClass:
// reclaimPolicy Delete and volumeBindingMode Immediate unless set
// (pkg/apis/storage/v1/defaults.go), a provisioner required
// (pkg/apis/storage/validation ValidateStorageClass).
func CreateStorageClass(api *apiserver.Server, sc *storagev1.StorageClass) (*storagev1.StorageClass, error) {
	sc = sc.DeepCopy()
	sc.APIVersion, sc.Kind = "storage.k8s.io/v1", "StorageClass"
	sc.Namespace = ""
	if sc.ReclaimPolicy == nil {
		sc.ReclaimPolicy = ptrTo(corev1.PersistentVolumeReclaimDelete)
	}
	if sc.VolumeBindingMode == nil {
		sc.VolumeBindingMode = ptrTo(storagev1.VolumeBindingImmediate)
	}
	errs := apivalidation.ValidateObjectMeta(&sc.ObjectMeta, false, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	if sc.Provisioner == "" {
		errs = append(errs, field.Required(field.NewPath("provisioner"), ""))
	}
	switch *sc.ReclaimPolicy {
	case corev1.PersistentVolumeReclaimDelete, corev1.PersistentVolumeReclaimRetain:
	default:
		errs = append(errs, field.NotSupported(field.NewPath("reclaimPolicy"), *sc.ReclaimPolicy, []string{"Delete", "Retain"}))
	}
	switch *sc.VolumeBindingMode {
	case storagev1.VolumeBindingImmediate, storagev1.VolumeBindingWaitForFirstConsumer:
	default:
		errs = append(errs, field.NotSupported(field.NewPath("volumeBindingMode"), *sc.VolumeBindingMode, []string{"Immediate", "WaitForFirstConsumer"}))
	}
	if len(errs) > 0 {
		return nil, invalidError("StorageClass", sc.Name, sortErrors(errs))
	}
	return api.StorageClasses.Create(sc)
}

// DefaultClaim fills in what the API server fills in on a claim: namespace
// "default", volumeMode Filesystem, and (the DefaultStorageClass admission
// plugin) the default class's name when the claim names no class. A claim
// that sets storageClassName to "" asks for no class and keeps it.
// Reference: plugin/pkg/admission/storage/storageclass/setdefault/admission.go.
func DefaultClaim(api *apiserver.Server, c *corev1.PersistentVolumeClaim) {
	if c.Namespace == "" {
		c.Namespace = corev1.NamespaceDefault
	}
	c.APIVersion, c.Kind = "v1", "PersistentVolumeClaim"
	if c.Spec.VolumeMode == nil {
		c.Spec.VolumeMode = ptrTo(corev1.PersistentVolumeFilesystem)
	}
	if c.Spec.StorageClassName == nil {
		if name, ok := defaultClassName(api); ok {
			c.Spec.StorageClassName = &name
		}
	}
}

// defaultClassName returns the default class, the newest when several
// are marked (GetDefaultClass).
func defaultClassName(api *apiserver.Server) (string, bool) {
	var best *storagev1.StorageClass
	for _, sc := range api.StorageClasses.ListShared() {
		if IsDefaultClass(sc) && (best == nil || !sc.CreationTimestamp.Before(&best.CreationTimestamp)) {
			best = sc
		}
	}
	if best == nil {
		return "", false
	}
	return best.Name, true
}

// ValidateClaim checks a defaulted claim as the API server does
// (pkg/apis/core/validation ValidatePersistentVolumeClaimSpec): at least
// one known access mode and a positive storage request.
func ValidateClaim(c *corev1.PersistentVolumeClaim) field.ErrorList {
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&c.ObjectMeta, true, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	errs = append(errs, validateAccessModes(c.Spec.AccessModes, spec.Child("accessModes"))...)
	q, ok := c.Spec.Resources.Requests[corev1.ResourceStorage]
	switch {
	case !ok:
		errs = append(errs, field.Required(spec.Child("resources").Key(string(corev1.ResourceStorage)), ""))
	case q.Sign() <= 0:
		errs = append(errs, field.Invalid(spec.Child("resources", "requests").Key(string(corev1.ResourceStorage)), q.String(), "must be greater than zero"))
	}
	return errs
}

func validateAccessModes(modes []corev1.PersistentVolumeAccessMode, path *field.Path) field.ErrorList {
	if len(modes) == 0 {
		return field.ErrorList{field.Required(path, "at least 1 access mode is required")}
	}
	known := []corev1.PersistentVolumeAccessMode{corev1.ReadWriteOnce, corev1.ReadOnlyMany, corev1.ReadWriteMany, corev1.ReadWriteOncePod}
	var errs field.ErrorList
	for i, m := range modes {
		if !slices.Contains(known, m) {
			errs = append(errs, field.NotSupported(path.Index(i), m, []string{"ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"}))
		}
	}
	return errs
}

// CreateClaim defaults, validates and stores a claim, with the
// pvc-protection finalizer (the StorageObjectInUseProtection admission
// plugin) and phase Pending. The default class is installed first if the
// chain has none yet.
func CreateClaim(api *apiserver.Server, c *corev1.PersistentVolumeClaim) (*corev1.PersistentVolumeClaim, error) {
	EnsureDefaultStorageClass(api)
	c = c.DeepCopy()
	DefaultClaim(api, c)
	if errs := ValidateClaim(c); len(errs) > 0 {
		return nil, invalidError("PersistentVolumeClaim", c.Name, sortErrors(errs))
	}
	if !slices.Contains(c.Finalizers, ClaimProtectionFinalizer) {
		c.Finalizers = append(c.Finalizers, ClaimProtectionFinalizer)
	}
	c.Spec.VolumeName = ""
	c.Status = corev1.PersistentVolumeClaimStatus{Phase: corev1.ClaimPending}
	return api.Claims.Create(c)
}

// CreateVolume defaults, validates and stores a PersistentVolume made by
// hand: reclaimPolicy Retain unless set (a volume made by hand keeps its
// data), volumeMode Filesystem, the pv-protection finalizer, and phase
// Pending until the volume controller makes it Available.
func CreateVolume(api *apiserver.Server, v *corev1.PersistentVolume) (*corev1.PersistentVolume, error) {
	EnsureDefaultStorageClass(api)
	v = v.DeepCopy()
	v.APIVersion, v.Kind, v.Namespace = "v1", "PersistentVolume", ""
	if v.Spec.PersistentVolumeReclaimPolicy == "" {
		v.Spec.PersistentVolumeReclaimPolicy = corev1.PersistentVolumeReclaimRetain
	}
	if v.Spec.VolumeMode == nil {
		v.Spec.VolumeMode = ptrTo(corev1.PersistentVolumeFilesystem)
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&v.ObjectMeta, false, apivalidation.NameIsDNSSubdomain, field.NewPath("metadata"))
	errs = append(errs, validateAccessModes(v.Spec.AccessModes, spec.Child("accessModes"))...)
	if q, ok := v.Spec.Capacity[corev1.ResourceStorage]; !ok || q.Sign() <= 0 {
		errs = append(errs, field.Required(spec.Child("capacity").Key(string(corev1.ResourceStorage)), ""))
	}
	if len(errs) > 0 {
		return nil, invalidError("PersistentVolume", v.Name, sortErrors(errs))
	}
	if !slices.Contains(v.Finalizers, VolumeProtectionFinalizer) {
		v.Finalizers = append(v.Finalizers, VolumeProtectionFinalizer)
	}
	v.Status = corev1.PersistentVolumeStatus{Phase: corev1.VolumePending}
	return api.Volumes.Create(v)
}

// ClaimNames returns the names of the claims a pod's volumes name, in
// volume order.
func ClaimNames(p *corev1.Pod) []string {
	var names []string
	for _, v := range p.Spec.Volumes {
		if v.PersistentVolumeClaim != nil {
			names = append(names, v.PersistentVolumeClaim.ClaimName)
		}
	}
	return names
}
