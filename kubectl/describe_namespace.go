package kubectl

import (
	"io"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintNamespaces writes the table `kubectl get namespaces` shows at now.
func PrintNamespaces(w io.Writer, nss []*corev1.Namespace, now time.Time) error {
	t, err := NamespaceTable(nss, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// DescribeNamespace writes what `kubectl describe namespace` prints for
// ns: its name, labels, annotations and status, and that it has no
// resource quota and no LimitRange (nucleus simulates neither). It
// returns an error naming a nil Namespace, and the first error from
// writing to w.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describeNamespace).
func DescribeNamespace(w io.Writer, ns *corev1.Namespace) error {
	if ns == nil {
		return missing(field.NewPath("namespace"), "Namespace")
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", ns.Name)
	d.labels("Labels", ns.Labels)
	d.annotations("Annotations", ns.Annotations)
	d.write(0, "Status:\t%s\n", string(ns.Status.Phase))
	d.write(0, "\nNo resource quota.\n")
	d.write(0, "\nNo LimitRange resource.\n")
	return d.finish()
}
