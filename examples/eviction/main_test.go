package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: kubelet.md §9.4 (ranking, Evicted message), §9.2 (MemoryPressure),
// §9.1 (evictionHard memory.available<100Mi, evictionPressureTransitionPeriod 5m),
// §9.3 (memory-pressure taint).
func Example() {
	main()
	// Output:
	// A small store with 1Gi of memory; head office may place 924Mi of requests
	// there (allocatable = capacity - the 100Mi eviction threshold):
	//
	// NAME      STATUS   ROLES    AGE   VERSION
	// store-1   Ready    <none>   0s    v1.35.0
	//
	// At 1m30s, each employee's memory against what it asked for:
	//
	// NAME       MEMORY   REQUEST  QOS
	// cache      200Mi    0Mi      BestEffort
	// checkout   300Mi    400Mi    Burstable
	// ledger     250Mi    300Mi    Guaranteed
	// memory.available = 1024Mi - 750Mi = 274Mi (hard threshold: 100Mi)
	//
	// From here on, only the store's memory story is told.
	//
	// 00:01:50 store-1 kubelet Evicted pod/cache The node was low on resource: memory. Threshold quantity: 100Mi, available: 54Mi. Container app was using 300Mi, request is 0, has larger consumption of memory.
	// 00:01:50 store-1 The store is overcrowded, so the store manager sends cache home.
	// 00:01:50 store-1 kubelet Killing pod/cache Stopping container app
	// 00:01:50 store-1 The store manager asks cache to stop job app and gives them 2s to finish.
	// 00:01:50 store-1 kubelet NodeHasInsufficientMemory node/store-1 Node store-1 status is now: NodeHasInsufficientMemory
	// 00:01:50 store-1 store-1 is running short of memory; employees may be sent home.
	// 00:01:52 store-1 # kubelet ContainerExited pod/cache Container app exited with code 137 (Error)
	// 00:01:52 store-1 cache's job app ended (exit code 137: Error).
	//
	// At 2m, the cache is gone; checkout, 20Mi over its request, stays:
	//
	// NAME       MEMORY   REQUEST  QOS
	// cache      0Mi      0Mi      BestEffort
	// checkout   420Mi    400Mi    Burstable
	// ledger     250Mi    300Mi    Guaranteed
	// memory.available = 1024Mi - 670Mi = 354Mi (hard threshold: 100Mi)
	//
	// Both cache and checkout used more than they asked for; the manager ranks
	// by that first, then by priority, then by how far over: cache, 300Mi over,
	// goes first. A BestEffort pod asked for nothing, so it is always over.
	//
	// The store, from kubectl describe node store-1:
	//
	// Taints: node.kubernetes.io/memory-pressure:NoSchedule
	// TYPE            STATUS  REASON
	// MemoryPressure  True    KubeletHasInsufficientMemory
	// Ready           True    KubeletReady
	//
	// While MemoryPressure is True, head office's staffing desk places no new
	// employee here (the taint), and the manager turns away at the door any
	// BestEffort employee sent straight to it. The condition stays True for 5
	// minutes after the threshold was last crossed (evictionPressureTransitionPeriod):
	//
	// 00:06:50 store-1 kubelet NodeHasSufficientMemory node/store-1 Node store-1 status is now: NodeHasSufficientMemory
	// 00:06:50 store-1 store-1 has enough memory to go around.
	//
	// At 7m (kubectl get pods):
	//
	// NAME       READY   STATUS    RESTARTS   AGE
	// cache      0/1     Error     0          7m
	// checkout   1/1     Running   0          7m
	// ledger     1/1     Running   0          7m
	//
	// STATUS shows the container's last reason; the pod's own status says why:
	//
	//   phase: Failed
	//   reason: Evicted
	//   message: "The node was low on resource: memory. Threshold quantity: 100Mi, available: 54Mi. Container app was using 300Mi, request is 0, has larger consumption of memory. "
	//
	// The evicted pod is not restarted: its phase is Failed. Only a controller
	// (a Deployment's ReplicaSet) would hire a replacement, on a store with room.
	//
	// What to try next: give cache `resources: {requests: {memory: 200Mi}, limits: {memory: 200Mi}}` — its own limit stops it: cache is OOMKilled each time it grows past 200Mi, and the store never runs short of memory.
}
