// Package scenario reads and runs the situations a teacher writes once as
// YAML: ordinary Kubernetes objects, plus at most one Scenario document that
// says which chain to build, what happens when, and what must be true when.
//
// # Mental model
//
// A scenario is a script for the simulation, and its expectations make it a
// classroom exercise:
//
//	objects (Pods, Services)  ──▶ applied at 00:00:00
//	spec.stores, images, seed ──▶ the chain that is built (cluster.New)
//	spec.actions              ──▶ done on the loop at their instants
//	spec.expect               ──▶ checked at their instants, after
//	                              everything due at or before them
//	spec.duration             ──▶ the run stops there
//
// Load decodes every document strictly, with the manifest package's
// Decoder taught the kind nucleus.dev/v1alpha1 Scenario: a misspelt field,
// an unknown action, a bad duration is an error naming the file, the line
// and the field path (`scenario.yaml:14: spec.actions[2].kil: unknown
// field`). Files without a Scenario run with the defaults (seed 1, five
// minutes, one store "store-1"), so plain manifests work too. A store
// entry with a count opens that many alike stores (store-1 to
// store-5000), so a chain as large as Kubernetes supports fits in a line.
//
// Run returns a Result: one Outcome per checked field, the actions that
// failed (an action that fails, such as deleting a pod that is not there,
// is a Warning record in the narration and an ActionError, never a panic),
// and the chain as it stands at the end. Start does the first half of
// Run (build the chain, apply the objects, schedule the actions) and
// leaves the clock to the caller, who can step it one event at a time
// (simtest does, to check its invariants after every event). An apply
// action on a Deployment that exists updates it, as `kubectl apply` does,
// which starts a rollout. Result.Report writes what `nucleus check`
// prints:
//
//	PASS  00:01:00  pod web phase is Running
//	FAIL  00:01:00  pod web restarts at least 1 (saw 0)
//	      hint: the expectation's hint, under its checks when one failed
//	1 passed, 1 failed
//
// Besides how a pod is doing (phase, ready, restarts, status), an
// expectation can check what it runs: an image one of its containers
// must run, and liveness probes that are in place and answer success.
// Those are what keep a wrong fix (an invented tag, a probe taken away)
// from passing an exercise.
//
// In the storefront: the scenario is the exercise sheet a trainer hands
// out. It says how many stores the chain has and what is on their shelves,
// what will happen during the day (a delivery of new work orders at ten, a
// power cut at noon, a rush of customers), and what an inspector will find
// when walking in at given hours. Same sheet, same seed: the same day, for
// the whole class.
//
// The same seed and the same files give the same Result and the same
// narration on every run.
package scenario
