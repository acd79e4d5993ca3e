package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Head office sends two work orders: web (nginx) and clock (a busybox shell).
	//
	// Twenty seconds in, both are at work (their arrival is told in examples/first-shift):
	//
	// NAME    READY   STATUS    RESTARTS   AGE
	// clock   1/1     Running   0          20s
	// web     1/1     Running   0          20s
	//
	// Head office deletes both pods (kubectl delete pod web clock).
	// Watch which job stops when its stop signal arrives, and which waits for SIGKILL.
	//
	// 00:00:20 store-1 # kubelet Terminating pod/web Pod is terminating with a grace period of 30s
	// 00:00:20 store-1 Head office tells store-1 to let web go; web has 30s to wrap up.
	// 00:00:20 store-1 kubelet Killing pod/web Stopping container nginx
	// 00:00:20 store-1 The store manager asks web to stop job nginx and gives them 30s to finish.
	// 00:00:20 store-1 # kubelet ContainerExited pod/web Container nginx exited with code 0 (Completed)
	// 00:00:20 store-1 web's job nginx ended (exit code 0: Completed).
	// 00:00:20 store-1 # kubelet PhaseChanged pod/web Pod phase Running -> Succeeded
	// 00:00:20 store-1 web finished the work and clocks out.
	// 00:00:20 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now False
	// 00:00:20 store-1 web is no longer serving customers.
	// 00:00:20 store-1 # kubelet Terminating pod/clock Pod is terminating with a grace period of 10s
	// 00:00:20 store-1 Head office tells store-1 to let clock go; clock has 10s to wrap up.
	// 00:00:20 store-1 kubelet Killing pod/clock Stopping container tick
	// 00:00:20 store-1 The store manager asks clock to stop job tick and gives them 10s to finish.
	// 00:00:20 store-1 # kubelet Deleted pod/web Pod removed from head office
	// 00:00:20 store-1 web's paperwork is filed away: the employee has left the store.
	//
	// At 25s web is gone; clock is Terminating: its shell ignored SIGTERM and the 10s run on.
	//
	// NAME    READY   STATUS        RESTARTS   AGE
	// clock   1/1     Terminating   0          25s
	//
	// 00:00:30 store-1 # kubelet ContainerExited pod/clock Container tick exited with code 137 (Error)
	// 00:00:30 store-1 clock's job tick ended (exit code 137: Error).
	// 00:00:30 store-1 # kubelet PhaseChanged pod/clock Pod phase Running -> Failed
	// 00:00:30 store-1 clock's shift ended in failure.
	// 00:00:30 store-1 # kubelet ReadyChanged pod/clock Pod Ready condition is now False
	// 00:00:30 store-1 clock is no longer serving customers.
	// 00:00:30 store-1 # kubelet Deleted pod/clock Pod removed from head office
	// 00:00:30 store-1 clock's paperwork is filed away: the employee has left the store.
	//
	// At 35s both are gone:
	//
	// No resources found in default namespace.
	//
	// Exit code 137 is 128 + 9: the job died of SIGKILL. A deleted pod's containers are
	// never restarted, whatever the restartPolicy. Had clock kept the default, 30s, it
	// would have held up its pod for 30 seconds: a shell as PID 1 hears SIGTERM only with a `trap`.
	//
	// What to try next: set clock's terminationGracePeriodSeconds to 3 — the shell is killed 3 seconds after the delete, at 00:00:23, still with exit code 137.
}
