package cluster

import (
	"maps"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/config"
	"github.com/nodenucleus/nucleus/controller"
)

// prepareConfigAndStorageUpdate is prepareUpdate for ConfigMaps, Secrets,
// StatefulSets, claims, volumes and classes; ok is false for any other
// kind.
// Reference: pkg/apis/apps/validation/validation.go
// (ValidateStatefulSetUpdate), pkg/apis/core/validation/validation.go
// (ValidatePersistentVolumeClaimUpdate, ValidatePersistentVolumeUpdate)
// and pkg/apis/storage/validation/validation.go
// (ValidateStorageClassUpdate); ConfigMaps and Secrets as applyConfig.
func (c *Cluster) prepareConfigAndStorageUpdate(o any) (next any, errs field.ErrorList, ok bool, err error) {
	spec := field.NewPath("spec")
	switch o := o.(type) {
	case *corev1.ConfigMap:
		cur, err := c.api.ConfigMaps.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Data, n.BinaryData, n.Immutable = o.Labels, o.Annotations, o.Data, o.BinaryData, o.Immutable
		errs := config.ValidateConfigMap(n)
		errs = append(errs, immutableConfig(cur.Immutable, n.Immutable,
			equality.Semantic.DeepEqual(cur.Data, n.Data) && equality.Semantic.DeepEqual(cur.BinaryData, n.BinaryData))...)
		n.ResourceVersion = ""
		return n, errs, true, nil
	case *corev1.Secret:
		cur, err := c.api.Secrets.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Data, n.StringData, n.Immutable = o.Labels, o.Annotations, o.Data, o.StringData, o.Immutable
		n.Type = o.Type
		config.DefaultSecret(n)
		errs := config.ValidateSecret(n)
		if n.Type != cur.Type {
			errs = append(errs, field.Invalid(field.NewPath("type"), n.Type, "field is immutable"))
		}
		errs = append(errs, immutableConfig(cur.Immutable, n.Immutable, equality.Semantic.DeepEqual(cur.Data, n.Data))...)
		n.ResourceVersion = ""
		return n, errs, true, nil
	case *appsv1.StatefulSet:
		cur, err := c.api.StatefulSets.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		controller.DefaultStatefulSet(n)
		n.ResourceVersion = ""
		return n, controller.ValidateStatefulSetUpdate(n, cur), true, nil
	case *corev1.PersistentVolumeClaim:
		cur, err := c.api.Claims.Get(defaultNS(o.Namespace), o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations, n.Spec = o.Labels, o.Annotations, *o.Spec.DeepCopy()
		// What the binder and the admission plugin filled in stays when
		// the update leaves it out, as an edit of the live claim keeps it.
		if n.Spec.VolumeName == "" {
			n.Spec.VolumeName = cur.Spec.VolumeName
		}
		if n.Spec.StorageClassName == nil {
			n.Spec.StorageClassName = cur.Spec.StorageClassName
		}
		controller.DefaultClaim(c.api, n)
		errs := controller.ValidateClaim(n)
		if !equality.Semantic.DeepEqual(cur.Spec, n.Spec) {
			errs = append(errs, field.Forbidden(spec, "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"))
		}
		n.ResourceVersion = ""
		return n, errs, true, nil
	case *corev1.PersistentVolume:
		cur, err := c.api.Volumes.Get("", o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations = o.Labels, o.Annotations
		// The reclaim policy may change (the docs' "Change the Reclaim
		// Policy of a PersistentVolume" patches it); nucleus keeps every
		// other field of a volume as it was made.
		if p := o.Spec.PersistentVolumeReclaimPolicy; p != "" {
			n.Spec.PersistentVolumeReclaimPolicy = p
		}
		var errs field.ErrorList
		switch n.Spec.PersistentVolumeReclaimPolicy {
		case corev1.PersistentVolumeReclaimRetain, corev1.PersistentVolumeReclaimDelete, corev1.PersistentVolumeReclaimRecycle:
		default:
			errs = append(errs, field.NotSupported(spec.Child("persistentVolumeReclaimPolicy"), n.Spec.PersistentVolumeReclaimPolicy, []string{"Delete", "Recycle", "Retain"}))
		}
		want := n.Spec.DeepCopy()
		want.ClaimRef = o.Spec.ClaimRef
		got := o.Spec.DeepCopy()
		got.PersistentVolumeReclaimPolicy = want.PersistentVolumeReclaimPolicy
		if got.VolumeMode == nil {
			got.VolumeMode = want.VolumeMode
		}
		if o.Spec.ClaimRef != nil && !equality.Semantic.DeepEqual(o.Spec.ClaimRef, cur.Spec.ClaimRef) {
			errs = append(errs, field.Forbidden(spec.Child("claimRef"), "nucleus binds volumes itself; delete the claim or the volume instead of changing claimRef"))
		} else if !equality.Semantic.DeepEqual(*want, *got) {
			errs = append(errs, field.Forbidden(spec, "nucleus changes a PersistentVolume's spec.persistentVolumeReclaimPolicy only"))
		}
		n.ResourceVersion = ""
		return n, errs, true, nil
	case *storagev1.StorageClass:
		controller.EnsureDefaultStorageClass(c.api)
		cur, err := c.api.StorageClasses.Get("", o.Name)
		if err != nil {
			return nil, nil, true, err
		}
		n := cur.DeepCopy()
		n.Labels, n.Annotations = o.Labels, o.Annotations
		n.AllowVolumeExpansion, n.MountOptions = o.AllowVolumeExpansion, o.MountOptions
		var errs field.ErrorList
		if o.Provisioner != cur.Provisioner {
			errs = append(errs, field.Forbidden(field.NewPath("provisioner"), "updates to provisioner are forbidden."))
		}
		if !maps.Equal(o.Parameters, cur.Parameters) {
			errs = append(errs, field.Forbidden(field.NewPath("parameters"), "updates to parameters are forbidden."))
		}
		if o.ReclaimPolicy != nil && !equality.Semantic.DeepEqual(o.ReclaimPolicy, cur.ReclaimPolicy) {
			errs = append(errs, field.Forbidden(field.NewPath("reclaimPolicy"), "updates to reclaimPolicy are forbidden."))
		}
		if o.VolumeBindingMode != nil && !equality.Semantic.DeepEqual(o.VolumeBindingMode, cur.VolumeBindingMode) {
			errs = append(errs, field.Invalid(field.NewPath("volumeBindingMode"), *o.VolumeBindingMode, "field is immutable"))
		}
		n.ResourceVersion = ""
		return n, errs, true, nil
	}
	return nil, nil, false, nil
}

// updateStorage stores next, made by prepareConfigAndStorageUpdate; ok is false
// for any other kind.
func (c *Cluster) updateConfigAndStorage(next any) (ok bool, err error) {
	switch n := next.(type) {
	case *corev1.ConfigMap:
		_, err = c.api.ConfigMaps.Update(n)
	case *corev1.Secret:
		_, err = c.api.Secrets.Update(n)
	case *appsv1.StatefulSet:
		_, err = controller.UpdateStatefulSet(c.api, n)
	case *corev1.PersistentVolumeClaim:
		_, err = c.api.Claims.Update(n)
	case *corev1.PersistentVolume:
		_, err = c.api.Volumes.Update(n)
	case *storagev1.StorageClass:
		_, err = c.api.StorageClasses.Update(n)
	default:
		return false, nil
	}
	return true, err
}

// storageKind names the kinds prepareConfigAndStorageUpdate takes, for an Invalid
// status; ok is false for any other.
func configAndStorageKind(o any) (schema.GroupKind, bool) {
	switch o.(type) {
	case *corev1.ConfigMap:
		return schema.GroupKind{Kind: "ConfigMap"}, true
	case *corev1.Secret:
		return schema.GroupKind{Kind: "Secret"}, true
	case *appsv1.StatefulSet:
		return schema.GroupKind{Group: "apps", Kind: "StatefulSet"}, true
	case *corev1.PersistentVolumeClaim:
		return schema.GroupKind{Kind: "PersistentVolumeClaim"}, true
	case *corev1.PersistentVolume:
		return schema.GroupKind{Kind: "PersistentVolume"}, true
	case *storagev1.StorageClass:
		return schema.GroupKind{Group: "storage.k8s.io", Kind: "StorageClass"}, true
	}
	return schema.GroupKind{}, false
}

// immutableConfig returns what an update of an immutable ConfigMap or
// Secret may not do: change its data, or become mutable again.
// Reference: pkg/apis/core/validation/validation.go
// (ValidateConfigMapUpdate, ValidateSecretUpdate).
func immutableConfig(cur, next *bool, sameData bool) field.ErrorList {
	if !isTrue(cur) {
		return nil
	}
	var errs field.ErrorList
	if !isTrue(next) {
		errs = append(errs, field.Forbidden(field.NewPath("immutable"), "field is immutable when `immutable` is set"))
	}
	if !sameData {
		errs = append(errs, field.Forbidden(field.NewPath("data"), "field is immutable when `immutable` is set"))
	}
	return errs
}
