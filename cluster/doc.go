// Package cluster is head office and the entry point of a simulation: it
// builds the loop, the ledger (API server), the staffing desk (scheduler)
// and the stores, and lets a caller apply objects, advance the clock and
// read the state.
//
// # Mental model
//
//	        head office
//	┌───────────────────────────┐
//	│ ledger (API server)       │◀── Apply, Update, Bind, Delete, Evict
//	│ staffing desk (scheduler) │
//	└────────────┬──────────────┘
//	             │ watches, delivered as loop events
//	    ┌────────┴────────┐
//	 store-1    ...    store-N      each: store manager (kubelet)
//	                                      + training department (runtime)
//
// Nothing happens until the clock moves: RunFor and RunUntil advance the
// simulation's virtual time, and every component does its work then. Cordon
// and Drain are `kubectl cordon` and `kubectl drain`: a drain goes on in
// virtual time after the call, asking again every 5 seconds for each
// eviction a disruption budget refuses.
package cluster
