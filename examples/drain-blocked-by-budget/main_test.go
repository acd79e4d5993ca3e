package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: staging/src/k8s.io/kubectl/pkg/drain/drain.go (evictPods: the
// 429 is retried after 5s; "evicting pod", "pod/x evicted", "node/x
// drained"); pkg/registry/core/pod/storage/eviction.go (the 429's
// message); pkg/controller/disruption/disruption.go (disruptionsAllowed =
// currentHealthy - desiredHealthy).
func Example() {
	main()
	// Output:
	// Three cashiers work in store-1; store-2 has just opened. The minimum
	// staffing rule allows one cashier away at a time:
	//
	// NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// cashier-7459b56bc6-6b4bz   1/1     Running   0          60s   10.244.1.2   store-1   <none>           <none>
	// cashier-7459b56bc6-6m8bf   1/1     Running   0          60s   10.244.1.3   store-1   <none>           <none>
	// cashier-7459b56bc6-tx7pw   1/1     Running   0          60s   10.244.1.4   store-1   <none>           <none>
	//
	// NAME       MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
	// cashiers   2               N/A               1                     60s
	//
	// Head office closes store-1 for repairs: kubectl drain store-1.
	//
	// 00:01:00 head-office # kubectl-drain EvictingPod pod/cashier-7459b56bc6-6b4bz evicting pod default/cashier-7459b56bc6-6b4bz
	// 00:01:00 head-office The closing crew asks head office to send cashier-7459b56bc6-6b4bz away from the store.
	// 00:01:00 head-office # kube-apiserver EvictionGranted pod/cashier-7459b56bc6-6b4bz eviction of pod default/cashier-7459b56bc6-6b4bz allowed by poddisruptionbudget cashiers (0 disruptions allowed left)
	// 00:01:00 head-office Head office lets cashier-7459b56bc6-6b4bz go: the minimum staffing rule cashiers can spare one.
	// 00:01:00 head-office # kubectl-drain EvictingPod pod/cashier-7459b56bc6-6m8bf evicting pod default/cashier-7459b56bc6-6m8bf
	// 00:01:00 head-office The closing crew asks head office to send cashier-7459b56bc6-6m8bf away from the store.
	// 00:01:00 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-6m8bf error when evicting pods/"cashier-7459b56bc6-6m8bf" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:00 head-office Head office refuses: sending cashier-7459b56bc6-6m8bf away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:00 head-office # kubectl-drain EvictingPod pod/cashier-7459b56bc6-tx7pw evicting pod default/cashier-7459b56bc6-tx7pw
	// 00:01:00 head-office The closing crew asks head office to send cashier-7459b56bc6-tx7pw away from the store.
	// 00:01:00 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:00 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:01 head-office # kubectl-drain PodEvicted pod/cashier-7459b56bc6-6b4bz pod/cashier-7459b56bc6-6b4bz evicted
	// 00:01:01 head-office cashier-7459b56bc6-6b4bz has left the store.
	// 00:01:05 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-6m8bf error when evicting pods/"cashier-7459b56bc6-6m8bf" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:05 head-office Head office refuses: sending cashier-7459b56bc6-6m8bf away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:05 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:05 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:10 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-6m8bf error when evicting pods/"cashier-7459b56bc6-6m8bf" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:10 head-office Head office refuses: sending cashier-7459b56bc6-6m8bf away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:10 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:10 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:15 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-6m8bf error when evicting pods/"cashier-7459b56bc6-6m8bf" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:15 head-office Head office refuses: sending cashier-7459b56bc6-6m8bf away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:15 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:15 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:17 store-2 # kubelet ReadyChanged pod/cashier-7459b56bc6-vckvk Pod Ready condition is now True
	// 00:01:17 store-2 cashier-7459b56bc6-vckvk is ready to serve customers.
	// 00:01:20 head-office # kube-apiserver EvictionGranted pod/cashier-7459b56bc6-6m8bf eviction of pod default/cashier-7459b56bc6-6m8bf allowed by poddisruptionbudget cashiers (0 disruptions allowed left)
	// 00:01:20 head-office Head office lets cashier-7459b56bc6-6m8bf go: the minimum staffing rule cashiers can spare one.
	// 00:01:20 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:20 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:21 head-office # kubectl-drain PodEvicted pod/cashier-7459b56bc6-6m8bf pod/cashier-7459b56bc6-6m8bf evicted
	// 00:01:21 head-office cashier-7459b56bc6-6m8bf has left the store.
	// 00:01:25 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:25 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:30 head-office # kubectl-drain EvictionRefused pod/cashier-7459b56bc6-tx7pw error when evicting pods/"cashier-7459b56bc6-tx7pw" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
	// 00:01:30 head-office Head office refuses: sending cashier-7459b56bc6-tx7pw away would break the minimum staffing rule; the closing crew asks again in 5 seconds.
	// 00:01:31 store-2 # kubelet ReadyChanged pod/cashier-7459b56bc6-fhgrc Pod Ready condition is now True
	// 00:01:31 store-2 cashier-7459b56bc6-fhgrc is ready to serve customers.
	// 00:01:35 head-office # kube-apiserver EvictionGranted pod/cashier-7459b56bc6-tx7pw eviction of pod default/cashier-7459b56bc6-tx7pw allowed by poddisruptionbudget cashiers (0 disruptions allowed left)
	// 00:01:35 head-office Head office lets cashier-7459b56bc6-tx7pw go: the minimum staffing rule cashiers can spare one.
	// 00:01:36 head-office # kubectl-drain PodEvicted pod/cashier-7459b56bc6-tx7pw pod/cashier-7459b56bc6-tx7pw evicted
	// 00:01:36 head-office cashier-7459b56bc6-tx7pw has left the store.
	// 00:01:36 head-office # kubectl-drain NodeDrained node/store-1 node/store-1 drained
	// 00:01:36 head-office store store-1 is empty and closed to new hires: the closing crew is done.
	// 00:01:46 store-2 # kubelet ReadyChanged pod/cashier-7459b56bc6-7fdgm Pod Ready condition is now True
	// 00:01:46 store-2 cashier-7459b56bc6-7fdgm is ready to serve customers.
	//
	// store-1 is empty and cordoned; the three cashiers work in store-2:
	//
	// NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// cashier-7459b56bc6-7fdgm   1/1     Running   0          25s   10.244.2.4   store-2   <none>           <none>
	// cashier-7459b56bc6-fhgrc   1/1     Running   0          40s   10.244.2.3   store-2   <none>           <none>
	// cashier-7459b56bc6-vckvk   1/1     Running   0          60s   10.244.2.2   store-2   <none>           <none>
	//
	// NAME       MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE
	// cashiers   2               N/A               1                     2m
	//
	// The rule never let fewer than two cashiers serve: each refusal (429) came
	// while two were on the floor, and the next cashier could go only once a
	// replacement in store-2 was ready. A drain never deletes pods itself; it
	// asks the eviction API, which checks the budget.
	//
	// What to try next: set minAvailable to 3 — no cashier may ever go, and the
	// drain asks every 5 seconds forever (kubectl drain --timeout ends it).
}
