package kubectl

import (
	"io"
	"strconv"
	"strings"
	"time"

	corev1 "k8s.io/api/core/v1"
	storagev1 "k8s.io/api/storage/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintClaims writes claims as `kubectl get pvc` prints them at now: NAME
// STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS
// AGE, and VOLUMEMODE when wide. A claim being deleted shows Terminating;
// an unbound one shows no volume or capacity. It returns an error naming
// a nil claim, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go
// printPersistentVolumeClaim.
func PrintClaims(w io.Writer, claims []*corev1.PersistentVolumeClaim, now time.Time, wide bool) error {
	t, err := claimTable(claims, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// ClaimTable returns the table `kubectl get pvc` shows, with the -o wide
// columns, as the API server's server-side printing makes it.
func ClaimTable(claims []*corev1.PersistentVolumeClaim, now time.Time) (Table, error) {
	return claimTable(claims, now, true)
}

func claimTable(claims []*corev1.PersistentVolumeClaim, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"}
	return makeTable(header, []string{"VOLUMEMODE"}, wide, len(claims), func(i int) ([]string, error) {
		c := claims[i]
		if c == nil {
			return nil, missing(field.NewPath("persistentVolumeClaims").Index(i), "PersistentVolumeClaim")
		}
		phase := string(c.Status.Phase)
		if c.DeletionTimestamp != nil {
			phase = "Terminating"
		}
		capacity, modes := "", ""
		if c.Spec.VolumeName != "" {
			if q, ok := c.Status.Capacity[corev1.ResourceStorage]; ok {
				capacity = q.String()
			}
			modes = AccessModes(c.Status.AccessModes)
		}
		class := ""
		if c.Spec.StorageClassName != nil {
			class = *c.Spec.StorageClassName
		}
		cells := []string{c.Name, phase, c.Spec.VolumeName, capacity, modes, class, orUnset(c.Spec.VolumeAttributesClassName), since(c.CreationTimestamp, now)}
		if wide {
			cells = append(cells, volumeMode(c.Spec.VolumeMode))
		}
		return cells, nil
	})
}

// PrintVolumes writes volumes as `kubectl get pv` prints them at now:
// NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS
// VOLUMEATTRIBUTESCLASS REASON AGE, and VOLUMEMODE when wide.
// Reference: printers.go printPersistentVolume.
func PrintVolumes(w io.Writer, volumes []*corev1.PersistentVolume, now time.Time, wide bool) error {
	t, err := volumeTable(volumes, now, wide)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// VolumeTable returns the table `kubectl get pv` shows, with the -o wide
// columns.
func VolumeTable(volumes []*corev1.PersistentVolume, now time.Time) (Table, error) {
	return volumeTable(volumes, now, true)
}

func volumeTable(volumes []*corev1.PersistentVolume, now time.Time, wide bool) (Table, error) {
	header := []string{"NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"}
	return makeTable(header, []string{"VOLUMEMODE"}, wide, len(volumes), func(i int) ([]string, error) {
		v := volumes[i]
		if v == nil {
			return nil, missing(field.NewPath("persistentVolumes").Index(i), "PersistentVolume")
		}
		claim := ""
		if v.Spec.ClaimRef != nil {
			claim = v.Spec.ClaimRef.Namespace + "/" + v.Spec.ClaimRef.Name
		}
		phase := string(v.Status.Phase)
		if v.DeletionTimestamp != nil {
			phase = "Terminating"
		}
		size := v.Spec.Capacity[corev1.ResourceStorage]
		cells := []string{v.Name, size.String(), AccessModes(v.Spec.AccessModes), string(v.Spec.PersistentVolumeReclaimPolicy),
			phase, claim, v.Spec.StorageClassName, orUnset(v.Spec.VolumeAttributesClassName), v.Status.Reason, since(v.CreationTimestamp, now)}
		if wide {
			cells = append(cells, volumeMode(v.Spec.VolumeMode))
		}
		return cells, nil
	})
}

// PrintStorageClasses writes classes as `kubectl get storageclass` prints
// them at now: NAME (with " (default)" after the default class)
// PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE.
// Reference: printers.go printStorageClass.
func PrintStorageClasses(w io.Writer, classes []*storagev1.StorageClass, now time.Time) error {
	t, err := StorageClassTable(classes, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// StorageClassTable returns the table `kubectl get storageclass` shows.
func StorageClassTable(classes []*storagev1.StorageClass, now time.Time) (Table, error) {
	header := []string{"NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"}
	return makeTable(header, nil, false, len(classes), func(i int) ([]string, error) {
		sc := classes[i]
		if sc == nil {
			return nil, missing(field.NewPath("storageClasses").Index(i), "StorageClass")
		}
		name := sc.Name
		if sc.Annotations["storageclass.kubernetes.io/is-default-class"] == "true" || sc.Annotations["storageclass.beta.kubernetes.io/is-default-class"] == "true" {
			name += " (default)"
		}
		reclaim, mode := string(corev1.PersistentVolumeReclaimDelete), string(storagev1.VolumeBindingImmediate)
		if sc.ReclaimPolicy != nil {
			reclaim = string(*sc.ReclaimPolicy)
		}
		if sc.VolumeBindingMode != nil {
			mode = string(*sc.VolumeBindingMode)
		}
		expand := false
		if sc.AllowVolumeExpansion != nil {
			expand = *sc.AllowVolumeExpansion
		}
		return []string{name, sc.Provisioner, reclaim, mode, strconv.FormatBool(expand), since(sc.CreationTimestamp, now)}, nil
	})
}

// AccessModes returns access modes as kubectl abbreviates them: RWO, ROX,
// RWX, RWOP, joined by commas, in that order
// (pkg/apis/core/helper GetAccessModesAsString).
func AccessModes(modes []corev1.PersistentVolumeAccessMode) string {
	var out []string
	for _, m := range []struct {
		mode  corev1.PersistentVolumeAccessMode
		short string
	}{{corev1.ReadWriteOnce, "RWO"}, {corev1.ReadOnlyMany, "ROX"}, {corev1.ReadWriteMany, "RWX"}, {corev1.ReadWriteOncePod, "RWOP"}} {
		for _, have := range modes {
			if have == m.mode {
				out = append(out, m.short)
				break
			}
		}
	}
	return strings.Join(out, ",")
}

func orUnset(s *string) string {
	if s == nil || *s == "" {
		return "<unset>"
	}
	return *s
}

func volumeMode(m *corev1.PersistentVolumeMode) string {
	if m == nil {
		return "<unset>"
	}
	return string(*m)
}
