package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: proxy-and-runtime.md A2.2 and A5 (only ready endpoints get traffic);
// kubelet.md §4.3 (a container without a readiness probe is ready once started);
// pkg/apis/apps/v1/defaults.go (maxSurge and maxUnavailable 25%).
func Example() {
	main()
	// Output:
	// Three employees behind the counter shop; their program needs 10s after it
	// starts before it answers. After a quiet minute, 20 customers a second for
	// a minute, and at the same moment: kubectl set image deployment/shop web=example.com/shop/web:2.0
	//
	// First, without a readiness probe:
	//
	// 00:01:00 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled up replica set shop-786f469d8b from 0 to 1
	// 00:01:00 head-office Head office's staffing plan for shop now wants 1 employee from team shop-786f469d8b (was 0).
	// 00:01:00.3 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled down replica set shop-d6f88c8d9 from 3 to 2
	// 00:01:00.3 head-office Head office's staffing plan for shop now wants 2 employees from team shop-d6f88c8d9 (was 3).
	// 00:01:00.3 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled up replica set shop-786f469d8b from 1 to 2
	// 00:01:00.3 head-office Head office's staffing plan for shop now wants 2 employees from team shop-786f469d8b (was 1).
	// 00:01:00.3 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled down replica set shop-d6f88c8d9 from 2 to 1
	// 00:01:00.3 head-office Head office's staffing plan for shop now wants 1 employee from team shop-d6f88c8d9 (was 2).
	// 00:01:00.3 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled up replica set shop-786f469d8b from 2 to 3
	// 00:01:00.3 head-office Head office's staffing plan for shop now wants 3 employees from team shop-786f469d8b (was 2).
	// 00:01:00.3 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled down replica set shop-d6f88c8d9 from 1 to 0
	// 00:01:00.3 head-office Head office's staffing plan for shop now wants no employees from team shop-d6f88c8d9 (was 1).
	//
	// NAME              DESIRED   CURRENT   READY   AGE
	// shop-786f469d8b   3         3         3       65s
	// shop-d6f88c8d9    0         0         0       2m5s
	//
	// Then, with a readiness probe on /ready every 2s:
	//
	// 00:01:00 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled up replica set shop-59768dd5d9 from 0 to 1
	// 00:01:00 head-office Head office's staffing plan for shop now wants 1 employee from team shop-59768dd5d9 (was 0).
	// 00:01:11 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled down replica set shop-6fc7cf76fd from 3 to 2
	// 00:01:11 head-office Head office's staffing plan for shop now wants 2 employees from team shop-6fc7cf76fd (was 3).
	// 00:01:11 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled up replica set shop-59768dd5d9 from 1 to 2
	// 00:01:11 head-office Head office's staffing plan for shop now wants 2 employees from team shop-59768dd5d9 (was 1).
	// 00:01:22 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled down replica set shop-6fc7cf76fd from 2 to 1
	// 00:01:22 head-office Head office's staffing plan for shop now wants 1 employee from team shop-6fc7cf76fd (was 2).
	// 00:01:22 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled up replica set shop-59768dd5d9 from 2 to 3
	// 00:01:22 head-office Head office's staffing plan for shop now wants 3 employees from team shop-59768dd5d9 (was 2).
	// 00:01:33 head-office deployment-controller ScalingReplicaSet deployment/shop Scaled down replica set shop-6fc7cf76fd from 1 to 0
	// 00:01:33 head-office Head office's staffing plan for shop now wants no employees from team shop-6fc7cf76fd (was 1).
	//
	// NAME              DESIRED   CURRENT   READY   AGE
	// shop-59768dd5d9   3         3         3       65s
	// shop-6fc7cf76fd   0         0         0       2m5s
	//
	// The customers of both rollouts:
	//
	//                             arrived  served  refused
	//   without readiness probe      1241    1028      213
	//   with readiness probe         1241    1241        0
	//
	// Without the probe, Kubernetes believes a job is ready the moment it starts:
	// the desk sends customers to a new employee who cannot answer yet, and the
	// staffing plan lets the old employees go before the new ones can serve.
	//
	// What to try next: add `minReadySeconds: 10` under the Deployment's spec — the staffing plan waits 10s before letting each old employee go, but without a probe the desk still sends customers too early: the first rollout still refuses some.
}
