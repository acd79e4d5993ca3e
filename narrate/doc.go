// Package narrate tells a simulation's record in two voices: the
// technical voice a Kubernetes operator reads, and the storefront voice a
// newcomer can follow.
//
// # Mental model
//
// Every notable moment of a run is one [sim.Record]: a Kubernetes Event
// (Scheduled, Pulled, Started, BackOff, ...) or a status change that
// Kubernetes keeps in an object rather than in an event (a pod's phase, its
// Ready condition, an endpoint). A [Narrator] is a [sim.Observer]: it is
// subscribed to the loop and writes one line per record, in the voice it was
// given:
//
//	technical:  00:00:02 store-1 kubelet Started pod/web Started container app
//	storefront: 00:00:02 store-1 web starts job app.
//
// The technical line of a Kubernetes Event is exactly [sim.Record.String],
// in the words of the real component. A record that is no Kubernetes Event
// (a [sim.Change]: a phase, the Ready condition, an endpoint, customers, a
// fault) is nucleus's own note and carries [NoteMark] after the store, so a
// learner tells it apart at a glance:
//
//	00:00:07 store-1 # kubelet ContainerExited pod/web Container app exited with code 1 (Error)
//
// The storefront line is
// the time, the store (or "head-office"), and the [Story] of the record: one
// or two plain sentences built from the record's Facts, never from its
// Message, so the story does not depend on how a message is worded.
//
// # The storefront analogy
//
// A worker node is a store in a retail chain. Head office (the control plane)
// keeps the ledger of what every store should be doing; its staffing desk
// (the scheduler) assigns employees (pods) to stores. In each store the store
// manager (the kubelet) makes the store match its work orders: it sends to
// the warehouse (the registry) for training manuals (images), has the training
// department (the container runtime) prepare each job (container), and checks
// on its employees: "are you still with us?" (liveness), "ready to serve
// customers?" (readiness), and a grace period for new hires (startup). The
// customer service desk (kube-proxy) sends customers (requests) to the
// counters (Services) using its roster (EndpointSlices) of who is on the floor.
//
// The words never change: [Glossary] lists each Kubernetes term with its
// storefront word and what the real thing does, and docs/glossary.md shows the
// same table to learners. A scenario's actions, and the changes a client of
// `nucleus serve` makes, are work orders head office receives: "Head office
// receives a new work order for employee crash.", "a change to", "a
// dismissal for". A reason the storefront voice does not know yet is told
// plainly: "The store logbook notes: <Reason> for <object>."
//
// # Large runs, in summary
//
// A run of 150,000 pods makes millions of records; nobody reads them line
// by line. A [Summary] observes the same records but tells only the
// chain's totals, in the same voices, when every pod has a store, at each
// tenth of the pods Running, and when the run ends:
//
//	technical:  00:00:00.206 head-office # nucleus Totals 15000 of 150000 pods Running (10%), 150000 scheduled, on 5000 nodes
//	storefront: 00:00:00.206 head-office 15,000 of 150,000 employees are at work (10%); 150,000 have a store, across 5,000 stores.
package narrate
