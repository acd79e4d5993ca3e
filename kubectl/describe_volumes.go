package kubectl

import (
	"sort"

	corev1 "k8s.io/api/core/v1"
)

// describeVolumes writes the volumes of a pod (space "") or of a pod
// template (space "  ", which indents the title and, by one more space,
// each volume's name), the common kinds in detail and the others as
// <unknown>.
// Reference: kubectl describe.go describeVolumes.
func describeVolumes(d *describer, space string, volumes []corev1.Volume) {
	if len(volumes) == 0 {
		d.write(0, "%sVolumes:\t<none>\n", space)
		return
	}
	d.write(0, "%sVolumes:\n", space)
	nameIndent := ""
	if space != "" {
		nameIndent = " "
	}
	for _, v := range volumes {
		d.write(1, "%s%s:\n", nameIndent, v.Name)
		switch s := v.VolumeSource; {
		case s.HostPath != nil:
			kind := "<none>"
			if s.HostPath.Type != nil {
				kind = string(*s.HostPath.Type)
			}
			d.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t%v\n    HostPathType:\t%v\n", s.HostPath.Path, kind)
		case s.EmptyDir != nil:
			limit := "<unset>"
			if q := s.EmptyDir.SizeLimit; q != nil && q.Sign() > 0 {
				limit = q.String()
			}
			d.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t%v\n    SizeLimit:\t%v\n", s.EmptyDir.Medium, limit)
		case s.Secret != nil:
			d.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t%v\n    Optional:\t%v\n", s.Secret.SecretName, isTrue(s.Secret.Optional))
		case s.ConfigMap != nil:
			d.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t%v\n    Optional:\t%v\n", s.ConfigMap.Name, isTrue(s.ConfigMap.Optional))
		case s.PersistentVolumeClaim != nil:
			d.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t%v\n    ReadOnly:\t%v\n", s.PersistentVolumeClaim.ClaimName, s.PersistentVolumeClaim.ReadOnly)
		default:
			d.write(1, "<unknown>\n")
		}
	}
}

// describeTolerations writes title and the tolerations sorted by key, each
// as key[=value][:effect][ op=Exists][ for Ns], or <none>.
// Reference: kubectl describe.go printTolerationsMultilineWithIndent.
func describeTolerations(d *describer, title string, tolerations []corev1.Toleration) {
	d.write(0, "%s:\t", title)
	if len(tolerations) == 0 {
		d.write(0, "<none>\n")
		return
	}
	sorted := append([]corev1.Toleration(nil), tolerations...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Key < sorted[j].Key })
	for i, t := range sorted {
		if i > 0 {
			d.write(0, "\t")
		}
		s := t.Key
		if t.Value != "" {
			s += "=" + t.Value
		}
		if t.Effect != "" {
			s += ":" + string(t.Effect)
		}
		if t.Operator == corev1.TolerationOpExists && t.Value == "" {
			if s != "" {
				s += " "
			}
			s += "op=Exists"
		}
		if t.TolerationSeconds != nil {
			s += " for " + itoa64(*t.TolerationSeconds) + "s"
		}
		d.write(0, "%s\n", s)
	}
}
