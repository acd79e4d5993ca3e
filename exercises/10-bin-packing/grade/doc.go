// Package grade holds exercise 10's grader: Check runs every test of the
// MostAllocated (bin-packing) score against whichever Score it is given
// (the student's starter with `go test -tags grade`, the teacher's
// solution without), then lets it place a few pods and looks at where
// they land.
//
// In the store: head office's staffing desk usually sends a new employee
// to the emptiest store (LeastAllocated, the default). A chain that wants
// to close quiet stores at night does the opposite: it fills the busiest
// store that still has room (MostAllocated), so that whole stores are
// left empty.
package grade
