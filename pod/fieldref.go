package pod

import (
	"strings"

	corev1 "k8s.io/api/core/v1"
)

// MetadataField returns the value of a downward-API metadata field of p
// (metadata.name, metadata.namespace, metadata.uid, or one label or
// annotation, written metadata.labels['key']), and whether path is one of
// them. A label or annotation that p lacks is "".
// Reference: pkg/api/v1/pod/util.go ConvertDownwardAPIFieldLabel and
// pkg/fieldpath/fieldpath.go ExtractFieldPathAsString.
func MetadataField(p *corev1.Pod, path string) (string, bool) {
	switch path {
	case "metadata.name":
		return p.Name, true
	case "metadata.namespace":
		return p.Namespace, true
	case "metadata.uid":
		return string(p.UID), true
	}
	if key, ok := subscript(path, "metadata.labels"); ok {
		return p.Labels[key], true
	}
	if key, ok := subscript(path, "metadata.annotations"); ok {
		return p.Annotations[key], true
	}
	return "", false
}

// subscript returns "key" from a field path "<prefix>['key']".
func subscript(path, prefix string) (string, bool) {
	key, ok := strings.CutPrefix(path, prefix+"['")
	if !ok || !strings.HasSuffix(key, "']") {
		return "", false
	}
	return strings.TrimSuffix(key, "']"), true
}
