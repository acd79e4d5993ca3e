package nodelifecycle_test

import (
	"fmt"
	"time"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"

	"github.com/nodenucleus/nucleus/nodelifecycle"
)

// A store manager stops calling head office. After the grace period head
// office marks the store unreachable, and five minutes later the employees
// who were only tolerating the silence are reassigned.
func Example() {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	lastCall := start.Add(10 * time.Second)
	store := &corev1.Node{
		ObjectMeta: metav1.ObjectMeta{Name: "downtown", CreationTimestamp: metav1.NewTime(start)},
		Status: corev1.NodeStatus{Conditions: []corev1.NodeCondition{{
			Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "KubeletReady",
			LastHeartbeatTime: metav1.NewTime(lastCall), LastTransitionTime: metav1.NewTime(start),
		}}},
	}
	cashier := &corev1.Pod{ObjectMeta: metav1.ObjectMeta{Name: "cashier"}}
	nodelifecycle.DefaultTolerations(cashier)

	for _, now := range []time.Time{lastCall.Add(50 * time.Second), lastCall.Add(55 * time.Second)} {
		conds, changed := nodelifecycle.Observe(store, lastCall, now)
		fmt.Printf("+%v changed=%v Ready=%s %s\n", now.Sub(lastCall), changed, conds[0].Status, conds[0].Reason)
		store.Status.Conditions = conds
	}
	store.Spec.Taints = nodelifecycle.Taints(store)
	for _, t := range store.Spec.Taints {
		fmt.Printf("taint %s added %s\n", t.ToString(), t.TimeAdded.UTC().Format(time.TimeOnly))
	}
	delay, evict := nodelifecycle.EvictionDelay(cashier, store.Spec.Taints)
	fmt.Println("evict cashier:", evict, "after", delay)
	// Output:
	// +50s changed=false Ready=True KubeletReady
	// +55s changed=true Ready=Unknown NodeStatusUnknown
	// taint node.kubernetes.io/unreachable:NoExecute added 09:01:05
	// taint node.kubernetes.io/unreachable:NoSchedule added 09:01:05
	// evict cashier: true after 5m0s
}
