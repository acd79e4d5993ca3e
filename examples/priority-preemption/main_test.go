package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/scheduler/framework/preemption/preemption.go (Preempt,
// pickOneNodeForPreemption, PreemptPod: DisruptionTarget reason
// PreemptionByScheduler, event Preempted "Preempted by pod <uid> on node
// <node>"); pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
// (SelectVictimsOnNode: the clerk started last is the victim;
// "No preemption victims found for incoming pod" for a pod of equal
// priority); pkg/scheduler/schedule_one.go (handleSchedulingFailure:
// status.nominatedNodeName); pkg/registry/core/pod/storage/storage.go
// (binding clears the nomination).
func Example() {
	main()
	// Output:
	// Two stock clerks, 1.5 cpus each, in a store of four cpus:
	//
	// 00:00:00 head-office default-scheduler Scheduled pod/stock-clerk-5f6585b7c4-6b4bz Successfully assigned default/stock-clerk-5f6585b7c4-6b4bz to store-1
	// 00:00:00 head-office Head office's staffing desk assigns stock-clerk-5f6585b7c4-6b4bz to store-1.
	// 00:00:00 head-office default-scheduler Scheduled pod/stock-clerk-5f6585b7c4-6m8bf Successfully assigned default/stock-clerk-5f6585b7c4-6m8bf to store-1
	// 00:00:00 head-office Head office's staffing desk assigns stock-clerk-5f6585b7c4-6m8bf to store-1.
	//
	// The pharmacist arrives, asking for 2 cpus, with a higher priority:
	//
	// 00:00:20 head-office default-scheduler FailedScheduling pod/pharmacist 0/1 nodes are available: 1 Insufficient cpu.
	// 00:00:20 head-office Head office's staffing desk finds no store with room for pharmacist: 0/1 nodes are available: 1 Insufficient cpu.
	// 00:00:20 head-office default-scheduler Preempted pod/stock-clerk-5f6585b7c4-6m8bf Preempted by pod 7d7e8c74-4fd2-40dd-a33b-f42744443fa1 on node store-1
	// 00:00:20 head-office Head office's staffing desk sends stock-clerk-5f6585b7c4-6m8bf home from store-1 to make room for a more important employee, pharmacist.
	// 00:00:20 store-1 kubelet Killing pod/stock-clerk-5f6585b7c4-6m8bf Stopping container shelves
	// 00:00:20 store-1 The store manager asks stock-clerk-5f6585b7c4-6m8bf to stop job shelves and gives them 30s to finish.
	// 00:00:20 head-office default-scheduler FailedScheduling pod/stock-clerk-5f6585b7c4-tx7pw 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
	// 00:00:20 head-office Head office's staffing desk finds no store with room for stock-clerk-5f6585b7c4-tx7pw: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.
	//
	// The pharmacist waits, nominated to store-1, while the clerk leaves:
	//
	// NAME                           READY   STATUS        RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// pharmacist                     0/1     Pending       0          1s    <none>       <none>    store-1          <none>
	// stock-clerk-5f6585b7c4-6b4bz   1/1     Running       0          21s   10.244.1.2   store-1   <none>           <none>
	// stock-clerk-5f6585b7c4-6m8bf   1/1     Terminating   0          21s   10.244.1.3   store-1   <none>           <none>
	// stock-clerk-5f6585b7c4-tx7pw   0/1     Pending       0          1s    <none>       <none>    <none>           <none>
	//
	// 00:00:50 head-office default-scheduler Scheduled pod/pharmacist Successfully assigned default/pharmacist to store-1
	// 00:00:50 head-office Head office's staffing desk assigns pharmacist to store-1.
	//
	// The clerk's replacement waits: a clerk cannot send anyone home.
	//
	// NAME                           READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// pharmacist                     1/1     Running   0          41s   10.244.1.4   store-1   <none>           <none>
	// stock-clerk-5f6585b7c4-6b4bz   1/1     Running   0          61s   10.244.1.2   store-1   <none>           <none>
	// stock-clerk-5f6585b7c4-tx7pw   0/1     Pending   0          41s   <none>       <none>    <none>           <none>
	//
	// What to try next: give the pharmacist preemptionPolicy: Never and watch
	// them wait; or add a PodDisruptionBudget for the clerks with minAvailable: 2
	// (a budget is a preference: with no other store, a clerk still goes).
}
