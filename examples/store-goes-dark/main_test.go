package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: kubelet.md §9.3 (50s grace, NodeStatusUnknown, unreachable taint,
// 300s DefaultTolerationSeconds), §9.1 (Lease every 10s), §6.1 (graceful delete).
func Example() {
	main()
	// Output:
	//
	// One minute in, the staffing desk has spread six employees over three stores (kubectl get pods -o wide):
	//
	// NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// web-6b47cb999c-6b4bz   1/1     Running   0          60s   10.244.1.2   store-1   <none>           <none>
	// web-6b47cb999c-6m8bf   1/1     Running   0          60s   10.244.3.2   store-3   <none>           <none>
	// web-6b47cb999c-7fdgm   1/1     Running   0          60s   10.244.3.3   store-3   <none>           <none>
	// web-6b47cb999c-fhgrc   1/1     Running   0          60s   10.244.2.3   store-2   <none>           <none>
	// web-6b47cb999c-tx7pw   1/1     Running   0          60s   10.244.2.2   store-2   <none>           <none>
	// web-6b47cb999c-vckvk   1/1     Running   0          60s   10.244.1.3   store-1   <none>           <none>
	//
	// Now store-2 loses its power. From here on, only head office's side of the
	// story is told, in Kubernetes' words and then in the store's voice.
	//
	// 00:01:00 store-2 # nucleus PowerOff node/store-2 The store lost power: every container stopped, the kubelet with them
	// 00:01:00 store-2 store-2 goes dark: the power is out, and every job on the floor stops.
	// 00:01:55 head-office node-controller NodeNotReady node/store-2 Node store-2 status is now: NodeNotReady
	// 00:01:55 head-office store-2 is not ready for employees.
	//
	// At 2m (kubectl get nodes): a node whose Ready condition is Unknown reads NotReady.
	//
	// NAME      STATUS     ROLES    AGE   VERSION
	// store-1   Ready      <none>   2m    v1.35.0
	// store-2   NotReady   <none>   2m    v1.35.0
	// store-3   Ready      <none>   2m    v1.35.0
	//
	// Taints:   node.kubernetes.io/unreachable:NoExecute
	// Taints:   node.kubernetes.io/unreachable:NoSchedule
	// Ready:    Unknown   NodeStatusUnknown   Kubelet stopped posting node status.
	//
	// Nothing else happens for five minutes: every pod tolerates the unreachable
	// taint for 300s, in case the store is only briefly out of touch.
	//
	// 00:06:55 head-office taint-eviction-controller TaintManagerEviction pod/web-6b47cb999c-fhgrc Marking for deletion Pod default/web-6b47cb999c-fhgrc
	// 00:06:55 head-office Head office gives up waiting for web-6b47cb999c-fhgrc's store and lets web-6b47cb999c-fhgrc go.
	// 00:06:55 head-office taint-eviction-controller TaintManagerEviction pod/web-6b47cb999c-tx7pw Marking for deletion Pod default/web-6b47cb999c-tx7pw
	// 00:06:55 head-office Head office gives up waiting for web-6b47cb999c-tx7pw's store and lets web-6b47cb999c-tx7pw go.
	// 00:06:55 head-office replicaset-controller SuccessfulCreate replicaset/web-6b47cb999c Created pod: web-6b47cb999c-c6h5m
	// 00:06:55 head-office Head office's staffing plan hires web-6b47cb999c-c6h5m for team web-6b47cb999c.
	// 00:06:55 head-office replicaset-controller SuccessfulCreate replicaset/web-6b47cb999c Created pod: web-6b47cb999c-ttq2l
	// 00:06:55 head-office Head office's staffing plan hires web-6b47cb999c-ttq2l for team web-6b47cb999c.
	// 00:06:55 head-office default-scheduler Scheduled pod/web-6b47cb999c-c6h5m Successfully assigned default/web-6b47cb999c-c6h5m to store-1
	// 00:06:55 head-office Head office's staffing desk assigns web-6b47cb999c-c6h5m to store-1.
	// 00:06:55 head-office default-scheduler Scheduled pod/web-6b47cb999c-ttq2l Successfully assigned default/web-6b47cb999c-ttq2l to store-3
	// 00:06:55 head-office Head office's staffing desk assigns web-6b47cb999c-ttq2l to store-3.
	//
	// At 7m, six employees work on store-1 and store-3; store-2's two wait, Terminating:
	//
	// NAME                   READY   STATUS        RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// web-6b47cb999c-6b4bz   1/1     Running       0          7m    10.244.1.2   store-1   <none>           <none>
	// web-6b47cb999c-6m8bf   1/1     Running       0          7m    10.244.3.2   store-3   <none>           <none>
	// web-6b47cb999c-7fdgm   1/1     Running       0          7m    10.244.3.3   store-3   <none>           <none>
	// web-6b47cb999c-c6h5m   1/1     Running       0          5s    10.244.1.4   store-1   <none>           <none>
	// web-6b47cb999c-fhgrc   1/1     Terminating   0          7m    10.244.2.3   store-2   <none>           <none>
	// web-6b47cb999c-ttq2l   1/1     Running       0          5s    10.244.3.4   store-3   <none>           <none>
	// web-6b47cb999c-tx7pw   1/1     Terminating   0          7m    10.244.2.2   store-2   <none>           <none>
	// web-6b47cb999c-vckvk   1/1     Running       0          7m    10.244.1.3   store-1   <none>           <none>
	//
	// Head office cannot finish a graceful delete alone: the store manager must
	// confirm the containers are gone. Now store-2's power comes back.
	//
	// 00:07:00 store-2 # nucleus PowerOn node/store-2 The store has power again: the kubelet starts
	// 00:07:00 store-2 The lights come back on at store-2; the store manager starts the day again.
	// 00:07:00 store-2 # kubelet Deleted pod/web-6b47cb999c-fhgrc Pod removed from head office
	// 00:07:00 store-2 web-6b47cb999c-fhgrc's paperwork is filed away: the employee has left the store.
	// 00:07:00 store-2 # kubelet Deleted pod/web-6b47cb999c-tx7pw Pod removed from head office
	// 00:07:00 store-2 web-6b47cb999c-tx7pw's paperwork is filed away: the employee has left the store.
	//
	// At 8m the old pods are gone, and the replacements stay where they are:
	//
	// NAME                   READY   STATUS    RESTARTS   AGE   IP           NODE      NOMINATED NODE   READINESS GATES
	// web-6b47cb999c-6b4bz   1/1     Running   0          8m    10.244.1.2   store-1   <none>           <none>
	// web-6b47cb999c-6m8bf   1/1     Running   0          8m    10.244.3.2   store-3   <none>           <none>
	// web-6b47cb999c-7fdgm   1/1     Running   0          8m    10.244.3.3   store-3   <none>           <none>
	// web-6b47cb999c-c6h5m   1/1     Running   0          65s   10.244.1.4   store-1   <none>           <none>
	// web-6b47cb999c-ttq2l   1/1     Running   0          65s   10.244.3.4   store-3   <none>           <none>
	// web-6b47cb999c-vckvk   1/1     Running   0          8m    10.244.1.3   store-1   <none>           <none>
	//
	// Nobody moved the old employees: head office let them go and the staffing
	// plan hired new ones, with new names. Pods are never rescheduled.
	//
	// What to try next: change both `tolerationSeconds: 300` to `30` — head office lets store-2's employees go at 00:02:25 instead of 00:06:55, and replacements are hired at once.
}
