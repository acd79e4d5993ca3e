package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Two employees start work. (The lines about assigning them and fetching
	// their manuals are left out: examples/first-shift tells them.)
	// Watch who gets killed and restarted, and who is only taken off the roster.
	//
	// 00:00:00 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 1 service ports, 1 endpoints
	// 00:00:00 store-1 The customer service desk updates its routing cards.
	// 00:00:00.244 store-1 kubelet Started pod/readiness-exec Started container till
	// 00:00:00.244 store-1 readiness-exec starts job till.
	// 00:00:00.244 store-1 # kubelet ReadyChanged pod/readiness-exec Pod Ready condition is now True
	// 00:00:00.244 store-1 readiness-exec is ready to serve customers.
	// 00:00:01.22 store-1 kubelet Started pod/liveness-http Started container liveness
	// 00:00:01.22 store-1 liveness-http starts job liveness.
	// 00:00:01.22 store-1 # kubelet ReadyChanged pod/liveness-http Pod Ready condition is now True
	// 00:00:01.22 store-1 liveness-http is ready to serve customers.
	// 00:00:12 store-1 kubelet Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:12 store-1 liveness-http's job liveness did not pass a check.
	// 00:00:15 store-1 kubelet Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:15 store-1 liveness-http's job liveness did not pass a check.
	// 00:00:18 store-1 kubelet Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:18 store-1 liveness-http's job liveness did not pass a check.
	// 00:00:18 store-1 kubelet Killing pod/liveness-http Container liveness failed liveness probe, will be restarted
	// 00:00:18 store-1 The store manager asks liveness-http to stop job liveness and gives them 30s to finish.
	// 00:00:18 store-1 # kubelet ContainerExited pod/liveness-http Container liveness exited with code 2 (Error)
	// 00:00:18 store-1 liveness-http's job liveness ended (exit code 2: Error).
	// 00:00:18 store-1 # kubelet ReadyChanged pod/liveness-http Pod Ready condition is now False
	// 00:00:18 store-1 liveness-http is no longer serving customers.
	// 00:00:18 store-1 kubelet Started pod/liveness-http Started container liveness
	// 00:00:18 store-1 liveness-http starts job liveness.
	// 00:00:18 store-1 # kubelet ReadyChanged pod/liveness-http Pod Ready condition is now True
	// 00:00:18 store-1 liveness-http is ready to serve customers.
	// 00:00:20.244 store-1 kubelet Unhealthy pod/readiness-exec Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory
	// 00:00:20.244 store-1 readiness-exec's job till did not pass a check.
	//
	// At 25s: liveness-http failed its liveness probe three times in a row, was killed and restarted;
	// readiness-exec has failed its readiness probe once, which changes nothing yet:
	//
	// NAME             READY   STATUS    RESTARTS     AGE
	// liveness-http    1/1     Running   1 (7s ago)   25s
	// readiness-exec   1/1     Running   0            25s
	//
	// 00:00:25.244 store-1 kubelet Unhealthy pod/readiness-exec Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory
	// 00:00:25.244 store-1 readiness-exec's job till did not pass a check.
	// 00:00:30 store-1 kubelet Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:30 store-1 liveness-http's job liveness did not pass a check.
	// 00:00:30.244 store-1 kubelet Unhealthy pod/readiness-exec Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory
	// 00:00:30.244 store-1 readiness-exec's job till did not pass a check.
	// 00:00:30.244 store-1 # kubelet ReadyChanged pod/readiness-exec Pod Ready condition is now False
	// 00:00:30.244 store-1 readiness-exec is no longer serving customers.
	// 00:00:30.244 store-1 kubelet Unhealthy pod/readiness-exec Readiness probe failed: cat: can't open '/tmp/ready': No such file or directory
	// 00:00:30.244 store-1 readiness-exec's job till did not pass a check.
	//
	// At 32s: the third readiness failure in a row made readiness-exec not Ready (0/1),
	// but it is still Running, with no restart:
	//
	// NAME             READY   STATUS    RESTARTS      AGE
	// liveness-http    1/1     Running   1 (14s ago)   32s
	// readiness-exec   0/1     Running   0             32s
	//
	// 00:00:33 store-1 kubelet Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:33 store-1 liveness-http's job liveness did not pass a check.
	// 00:00:35.244 store-1 # kubelet ReadyChanged pod/readiness-exec Pod Ready condition is now True
	// 00:00:35.244 store-1 readiness-exec is ready to serve customers.
	// 00:00:36 store-1 kubelet Unhealthy pod/liveness-http Liveness probe failed: HTTP probe failed with statuscode: 500
	// 00:00:36 store-1 liveness-http's job liveness did not pass a check.
	// 00:00:36 store-1 kubelet Killing pod/liveness-http Container liveness failed liveness probe, will be restarted
	// 00:00:36 store-1 The store manager asks liveness-http to stop job liveness and gives them 30s to finish.
	// 00:00:36 store-1 # kubelet ContainerExited pod/liveness-http Container liveness exited with code 2 (Error)
	// 00:00:36 store-1 liveness-http's job liveness ended (exit code 2: Error).
	// 00:00:36 store-1 # kubelet ReadyChanged pod/liveness-http Pod Ready condition is now False
	// 00:00:36 store-1 liveness-http is no longer serving customers.
	// 00:00:36 store-1 kubelet BackOff pod/liveness-http Back-off restarting failed container liveness in pod liveness-http_default
	// 00:00:36 store-1 liveness-http keeps walking out of job liveness; the manager will wait 10s before calling them back.
	// 00:00:37 store-1 kubelet BackOff pod/liveness-http Back-off restarting failed container liveness in pod liveness-http_default
	// 00:00:37 store-1 liveness-http keeps walking out of job liveness; the manager will wait 10s before calling them back.
	//
	// At 40s: readiness-exec is Ready again after one good answer; liveness-http, killed a second
	// time, waits out a back-off before its next restart, like any container that keeps exiting:
	//
	// NAME             READY   STATUS             RESTARTS     AGE
	// liveness-http    0/1     CrashLoopBackOff   1 (4s ago)   40s
	// readiness-exec   1/1     Running            0            40s
	//
	// A liveness failure is answered by a restart; a readiness failure only by leaving the
	// customer roster (the EndpointSlice), so no Service sends it customers meanwhile.
	// Both count failures in a row: only the third (failureThreshold 3) acts.
	//
	// What to try next: add `failureThreshold: 1` to readiness-exec's readinessProbe — it leaves the roster at its first failure, at 20s, and the 25s table already shows 0/1.
}
