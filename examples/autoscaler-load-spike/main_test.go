package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/controller/podautoscaler/horizontal.go (a sync every 15s;
// SuccessfulRescale "New size: %d; reason: %s"; the scale-up limit of
// double or four more; the 300-second downscale stabilization window);
// replica_calculator.go (desired = ceil(current × use/target), pods in
// their first minutes counted as the CPU initialization period says);
// kubernetes/website content/en/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough.md
// (php-apache, registry.k8s.io/hpa-example, 50% of a 200m request).
func Example() {
	main()
	// Output:
	// 00:00:00 head-office horizontal-pod-autoscaler FailedGetResourceMetric horizontalpodautoscaler/php-apache failed to get cpu utilization: no pods returned by selector while calculating replica count
	// 00:00:00 head-office Head office's district manager cannot tell how busy team php-apache is and leaves the headcount alone: failed to get cpu utilization: no pods returned by selector while calculating replica count.
	// 00:00:00 head-office horizontal-pod-autoscaler FailedComputeMetricsReplicas horizontalpodautoscaler/php-apache invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: no pods returned by selector while calculating replica count
	// 00:00:00 head-office Head office's district manager cannot tell how busy team php-apache is and leaves the headcount alone: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: no pods returned by selector while calculating replica count.
	// 00:00:15 head-office horizontal-pod-autoscaler FailedGetResourceMetric horizontalpodautoscaler/php-apache failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API
	// 00:00:15 head-office Head office's district manager cannot tell how busy team php-apache is and leaves the headcount alone: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API.
	// 00:00:15 head-office horizontal-pod-autoscaler FailedComputeMetricsReplicas horizontalpodautoscaler/php-apache invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API
	// 00:00:15 head-office Head office's district manager cannot tell how busy team php-apache is and leaves the headcount alone: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API.
	// 00:01:00 -- a quiet minute: one employee, idle
	//
	// NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE
	// php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          60s
	//
	// 00:01:00 -- the rush: 100 customers a second for five minutes, 7 ms of CPU each
	// 00:01:15 head-office horizontal-pod-autoscaler SuccessfulRescale horizontalpodautoscaler/php-apache New size: 4; reason: cpu resource utilization (percentage of request) above target
	// 00:01:15 head-office Head office's district manager sets the headcount of team php-apache from 1 to 4: the employees are busier than planned.
	// 00:01:30 head-office horizontal-pod-autoscaler SuccessfulRescale horizontalpodautoscaler/php-apache New size: 5; reason: cpu resource utilization (percentage of request) above target
	// 00:01:30 head-office Head office's district manager sets the headcount of team php-apache from 4 to 5: the employees are busier than planned.
	// 00:01:45 head-office horizontal-pod-autoscaler SuccessfulRescale horizontalpodautoscaler/php-apache New size: 6; reason: cpu resource utilization (percentage of request) above target
	// 00:01:45 head-office Head office's district manager sets the headcount of team php-apache from 5 to 6: the employees are busier than planned.
	// 00:02:15 head-office horizontal-pod-autoscaler SuccessfulRescale horizontalpodautoscaler/php-apache New size: 7; reason: cpu resource utilization (percentage of request) above target
	// 00:02:15 head-office Head office's district manager sets the headcount of team php-apache from 6 to 7: the employees are busier than planned.
	// 00:04:00 -- the rush at its height
	//
	// NAME         REFERENCE               TARGETS        MINPODS   MAXPODS   REPLICAS   AGE
	// php-apache   Deployment/php-apache   cpu: 51%/50%   1         10        7          4m
	//
	// 00:06:00 -- the rush is over
	// 00:11:15 head-office horizontal-pod-autoscaler SuccessfulRescale horizontalpodautoscaler/php-apache New size: 1; reason: All metrics below target
	// 00:11:15 head-office Head office's district manager sets the headcount of team php-apache from 7 to 1: the floor is quiet.
	// 00:13:00 -- after the stabilization window
	//
	// NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE
	// php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          13m
	//
	// The manager hires at once but lets staff go only after the highest
	// recommendation of the last five minutes says so, so a dip in the rush
	// does not cost the team it will need again a minute later.
	//
	// What to try next: add a behavior to the autoscaler (scaleDown:
	// stabilizationWindowSeconds: 60, policies: [{type: Pods, value: 1,
	// periodSeconds: 30}]) and watch the team shrink one employee at a time.
}
