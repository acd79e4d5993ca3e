package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Head office sends a work order: one cashier for store-1.
	//
	// 00:00:00 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 1 service ports, 1 endpoints
	// 00:00:00 store-1 The customer service desk updates its routing cards.
	// 00:00:00 head-office default-scheduler Scheduled pod/cashier Successfully assigned default/cashier to store-1
	// 00:00:00 head-office Head office's staffing desk assigns cashier to store-1.
	// 00:00:00 store-1 kubelet Pulling pod/cashier Pulling image "busybox:1.36"
	// 00:00:00 store-1 The store manager sends to the warehouse for the training manual for cashier's job till (busybox:1.36).
	// 00:00:00.244 store-1 kubelet Pulled pod/cashier Successfully pulled image "busybox:1.36" in 244ms (244ms including waiting). Image size: 2200000 bytes.
	// 00:00:00.244 store-1 The store manager has the training manual for cashier's job till (busybox:1.36): fetched from the warehouse in 244ms.
	// 00:00:00.244 store-1 kubelet Created pod/cashier Created container: till
	// 00:00:00.244 store-1 The training department prepares job till for cashier.
	// 00:00:00.244 store-1 kubelet Started pod/cashier Started container till
	// 00:00:00.244 store-1 cashier starts job till.
	// 00:00:00.244 store-1 # kubelet PhaseChanged pod/cashier Pod phase Pending -> Running
	// 00:00:00.244 store-1 cashier is on the floor.
	// 00:00:00.244 store-1 # kubelet ReadyChanged pod/cashier Pod Ready condition is now True
	// 00:00:00.244 store-1 cashier is ready to serve customers.
	//
	// Ten seconds in, `kubectl get pods` shows:
	//
	// NAME      READY   STATUS    RESTARTS   AGE
	// cashier   1/1     Running   0          10s
	//
	// 00:00:21 store-1 # kubelet ContainerExited pod/cashier Container till exited with code 0 (Completed)
	// 00:00:21 store-1 cashier's job till ended (exit code 0: Completed).
	// 00:00:21 store-1 # kubelet PhaseChanged pod/cashier Pod phase Running -> Succeeded
	// 00:00:21 store-1 cashier finished the work and clocks out.
	// 00:00:21 store-1 # kubelet ReadyChanged pod/cashier Pod Ready condition is now False
	// 00:00:21 store-1 cashier is no longer serving customers.
	//
	// A minute in, the shift is over:
	//
	// NAME      READY   STATUS      RESTARTS   AGE
	// cashier   0/1     Completed   0          60s
	//
	// Head office deletes the finished pod.
	//
	// 00:01:00 store-1 # kubelet Deleted pod/cashier Pod removed from head office
	// 00:01:00 store-1 cashier's paperwork is filed away: the employee has left the store.
}
