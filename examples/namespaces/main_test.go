package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
// Reference: plugin/pkg/admission/namespace/lifecycle/admission.go (a
// create in a missing namespace is NotFound, in a Terminating one
// Forbidden); pkg/controller/namespace/deletion/namespaced_resources_deleter.go
// (the namespace goes once everything in it has; pods with their grace
// periods).
func Example() {
	main()
	// Output:
	// Head office opened the bakery division (kubectl get namespaces):
	//
	// NAME              STATUS   AGE
	// bakery            Active   30s
	// default           Active   30s
	// kube-node-lease   Active   30s
	// kube-public       Active   30s
	// kube-system       Active   30s
	//
	// $ kubectl get pods -n bakery
	// NAME                     READY   STATUS    RESTARTS   AGE
	// bread-866d8d5df8-6b4bz   1/1     Running   0          30s
	// bread-866d8d5df8-6m8bf   1/1     Running   0          30s
	//
	// $ kubectl get pods -n default
	// NAME      READY   STATUS    RESTARTS   AGE
	// greeter   1/1     Running   0          30s
	//
	// A pod for the pastry division, which does not exist:
	// Error from server (NotFound): namespaces "pastry" not found
	//
	// 00:00:30 -- kubectl delete namespace bakery
	//
	// The namespace is Terminating; a new pod for it is refused:
	// Error from server (Forbidden): pods "croissant" is forbidden: unable to create new content in namespace bakery because it is being terminated
	//
	// NAME              STATUS        AGE
	// bakery            Terminating   30s
	// default           Active        30s
	// kube-node-lease   Active        30s
	// kube-public       Active        30s
	// kube-system       Active        30s
	//
	// 00:00:30 store-1 kubelet Killing pod/bread-866d8d5df8-6b4bz Stopping container oven
	// 00:00:30 store-1 The store manager asks bread-866d8d5df8-6b4bz to stop job oven and gives them 10s to finish.
	// 00:00:30 store-1 kubelet Killing pod/bread-866d8d5df8-6m8bf Stopping container oven
	// 00:00:30 store-1 The store manager asks bread-866d8d5df8-6m8bf to stop job oven and gives them 10s to finish.
	// 00:00:40 head-office # namespace-controller NamespaceDeleted namespace/bakery namespace bakery is empty and deleted
	// 00:00:40 head-office Head office closes division bakery: its orders, employees and counters are gone, and its name comes off the door.
	//
	// The bakery is gone, with everything in it; the greeter stays:
	//
	// NAME              STATUS   AGE
	// default           Active   60s
	// kube-node-lease   Active   60s
	// kube-public       Active   60s
	// kube-system       Active   60s
	//
	// $ kubectl get pods -n bakery
	// No resources found in bakery namespace.
	//
	// $ kubectl get pods -n default
	// NAME      READY   STATUS    RESTARTS   AGE
	// greeter   1/1     Running   0          60s
	//
	// Deleting a namespace deletes what is in it: the Deployment and its
	// ReplicaSet first, so nobody hires replacements, then the Service, the
	// ConfigMap and the pods, each pod with its grace period (10s here). The
	// namespace itself goes last, once nothing is left in it.
	//
	// What to try next: delete the namespace default instead; it is refused,
	// since the system namespaces may not be deleted.
}
