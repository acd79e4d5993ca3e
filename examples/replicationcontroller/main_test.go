package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: pkg/controller/replication/replication_controller.go (the
// ReplicaSet controller run over ReplicationControllers, recording as
// replication-controller); pkg/apis/core/v1/defaults.go
// SetDefaults_ReplicationController; the ReplicationController page
// (https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller/):
// "Running an example ReplicationController", "Scaling", "Deleting a
// ReplicationController and its Pods".
func Example() {
	main()
	// Output:
	// 00:00:00 head-office replication-controller SuccessfulCreate replicationcontroller/nginx Created pod: nginx-fn2sp
	// 00:00:00 head-office Head office's old staffing order nginx hires nginx-fn2sp.
	// 00:00:00 head-office replication-controller SuccessfulCreate replicationcontroller/nginx Created pod: nginx-vdw9c
	// 00:00:00 head-office Head office's old staffing order nginx hires nginx-vdw9c.
	// 00:00:00 head-office replication-controller SuccessfulCreate replicationcontroller/nginx Created pod: nginx-wrnpc
	// 00:00:00 head-office Head office's old staffing order nginx hires nginx-wrnpc.
	// 00:00:01.64 head-office # replication-controller ReplicasChanged replicationcontroller/nginx ReplicationController nginx has 3 of 3 replicas ready
	// 00:00:01.64 head-office Staffing order nginx has 3 of 3 employees ready.
	//
	// 00:00:20 -- kubectl describe replicationcontrollers/nginx
	// Name:         nginx
	// Namespace:    default
	// Selector:     app=nginx
	// Labels:       app=nginx
	// Annotations:  <none>
	// Replicas:     3 current / 3 desired
	// Pods Status:  3 Running / 0 Waiting / 0 Succeeded / 0 Failed
	// Pod Template:
	//   Labels:  app=nginx
	//   Containers:
	//    nginx:
	//     Image:         nginx
	//     Port:          80/TCP
	//     Host Port:     0/TCP
	//     Environment:   <none>
	//     Mounts:        <none>
	//   Volumes:         <none>
	//   Node-Selectors:  <none>
	//   Tolerations:     <none>
	// Events:
	//   Type    Reason            Age   From                    Message
	//   ----    ------            ----  ----                    -------
	//   Normal  SuccessfulCreate  20s   replication-controller  Created pod: nginx-fn2sp
	//   Normal  SuccessfulCreate  20s   replication-controller  Created pod: nginx-vdw9c
	//   Normal  SuccessfulCreate  20s   replication-controller  Created pod: nginx-wrnpc
	//
	// 00:00:20 -- kubectl delete pod nginx-fn2sp: the order hires a replacement
	// 00:00:20 head-office replication-controller SuccessfulCreate replicationcontroller/nginx Created pod: nginx-pfxb4
	// 00:00:20 head-office Head office's old staffing order nginx hires nginx-pfxb4.
	// 00:00:20 head-office # replication-controller ReplicasChanged replicationcontroller/nginx ReplicationController nginx has 2 of 3 replicas ready
	// 00:00:20 head-office Staffing order nginx has 2 of 3 employees ready.
	// 00:00:21.64 head-office # replication-controller ReplicasChanged replicationcontroller/nginx ReplicationController nginx has 3 of 3 replicas ready
	// 00:00:21.64 head-office Staffing order nginx has 3 of 3 employees ready.
	//
	// 00:01:00 -- kubectl scale rc nginx --replicas=1
	// 00:01:00 head-office replication-controller SuccessfulDelete replicationcontroller/nginx Deleted pod: nginx-pfxb4
	// 00:01:00 head-office Head office's old staffing order nginx lets nginx-pfxb4 go.
	// 00:01:00 head-office replication-controller SuccessfulDelete replicationcontroller/nginx Deleted pod: nginx-vdw9c
	// 00:01:00 head-office Head office's old staffing order nginx lets nginx-vdw9c go.
	// 00:01:00 head-office # replication-controller ReplicasChanged replicationcontroller/nginx ReplicationController nginx has 1 of 1 replicas ready
	// 00:01:00 head-office Staffing order nginx has 1 of 1 employees ready.
	//
	// NAME    DESIRED   CURRENT   READY   AGE
	// nginx   1         1         1       90s
	//
	// NAME          READY   STATUS    RESTARTS   AGE
	// nginx-wrnpc   1/1     Running   0          90s
	//
	// 00:01:30 -- kubectl delete rc nginx: its employees go with it
	//
	// No resources found in default namespace.
	//
	// What to try next: `kubectl rolling-update` is gone (removed in kubectl 1.18);
	// to change the template of running employees, use a Deployment (see
	// examples/rollout), or run a second ReplicationController and scale one up
	// while the other goes down, as the page's "Rolling updates" describes.
}
