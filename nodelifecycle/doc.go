// Package nodelifecycle holds the rules head office applies to stores that
// stop calling in: the node lifecycle controller of kube-controller-manager,
// the DefaultTolerationSeconds admission plugin and taint-based eviction, as
// pure functions that a controller driven by the simulation loop calls.
//
// # Mental model
//
// Every store manager (kubelet) calls head office regularly: it renews its
// Lease every 10 s and posts node status. Head office checks its ledger every
// NodeMonitorPeriod (5 s):
//
//	heartbeat older than NodeMonitorGracePeriod (50 s)
//	    -> Observe: every kubelet-owned condition becomes Unknown
//	       (NodeStatusUnknown, "Kubelet stopped posting node status.")
//	Ready is Unknown (or False)
//	    -> Taints: node.kubernetes.io/unreachable (or not-ready),
//	       NoSchedule (no new hires) and NoExecute (send staff home)
//	a pod on the node meets a NoExecute taint
//	    -> EvictionDelay: evict now if not tolerated, after the smallest
//	       tolerationSeconds if tolerated for a while, never if tolerated forever
//
// Every pod is admitted with DefaultTolerations: it tolerates not-ready and
// unreachable for 300 s, so a store that stops calling in loses its staff
// about 50 s + 300 s after its last call.
//
// In the store: head office notices a store has gone quiet, marks it
// "unreachable", stops sending new hires there, and after five minutes of
// silence reassigns the employees (the staffing plan hires replacements
// elsewhere).
package nodelifecycle
