package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/controller/statefulset/stateful_set_control.go
// (OrderedReady: create the lowest missing ordinal once every lower one is
// Running and Ready; delete condemned ordinals highest first, one at a
// time); stateful_pod_control.go (the "create Pod ... successful" and
// "create Claim ... success" Events); the basic StatefulSet tutorial
// ("Scaling a StatefulSet": claims are not deleted on scale down).
func Example() {
	main()
	// Output:
	// 00:00:00 head-office statefulset-controller SuccessfulCreate statefulset/web create Claim www-web-0 Pod web-0 in StatefulSet web success
	// 00:00:00 head-office Head office's locker room opens locker request www-web-0 for team web.
	// 00:00:00 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-0 in StatefulSet web successful
	// 00:00:00 head-office Head office's locker room hires numbered employee web-0 for team web.
	// 00:00:01.2 store-1 # kubelet ReadyChanged pod/web-0 Pod Ready condition is now True
	// 00:00:01.2 store-1 web-0 is ready to serve customers.
	// 00:00:01.2 head-office statefulset-controller SuccessfulCreate statefulset/web create Claim www-web-1 Pod web-1 in StatefulSet web success
	// 00:00:01.2 head-office Head office's locker room opens locker request www-web-1 for team web.
	// 00:00:01.2 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-1 in StatefulSet web successful
	// 00:00:01.2 head-office Head office's locker room hires numbered employee web-1 for team web.
	// 00:00:01.2 store-1 # kubelet ReadyChanged pod/web-1 Pod Ready condition is now True
	// 00:00:01.2 store-1 web-1 is ready to serve customers.
	// 00:00:10 -- kubectl scale sts web --replicas=4
	// 00:00:10 head-office statefulset-controller SuccessfulCreate statefulset/web create Claim www-web-2 Pod web-2 in StatefulSet web success
	// 00:00:10 head-office Head office's locker room opens locker request www-web-2 for team web.
	// 00:00:10 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-2 in StatefulSet web successful
	// 00:00:10 head-office Head office's locker room hires numbered employee web-2 for team web.
	// 00:00:10 store-1 # kubelet ReadyChanged pod/web-2 Pod Ready condition is now True
	// 00:00:10 store-1 web-2 is ready to serve customers.
	// 00:00:10 head-office statefulset-controller SuccessfulCreate statefulset/web create Claim www-web-3 Pod web-3 in StatefulSet web success
	// 00:00:10 head-office Head office's locker room opens locker request www-web-3 for team web.
	// 00:00:10 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-3 in StatefulSet web successful
	// 00:00:10 head-office Head office's locker room hires numbered employee web-3 for team web.
	// 00:00:10 store-1 # kubelet ReadyChanged pod/web-3 Pod Ready condition is now True
	// 00:00:10 store-1 web-3 is ready to serve customers.
	// 00:00:30 -- kubectl scale sts web --replicas=1
	// 00:00:30 head-office statefulset-controller SuccessfulDelete statefulset/web delete Pod web-3 in StatefulSet web successful
	// 00:00:30 head-office Head office's locker room lets numbered employee web-3 go from team web; the lockers stay.
	// 00:00:30 store-1 # kubelet ReadyChanged pod/web-3 Pod Ready condition is now False
	// 00:00:30 store-1 web-3 is no longer serving customers.
	// 00:00:30 head-office statefulset-controller SuccessfulDelete statefulset/web delete Pod web-2 in StatefulSet web successful
	// 00:00:30 head-office Head office's locker room lets numbered employee web-2 go from team web; the lockers stay.
	// 00:00:30 store-1 # kubelet ReadyChanged pod/web-2 Pod Ready condition is now False
	// 00:00:30 store-1 web-2 is no longer serving customers.
	// 00:00:30 head-office statefulset-controller SuccessfulDelete statefulset/web delete Pod web-1 in StatefulSet web successful
	// 00:00:30 head-office Head office's locker room lets numbered employee web-1 go from team web; the lockers stay.
	// 00:00:30 store-1 # kubelet ReadyChanged pod/web-1 Pod Ready condition is now False
	// 00:00:30 store-1 web-1 is no longer serving customers.
	//
	// NAME   READY   AGE
	// web    1/1     2m
	//
	// NAME    READY   STATUS    RESTARTS   AGE
	// web-0   1/1     Running   0          2m
	//
	// NAME        STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
	// www-web-0   Bound    pvc-7d7e8c74-4fd2-40dd-a33b-f42744443fa1   1Gi        RWO            standard       <unset>                 2m
	// www-web-1   Bound    pvc-1d2c8e29-1c3c-4862-9e99-9f4436d26e9f   1Gi        RWO            standard       <unset>                 118s
	// www-web-2   Bound    pvc-da286547-e4ec-4c85-8b3e-680c43bf10d4   1Gi        RWO            standard       <unset>                 110s
	// www-web-3   Bound    pvc-92e9a7e6-23c4-444f-a9e5-2efdddce09bf   1Gi        RWO            standard       <unset>                 110s
	//
	// 00:02:00 -- kubectl scale sts web --replicas=4: each number gets its own locker back
	// 00:02:00 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-1 in StatefulSet web successful
	// 00:02:00 head-office Head office's locker room hires numbered employee web-1 for team web.
	// 00:02:00 store-1 # kubelet ReadyChanged pod/web-1 Pod Ready condition is now True
	// 00:02:00 store-1 web-1 is ready to serve customers.
	// 00:02:00 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-2 in StatefulSet web successful
	// 00:02:00 head-office Head office's locker room hires numbered employee web-2 for team web.
	// 00:02:00 store-1 # kubelet ReadyChanged pod/web-2 Pod Ready condition is now True
	// 00:02:00 store-1 web-2 is ready to serve customers.
	// 00:02:00 head-office statefulset-controller SuccessfulCreate statefulset/web create Pod web-3 in StatefulSet web successful
	// 00:02:00 head-office Head office's locker room hires numbered employee web-3 for team web.
	// 00:02:00 store-1 # kubelet ReadyChanged pod/web-3 Pod Ready condition is now True
	// 00:02:00 store-1 web-3 is ready to serve customers.
	//
	// NAME   READY   AGE
	// web    4/4     2m30s
	//
	// NAME    READY   STATUS    RESTARTS   AGE
	// web-0   1/1     Running   0          2m30s
	// web-1   1/1     Running   0          30s
	// web-2   1/1     Running   0          30s
	// web-3   1/1     Running   0          30s
	//
	// NAME        STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
	// www-web-0   Bound    pvc-7d7e8c74-4fd2-40dd-a33b-f42744443fa1   1Gi        RWO            standard       <unset>                 2m30s
	// www-web-1   Bound    pvc-1d2c8e29-1c3c-4862-9e99-9f4436d26e9f   1Gi        RWO            standard       <unset>                 2m28s
	// www-web-2   Bound    pvc-da286547-e4ec-4c85-8b3e-680c43bf10d4   1Gi        RWO            standard       <unset>                 2m20s
	// www-web-3   Bound    pvc-92e9a7e6-23c4-444f-a9e5-2efdddce09bf   1Gi        RWO            standard       <unset>                 2m20s
	//
	// What to try next: set `podManagementPolicy: Parallel` and watch every
	// employee hired and let go at once; or set persistentVolumeClaimRetentionPolicy
	// whenScaled: Delete, and the lockers of web-1 to web-3 go with them.
}
