package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/controller/daemon/daemon_controller.go (addNode enqueues
// every DaemonSet; NodeShouldRunDaemonPod keeps the greeter off a store
// whose NoSchedule taint it does not tolerate; updateDaemonSetStatus
// counts DESIRED over the stores that should run it);
// pkg/controller/daemon/util/daemonset_util.go (ReplaceDaemonSetPodNodeNameNodeAffinity:
// the pod is pinned to its store and bound by the default scheduler).
func Example() {
	main()
	// Output:
	// Two stores, a greeter at each door:
	//
	// NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
	// greeter   2         2         2       2            2           <none>          30s
	//
	// NAME            READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// greeter-4qr9c   1/1     Running   0          30s   10.244.2.2   store-2   <none>           <none>
	// greeter-xn4fb   1/1     Running   0          30s   10.244.1.2   store-1   <none>           <none>
	//
	// 00:00:30 -- store-3 opens (a node joins the cluster)
	//
	// 00:00:30 head-office daemonset-controller SuccessfulCreate daemonset/greeter Created pod: greeter-2s2gx
	// 00:00:30 head-office Head office's door rule hires greeter greeter-2s2gx for store-3's door (team greeter).
	// 00:00:30 head-office default-scheduler Scheduled pod/greeter-2s2gx Successfully assigned default/greeter-2s2gx to store-3
	// 00:00:30 head-office Head office's staffing desk assigns greeter-2s2gx to store-3.
	// 00:00:31.64 store-3 kubelet Started pod/greeter-2s2gx Started container greeter
	// 00:00:31.64 store-3 greeter-2s2gx starts job greeter.
	//
	// 00:01:00 -- store-4 opens, reserved for deliveries (taint dedicated=deliveries:NoSchedule)
	//
	// (nothing: the greeter does not tolerate the taint)
	//
	// NAME      DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
	// greeter   3         3         3       3            3           <none>          90s
	//
	// NAME            READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// greeter-2s2gx   1/1     Running   0          60s   10.244.3.2   store-3   <none>           <none>
	// greeter-4qr9c   1/1     Running   0          90s   10.244.2.2   store-2   <none>           <none>
	// greeter-xn4fb   1/1     Running   0          90s   10.244.1.2   store-1   <none>           <none>
	//
	// Nobody asked for the third greeter: the controller watches the stores
	// (nodes) as well as its own DaemonSet, and a new store that the template
	// may work at gets its pod. DESIRED counts those stores, so it grew from 2
	// to 3 and not to 4.
	//
	// What to try next: give the greeter a toleration (key: dedicated,
	// operator: Exists) and store-4 gets one too; or a nodeSelector, and only
	// the stores with that label do.
}
