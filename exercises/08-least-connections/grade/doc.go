// Package grade holds exercise 08's contract and its grader: the Endpoint
// a least-connections rule chooses among, and Check, which runs every
// test against whichever Pick it is given (the student's starter with
// `go test -tags grade`, the teacher's solution without).
//
// In the store: the customer service desk (kube-proxy in IPVS mode with
// the lc scheduler) sends each new customer to the employee who is
// serving the fewest customers right now.
package grade
