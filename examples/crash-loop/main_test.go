package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Head office sends a work order: web, whose job walks out after five seconds.
	// Watch the first two exits: the first is answered at once, the second with a BackOff.
	//
	// 00:00:00 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 1 service ports, 1 endpoints
	// 00:00:00 store-1 The customer service desk updates its routing cards.
	// 00:00:00 head-office default-scheduler Scheduled pod/web Successfully assigned default/web to store-1
	// 00:00:00 head-office Head office's staffing desk assigns web to store-1.
	// 00:00:00 store-1 kubelet Pulling pod/web Pulling image "busybox:1.36"
	// 00:00:00 store-1 The store manager sends to the warehouse for the training manual for web's job app (busybox:1.36).
	// 00:00:00.244 store-1 kubelet Pulled pod/web Successfully pulled image "busybox:1.36" in 244ms (244ms including waiting). Image size: 2200000 bytes.
	// 00:00:00.244 store-1 The store manager has the training manual for web's job app (busybox:1.36): fetched from the warehouse in 244ms.
	// 00:00:00.244 store-1 kubelet Created pod/web Created container: app
	// 00:00:00.244 store-1 The training department prepares job app for web.
	// 00:00:00.244 store-1 kubelet Started pod/web Started container app
	// 00:00:00.244 store-1 web starts job app.
	// 00:00:00.244 store-1 # kubelet PhaseChanged pod/web Pod phase Pending -> Running
	// 00:00:00.244 store-1 web is on the floor.
	// 00:00:00.244 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now True
	// 00:00:00.244 store-1 web is ready to serve customers.
	// 00:00:06 store-1 # kubelet ContainerExited pod/web Container app exited with code 1 (Error)
	// 00:00:06 store-1 web's job app ended (exit code 1: Error).
	// 00:00:06 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now False
	// 00:00:06 store-1 web is no longer serving customers.
	// 00:00:06 store-1 kubelet Pulled pod/web Container image "busybox:1.36" already present on machine
	// 00:00:06 store-1 The training manual for web's job app (busybox:1.36) is already on the shelf.
	// 00:00:06 store-1 kubelet Created pod/web Created container: app
	// 00:00:06 store-1 The training department prepares job app for web.
	// 00:00:06 store-1 kubelet Started pod/web Started container app
	// 00:00:06 store-1 web starts job app.
	// 00:00:06 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now True
	// 00:00:06 store-1 web is ready to serve customers.
	// 00:00:11 store-1 # kubelet ContainerExited pod/web Container app exited with code 1 (Error)
	// 00:00:11 store-1 web's job app ended (exit code 1: Error).
	// 00:00:11 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now False
	// 00:00:11 store-1 web is no longer serving customers.
	// 00:00:11 store-1 kubelet BackOff pod/web Back-off restarting failed container app in pod web_default
	// 00:00:11 store-1 web keeps walking out of job app; the manager will wait 10s before calling them back.
	//
	// Fifteen seconds in, the manager is waiting before the next call-back:
	//
	// NAME   READY   STATUS             RESTARTS     AGE
	// web    0/1     CrashLoopBackOff   1 (4s ago)   15s
	//
	// State:      Waiting (CrashLoopBackOff)
	// Last State: Terminated (Error, exit code 1)
	//
	// On a real cluster STATUS may read Error for a moment after an exit, until the
	// kubelet's next sync; nucleus reports the back-off in the same sync.
	//
	// From here on, one line per restart: see how the wait after each exit doubles.
	//
	// 00:00:21 store-1 restart 2: web starts job app again, 10s after it walked out at 00:00:11.
	// 00:00:46 store-1 restart 3: web starts job app again, 20s after it walked out at 00:00:26.
	//
	// At 50s the job is back at work; RESTARTS says how long ago it last walked out:
	//
	// NAME   READY   STATUS    RESTARTS      AGE
	// web    1/1     Running   3 (24s ago)   50s
	//
	// 00:01:31 store-1 restart 4: web starts job app again, 40s after it walked out at 00:00:51.
	// 00:02:56 store-1 restart 5: web starts job app again, 80s after it walked out at 00:01:36.
	// 00:05:41 store-1 restart 6: web starts job app again, 160s after it walked out at 00:03:01.
	//
	// Six minutes in, RESTARTS counts every call-back and says when the last exit was:
	//
	// NAME   READY   STATUS             RESTARTS      AGE
	// web    0/1     CrashLoopBackOff   6 (14s ago)   6m
	//
	// 00:10:46 store-1 restart 7: web starts job app again, 300s after it walked out at 00:05:46.
	//
	// The wait stops growing at five minutes (300s). It goes back to 10s only
	// after the job has stayed up, with no new back-off, for ten minutes.
	// The manager never hires a new employee: it is the same pod, restarted in place.
	//
	// What to try next: add `restartPolicy: OnFailure` and change `exit 1` to `exit 0` — the job ends cleanly once, is never called back, and the pod shows Completed with 0 restarts.
}
