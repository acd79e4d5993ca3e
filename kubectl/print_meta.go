package kubectl

import (
	"time"

	coordinationv1 "k8s.io/api/coordination/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// NamespaceTable returns the table `kubectl get namespaces` shows at time
// now: NAME STATUS AGE, STATUS being the namespace's phase (Active,
// Terminating). It returns an error naming a nil Namespace.
// Reference: printers.go printNamespace.
func NamespaceTable(nss []*corev1.Namespace, now time.Time) (Table, error) {
	return makeTable([]string{"NAME", "STATUS", "AGE"}, nil, false, len(nss), func(i int) ([]string, error) {
		n := nss[i]
		if n == nil {
			return nil, missing(field.NewPath("namespaces").Index(i), "Namespace")
		}
		return []string{n.Name, string(n.Status.Phase), since(n.CreationTimestamp, now)}, nil
	})
}

// LeaseTable returns the table `kubectl get leases` shows at time now:
// NAME HOLDER AGE, HOLDER being spec.holderIdentity (empty when none). It
// returns an error naming a nil Lease.
// Reference: printers.go printLease.
func LeaseTable(leases []*coordinationv1.Lease, now time.Time) (Table, error) {
	return makeTable([]string{"NAME", "HOLDER", "AGE"}, nil, false, len(leases), func(i int) ([]string, error) {
		l := leases[i]
		if l == nil {
			return nil, missing(field.NewPath("leases").Index(i), "Lease")
		}
		holder := ""
		if l.Spec.HolderIdentity != nil {
			holder = *l.Spec.HolderIdentity
		}
		return []string{l.Name, holder, since(l.CreationTimestamp, now)}, nil
	})
}
