package kubectl

import (
	"strings"
	"testing"
	"time"

	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"
)

// Reference: pkg/printers/internalversion/printers.go
// printPodDisruptionBudget (N/A for the unset bound) and
// staging/src/k8s.io/kubectl/pkg/describe/describe.go
// describePodDisruptionBudget.
func TestPrintAndDescribePodDisruptionBudgets(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 10, 0, 0, time.UTC)
	two, half := intstr.FromInt32(2), intstr.FromString("50%")
	budgets := []*policyv1.PodDisruptionBudget{
		{ObjectMeta: metav1.ObjectMeta{Name: "web", Namespace: "default", CreationTimestamp: metav1.NewTime(now.Add(-5 * time.Minute))},
			Spec:   policyv1.PodDisruptionBudgetSpec{MinAvailable: &two, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": "web"}}},
			Status: policyv1.PodDisruptionBudgetStatus{DisruptionsAllowed: 1, CurrentHealthy: 3, DesiredHealthy: 2, ExpectedPods: 3}},
		{ObjectMeta: metav1.ObjectMeta{Name: "zk", CreationTimestamp: metav1.NewTime(now.Add(-90 * time.Second))},
			Spec: policyv1.PodDisruptionBudgetSpec{MaxUnavailable: &half}},
	}
	var b strings.Builder
	if err := PrintPodDisruptionBudgets(&b, budgets, now); err != nil {
		t.Fatal(err)
	}
	want := "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE\n" +
		"web    2               N/A               1                     5m\n" +
		"zk     N/A             50%               0                     90s\n"
	if b.String() != want {
		t.Errorf("PrintPodDisruptionBudgets =\n%s\nwant\n%s", b.String(), want)
	}
	b.Reset()
	if err := DescribePodDisruptionBudget(&b, budgets[0], nil, now); err != nil {
		t.Fatal(err)
	}
	for _, line := range []string{"Name:           web\n", "Min available:  2\n", "Selector:       app=web\n", "Status:\n",
		"    Allowed disruptions:  1\n", "    Current:              3\n", "    Desired:              2\n", "    Total:                3\n", "Events:"} {
		if !strings.Contains(b.String(), line) {
			t.Errorf("describe lacks %q:\n%s", line, b.String())
		}
	}
	if err := PrintPodDisruptionBudgets(&b, []*policyv1.PodDisruptionBudget{nil}, now); err == nil || !strings.Contains(err.Error(), "poddisruptionbudgets[0]") {
		t.Errorf("a nil budget gives %v, want an error naming poddisruptionbudgets[0]", err)
	}
}
