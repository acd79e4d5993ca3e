package pod

import (
	"path"
	"slices"
	"strings"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/sets"
	"k8s.io/apimachinery/pkg/util/validation"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// notSimulatedVolume is why a volume type nucleus does not simulate is
// refused: a pod that needs it would run without it.
const notSimulatedVolume = "not simulated by nucleus: the volume types are emptyDir, hostPath, configMap, secret, downwardAPI, projected and persistentVolumeClaim"

// volumeSources returns the names of the sources a volume sets, in the
// order of the API's fields, and whether nucleus simulates each.
func volumeSources(s *corev1.VolumeSource) (set []string, simulated []bool) {
	add := func(name string, on bool, sim bool) {
		if on {
			set = append(set, name)
			simulated = append(simulated, sim)
		}
	}
	add("hostPath", s.HostPath != nil, true)
	add("emptyDir", s.EmptyDir != nil, true)
	add("gcePersistentDisk", s.GCEPersistentDisk != nil, false)
	add("awsElasticBlockStore", s.AWSElasticBlockStore != nil, false)
	add("gitRepo", s.GitRepo != nil, false)
	add("secret", s.Secret != nil, true)
	add("nfs", s.NFS != nil, false)
	add("iscsi", s.ISCSI != nil, false)
	add("glusterfs", s.Glusterfs != nil, false)
	add("persistentVolumeClaim", s.PersistentVolumeClaim != nil, true)
	add("rbd", s.RBD != nil, false)
	add("flexVolume", s.FlexVolume != nil, false)
	add("cinder", s.Cinder != nil, false)
	add("cephfs", s.CephFS != nil, false)
	add("flocker", s.Flocker != nil, false)
	add("downwardAPI", s.DownwardAPI != nil, true)
	add("fc", s.FC != nil, false)
	add("azureFile", s.AzureFile != nil, false)
	add("configMap", s.ConfigMap != nil, true)
	add("vsphereVolume", s.VsphereVolume != nil, false)
	add("quobyte", s.Quobyte != nil, false)
	add("azureDisk", s.AzureDisk != nil, false)
	add("photonPersistentDisk", s.PhotonPersistentDisk != nil, false)
	add("projected", s.Projected != nil, true)
	add("portworxVolume", s.PortworxVolume != nil, false)
	add("scaleIO", s.ScaleIO != nil, false)
	add("storageos", s.StorageOS != nil, false)
	add("csi", s.CSI != nil, false)
	add("ephemeral", s.Ephemeral != nil, false)
	add("image", s.Image != nil, false)
	return set, simulated
}

// validateVolumes checks a pod's volumes as the API server's
// ValidateVolumes does for the types nucleus simulates (a name that is a
// DNS-1123 label and unique, exactly one type, the paths of items
// relative and without "..", modes in 0..0777, hostPath's type from its
// set), refuses a type it does not simulate, and returns the names.
// Reference: pkg/apis/core/validation/validation.go (ValidateVolumes,
// validateVolumeSource, validateKeyToPath, validateLocalDescendingPath,
// validateHostPathType, validateDownwardAPIVolumeFile).
func validateVolumes(volumes []corev1.Volume, path *field.Path) (sets.Set[string], field.ErrorList) {
	names := sets.New[string]()
	var errs field.ErrorList
	for i := range volumes {
		v := &volumes[i]
		p := path.Index(i)
		switch {
		case v.Name == "":
			errs = append(errs, field.Required(p.Child("name"), ""))
		case names.Has(v.Name):
			errs = append(errs, field.Duplicate(p.Child("name"), v.Name))
		default:
			for _, msg := range validation.IsDNS1123Label(v.Name) {
				errs = append(errs, field.Invalid(p.Child("name"), v.Name, msg))
			}
		}
		names.Insert(v.Name)
		set, simulated := volumeSources(&v.VolumeSource)
		if len(set) == 0 {
			errs = append(errs, field.Required(p, "must specify a volume type"))
			continue
		}
		if len(set) > 1 {
			errs = append(errs, field.Forbidden(p.Child(set[1]), "may not specify more than 1 volume type"))
			continue
		}
		if !simulated[0] {
			errs = append(errs, field.Forbidden(p.Child(set[0]), notSimulatedVolume))
			continue
		}
		errs = append(errs, validateVolumeSource(&v.VolumeSource, p)...)
	}
	return names, errs
}

func validateVolumeSource(s *corev1.VolumeSource, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	switch {
	case s.HostPath != nil:
		hp := p.Child("hostPath")
		if s.HostPath.Path == "" {
			errs = append(errs, field.Required(hp.Child("path"), ""))
		}
		types := []string{"", string(corev1.HostPathDirectoryOrCreate),
			string(corev1.HostPathDirectory), string(corev1.HostPathFileOrCreate), string(corev1.HostPathFile),
			string(corev1.HostPathSocket), string(corev1.HostPathCharDev), string(corev1.HostPathBlockDev)}
		if t := s.HostPath.Type; t != nil && !slices.Contains(types, string(*t)) {
			errs = append(errs, field.NotSupported(hp.Child("type"), *t, types))
		}
	case s.EmptyDir != nil:
		if m := s.EmptyDir.Medium; m != corev1.StorageMediumDefault && m != corev1.StorageMediumMemory {
			errs = append(errs, field.NotSupported(p.Child("emptyDir", "medium"), m, []string{"", string(corev1.StorageMediumMemory)}))
		}
		if q := s.EmptyDir.SizeLimit; q != nil && q.Sign() < 0 {
			errs = append(errs, field.Invalid(p.Child("emptyDir", "sizeLimit"), q.String(), "must be greater than or equal to 0"))
		}
	case s.Secret != nil:
		sp := p.Child("secret")
		if s.Secret.SecretName == "" {
			errs = append(errs, field.Required(sp.Child("secretName"), ""))
		}
		errs = append(errs, validateMode(s.Secret.DefaultMode, sp.Child("defaultMode"))...)
		errs = append(errs, validateItems(s.Secret.Items, sp.Child("items"))...)
	case s.ConfigMap != nil:
		cp := p.Child("configMap")
		if s.ConfigMap.Name == "" {
			errs = append(errs, field.Required(cp.Child("name"), ""))
		}
		errs = append(errs, validateMode(s.ConfigMap.DefaultMode, cp.Child("defaultMode"))...)
		errs = append(errs, validateItems(s.ConfigMap.Items, cp.Child("items"))...)
	case s.DownwardAPI != nil:
		dp := p.Child("downwardAPI")
		errs = append(errs, validateMode(s.DownwardAPI.DefaultMode, dp.Child("defaultMode"))...)
		errs = append(errs, validateDownwardFiles(s.DownwardAPI.Items, dp.Child("items"))...)
	case s.Projected != nil:
		errs = append(errs, validateProjected(s.Projected, p.Child("projected"))...)
	case s.PersistentVolumeClaim != nil:
		if s.PersistentVolumeClaim.ClaimName == "" {
			errs = append(errs, field.Required(p.Child("persistentVolumeClaim", "claimName"), ""))
		}
	}
	return errs
}

func validateProjected(s *corev1.ProjectedVolumeSource, p *field.Path) field.ErrorList {
	errs := validateMode(s.DefaultMode, p.Child("defaultMode"))
	for i, src := range s.Sources {
		sp := p.Child("sources").Index(i)
		var set []string
		if src.Secret != nil {
			set = append(set, "secret")
			errs = append(errs, validateItems(src.Secret.Items, sp.Child("secret", "items"))...)
		}
		if src.DownwardAPI != nil {
			set = append(set, "downwardAPI")
			errs = append(errs, validateDownwardFiles(src.DownwardAPI.Items, sp.Child("downwardAPI", "items"))...)
		}
		if src.ConfigMap != nil {
			set = append(set, "configMap")
			errs = append(errs, validateItems(src.ConfigMap.Items, sp.Child("configMap", "items"))...)
		}
		if src.ServiceAccountToken != nil {
			set = append(set, "serviceAccountToken")
			errs = append(errs, validateLocalPath(src.ServiceAccountToken.Path, sp.Child("serviceAccountToken", "path"))...)
		}
		if src.ClusterTrustBundle != nil {
			set = append(set, "clusterTrustBundle")
			errs = append(errs, field.Forbidden(sp.Child("clusterTrustBundle"), "not simulated by nucleus"))
		}
		if src.PodCertificate != nil {
			set = append(set, "podCertificate")
			errs = append(errs, field.Forbidden(sp.Child("podCertificate"), "not simulated by nucleus"))
		}
		if len(set) > 1 {
			errs = append(errs, field.Forbidden(sp, "may not specify more than 1 volume type per source"))
		}
	}
	return errs
}

// validateMode checks a file mode: 0 to 0777.
func validateMode(mode *int32, p *field.Path) field.ErrorList {
	if mode != nil && (*mode < 0 || *mode > 0o777) {
		return field.ErrorList{field.Invalid(p, *mode, "must be a number between 0 and 0777 (octal), both inclusive")}
	}
	return nil
}

// validateItems checks the key-to-path items of a ConfigMap or Secret.
func validateItems(items []corev1.KeyToPath, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, it := range items {
		ip := p.Index(i)
		if it.Key == "" {
			errs = append(errs, field.Required(ip.Child("key"), ""))
		}
		errs = append(errs, validateLocalPath(it.Path, ip.Child("path"))...)
		errs = append(errs, validateMode(it.Mode, ip.Child("mode"))...)
	}
	return errs
}

// validateDownwardFiles checks the files of a downwardAPI volume: a
// relative path, and one fieldRef (the pod's metadata only: name,
// namespace, uid, labels, annotations) or one resourceFieldRef that names
// its container.
func validateDownwardFiles(items []corev1.DownwardAPIVolumeFile, p *field.Path) field.ErrorList {
	var errs field.ErrorList
	for i, it := range items {
		ip := p.Index(i)
		errs = append(errs, validateLocalPath(it.Path, ip.Child("path"))...)
		errs = append(errs, validateMode(it.Mode, ip.Child("mode"))...)
		switch {
		case it.FieldRef != nil && it.ResourceFieldRef != nil:
			errs = append(errs, field.Invalid(ip, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"))
		case it.FieldRef != nil:
			errs = append(errs, validateVolumeFieldRef(it.FieldRef, ip.Child("fieldRef"))...)
		case it.ResourceFieldRef != nil:
			rp := ip.Child("resourceFieldRef")
			if it.ResourceFieldRef.ContainerName == "" {
				errs = append(errs, field.Required(rp.Child("containerName"), ""))
			}
			errs = append(errs, validateResourceFieldRef(it.ResourceFieldRef, rp)...)
		default:
			errs = append(errs, field.Required(ip, "one of fieldRef and resourceFieldRef is required"))
		}
	}
	return errs
}

// volumeFieldPaths are the pod fields a downwardAPI volume may hold.
var volumeFieldPaths = []string{"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"}

func validateVolumeFieldRef(ref *corev1.ObjectFieldSelector, p *field.Path) field.ErrorList {
	if ref.FieldPath == "" {
		return field.ErrorList{field.Required(p.Child("fieldPath"), "")}
	}
	if base, _, ok := splitSubscript(ref.FieldPath); ok && (base == "metadata.labels" || base == "metadata.annotations") {
		return validateFieldRef(ref, p)
	}
	for _, f := range volumeFieldPaths {
		if ref.FieldPath == f {
			return nil
		}
	}
	return field.ErrorList{field.NotSupported(p.Child("fieldPath"), ref.FieldPath, volumeFieldPaths)}
}

// validateLocalPath checks that a path stays inside its volume: not
// empty, not absolute, no ".." element.
func validateLocalPath(s string, p *field.Path) field.ErrorList {
	switch {
	case s == "":
		return field.ErrorList{field.Required(p, "")}
	case path.IsAbs(s):
		return field.ErrorList{field.Invalid(p, s, "must be a relative path")}
	case hasDotDot(s):
		return field.ErrorList{field.Invalid(p, s, "must not contain '..'")}
	}
	return nil
}

func hasDotDot(s string) bool {
	for _, part := range strings.Split(s, "/") {
		if part == ".." {
			return true
		}
	}
	return false
}

// validateVolumeMounts checks a container's volumeMounts: each names a
// volume of the pod, has a mountPath unique in the container, and a
// relative subPath; subPath and subPathExpr exclude each other.
// Reference: pkg/apis/core/validation/validation.go (ValidateVolumeMounts).
func validateVolumeMounts(mounts []corev1.VolumeMount, volumes sets.Set[string], p *field.Path) field.ErrorList {
	var errs field.ErrorList
	paths := sets.New[string]()
	for i, m := range mounts {
		mp := p.Index(i)
		if m.Name == "" {
			errs = append(errs, field.Required(mp.Child("name"), ""))
		} else if !volumes.Has(m.Name) {
			errs = append(errs, field.NotFound(mp.Child("name"), m.Name))
		}
		switch {
		case m.MountPath == "":
			errs = append(errs, field.Required(mp.Child("mountPath"), ""))
		case paths.Has(m.MountPath):
			errs = append(errs, field.Invalid(mp.Child("mountPath"), m.MountPath, "must be unique"))
		}
		paths.Insert(m.MountPath)
		if m.SubPath != "" {
			if path.IsAbs(m.SubPath) {
				errs = append(errs, field.Invalid(mp.Child("subPath"), m.SubPath, "must be a relative path"))
			} else if hasDotDot(m.SubPath) {
				errs = append(errs, field.Invalid(mp.Child("subPath"), m.SubPath, "must not contain '..'"))
			}
		}
		if m.SubPath != "" && m.SubPathExpr != "" {
			errs = append(errs, field.Invalid(mp.Child("subPathExpr"), m.SubPathExpr, "subPathExpr and subPath are mutually exclusive"))
		}
		errs = append(errs, validatePropagation(m, mp)...)
	}
	return errs
}

// validatePropagation checks a mount's mountPropagation and
// recursiveReadOnly as the API server does. None (the default) is what
// nucleus does: no mount made later on either side is seen by the other.
// HostToContainer and Bidirectional are refused: nucleus makes no mounts
// on a store that a container could see. recursiveReadOnly Enabled or
// IfPossible behaves as readOnly does, since nucleus makes no mounts
// under a volume's mount, so it is simulated, with the API server's rules.
// Reference: pkg/apis/core/validation/validation.go
// (validateMountPropagation, validateMountRecursiveReadOnly).
func validatePropagation(m corev1.VolumeMount, mp *field.Path) field.ErrorList {
	var errs field.ErrorList
	if mode := m.MountPropagation; mode != nil {
		switch *mode {
		case corev1.MountPropagationNone:
		case corev1.MountPropagationHostToContainer, corev1.MountPropagationBidirectional:
			errs = append(errs, field.Forbidden(mp.Child("mountPropagation"),
				"not simulated by nucleus: a store has no mounts to propagate; use None or leave it out"))
		default:
			errs = append(errs, field.NotSupported(mp.Child("mountPropagation"), *mode, []string{
				string(corev1.MountPropagationBidirectional), string(corev1.MountPropagationHostToContainer), string(corev1.MountPropagationNone)}))
		}
	}
	if rro := m.RecursiveReadOnly; rro != nil {
		rp := mp.Child("recursiveReadOnly")
		switch *rro {
		case corev1.RecursiveReadOnlyDisabled:
		case corev1.RecursiveReadOnlyEnabled, corev1.RecursiveReadOnlyIfPossible:
			if !m.ReadOnly {
				errs = append(errs, field.Forbidden(rp, "may only be specified when readOnly is true"))
			}
			if m.MountPropagation != nil && *m.MountPropagation != corev1.MountPropagationNone {
				errs = append(errs, field.Forbidden(rp, "may only be specified when mountPropagation is None or not specified"))
			}
		default:
			errs = append(errs, field.NotSupported(rp, *rro, []string{
				string(corev1.RecursiveReadOnlyDisabled), string(corev1.RecursiveReadOnlyEnabled), string(corev1.RecursiveReadOnlyIfPossible)}))
		}
	}
	return errs
}

// validateDNSConfig checks dnsConfig: dnsPolicy None needs at least one
// nameserver; at most 3 nameservers, each an IP address; at most 32
// search domains; every option has a name.
// Reference: pkg/apis/core/validation/validation.go (validatePodDNSConfig).
func validateDNSConfig(spec *corev1.PodSpec, path *field.Path) field.ErrorList {
	var errs field.ErrorList
	c := spec.DNSConfig
	p := path.Child("dnsConfig")
	if spec.DNSPolicy == corev1.DNSNone {
		if c == nil {
			return field.ErrorList{field.Required(p, "must provide `dnsConfig` when `dnsPolicy` is None")}
		}
		if len(c.Nameservers) == 0 {
			errs = append(errs, field.Required(p.Child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"))
		}
	}
	if c == nil {
		return errs
	}
	if len(c.Nameservers) > 3 {
		errs = append(errs, field.Invalid(p.Child("nameservers"), c.Nameservers, "must not have more than 3 nameservers"))
	}
	for i, ns := range c.Nameservers {
		errs = append(errs, validation.IsValidIP(p.Child("nameservers").Index(i), ns)...)
	}
	if len(c.Searches) > 32 {
		errs = append(errs, field.Invalid(p.Child("searches"), c.Searches, "must not have more than 32 search paths"))
	}
	for i, o := range c.Options {
		if o.Name == "" {
			errs = append(errs, field.Required(p.Child("options").Index(i), "Option.Name must not be empty"))
		}
	}
	return errs
}
