// Package sim is the deterministic event loop that drives every part of
// nucleus: the clock on the wall of head office, the ledger of what happened,
// and the dice.
//
// # Mental model
//
// Nothing in a simulation runs by itself. Components (the store manager, the
// training department, the service desk) are state machines: when something
// happens to them they change their state and ask the loop to call them back
// later ("check this employee again in ten seconds"). The loop keeps those
// callbacks in a queue and runs them one at a time.
//
// The ordering rule: events run in (time, sequence) order. An event scheduled
// for an earlier instant runs first; two events scheduled for the same
// instant run in the order they were scheduled. Nothing else decides the
// order, so the same seed and the same input always give the same run.
//
// A callback is a func() ([Loop.After], [Loop.At]) or a [Waker]
// ([Loop.WakeAfter], [Loop.WakeAt]): a component that is woken itself, like
// a probe worker whose timer fires every period. Scheduling a Waker
// allocates nothing.
//
// # Virtual time
//
// Time is virtual and exact: a [Time] is a whole number of nanoseconds since
// [Epoch] (midnight UTC on 1 January 2025, the day every simulated chain
// opens). The clock moves only when the loop takes the next event: a
// simulated hour with nothing to do costs nothing. [Loop.RunUntil] leaves the
// clock at the instant it was given, even when the queue runs dry earlier.
//
// # Randomness
//
// All randomness comes from the run's seed, split into named streams
// ([Loop.Rand]): the store manager's draws do not change when a service desk
// is added, because each component draws from a stream of its own.
//
// # The record
//
// Every notable change is written once to the record ([Loop.Record]) with
// its time, source, object, reason and message, in Kubernetes' own words.
// Observers ([Observer]) subscribe to it: the narrator, a log/slog handler
// ([SlogObserver]) and a JSON Lines writer ([JSONLinesObserver]).
//
// Programmer errors (a negative delay, an instant in the past) panic with the
// method's name. Simulated failures are records, never Go errors.
package sim
