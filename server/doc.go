// Package server is head office's front door: the Kubernetes REST API over
// a running chain, so that the real kubectl and client-go drive the
// simulation as they drive any cluster.
//
// # Mental model
//
// Below this package everything runs in virtual time, one event at a
// time, and knows nothing of clocks or networks. The server is the one
// place where the wall clock enters. A Server holds one lock around the
// chain. Run, on one goroutine, moves the loop along with the wall clock
// (virtual time runs at the configured pace; pause, pace and jump change
// it). Each request takes the lock, brings the chain up to the current
// virtual instant, and reads or changes it there:
//
//	kubectl ──HTTP──▶ Server ──lock──▶ catch up to "now" ──▶ read the ledger
//	                                                     └─▶ scenario action (apply, update, delete, scale)
//
// Reads come straight from head office's ledger (package apiserver):
// get, list with label and field selectors and limit/continue, watch, and
// server-side printing, whose columns are the ones package kubectl prints.
// Watches are fed from a window of recent changes per kind, as the API
// server's watch cache is: a watch from a version older than the window
// gets 410 Gone, and a watch that falls behind its bounded buffer is
// closed so its client starts again. The window remembers each object
// as its last change left it, so a watch with a selector sees an object
// enter the selection (ADDED) and leave it (DELETED).
//
// Writes are never made to the ledger directly: every change a client
// makes becomes a scenario action (scenario.Scenario.Act) at the instant
// it arrives: a create is the object applied, an update or a patch the
// resulting object as an update action (which follows the API server's
// update rules: a pod's images may change, its ports may not), a delete
// or an eviction a delete, a scale a scale, a binding a bind. So the
// objects go
// through the same decoding, defaulting and validation as manifests, the
// narration tells them as it tells a scenario's own actions, and the
// session, written out as a Scenario, replays byte for byte with `nucleus
// run`. Each change is made at an instant when no event of the chain runs
// (a nanosecond later if one does), so that the replay, which does a
// scenario's actions first at their instant, runs everything in the same
// order.
//
// Virtual time stops at scenario.MaxDuration (24h), the longest a
// scenario runs, and changes are then refused (ServiceUnavailable), so
// that the recording of every session replays.
//
// # Time a learner's clock agrees with
//
// kubectl computes AGE and event ages on its own clock. The server hands
// out every timestamp shifted so that the virtual now falls on the
// wall-clock now: served time = wall now − (virtual now − t). Every age
// kubectl shows is the virtual age, at any pace; timestamps a client sends
// back are shifted the other way.
//
// # The storefront
//
// In the store's words: head office opens a counter to the public. A
// visitor (kubectl) may read the ledger, watch it, and hand in changes;
// each change is written in the day's diary at the minute it came in, so
// the day can be played again exactly.
//
// # Adding a kind
//
// A kind is one entry of the resource table (Server.table): its names,
// its verbs (writable), a ledger store (storeResource gives list, watch
// and a new object) and its kubectl table. Reads, watches, discovery,
// OpenAPI, patches and the recording then work for it. A writable kind
// also needs the chain to take it: create through cluster.Apply (and
// validate, for the create's Invalid causes), update through
// cluster.Update's rules (prepareUpdate), delete through the scenario's
// delete action.
//
// # Field owners
//
// A server-side apply (PATCH with application/apply-patch+yaml) is merged
// into the stored object by apimachinery's managedfields.FieldManager,
// over a TypeConverter made from the OpenAPI definitions the server
// serves, and the result goes to the chain as an update (or a create)
// like any other write. The fieldValidation parameter holds for it as
// for a create: after the merge the body is read strictly for keys given
// twice (Strict refuses, Warn warns per line, Ignore does not look).
// Every client write records its manager in
// managedFields (an Apply, or an Update by the fieldManager parameter or
// the User-Agent; a write to the scale subresource owns spec.replicas
// with subresource scale, and a pod's resize owns the resources it set
// with subresource resize, an apply to the resize subresource as well),
// stamped with the virtual instant. The entries are kept
// beside the ledger, per object uid, and attached to every object served:
// the chain's own controllers and kubelets record none, so a run of
// thousands of pods pays nothing for them, and the recording keeps the
// objects, not their owners.
//
// # Simplifications
//
// Plain HTTP, no authentication, no authorization (every self-review,
// kubectl auth can-i, is allowed): serve on loopback only. Not served:
// exec, attach, port-forward, proxy (refused saying why), Orphan and Foreground deletion of Deployments and ReplicaSets
// (refused with BadRequest), updates of Events and Leases, writes of
// the status subresource, and watches of
// Namespaces (lists only). Namespaces are the four every cluster has and
// those objects are in. Events are watched as the logbook stores them,
// numbered on a counter of their own. A list's continue token resumes after the last key, on the
// ledger as it is then, not on a snapshot.
package server
