package kubectl

import (
	"io"
	"strconv"
	"time"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
	"k8s.io/apimachinery/pkg/util/validation/field"
)

// PrintPodDisruptionBudgets writes budgets to w as `kubectl get pdb`
// prints them at time now: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED
// DISRUPTIONS AGE, with N/A for the one of minAvailable and maxUnavailable
// the budget does not set (-o wide adds nothing). It returns an error
// naming a nil budget, and the first error from writing to w.
// Reference: pkg/printers/internalversion/printers.go
// printPodDisruptionBudget.
func PrintPodDisruptionBudgets(w io.Writer, budgets []*policyv1.PodDisruptionBudget, now time.Time) error {
	t, err := PodDisruptionBudgetTable(budgets, now)
	if err != nil {
		return err
	}
	return t.Write(w)
}

// PodDisruptionBudgetTable returns the table `kubectl get pdb` shows, as
// the API server's server-side printing makes it; the errors are
// PrintPodDisruptionBudgets's.
func PodDisruptionBudgetTable(budgets []*policyv1.PodDisruptionBudget, now time.Time) (Table, error) {
	header := []string{"NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"}
	return makeTable(header, nil, false, len(budgets), func(i int) ([]string, error) {
		b := budgets[i]
		if b == nil {
			return nil, missing(field.NewPath("poddisruptionbudgets").Index(i), "PodDisruptionBudget")
		}
		return []string{b.Name, orNA(b.Spec.MinAvailable), orNA(b.Spec.MaxUnavailable),
			strconv.Itoa(int(b.Status.DisruptionsAllowed)), since(b.CreationTimestamp, now)}, nil
	})
}

func orNA(v *intstr.IntOrString) string {
	if v == nil {
		return "N/A"
	}
	return v.String()
}

// DescribePodDisruptionBudget writes `kubectl describe pdb`: the budget's
// rule, selector and counts, and the Events about it.
// Reference: staging/src/k8s.io/kubectl/pkg/describe/describe.go
// (describePodDisruptionBudget).
func DescribePodDisruptionBudget(w io.Writer, b *policyv1.PodDisruptionBudget, evs []corev1.Event, now time.Time) error {
	if b == nil {
		return missing(field.NewPath("poddisruptionbudget"), "PodDisruptionBudget")
	}
	d := newDescriber(w)
	d.write(0, "Name:\t%s\n", b.Name)
	d.write(0, "Namespace:\t%s\n", b.Namespace)
	switch {
	case b.Spec.MinAvailable != nil:
		d.write(0, "Min available:\t%s\n", b.Spec.MinAvailable.String())
	case b.Spec.MaxUnavailable != nil:
		d.write(0, "Max unavailable:\t%s\n", b.Spec.MaxUnavailable.String())
	}
	if b.Spec.Selector != nil {
		d.write(0, "Selector:\t%s\n", metav1.FormatLabelSelector(b.Spec.Selector))
	} else {
		d.write(0, "Selector:\t<unset>\n")
	}
	d.write(0, "Status:\n")
	d.write(2, "Allowed disruptions:\t%d\n", b.Status.DisruptionsAllowed)
	d.write(2, "Current:\t%d\n", b.Status.CurrentHealthy)
	d.write(2, "Desired:\t%d\n", b.Status.DesiredHealthy)
	d.write(2, "Total:\t%d\n", b.Status.ExpectedPods)
	d.events(evs, now)
	return d.finish()
}
