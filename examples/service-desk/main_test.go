package main

// The story is checked by go test: if the narration changes, this example
// fails and shows the difference.
func Example() {
	main()
	// Output:
	// Head office opens the counter shop with three employees behind it, in two
	// chains built from the same seed: one whose desks work in iptables mode, one in IPVS mode.
	//
	// The iptables desk's rule book for shop (iptables-save -t nat, the KUBE-SVC chain):
	//
	// -A KUBE-SVC-PFINMTQ5Y2TT4XZK -m comment --comment "default/shop -> 10.244.1.2:8080" -m statistic --mode random --probability 0.3333333333 -j KUBE-SEP-YB2O3KLXGO6JPS57
	// -A KUBE-SVC-PFINMTQ5Y2TT4XZK -m comment --comment "default/shop -> 10.244.1.3:8080" -m statistic --mode random --probability 0.5000000000 -j KUBE-SEP-3WAOER3DW6LNFEFV
	// -A KUBE-SVC-PFINMTQ5Y2TT4XZK -m comment --comment "default/shop -> 10.244.1.4:8080" -j KUBE-SEP-YMTAF3BZORA45S74
	//
	// Rule 1 takes a customer with probability 1/3; of the rest, rule 2 takes 1/2;
	// rule 3 takes whoever is left: each employee gets each customer with chance 1/3.
	//
	// iptables mode, 30s of customers: random, roughly even:
	//
	//   shop-1   207
	//   shop-2   209
	//   shop-3   234
	//   total    650 customers, 650 served
	//
	// The IPVS desk's rule book (ipvsadm -Ln): one virtual server, three real servers, rr.
	// (IPVS mode is deprecated since Kubernetes 1.35; nftables mode is the way forward.)
	//
	// IP Virtual Server version 1.2.1 (size=4096)
	// Prot LocalAddress:Port Scheduler Flags
	//   -> RemoteAddress:Port           Forward Weight ActiveConn InActConn
	// TCP  10.109.236.231:80 rr
	//   -> 10.244.1.2:8080              Masq    1      0          0
	//   -> 10.244.1.3:8080              Masq    1      0          0
	//   -> 10.244.1.4:8080              Masq    1      0          0
	// TCP  10.96.0.1:443 rr
	//   -> 192.168.0.10:6443            Masq    1      0          0
	//
	// IPVS round robin, the same 30s: the employees take turns, so no two counts differ by more than one:
	//
	//   shop-1   217
	//   shop-2   217
	//   shop-3   216
	//   total    650 customers, 650 served
	//
	// Back in the iptables chain, customers keep coming for another minute, and at about
	// 1m shop-3 starts failing its readiness check. Watch the roster, then the desk's rules.
	//
	// 00:00:50 head-office # customers CustomersServed service/shop 207 customers served in the last 10s: shop-1 71, shop-2 82, shop-3 54
	// 00:00:50 head-office At counter shop, 207 customers were served in the last 10s.
	// 00:01:00 head-office # customers CustomersServed service/shop 196 customers served in the last 10s: shop-1 62, shop-2 69, shop-3 65
	// 00:01:00 head-office At counter shop, 196 customers were served in the last 10s.
	// 00:01:00.3 store-1 kubelet Unhealthy pod/shop-3 Readiness probe failed: HTTP probe failed with statuscode: 503
	// 00:01:00.3 store-1 shop-3's job web did not pass a check.
	// 00:01:04.3 store-1 # kubelet ReadyChanged pod/shop-3 Pod Ready condition is now False
	// 00:01:04.3 store-1 shop-3 is no longer serving customers.
	// 00:01:04.3 head-office # endpointslice-controller EndpointsChanged service/shop EndpointSlices of shop list 3 endpoints, 2 ready
	// 00:01:04.3 head-office The desk's roster for counter shop now lists 2 employees.
	// 00:01:04.8 store-1 # kube-proxy RulesSynced node/store-1 Programmed iptables rules for 2 service ports, 3 endpoints
	// 00:01:04.8 store-1 The customer service desk updates its routing cards.
	// 00:01:10 head-office # customers CustomersServed service/shop 186 customers served in the last 10s: shop-1 72, shop-2 92, shop-3 22
	// 00:01:10 head-office At counter shop, 186 customers were served in the last 10s.
	// 00:01:20 head-office # customers CustomersServed service/shop 223 customers served in the last 10s: shop-1 120, shop-2 103
	// 00:01:20 head-office At counter shop, 223 customers were served in the last 10s.
	// 00:01:30 head-office # customers CustomersServed service/shop 171 customers served in the last 10s: shop-1 74, shop-2 97
	// 00:01:30 head-office At counter shop, 171 customers were served in the last 10s.
	// 00:01:40 head-office # customers CustomersServed service/shop 198 customers served in the last 10s: shop-1 102, shop-2 96
	// 00:01:40 head-office At counter shop, 198 customers were served in the last 10s.
	//
	// The last minute, by employee:
	//
	//   shop-1   501
	//   shop-2   539
	//   shop-3   141
	//   total   1181 customers, 1181 served
	//
	// Stale: 1. In the half second between the roster change and the desk's sync, the old
	// rules still sent customers to shop-3, which happened to be still answering. A pod that had
	// already stopped would have turned them away: the desk only learns from the roster, and
	// rewrites its rules at most once a second (minSyncPeriod), so a careless rollout drops customers.
	//
	// `kubectl get pods`: shop-3 is Running but not Ready, and was never restarted:
	//
	// NAME     READY   STATUS    RESTARTS   AGE
	// shop-1   1/1     Running   0          101s
	// shop-2   1/1     Running   0          101s
	// shop-3   0/1     Running   0          101s
	//
	// What to try next: change the three `periodSeconds: 2` to `periodSeconds: 10` — shop-3's third failure in a row comes at 1m20s instead of 1m04s, so it serves more of the last minute (256, not 141).
}
