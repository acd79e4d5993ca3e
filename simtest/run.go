package simtest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"runtime/debug"
	"time"

	"github.com/nodenucleus/nucleus/scenario"
	"github.com/nodenucleus/nucleus/sim"
)

// Report is what one random day did: whether every invariant held, the
// first one broken, counts, and a hash of the transcript for determinism.
type Report struct {
	Seed uint64
	// Passed is true when no invariant broke and the day could be built.
	Passed bool
	// Violation is the first invariant broken; nil when Passed.
	Violation *Violation
	// Err is a day that could not be built or loaded; nil otherwise.
	Err error
	// Events counts the loop's events, Records the records they made.
	Events, Records int
	// FailedActions counts the actions that failed (a pod not there yet,
	// ...): simulated failures, not violations.
	FailedActions int
	// Duration is the virtual time the run covered.
	Duration time.Duration
	// Transcript is the sha256 of the JSON Lines record, hex-encoded.
	Transcript string
}

// Run generates the day of seed and runs it with every invariant checked
// after every event. It returns the report, stopping at the first
// violation.
func Run(seed uint64, opts Options) Report {
	if err := opts.Validate(); err != nil {
		return Report{Seed: seed, Err: err}
	}
	opts = opts.withDefaults()
	rep := RunScenario(Generate(seed, opts), opts.Invariants...)
	rep.Seed = seed
	return rep
}

// RunScenario runs a scenario (a generated day, or one loaded from a
// file) as scenario.Run does, through scenario.Start, but one event at a
// time, checking the built-in invariants and extra after each, up to
// spec.duration or the first violation. Its transcript is the one
// scenario.Run makes for the same scenario; expectations are not checked
// (a random day has none). A panic during the day is its Err, a
// *PanicError.
func RunScenario(s *scenario.Scenario, extra ...Invariant) (rep Report) {
	defer func() {
		if v := recover(); v != nil { // a bug in nucleus: the day fails, the soak goes on
			rep = Report{Seed: s.Seed(), Err: &PanicError{Value: v, Stack: debug.Stack()}}
		}
	}()
	rep = Report{Seed: s.Seed()}
	h := sha256.New()
	jl := sim.JSONLinesObserver(h)
	var records []sim.Record
	res, err := s.Start(sim.ObserverFunc(func(rec sim.Record) {
		jl.Observe(rec)
		records = append(records, rec)
	}))
	if err != nil {
		rep.Err = err
		return rep
	}
	c := res.Cluster
	k := newChecker(c)
	end := sim.Time(s.Spec.Duration)
	loop := c.Loop()
	for {
		if next, ok := loop.Next(); !ok || next > end {
			break
		}
		records = records[:0]
		loop.Step()
		rep.Events++
		st := Step{Cluster: c, Now: loop.Now(), Records: records, Traffic: res.Traffic}
		if v := violation(k, st, extra); v != nil {
			rep.Violation = v
			break
		}
	}
	if rep.Violation == nil {
		loop.RunUntil(end)
		if f := k.finalCustomers(res.Traffic, s); f != nil {
			rep.Violation = &Violation{Invariant: f.name, At: loop.Now(), Message: f.msg}
		}
	}
	finish(&rep, res, h)
	return rep
}

// PanicError is a day that panicked: a bug in nucleus (or in an extra
// invariant), never in the day. RunScenario reports it as the day's Err,
// so that a soak goes on with the next seed and names this one.
type PanicError struct {
	Value any
	// Stack is the goroutine's stack where the panic was raised.
	Stack []byte
}

// Error returns "panic: VALUE".
func (e *PanicError) Error() string { return fmt.Sprintf("panic: %v", e.Value) }

// violation checks the built-in invariants, then extra, after one step;
// nil when all hold. It allocates only for a violation: it runs after
// every event of every day.
func violation(k *checker, st Step, extra []Invariant) *Violation {
	if f := k.after(st); f != nil {
		return newViolation(st, f.name, f.msg)
	}
	for _, inv := range extra {
		if msg := inv.Check(st); msg != "" {
			return newViolation(st, inv.Name, msg)
		}
	}
	return nil
}

// newViolation is invariant broken at step st, with the step's last record.
func newViolation(st Step, invariant, msg string) *Violation {
	v := &Violation{At: st.Now, Invariant: invariant, Message: msg}
	if n := len(st.Records); n > 0 {
		v.Record = st.Records[n-1]
	}
	return v
}

// finish fills in the report's counts and transcript hash from the run.
func finish(rep *Report, res *scenario.Result, h hash.Hash) {
	loop := res.Cluster.Loop()
	rep.Passed = rep.Violation == nil && rep.Err == nil
	rep.Records = int(loop.Records())
	rep.FailedActions = len(res.Errors)
	rep.Duration = loop.Now().Duration()
	rep.Transcript = hex.EncodeToString(h.Sum(nil))
}
