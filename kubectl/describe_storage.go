package kubectl

import (
	"io"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DescribeClaim writes `kubectl describe pvc`: the claim, its volume,
// size and modes, the pods that use it (Used By), and the Events about it.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (PersistentVolumeClaimDescriber, getPodsForPVC).
func DescribeClaim(w io.Writer, c *corev1.PersistentVolumeClaim, pods []*corev1.Pod, evs []corev1.Event, now time.Time) error {
	if c == nil {
		return missing(field.NewPath("persistentVolumeClaim"), "PersistentVolumeClaim")
	}
	d := newDescriber(w)
	class := ""
	if c.Spec.StorageClassName != nil {
		class = *c.Spec.StorageClassName
	}
	status := string(c.Status.Phase)
	if c.DeletionTimestamp != nil {
		status = "Terminating (lasts " + since(*c.DeletionTimestamp, now) + ")"
	}
	d.write(0, "Name:\t%s\n", c.Name)
	d.write(0, "Namespace:\t%s\n", c.Namespace)
	d.write(0, "StorageClass:\t%s\n", class)
	d.write(0, "Status:\t%s\n", status)
	d.write(0, "Volume:\t%s\n", c.Spec.VolumeName)
	d.labels("Labels", c.Labels)
	d.annotations("Annotations", c.Annotations)
	d.write(0, "Finalizers:\t%v\n", c.Finalizers)
	capacity := ""
	if q, ok := c.Status.Capacity[corev1.ResourceStorage]; ok {
		capacity = q.String()
	}
	d.write(0, "Capacity:\t%s\n", capacity)
	d.write(0, "Access Modes:\t%s\n", AccessModes(c.Status.AccessModes))
	d.write(0, "VolumeMode:\t%s\n", volumeMode(c.Spec.VolumeMode))
	var users []string
	for _, p := range pods {
		if p == nil || p.Namespace != c.Namespace {
			continue
		}
		for _, v := range p.Spec.Volumes {
			if v.PersistentVolumeClaim != nil && v.PersistentVolumeClaim.ClaimName == c.Name {
				users = append(users, p.Name)
				break
			}
		}
	}
	if len(users) == 0 {
		users = []string{"<none>"}
	}
	d.write(0, "Used By:\t%s\n", strings.Join(users, "\n\t"))
	d.events(evs, now)
	return d.finish()
}

// DescribeVolume writes `kubectl describe pv`.
// Reference: describe.go (PersistentVolumeDescriber).
func DescribeVolume(w io.Writer, v *corev1.PersistentVolume, evs []corev1.Event, now time.Time) error {
	if v == nil {
		return missing(field.NewPath("persistentVolume"), "PersistentVolume")
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", v.Name)
	d.labels("Labels", v.Labels)
	d.annotations("Annotations", v.Annotations)
	d.write(0, "Finalizers:\t%v\n", v.Finalizers)
	d.write(0, "StorageClass:\t%s\n", v.Spec.StorageClassName)
	d.write(0, "Status:\t%v\n", v.Status.Phase)
	claim := ""
	if v.Spec.ClaimRef != nil {
		claim = v.Spec.ClaimRef.Namespace + "/" + v.Spec.ClaimRef.Name
	}
	d.write(0, "Claim:\t%s\n", claim)
	d.write(0, "Reclaim Policy:\t%v\n", v.Spec.PersistentVolumeReclaimPolicy)
	d.write(0, "Access Modes:\t%s\n", AccessModes(v.Spec.AccessModes))
	d.write(0, "VolumeMode:\t%s\n", volumeMode(v.Spec.VolumeMode))
	size := v.Spec.Capacity[corev1.ResourceStorage]
	d.write(0, "Capacity:\t%s\n", size.String())
	d.write(0, "Message:\t%s\n", v.Status.Message)
	d.write(0, "Source:\n")
	if hp := v.Spec.HostPath; hp != nil {
		typ := ""
		if hp.Type != nil {
			typ = string(*hp.Type)
		}
		d.write(1, "Type:\tHostPath (bare host directory volume)\n    Path:\t%s\n    HostPathType:\t%s\n", hp.Path, typ)
	}
	d.events(evs, now)
	return d.finish()
}

// DescribeStorageClass writes `kubectl describe storageclass`.
// Reference: describe.go (StorageClassDescriber).
func DescribeStorageClass(w io.Writer, sc *storagev1.StorageClass, evs []corev1.Event, now time.Time) error {
	if sc == nil {
		return missing(field.NewPath("storageClass"), "StorageClass")
	}
	d := newDescriber(w)
	isDefault := "No"
	if sc.Annotations["storageclass.kubernetes.io/is-default-class"] == "true" {
		isDefault = "Yes"
	}
	d.write(0, "Name:\t%s\n", sc.Name)
	d.write(0, "IsDefaultClass:\t%s\n", isDefault)
	d.annotations("Annotations", sc.Annotations)
	d.write(0, "Provisioner:\t%s\n", sc.Provisioner)
	d.labels("Parameters", sc.Parameters)
	expand := "<unset>"
	if sc.AllowVolumeExpansion != nil {
		expand = map[bool]string{true: "True", false: "False"}[*sc.AllowVolumeExpansion]
	}
	d.write(0, "AllowVolumeExpansion:\t%s\n", expand)
	if len(sc.MountOptions) == 0 {
		d.write(0, "MountOptions:\t<none>\n")
	} else {
		d.write(0, "MountOptions:\t%s\n", strings.Join(sc.MountOptions, ", "))
	}
	if sc.ReclaimPolicy != nil {
		d.write(0, "ReclaimPolicy:\t%v\n", *sc.ReclaimPolicy)
	}
	if sc.VolumeBindingMode != nil {
		d.write(0, "VolumeBindingMode:\t%v\n", *sc.VolumeBindingMode)
	}
	d.events(evs, now)
	return d.finish()
}
