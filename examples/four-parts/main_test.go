package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Head office sends a work order (a Pod) and opens a counter (a Service) for it.
	// Watch the four parts of store-1: the training department (container runtime)
	// pulls and starts, the store manager (kubelet) reports, the customer service desk
	// (kube-proxy) writes its rules, and the employee (pod) serves.
	//
	// 00:00:00 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 2 service ports, 1 endpoints
	// 00:00:00 store-1 The customer service desk updates its routing cards.
	// 00:00:00 head-office default-scheduler Scheduled pod/clerk Successfully assigned default/clerk to store-1
	// 00:00:00 head-office Head office's staffing desk assigns clerk to store-1.
	// 00:00:00 head-office # endpointslice-controller EndpointsChanged service/returns EndpointSlices of returns list 0 endpoints, 0 ready
	// 00:00:00 head-office The desk's roster for counter returns now lists no employees.
	// 00:00:00 store-1 kubelet Pulling pod/clerk Pulling image "nginx:1.27"
	// 00:00:00 store-1 The store manager sends to the warehouse for the training manual for clerk's job desk (nginx:1.27).
	// 00:00:01.64 store-1 kubelet Pulled pod/clerk Successfully pulled image "nginx:1.27" in 1.64s (1.64s including waiting). Image size: 72000000 bytes.
	// 00:00:01.64 store-1 The store manager has the training manual for clerk's job desk (nginx:1.27): fetched from the warehouse in 1.64s.
	// 00:00:01.64 store-1 kubelet Created pod/clerk Created container: desk
	// 00:00:01.64 store-1 The training department prepares job desk for clerk.
	// 00:00:01.64 store-1 kubelet Started pod/clerk Started container desk
	// 00:00:01.64 store-1 clerk starts job desk.
	// 00:00:01.64 store-1 # kubelet PhaseChanged pod/clerk Pod phase Pending -> Running
	// 00:00:01.64 store-1 clerk is on the floor.
	// 00:00:01.64 store-1 # kubelet ReadyChanged pod/clerk Pod Ready condition is now True
	// 00:00:01.64 store-1 clerk is ready to serve customers.
	// 00:00:01.64 head-office # endpointslice-controller EndpointsChanged service/returns EndpointSlices of returns list 1 endpoints, 1 ready
	// 00:00:01.64 head-office The desk's roster for counter returns now lists 1 employee.
	// 00:00:02 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 2 service ports, 2 endpoints
	// 00:00:02 store-1 The customer service desk updates its routing cards.
	//
	// The desk's routing cards for returns (iptables-save -t nat, trimmed):
	//
	//   -A KUBE-SERVICES -m comment --comment "default/returns cluster IP" -m tcp -p tcp -d 10.109.236.231 --dport 80 -j KUBE-SVC-JAI3PYFSR7HASVDE
	//   -A KUBE-SVC-JAI3PYFSR7HASVDE -m comment --comment "default/returns cluster IP" -m tcp -p tcp -d 10.109.236.231 --dport 80 ! -s 10.244.0.0/16 -j KUBE-MARK-MASQ
	//   -A KUBE-SVC-JAI3PYFSR7HASVDE -m comment --comment "default/returns -> 10.244.1.2:80" -j KUBE-SEP-2GO7Z3G6OHV37ZVG
	//   -A KUBE-SEP-2GO7Z3G6OHV37ZVG -m comment --comment default/returns -s 10.244.1.2 -j KUBE-MARK-MASQ
	//   -A KUBE-SEP-2GO7Z3G6OHV37ZVG -m comment --comment default/returns -m tcp -p tcp -j DNAT --to-destination 10.244.1.2:80
	//
	// A customer who asks for returns reaches 10.109.236.231:80, an address no machine answers.
	// KUBE-SERVICES matches it, KUBE-SVC picks an endpoint (there is one), and KUBE-SEP
	// rewrites the destination to the clerk's own address, 10.244.1.2:80 (DNAT).
	//
	// 00:00:15 head-office # customers CustomersServed service/returns 1 customers served in the last 10s: clerk 1
	// 00:00:15 head-office At counter returns, 1 customer was served in the last 10s.
	//
	// Customers: 1 served, 0 refused.
	//
	// `kubectl get pods`, as the store manager reported it to head office:
	//
	// NAME    READY   STATUS    RESTARTS   AGE
	// clerk   1/1     Running   0          15s
	//
	// The four parts, and their lines in the story:
	// - container runtime (training department): Pulled, Created, Started. The kubelet
	//   asks for each through the CRI, and records the event.
	// - kubelet (store manager): PhaseChanged and ReadyChanged, the pod's status as
	//   written to head office. It never routes a customer.
	// - kube-proxy (customer service desk): RulesSynced, and the rules above. It gives
	//   no pod its address; it only sends the Service's traffic to pod addresses.
	// - pod (employee): clerk, with one address of its own, who served the customer.
	//
	// What to try next: change the Service's targetPort from 80 to 8080 and run it again:
	// the desk now sends the customer to port 8080 of the clerk, where nothing listens, so
	// the customer is refused, while clerk stays Running and Ready.
}
