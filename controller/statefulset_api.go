package controller

import (
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apivalidation "k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/pod"
)

// DefaultStatefulSet fills in what the API server fills in when a
// StatefulSet is created: namespace "default", replicas 1,
// podManagementPolicy OrderedReady, updateStrategy RollingUpdate with
// partition 0 and maxUnavailable 1, revisionHistoryLimit 10,
// persistentVolumeClaimRetentionPolicy Retain/Retain, the claim
// templates' volumeMode Filesystem, and the template's pod defaults.
// Reference: pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet.
func DefaultStatefulSet(s *appsv1.StatefulSet) {
	if s == nil {
		return
	}
	defaultMeta(&s.ObjectMeta, &s.TypeMeta, "apps/v1", "StatefulSet")
	defaultInt32(&s.Spec.Replicas, 1)
	defaultInt32(&s.Spec.RevisionHistoryLimit, 10)
	if s.Spec.PodManagementPolicy == "" {
		s.Spec.PodManagementPolicy = appsv1.OrderedReadyPodManagement
	}
	if s.Spec.UpdateStrategy.Type == "" {
		s.Spec.UpdateStrategy.Type = appsv1.RollingUpdateStatefulSetStrategyType
	}
	if s.Spec.UpdateStrategy.Type == appsv1.RollingUpdateStatefulSetStrategyType {
		if s.Spec.UpdateStrategy.RollingUpdate == nil {
			s.Spec.UpdateStrategy.RollingUpdate = &appsv1.RollingUpdateStatefulSetStrategy{}
		}
		defaultInt32(&s.Spec.UpdateStrategy.RollingUpdate.Partition, 0)
		if s.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable == nil {
			one := intstr.FromInt32(1)
			s.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable = &one
		}
	}
	if s.Spec.PersistentVolumeClaimRetentionPolicy == nil {
		s.Spec.PersistentVolumeClaimRetentionPolicy = &appsv1.StatefulSetPersistentVolumeClaimRetentionPolicy{}
	}
	rp := s.Spec.PersistentVolumeClaimRetentionPolicy
	if rp.WhenDeleted == "" {
		rp.WhenDeleted = appsv1.RetainPersistentVolumeClaimRetentionPolicyType
	}
	if rp.WhenScaled == "" {
		rp.WhenScaled = appsv1.RetainPersistentVolumeClaimRetentionPolicyType
	}
	for i := range s.Spec.VolumeClaimTemplates {
		if s.Spec.VolumeClaimTemplates[i].Spec.VolumeMode == nil {
			s.Spec.VolumeClaimTemplates[i].Spec.VolumeMode = ptrTo(corev1.PersistentVolumeFilesystem)
		}
	}
	pod.DefaultPodSpec(&s.Spec.Template.Spec)
}

// ValidateStatefulSet checks a defaulted StatefulSet as the API server
// does (pkg/apis/apps/validation ValidateStatefulSet): the name, a
// podManagementPolicy and updateStrategy it knows, a partition not
// negative and a maxUnavailable above 0, the retention policy, replicas
// not negative, a selector that matches the template's labels, the
// claim templates (each with access modes and a storage request), and
// the template, whose containers may mount the claim templates by name.
// It returns every problem, sorted by field path.
func ValidateStatefulSet(s *appsv1.StatefulSet) field.ErrorList {
	if s == nil {
		return field.ErrorList{field.Required(field.NewPath("metadata"), "statefulset is nil")}
	}
	spec := field.NewPath("spec")
	errs := apivalidation.ValidateObjectMeta(&s.ObjectMeta, true, apivalidation.ValidateNameFunc(apivalidation.NameIsDNSLabel), field.NewPath("metadata"))
	switch s.Spec.PodManagementPolicy {
	case appsv1.OrderedReadyPodManagement, appsv1.ParallelPodManagement:
	default:
		errs = append(errs, field.NotSupported(spec.Child("podManagementPolicy"), s.Spec.PodManagementPolicy, []string{"OrderedReady", "Parallel"}))
	}
	us := spec.Child("updateStrategy")
	switch s.Spec.UpdateStrategy.Type {
	case appsv1.OnDeleteStatefulSetStrategyType:
		if s.Spec.UpdateStrategy.RollingUpdate != nil {
			errs = append(errs, field.Invalid(us.Child("rollingUpdate"), s.Spec.UpdateStrategy.RollingUpdate, "only allowed for updateStrategy 'RollingUpdate'"))
		}
	case appsv1.RollingUpdateStatefulSetStrategyType:
		if ru := s.Spec.UpdateStrategy.RollingUpdate; ru != nil {
			if ru.Partition != nil {
				errs = append(errs, apivalidation.ValidateNonnegativeField(int64(*ru.Partition), us.Child("rollingUpdate", "partition"))...)
			}
			if ru.MaxUnavailable != nil {
				path := us.Child("rollingUpdate", "maxUnavailable")
				errs = append(errs, validateIntOrPercent(ru.MaxUnavailable, path)...)
				if intOrPercentValue(ru.MaxUnavailable) == 0 {
					errs = append(errs, field.Invalid(path, ru.MaxUnavailable, "must not be 0"))
				}
			}
		}
	default:
		errs = append(errs, field.NotSupported(us.Child("type"), s.Spec.UpdateStrategy.Type, []string{"OnDelete", "RollingUpdate"}))
	}
	if rp := s.Spec.PersistentVolumeClaimRetentionPolicy; rp != nil {
		rpp := spec.Child("persistentVolumeClaimRetentionPolicy")
		for _, f := range []struct {
			name string
			v    appsv1.PersistentVolumeClaimRetentionPolicyType
		}{{"whenDeleted", rp.WhenDeleted}, {"whenScaled", rp.WhenScaled}} {
			if f.v != appsv1.RetainPersistentVolumeClaimRetentionPolicyType && f.v != appsv1.DeletePersistentVolumeClaimRetentionPolicyType {
				errs = append(errs, field.NotSupported(rpp.Child(f.name), f.v, []string{"Delete", "Retain"}))
			}
		}
	}
	if s.Spec.Ordinals != nil {
		errs = append(errs, apivalidation.ValidateNonnegativeField(int64(s.Spec.Ordinals.Start), spec.Child("ordinals", "start"))...)
	}
	for i := range s.Spec.VolumeClaimTemplates {
		t := &s.Spec.VolumeClaimTemplates[i]
		p := spec.Child("volumeClaimTemplates").Index(i)
		if t.Name == "" {
			errs = append(errs, field.Required(p.Child("metadata", "name"), ""))
		}
		cl := &corev1.PersistentVolumeClaim{ObjectMeta: t.ObjectMeta, Spec: t.Spec}
		cl.Name = "x"
		for _, e := range ValidateClaim(cl) {
			if e.Field != "metadata.namespace" {
				e.Field = p.String() + "." + e.Field
				errs = append(errs, e)
			}
		}
	}
	// The template's containers mount the claim templates by name: the
	// controller adds those volumes to each pod.
	t := s.Spec.Template.DeepCopy()
	for _, ct := range s.Spec.VolumeClaimTemplates {
		if !hasVolume(t.Spec.Volumes, ct.Name) {
			t.Spec.Volumes = append(t.Spec.Volumes, corev1.Volume{Name: ct.Name, VolumeSource: corev1.VolumeSource{
				PersistentVolumeClaim: &corev1.PersistentVolumeClaimVolumeSource{ClaimName: ct.Name}}})
		}
	}
	errs = append(errs, validateReplicasAndSelector(s.Spec.Replicas, s.Spec.MinReadySeconds, s.Spec.Selector, t, spec)...)
	return sortErrors(errs)
}

func hasVolume(vols []corev1.Volume, name string) bool {
	for _, v := range vols {
		if v.Name == name {
			return true
		}
	}
	return false
}

// CreateStatefulSet is the API server's side of creating a StatefulSet:
// defaulting, validation, generation 1, an empty status. The default
// StorageClass is installed first when the set has claim templates.
func CreateStatefulSet(api *apiserver.Server, s *appsv1.StatefulSet) (*appsv1.StatefulSet, error) {
	s = s.DeepCopy()
	DefaultStatefulSet(s)
	if errs := ValidateStatefulSet(s); len(errs) > 0 {
		return nil, invalidError("StatefulSet", s.Name, errs)
	}
	if len(s.Spec.VolumeClaimTemplates) > 0 {
		EnsureDefaultStorageClass(api)
	}
	s.Generation = 1
	s.Status = appsv1.StatefulSetStatus{}
	return api.StatefulSets.Create(s)
}

// ValidateStatefulSetUpdate checks next, defaulted, as the replacement of
// the stored cur: everything ValidateStatefulSet checks, and that only
// replicas, ordinals, template, updateStrategy, revisionHistoryLimit,
// persistentVolumeClaimRetentionPolicy and minReadySeconds differ.
// Reference: pkg/apis/apps/validation/validation.go
// (ValidateStatefulSetUpdate).
func ValidateStatefulSetUpdate(next, cur *appsv1.StatefulSet) field.ErrorList {
	errs := ValidateStatefulSet(next)
	fixed := cur.Spec.DeepCopy()
	fixed.Replicas, fixed.Ordinals, fixed.Template = next.Spec.Replicas, next.Spec.Ordinals, next.Spec.Template
	fixed.UpdateStrategy, fixed.PersistentVolumeClaimRetentionPolicy = next.Spec.UpdateStrategy, next.Spec.PersistentVolumeClaimRetentionPolicy
	fixed.MinReadySeconds, fixed.RevisionHistoryLimit = next.Spec.MinReadySeconds, next.Spec.RevisionHistoryLimit
	if !equality.Semantic.DeepEqual(*fixed, next.Spec) {
		errs = append(errs, field.Forbidden(field.NewPath("spec"), "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"))
	}
	return errs
}

// UpdateStatefulSet is the API server's side of changing a StatefulSet
// (kubectl apply, scale, patch): defaulting, validation
// (ValidateStatefulSetUpdate), the stored status kept, generation bumped
// when the spec changed.
func UpdateStatefulSet(api *apiserver.Server, s *appsv1.StatefulSet) (*appsv1.StatefulSet, error) {
	return updateSpec(api.StatefulSets, s, "StatefulSet", DefaultStatefulSet, ValidateStatefulSetUpdate,
		func(s, cur *appsv1.StatefulSet) bool {
			s.Status = cur.Status
			return !equality.Semantic.DeepEqual(cur.Spec, s.Spec)
		})
}
