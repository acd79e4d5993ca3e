package kubectl

import (
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintConfigMaps writes cms to w as `kubectl get configmaps` prints them
// at time now: NAME DATA AGE, where DATA counts the keys of data and
// binaryData. -o wide adds no column. It returns an error naming a nil
// ConfigMap, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go (printConfigMap).
func PrintConfigMaps(w io.Writer, cms []*corev1.ConfigMap, now time.Time) error {
	t, err := ConfigMapTable(cms, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// ConfigMapTable returns the table `kubectl get configmaps` shows, as the
// API server's server-side printing makes it; the errors are
// PrintConfigMaps's.
func ConfigMapTable(cms []*corev1.ConfigMap, now time.Time) (Table, error) {
	return makeTable([]string{"NAME", "DATA", "AGE"}, nil, false, len(cms), func(i int) ([]string, error) {
		cm := cms[i]
		if cm == nil {
			return nil, missing(field.NewPath("configMaps").Index(i), "ConfigMap")
		}
		return []string{cm.Name, itoa(int32(len(cm.Data) + len(cm.BinaryData))), since(cm.CreationTimestamp, now)}, nil
	})
}

// PrintSecrets writes ss to w as `kubectl get secrets` prints them at time
// now: NAME TYPE DATA AGE. It never prints a value. It returns an error
// naming a nil Secret, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go (printSecret).
func PrintSecrets(w io.Writer, ss []*corev1.Secret, now time.Time) error {
	t, err := SecretTable(ss, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// SecretTable returns the table `kubectl get secrets` shows, as the API
// server's server-side printing makes it; the errors are PrintSecrets's.
func SecretTable(ss []*corev1.Secret, now time.Time) (Table, error) {
	return makeTable([]string{"NAME", "TYPE", "DATA", "AGE"}, nil, false, len(ss), func(i int) ([]string, error) {
		s := ss[i]
		if s == nil {
			return nil, missing(field.NewPath("secrets").Index(i), "Secret")
		}
		return []string{s.Name, string(s.Type), itoa(int32(len(s.Data))), since(s.CreationTimestamp, now)}, nil
	})
}
