package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: kubelet.md §8.2 (OOMKilled, exit code 137), §3 (CrashLoopBackOff);
// the documentation's assign-memory-resource task (memory-demo-2); QoS classes
// from pkg/apis/core/v1/helper/qos.
func Example() {
	main()
	// Output:
	// Three employees ask for room in three ways: ledger asks for exactly what it
	// may use, checkout asks for less than its ceiling, cache asks for nothing.
	//
	// Head office files each under a QoS class (status.qosClass):
	//
	// NAME       REQUESTS                   LIMITS                     QOS
	// cache      <none>                     <none>                     BestEffort
	// checkout   memory=100Mi               memory=300Mi               Burstable
	// ledger     cpu=100m,memory=200Mi      cpu=100m,memory=200Mi      Guaranteed
	//
	// Now the documentation's stress pod: it asks for 50Mi, may use at most 100Mi,
	// and tries to use 250M. Only its story is told from here on.
	//
	// 00:00:05 head-office default-scheduler Scheduled pod/memory-demo-2 Successfully assigned mem-example/memory-demo-2 to store-1
	// 00:00:05 head-office Head office's staffing desk assigns memory-demo-2 to store-1.
	// 00:00:05 store-1 kubelet Pulling pod/memory-demo-2 Pulling image "polinux/stress"
	// 00:00:05 store-1 The store manager sends to the warehouse for the training manual for memory-demo-2's job memory-demo-2-ctr (polinux/stress).
	// 00:00:05.28 store-1 kubelet Pulled pod/memory-demo-2 Successfully pulled image "polinux/stress" in 280ms (280ms including waiting). Image size: 4000000 bytes.
	// 00:00:05.28 store-1 The store manager has the training manual for memory-demo-2's job memory-demo-2-ctr (polinux/stress): fetched from the warehouse in 280ms.
	// 00:00:05.28 store-1 kubelet Created pod/memory-demo-2 Created container: memory-demo-2-ctr
	// 00:00:05.28 store-1 The training department prepares job memory-demo-2-ctr for memory-demo-2.
	// 00:00:05.28 store-1 kubelet Started pod/memory-demo-2 Started container memory-demo-2-ctr
	// 00:00:05.28 store-1 memory-demo-2 starts job memory-demo-2-ctr.
	// 00:00:05.28 store-1 # kubelet PhaseChanged pod/memory-demo-2 Pod phase Pending -> Running
	// 00:00:05.28 store-1 memory-demo-2 is on the floor.
	// 00:00:05.28 store-1 # kubelet ReadyChanged pod/memory-demo-2 Pod Ready condition is now True
	// 00:00:05.28 store-1 memory-demo-2 is ready to serve customers.
	// 00:00:06 store-1 # kubelet ContainerExited pod/memory-demo-2 Container memory-demo-2-ctr exited with code 137 (OOMKilled)
	// 00:00:06 store-1 memory-demo-2's job memory-demo-2-ctr ended (exit code 137: OOMKilled).
	// 00:00:06 store-1 # kubelet ReadyChanged pod/memory-demo-2 Pod Ready condition is now False
	// 00:00:06 store-1 memory-demo-2 is no longer serving customers.
	// 00:00:06 store-1 kubelet Pulling pod/memory-demo-2 Pulling image "polinux/stress"
	// 00:00:06 store-1 The store manager sends to the warehouse for the training manual for memory-demo-2's job memory-demo-2-ctr (polinux/stress).
	// 00:00:06.28 store-1 kubelet Pulled pod/memory-demo-2 Successfully pulled image "polinux/stress" in 280ms (280ms including waiting). Image size: 4000000 bytes.
	// 00:00:06.28 store-1 The store manager has the training manual for memory-demo-2's job memory-demo-2-ctr (polinux/stress): fetched from the warehouse in 280ms.
	// 00:00:06.28 store-1 kubelet Created pod/memory-demo-2 Created container: memory-demo-2-ctr
	// 00:00:06.28 store-1 The training department prepares job memory-demo-2-ctr for memory-demo-2.
	// 00:00:06.28 store-1 kubelet Started pod/memory-demo-2 Started container memory-demo-2-ctr
	// 00:00:06.28 store-1 memory-demo-2 starts job memory-demo-2-ctr.
	// 00:00:06.28 store-1 # kubelet ReadyChanged pod/memory-demo-2 Pod Ready condition is now True
	// 00:00:06.28 store-1 memory-demo-2 is ready to serve customers.
	// 00:00:07 store-1 # kubelet ContainerExited pod/memory-demo-2 Container memory-demo-2-ctr exited with code 137 (OOMKilled)
	// 00:00:07 store-1 memory-demo-2's job memory-demo-2-ctr ended (exit code 137: OOMKilled).
	// 00:00:07 store-1 # kubelet ReadyChanged pod/memory-demo-2 Pod Ready condition is now False
	// 00:00:07 store-1 memory-demo-2 is no longer serving customers.
	// 00:00:07 store-1 kubelet BackOff pod/memory-demo-2 Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_mem-example
	// 00:00:07 store-1 memory-demo-2 keeps walking out of job memory-demo-2-ctr; the manager will wait 10s before calling them back.
	// 00:00:16.376679688 store-1 kubelet Pulling pod/memory-demo-2 Pulling image "polinux/stress"
	// 00:00:16.376679688 store-1 The store manager sends to the warehouse for the training manual for memory-demo-2's job memory-demo-2-ctr (polinux/stress).
	// 00:00:16.656679688 store-1 kubelet Pulled pod/memory-demo-2 Successfully pulled image "polinux/stress" in 280ms (280ms including waiting). Image size: 4000000 bytes.
	// 00:00:16.656679688 store-1 The store manager has the training manual for memory-demo-2's job memory-demo-2-ctr (polinux/stress): fetched from the warehouse in 280ms.
	// 00:00:16.656679688 store-1 kubelet Created pod/memory-demo-2 Created container: memory-demo-2-ctr
	// 00:00:16.656679688 store-1 The training department prepares job memory-demo-2-ctr for memory-demo-2.
	// 00:00:16.656679688 store-1 kubelet Started pod/memory-demo-2 Started container memory-demo-2-ctr
	// 00:00:16.656679688 store-1 memory-demo-2 starts job memory-demo-2-ctr.
	// 00:00:16.656679688 store-1 # kubelet ReadyChanged pod/memory-demo-2 Pod Ready condition is now True
	// 00:00:16.656679688 store-1 memory-demo-2 is ready to serve customers.
	// 00:00:17 store-1 # kubelet ContainerExited pod/memory-demo-2 Container memory-demo-2-ctr exited with code 137 (OOMKilled)
	// 00:00:17 store-1 memory-demo-2's job memory-demo-2-ctr ended (exit code 137: OOMKilled).
	// 00:00:17 store-1 # kubelet ReadyChanged pod/memory-demo-2 Pod Ready condition is now False
	// 00:00:17 store-1 memory-demo-2 is no longer serving customers.
	// 00:00:17 store-1 kubelet BackOff pod/memory-demo-2 Back-off restarting failed container memory-demo-2-ctr in pod memory-demo-2_mem-example
	// 00:00:17 store-1 memory-demo-2 keeps walking out of job memory-demo-2-ctr; the manager will wait 20s before calling them back.
	//
	// Fifteen seconds later (kubectl get pods -n mem-example):
	//
	// NAME            READY   STATUS             RESTARTS     AGE
	// memory-demo-2   0/1     CrashLoopBackOff   2 (3s ago)   15s
	//
	// State:      Waiting (CrashLoopBackOff)
	// Last State: Terminated (OOMKilled, exit code 137)
	// QoS Class:  Burstable
	//
	// The limit is enforced by the kernel, not by the store manager: the job is
	// killed with SIGKILL (128 + 9 = 137), and the manager only reads the reason.
	// It then treats the exit like any other: restart, with a back-off that doubles.
	//
	// What to try next: change `--vm-bytes` to `"80M"` — stress stays under its 100Mi limit and memory-demo-2 keeps Running with 0 restarts.
}
