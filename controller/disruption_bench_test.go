package controller

import (
	"fmt"
	"testing"

	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/util/intstr"

	"github.com/nodenucleus/nucleus/apiserver"
	"github.com/nodenucleus/nucleus/sim"
)

// BenchmarkDisruptionSync counts one budget of a chain of 1,000 ready pods
// in 10 apps (100 under this budget): the cost of each recount a pod's
// change queues.
func BenchmarkDisruptionSync(b *testing.B) {
	loop := sim.New(1)
	api := apiserver.New(loop)
	c := NewDisruptionController(Config{Loop: loop, API: api})
	for i := 0; i < 1000; i++ {
		p := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Namespace: "default", Name: fmt.Sprintf("p-%04d", i),
			Labels: map[string]string{"app": fmt.Sprintf("app-%d", i%10)}},
			Status: corev1.PodStatus{Phase: corev1.PodRunning,
				Conditions: []corev1.PodCondition{{Type: corev1.PodReady, Status: corev1.ConditionTrue}}}}
		if _, err := api.Pods.Create(p); err != nil {
			b.Fatal(err)
		}
	}
	min := intstr.FromInt32(50)
	for i := 0; i < 10; i++ {
		_, err := CreatePodDisruptionBudget(api, &policyv1.PodDisruptionBudget{ObjectMeta: metav1.ObjectMeta{Name: fmt.Sprintf("app-%d", i)},
			Spec: policyv1.PodDisruptionBudgetSpec{MinAvailable: &min, Selector: &metav1.LabelSelector{MatchLabels: map[string]string{"app": fmt.Sprintf("app-%d", i)}}}})
		if err != nil {
			b.Fatal(err)
		}
	}
	loop.RunFor(0)
	k := apiserver.Key{Namespace: "default", Name: "app-3"}
	if st, _ := api.PodDisruptionBudgets.Get(k.Namespace, k.Name); st.Status.CurrentHealthy != 100 {
		b.Fatalf("currentHealthy = %d, want 100", st.Status.CurrentHealthy)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := c.sync(k); err != nil {
			b.Fatal(err)
		}
	}
}
