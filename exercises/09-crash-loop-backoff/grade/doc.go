// Package grade holds exercise 09's grader: Check runs every test of the
// CrashLoopBackOff contract against whichever Delay it is given (the
// student's starter with `go test -tags grade`, the teacher's solution
// without).
//
// In the store: an employee keeps walking out, and the store manager (the
// kubelet) waits longer each time before calling them back: at once the
// first time, then 10s, 20s, 40s, ... never more than five minutes.
package grade
