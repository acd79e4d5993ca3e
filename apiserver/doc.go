// Package apiserver is head office's ledger: the one place where the desired
// and the reported state of the whole chain is written down.
//
// # Mental model
//
// Every other component (the staffing desk, the staffing plan, each store
// manager, each service desk) reads and writes objects here and nowhere
// else; they never talk to each other directly. A write gives the object a
// new resourceVersion. A component that wants to know about changes opens a
// watch, and each change reaches it as an event of the simulation loop, after
// an optional propagation delay, so the order in which a store hears about a
// change is explicit and the same in every run.
//
// Objects are Kubernetes' own API types (corev1.Pod, corev1.Node, ...). A
// stale update (one whose resourceVersion is not the current one) is refused
// with a Conflict error, exactly as optimistic concurrency works in
// Kubernetes. Deleting a pod that runs on a store is graceful: the pod gets a
// deletionTimestamp and stays until its store manager has stopped it and
// confirms the deletion.
//
// Objects handed out by Get, List and Watch are copies: changing one changes
// nothing here until it is written back. To save copies at scale, the
// calls named Shared (GetShared, ListShared, ListSharedByController,
// WatchShared, WatchFieldShared, UpdatePodStatusShared), CreatePodNoCopy,
// the versions TakeChangesByController reports, and the pods that Bind,
// CreatePod and UpdatePodStatus return hand over the ledger's own objects:
// every write stores a new object, so a stored one never changes, and
// whoever holds one must not change it either (simtest's
// TestNobodyChangesSharedObjects checks that nobody does). Stored pods also
// share parts with each other: the default tolerations and an empty
// securityContext are kept once.
package apiserver
