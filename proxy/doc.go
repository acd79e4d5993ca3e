// Package proxy is kube-proxy: the customer service desk of each store.
//
// Mental model: customers (connections) ask for a counter by its phone
// number (a Service's cluster IP and port) or at the store's side door (a
// NodePort). The desk does not serve anyone itself; it keeps a rule book that
// says, for each counter, which employees (endpoints) may take the customer,
// and it sends each new customer to one of them. The rule book is rewritten
// on each sync from the Services and EndpointSlices that head office
// publishes; the desk's memory of who talked to whom (session affinity,
// round-robin position, open connections) outlives a rewrite.
//
// The package is split the way kube-proxy is:
//
//	Build(cfg, services, slices) *Rules   // what one sync programs (pure)
//	(*Rules).WriteIPTables / WriteNFTables / WriteIPVS   // the rule book, printed
//	(*Dataplane).Program(rules, now)      // install a sync's rules
//	(*Dataplane).Route(req, rng, now)     // send one new connection
//
// Which endpoints a connection may reach follows kube-proxy's
// CategorizeEndpoints: ready endpoints, or, when none is ready, endpoints that
// are serving and terminating. internalTrafficPolicy Local restricts
// cluster-IP traffic to this store's endpoints and drops it when there is
// none; externalTrafficPolicy Local does the same for traffic arriving from
// outside at a NodePort, while traffic from the store itself (a pod or the
// host) is short-circuited to all endpoints. A Service with no usable
// endpoint at all is rejected: the customer hears "connection refused"
// instead of waiting for a time-out.
//
// How one endpoint is chosen depends on the mode, and each mode draws from
// the caller's *rand.Rand exactly as the kernel would draw:
//
//	iptables  a chain of rules, rule i of n taken with probability 1/(n-i)
//	nftables  one "numgen random mod n" verdict map
//	ipvs      the scheduler: rr (round robin), lc (least connections),
//	          sh (source hashing)
//
// Simplifications: IPv4 only; no topology hints; no loadBalancerSourceRanges
// firewall; only the first packet of a connection is modelled (conntrack
// keeps later packets on the same endpoint).
package proxy
