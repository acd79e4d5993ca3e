// Package simtest runs random days in the chain and checks, after every
// event, the invariants that must hold in any Kubernetes cluster.
//
// # Mental model
//
// A seed is a day. [Generate] draws, from the seed alone, a chain of 1 to
// 20 stores (nodes) of varied floor space, labels and taints; work orders
// from a vocabulary of behaviours (steady servers, slow starters,
// crashers, memory growers, servers whose readiness flaps or whose
// liveness fails, jobs that finish, init containers that wait for a
// Service, sidecars); and the day's surprises: crashes, OOM kills, an
// image typo, a store losing power or its line to head office and coming
// back, pods deleted, Deployments scaled and rolled, customers at the
// counters. The day is an ordinary [scenario.Scenario], so [Marshal]
// writes it as YAML that `nucleus run` and `nucleus check` read.
//
// [Run] plays the day one event at a time and, after each, checks the
// invariants. It starts the day with [scenario.Scenario.Start], so the
// chain, the objects and the actions are exactly those of `nucleus run`,
// and moves the loop itself; the transcript is the one scenario.Run makes.
// An [Invariant] has a name and says what it saw:
//
//	event-time-monotonic   the record's clock never runs backwards
//	time-advances          virtual time moves on (no zero-delay loop)
//	pod-phase-monotonic    Succeeded and Failed are final; Never never returns to Pending
//	restart-count-monotonic
//	init-before-app        no app container runs before the init containers succeeded
//	restart-back-off       10s, 20s, 40s ... 300s between restarts (the first is at once)
//	no-container-on-powered-off-store
//	endpoint-readiness     ready endpoints are Ready pods that are not terminating
//	store-capacity         a store's pods request no more than its allocatable
//	pod-bound-once         a pod is bound once and never moves
//	pod-anti-affinity      no store holds two pods that a required
//	                       hostname anti-affinity term keeps apart
//	deployment-max-surge, deployment-max-unavailable
//	customers-counted-once
//	statefulset-ordinal-once a StatefulSet never runs two pods with one ordinal
//	drain-respects-budget  an eviction a disruption budget grants leaves it its desired healthy pods
//	daemonset-one-per-store a DaemonSet has one live pod per store (an old and a new one while surging)
//	daemonset-eligible-store a DaemonSet hires only for stores its pod may work at
//	namespace-emptied      nothing is left in a namespace once it is gone
//	hpa-within-bounds      an autoscaler scales only within [minReplicas, maxReplicas]
//	replicationcontroller-replicas a settled ReplicationController owns spec.replicas active pods
//
// The checks are incremental: an event costs a look at what its records
// name, and every pod is looked at once every five virtual seconds.
//
// [Soak] runs many seeds and prints progress; a failing seed's day is cut
// down by [Shrink] (stores, objects, actions, then the duration) while the
// same invariant still breaks, to a case a person can read.
//
// In the storefront: simtest is head office's inspector, who lives through
// thousands of random days in the chain (power cuts, walk-outs, rushes of
// customers) with a notebook of rules that no day may break, and who,
// when one does, writes the shortest exercise sheet that shows it again.
package simtest
