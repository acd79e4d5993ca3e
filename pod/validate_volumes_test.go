package pod

import (
	"testing"

	corev1 "k8s.io/api/core/v1"
)

// Reference: pkg/apis/core/validation/validation.go (ValidateVolumes,
// validateVolumeSource, ValidateVolumeMounts, validateHostPathType,
// validateLocalDescendingPath, validatePodDNSConfig, validateHostAliases).
func TestValidateVolumes(t *testing.T) {
	mount := func(p *corev1.Pod, name, path string) {
		p.Spec.Containers[0].VolumeMounts = append(p.Spec.Containers[0].VolumeMounts, corev1.VolumeMount{Name: name, MountPath: path})
	}
	emptyDir := corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{}}
	runValidateCases(t, []validateCase{
		{"an emptyDir mounted", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "cache", VolumeSource: emptyDir}}
			mount(p, "cache", "/cache")
		}, nil},
		{"a mount of a volume the pod lacks", func(p *corev1.Pod) { mount(p, "nope", "/x") },
			[]string{`spec.containers[0].volumeMounts[0].name: Not found: "nope"`}},
		{"two mounts at one path", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}}
			mount(p, "a", "/x")
			mount(p, "a", "/x")
		}, []string{`spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/x": must be unique`}},
		{"a subPath that climbs out", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}}
			p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "a", MountPath: "/x", SubPath: "../etc"}}
		}, []string{`spec.containers[0].volumeMounts[0].subPath: Invalid value: "../etc": must not contain '..'`}},
		// Reference: pkg/apis/core/validation/validation.go
		// (validateMountPropagation, validateMountRecursiveReadOnly).
		{"propagation None and a recursive read-only mount", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}}
			p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "a", MountPath: "/x", ReadOnly: true,
				MountPropagation: refTo(corev1.MountPropagationNone), RecursiveReadOnly: refTo(corev1.RecursiveReadOnlyEnabled)}}
		}, nil},
		{"propagation from the host is not simulated", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}}
			p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "a", MountPath: "/x",
				MountPropagation: refTo(corev1.MountPropagationHostToContainer)}}
		}, []string{"spec.containers[0].volumeMounts[0].mountPropagation: Forbidden: not simulated by nucleus: a store has no mounts to propagate; use None or leave it out"}},
		{"recursive read-only needs readOnly", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}}
			p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "a", MountPath: "/x",
				RecursiveReadOnly: refTo(corev1.RecursiveReadOnlyIfPossible)}}
		}, []string{"spec.containers[0].volumeMounts[0].recursiveReadOnly: Forbidden: may only be specified when readOnly is true"}},
		{"unknown propagation", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}}
			p.Spec.Containers[0].VolumeMounts = []corev1.VolumeMount{{Name: "a", MountPath: "/x",
				MountPropagation: refTo(corev1.MountPropagationMode("Sideways"))}}
		}, []string{`spec.containers[0].volumeMounts[0].mountPropagation: Unsupported value: "Sideways": supported values: "Bidirectional", "HostToContainer", "None"`}},
		{"a duplicate volume name", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: emptyDir}, {Name: "a", VolumeSource: emptyDir}}
		}, []string{`spec.volumes[1].name: Duplicate value: "a"`}},
		{"two types", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: corev1.VolumeSource{EmptyDir: &corev1.EmptyDirVolumeSource{},
				HostPath: &corev1.HostPathVolumeSource{Path: "/x"}}}}
		}, []string{"spec.volumes[0].emptyDir: Forbidden: may not specify more than 1 volume type"}},
		{"a type nucleus does not simulate is refused by name", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: corev1.VolumeSource{NFS: &corev1.NFSVolumeSource{Server: "s", Path: "/"}}}}
		}, []string{"spec.volumes[0].nfs: Forbidden: " + notSimulatedVolume}},
		{"an item path that is absolute", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{
				LocalObjectReference: corev1.LocalObjectReference{Name: "cm"}, Items: []corev1.KeyToPath{{Key: "k", Path: "/etc/k"}}}}}}
		}, []string{`spec.volumes[0].configMap.items[0].path: Invalid value: "/etc/k": must be a relative path`}},
		{"a hostPath type that does not exist", func(p *corev1.Pod) {
			typ := corev1.HostPathType("Folder")
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: corev1.VolumeSource{HostPath: &corev1.HostPathVolumeSource{Path: "/x", Type: &typ}}}}
		}, []string{`spec.volumes[0].hostPath.type: Unsupported value: "Folder": supported values: "", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"`}},
		{"the downward API in a volume: no status fields", func(p *corev1.Pod) {
			p.Spec.Volumes = []corev1.Volume{{Name: "a", VolumeSource: corev1.VolumeSource{DownwardAPI: &corev1.DownwardAPIVolumeSource{
				Items: []corev1.DownwardAPIVolumeFile{{Path: "ip", FieldRef: &corev1.ObjectFieldSelector{APIVersion: "v1", FieldPath: "status.podIP"}}}}}}}
		}, []string{`spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: Unsupported value: "status.podIP": supported values: "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"`}},
		{"dnsPolicy None without nameservers", func(p *corev1.Pod) {
			p.Spec.DNSPolicy = corev1.DNSNone
			p.Spec.DNSConfig = &corev1.PodDNSConfig{Searches: []string{"example.com"}}
		}, []string{"spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"}},
		{"a host alias that is not an IP", func(p *corev1.Pod) {
			p.Spec.HostAliases = []corev1.HostAlias{{IP: "foo", Hostnames: []string{"foo.local"}}}
		}, []string{`spec.hostAliases[0].ip: Invalid value: "foo": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)`}},
	})
}

// A volume that names no type is an emptyDir, and file modes default to
// 0644. Reference: pkg/apis/core/v1/defaults.go (SetDefaults_Volume,
// SetDefaults_ConfigMapVolumeSource).
func TestDefaultVolume(t *testing.T) {
	spec := corev1.PodSpec{Volumes: []corev1.Volume{{Name: "a"}, {Name: "b", VolumeSource: corev1.VolumeSource{ConfigMap: &corev1.ConfigMapVolumeSource{}}}}}
	DefaultPodSpec(&spec)
	if spec.Volumes[0].EmptyDir == nil {
		t.Errorf("a volume with no type: %+v, want an emptyDir", spec.Volumes[0].VolumeSource)
	}
	if m := spec.Volumes[1].ConfigMap.DefaultMode; m == nil || *m != 0o644 {
		t.Errorf("configMap defaultMode = %v, want 0644", m)
	}
}
