package main

// The README's "Using it from Go" program, run by go test: if what it
// prints changes, this example fails and shows the difference, and
// TestReadmeGoProgramIsTheExample (in ci_test.go) keeps the README's
// copy the same.
func Example() {
	main()
	// Output:
	// 00:00:00 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 1 service ports, 1 endpoints
	// 00:00:00 store-1 The customer service desk updates its routing cards.
	// 00:00:00 head-office default-scheduler Scheduled pod/web Successfully assigned default/web to store-1
	// 00:00:00 head-office Head office's staffing desk assigns web to store-1.
	// 00:00:00 store-1 kubelet Pulling pod/web Pulling image "nginx:1.27"
	// 00:00:00 store-1 The store manager sends to the warehouse for the training manual for web's job app (nginx:1.27).
	// 00:00:01.64 store-1 kubelet Pulled pod/web Successfully pulled image "nginx:1.27" in 1.64s (1.64s including waiting). Image size: 72000000 bytes.
	// 00:00:01.64 store-1 The store manager has the training manual for web's job app (nginx:1.27): fetched from the warehouse in 1.64s.
	// 00:00:01.64 store-1 kubelet Created pod/web Created container: app
	// 00:00:01.64 store-1 The training department prepares job app for web.
	// 00:00:01.64 store-1 kubelet Started pod/web Started container app
	// 00:00:01.64 store-1 web starts job app.
	// 00:00:01.64 store-1 # kubelet PhaseChanged pod/web Pod phase Pending -> Running
	// 00:00:01.64 store-1 web is on the floor.
	// 00:00:01.64 store-1 # kubelet ReadyChanged pod/web Pod Ready condition is now True
	// 00:00:01.64 store-1 web is ready to serve customers.
	// Running
}
