// Package service holds what head office (the API server) does to a Service
// before anyone else sees it: it fills in defaults, validates the object, and
// hands out a cluster IP and node ports.
//
// Mental model: a Service is a counter that customers ask for by name
// ("returns"). Head office writes the counter into its ledger with sensible
// defaults (type ClusterIP, TCP, targetPort = port, no session affinity),
// refuses a counter with a malformed name or an impossible port, and gives the
// counter a phone number (the cluster IP, from 10.96.0.0/12) and, for NodePort
// and LoadBalancer counters, a door number on every store (a node port from
// 30000-32767).
//
// The three parts are independent and pure:
//
//	Default(svc)              // what the API server's defaulting adds
//	Validate(svc)             // field.ErrorList with Kubernetes' own messages
//	NewAllocator(...)         // cluster IPs and node ports, seeded randomness
//
// Addresses and ports are chosen the way the API server does since Kubernetes
// 1.27: the range is split into a small static band at the bottom (for users
// who pick an address by hand) and a dynamic band above it, and automatic
// choices come from the dynamic band first. The choice inside a band is a
// random offset from the caller's *rand.Rand followed by a scan, so the same
// seed always yields the same addresses.
package service
