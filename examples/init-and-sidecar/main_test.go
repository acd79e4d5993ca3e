package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Head office sends myapp-pod, whose paperwork waits for two counters that do not exist yet.
	// (Routine lines about assignments, manuals and the desk's rules are left out.)
	//
	// 00:00:00.244 store-1 kubelet Started pod/myapp-pod Started container init-myservice
	// 00:00:00.244 store-1 myapp-pod starts job init-myservice.
	//
	// At 30s the first init container is still asking for myservice: Init:0/2.
	//
	// NAME        READY   STATUS     RESTARTS   AGE
	// myapp-pod   0/1     Init:0/2   0          30s
	//
	// Head office opens the counter myservice (kubectl apply -f myservice.yaml).
	//
	// 00:00:31 store-1 # kubelet ContainerExited pod/myapp-pod Container init-myservice exited with code 0 (Completed)
	// 00:00:31 store-1 myapp-pod's job init-myservice ended (exit code 0: Completed).
	// 00:00:31 store-1 kubelet Started pod/myapp-pod Started container init-mydb
	// 00:00:31 store-1 myapp-pod starts job init-mydb.
	//
	// At 60s one of two init containers is done: Init:1/2.
	//
	// NAME        READY   STATUS     RESTARTS   AGE
	// myapp-pod   0/1     Init:1/2   0          60s
	//
	// Head office opens the counter mydb.
	//
	// 00:01:01 store-1 # kubelet ContainerExited pod/myapp-pod Container init-mydb exited with code 0 (Completed)
	// 00:01:01 store-1 myapp-pod's job init-mydb ended (exit code 0: Completed).
	// 00:01:01 store-1 kubelet Started pod/myapp-pod Started container myapp-container
	// 00:01:01 store-1 myapp-pod starts job myapp-container.
	// 00:01:01 store-1 # kubelet PhaseChanged pod/myapp-pod Pod phase Pending -> Running
	// 00:01:01 store-1 myapp-pod is on the floor.
	// 00:01:01 store-1 # kubelet ReadyChanged pod/myapp-pod Pod Ready condition is now True
	// 00:01:01 store-1 myapp-pod is ready to serve customers.
	//
	// At 70s the paperwork is done and the app runs; READY counts only the app.
	//
	// NAME        READY   STATUS    RESTARTS   AGE
	// myapp-pod   1/1     Running   0          70s
	//
	// Now a pod with a sidecar: log-shipper is an init container with restartPolicy Always.
	// Watch it start first, and keep running when nginx starts.
	//
	// 00:01:10.244 store-1 kubelet Started pod/web Started container log-shipper
	// 00:01:10.244 store-1 web starts job log-shipper.
	// 00:01:12.64 store-1 kubelet Started pod/web Started container nginx
	// 00:01:12.64 store-1 web starts job nginx.
	// 00:01:12.64 store-1 # kubelet PhaseChanged pod/web Pod phase Pending -> Running
	// 00:01:12.64 store-1 web is on the floor.
	// 00:01:12.64 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now True
	// 00:01:12.64 store-1 web is ready to serve customers.
	//
	// At 90s web shows 2/2: a sidecar counts in READY, an ordinary init container does not.
	//
	// NAME        READY   STATUS    RESTARTS   AGE
	// myapp-pod   1/1     Running   0          90s
	// web         2/2     Running   0          20s
	//
	// What to try next: delete the line `restartPolicy: Always` from log-shipper — it becomes ordinary paperwork that never ends, so nginx never starts and web stays at Init:0/1.
}
