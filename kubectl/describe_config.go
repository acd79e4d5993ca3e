package kubectl

import (
	"io"
	"maps"
	"slices"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// DescribeConfigMap writes what `kubectl describe configmap` prints for cm
// at time now: identity, each data key with its value under a "----"
// rule, each binaryData key with its size, then the events evs. Keys come
// in order (kubectl walks a map). It returns an error naming a nil
// ConfigMap, and the first error from writing to w.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeConfigMap).
func DescribeConfigMap(w io.Writer, cm *corev1.ConfigMap, evs []corev1.Event, now time.Time) error {
	if cm == nil {
		return missing(field.NewPath("configMap"), "ConfigMap")
	}
	d := newDescriber(w)
	d.identity(cm)
	d.write(0, "\nData\n====\n")
	for _, k := range sortedKeys(cm.Data) {
		d.write(0, "%s:\n----\n", k)
		d.write(0, "%s\n", cm.Data[k])
		d.write(0, "\n")
	}
	d.write(0, "\nBinaryData\n====\n")
	for _, k := range slices.Sorted(maps.Keys(cm.BinaryData)) {
		d.write(0, "%s: %d bytes\n", k, len(cm.BinaryData[k]))
	}
	d.write(0, "\n")
	d.events(evs, now)
	return d.finish()
}

// DescribeSecret writes what `kubectl describe secret` prints for s: its
// identity, type and the size of each key, never a value (but a service
// account token's). It returns an error naming a nil Secret, and the
// first error from writing to w.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeSecret).
func DescribeSecret(w io.Writer, s *corev1.Secret) error {
	if s == nil {
		return missing(field.NewPath("secret"), "Secret")
	}
	d := newDescriber(w)
	d.identity(s)
	d.write(0, "\nType:\t%s\n", s.Type)
	d.write(0, "\nData\n====\n")
	for _, k := range slices.Sorted(maps.Keys(s.Data)) {
		if k == corev1.ServiceAccountTokenKey && s.Type == corev1.SecretTypeServiceAccountToken {
			d.write(0, "%s:\t%s\n", k, string(s.Data[k]))
			continue
		}
		d.write(0, "%s:\t%d bytes\n", k, len(s.Data[k]))
	}
	return d.finish()
}

// identity writes the lines every namespaced object's description starts
// with: Name, Namespace, Labels, Annotations.
func (d *describer) identity(o metav1.Object) {
	d.write(0, "Name:\t%s\n", o.GetName())
	d.write(0, "Namespace:\t%s\n", o.GetNamespace())
	d.labels("Labels", o.GetLabels())
	d.annotations("Annotations", o.GetAnnotations())
}
