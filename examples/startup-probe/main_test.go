package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Two employees start the same slow job: it answers nothing for its first 40 seconds.
	// (Arrival lines are left out, and of the startup probe's failures only the first is told.)
	//
	// 00:00:00 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 1 service ports, 1 endpoints
	// 00:00:00 store-1 The customer service desk updates its routing cards.
	// 00:00:00.6 store-1 kubelet Started pod/with-startup Started container app
	// 00:00:00.6 store-1 with-startup starts job app.
	// 00:00:00.6 store-1 kubelet Started pod/without-startup Started container app
	// 00:00:00.6 store-1 without-startup starts job app.
	// 00:00:00.6 store-1 # kubelet ReadyChanged pod/without-startup Pod Ready condition is now True
	// 00:00:00.6 store-1 without-startup is ready to serve customers.
	// 00:00:02 store-1 kubelet Unhealthy pod/with-startup Startup probe failed: Get "http://10.244.1.2:8080/healthz": dial tcp 10.244.1.2:8080: connect: connection refused
	// 00:00:02 store-1 with-startup's job app did not pass a check.
	// 00:00:10 store-1 kubelet Unhealthy pod/without-startup Liveness probe failed: Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused
	// 00:00:10 store-1 without-startup's job app did not pass a check.
	// 00:00:20 store-1 kubelet Unhealthy pod/without-startup Liveness probe failed: Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused
	// 00:00:20 store-1 without-startup's job app did not pass a check.
	// 00:00:30 store-1 kubelet Unhealthy pod/without-startup Liveness probe failed: Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused
	// 00:00:30 store-1 without-startup's job app did not pass a check.
	// 00:00:30 store-1 kubelet Killing pod/without-startup Container app failed liveness probe, will be restarted
	// 00:00:30 store-1 The store manager asks without-startup to stop job app and gives them 30s to finish.
	// 00:00:30 store-1 # kubelet ContainerExited pod/without-startup Container app exited with code 0 (Completed)
	// 00:00:30 store-1 without-startup's job app ended (exit code 0: Completed).
	// 00:00:30 store-1 # kubelet ReadyChanged pod/without-startup Pod Ready condition is now False
	// 00:00:30 store-1 without-startup is no longer serving customers.
	// 00:00:30 store-1 kubelet Started pod/without-startup Started container app
	// 00:00:30 store-1 without-startup starts job app.
	// 00:00:30 store-1 # kubelet ReadyChanged pod/without-startup Pod Ready condition is now True
	// 00:00:30 store-1 without-startup is ready to serve customers.
	//
	// At 35s, neither answers yet. without-startup failed its liveness probe three times and
	// was restarted; with-startup's liveness probe has not run at all:
	//
	// NAME              READY   STATUS    RESTARTS     AGE
	// with-startup      0/1     Running   0            35s
	// without-startup   1/1     Running   1 (5s ago)   35s
	//
	// (with-startup's startup probe has failed 17 times so far; it may fail 30 times in a row.)
	//
	// 00:00:40 store-1 kubelet Unhealthy pod/without-startup Liveness probe failed: Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused
	// 00:00:40 store-1 without-startup's job app did not pass a check.
	// 00:00:42 store-1 # kubelet ReadyChanged pod/with-startup Pod Ready condition is now True
	// 00:00:42 store-1 with-startup is ready to serve customers.
	// 00:00:50 store-1 kubelet Unhealthy pod/without-startup Liveness probe failed: Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused
	// 00:00:50 store-1 without-startup's job app did not pass a check.
	// 00:01:00 store-1 kubelet Unhealthy pod/without-startup Liveness probe failed: Get "http://10.244.1.3:8080/healthz": dial tcp 10.244.1.3:8080: connect: connection refused
	// 00:01:00 store-1 without-startup's job app did not pass a check.
	// 00:01:00 store-1 kubelet Killing pod/without-startup Container app failed liveness probe, will be restarted
	// 00:01:00 store-1 The store manager asks without-startup to stop job app and gives them 30s to finish.
	// 00:01:00 store-1 # kubelet ContainerExited pod/without-startup Container app exited with code 0 (Completed)
	// 00:01:00 store-1 without-startup's job app ended (exit code 0: Completed).
	// 00:01:00 store-1 # kubelet ReadyChanged pod/without-startup Pod Ready condition is now False
	// 00:01:00 store-1 without-startup is no longer serving customers.
	// 00:01:00 store-1 kubelet BackOff pod/without-startup Back-off restarting failed container app in pod without-startup_default
	// 00:01:00 store-1 without-startup keeps walking out of job app; the manager will wait 10s before calling them back.
	//
	// At 60s, with-startup passed its startup probe and is Ready; without-startup is killed
	// again, and now waits out a back-off:
	//
	// NAME              READY   STATUS             RESTARTS     AGE
	// with-startup      1/1     Running            0            60s
	// without-startup   0/1     CrashLoopBackOff   1 (0s ago)   60s
	//
	// without-startup will never get to 40 seconds: each life ends at the third liveness
	// failure, 30s in, and the waits between lives grow to five minutes. Note too that it
	// showed 1/1 while answering nothing: with no readiness probe, started means Ready.
	//
	// What to try next: add `initialDelaySeconds: 45` to without-startup's livenessProbe — its first liveness check comes after it is up, so it is never killed and shows 1/1 with 0 restarts.
}
