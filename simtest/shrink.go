package simtest

import (
	"time"

	"github.com/nodenucleus/nucleus/scenario"
)

// Shrink returns a smaller scenario for which fails still reports true:
// it removes stores, objects and actions one at a time, and shortens the
// duration, keeping each cut that keeps the failure, until no cut does.
// fails must be deterministic (a scenario run from its seed is). A cut
// that no longer loads (an action naming a removed store) is skipped. s
// itself is returned when nothing can go, or when fails(s) is false.
func Shrink(s *scenario.Scenario, fails func(*scenario.Scenario) bool) *scenario.Scenario {
	if !fails(s) {
		return s
	}
	for changed := true; changed; {
		changed = false
		for _, cut := range []func(*scenario.Scenario, int) (*scenario.Scenario, bool){
			cutAction, cutObject, cutStore, cutImage,
		} {
			for i := 0; ; {
				next, ok := cut(s, i)
				if !ok {
					break
				}
				if next != nil && fails(next) {
					s, changed = next, true
					continue // the same index now names the next item
				}
				i++
			}
		}
		if next := shorten(s, fails); next != nil {
			s, changed = next, true
		}
	}
	return s
}

// objectsOf returns the scenario's objects as values to write out.
func objectsOf(s *scenario.Scenario) []any {
	out := make([]any, len(s.Objects))
	for i, d := range s.Objects {
		out[i] = d.Object
	}
	return out
}

// rebuild returns s with spec and objects, loaded again; nil when the
// result does not load.
func rebuild(s *scenario.Scenario, spec scenario.Spec, objects []any) *scenario.Scenario {
	cp := *s
	cp.Spec = spec
	out, err := Reload(&cp, objects)
	if err != nil {
		return nil
	}
	return out
}

// without returns list with item i left out.
func without[T any](list []T, i int) []T {
	out := make([]T, 0, len(list)-1)
	out = append(out, list[:i]...)
	return append(out, list[i+1:]...)
}

func cutAction(s *scenario.Scenario, i int) (*scenario.Scenario, bool) {
	if i >= len(s.Spec.Actions) {
		return nil, false
	}
	spec := s.Spec
	spec.Actions = without(spec.Actions, i)
	return rebuild(s, spec, objectsOf(s)), true
}

func cutObject(s *scenario.Scenario, i int) (*scenario.Scenario, bool) {
	if i >= len(s.Objects) {
		return nil, false
	}
	return rebuild(s, s.Spec, without(objectsOf(s), i)), true
}

func cutStore(s *scenario.Scenario, i int) (*scenario.Scenario, bool) {
	if i >= len(s.Spec.Stores) || len(s.Spec.Stores) == 1 {
		return nil, false
	}
	spec := s.Spec
	spec.Stores = without(spec.Stores, i)
	return rebuild(s, spec, objectsOf(s)), true
}

func cutImage(s *scenario.Scenario, i int) (*scenario.Scenario, bool) {
	if i >= len(s.Spec.Images) {
		return nil, false
	}
	spec := s.Spec
	spec.Images = without(spec.Images, i)
	return rebuild(s, spec, objectsOf(s)), true
}

// shorten returns s ending a minute after its last action (or halved
// when that does not shorten it), if it still fails; nil otherwise.
func shorten(s *scenario.Scenario, fails func(*scenario.Scenario) bool) *scenario.Scenario {
	end := time.Minute
	for _, a := range s.Spec.Actions {
		end = max(end, a.At.D()+time.Minute)
	}
	if end >= s.Spec.Duration.D() {
		end = s.Spec.Duration.D() / 2
	}
	if end < time.Second || end >= s.Spec.Duration.D() {
		return nil
	}
	spec := s.Spec
	spec.Duration = scenario.Duration(end.Truncate(time.Second))
	var kept []scenario.Action
	for _, a := range spec.Actions {
		if a.At < spec.Duration {
			kept = append(kept, a)
		}
	}
	spec.Actions = kept
	if next := rebuild(s, spec, objectsOf(s)); next != nil && fails(next) {
		return next
	}
	return nil
}

// SameViolation returns a predicate for Shrink: the scenario still breaks
// the invariant named name, with the extra invariants checked too.
func SameViolation(name string, extra ...Invariant) func(*scenario.Scenario) bool {
	return func(s *scenario.Scenario) bool {
		rep := RunScenario(s, extra...)
		return rep.Violation != nil && rep.Violation.Invariant == name
	}
}
