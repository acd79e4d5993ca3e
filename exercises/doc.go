// Package exercises holds nucleus's classroom exercises, one folder each;
// this package itself has no code, only the tests that keep the YAML
// exercises honest.
//
// # Mental model
//
// An exercise is a small broken world and an inspector:
//
//	NN-name/README.md            the task, what success looks like, hints, the concept guide
//	NN-name/starter.yaml         a scenario whose objects are wrong: the student fixes them
//	NN-name/starter/             (Go exercises) a function with a TODO
//	NN-name/grade/               (Go exercises) Check, the grader, run on either
//	../answer-key/NN-name/       the teacher's fixes (*.yaml) or function, apart
//	                             from the exercises so students do not stumble on them
//
// A YAML exercise is graded by its own expectations: `nucleus check
// starter.yaml` prints one PASS or FAIL line per expectation and exits 1
// until every one passes. A Go exercise is graded by `go test -tags grade
// ./exercises/NN-name/grade/`, which runs Check against the starter; without
// the tag the same Check runs against the solution, so `go test ./...` stays
// green while every student's starter is still unsolved.
//
// In the store: each exercise is a trainer's sheet. Something in the store
// is going wrong; the sheet says what the inspector will check and when, and
// the trainee changes the work orders until the inspector is satisfied.
package exercises
