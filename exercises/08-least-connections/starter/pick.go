// Package starter is where you write exercise 08: the least-connection
// rule of the customer service desk. See ../README.md, and grade your
// work with:
//
//	go test -tags grade ./exercises/08-least-connections/grade/
package starter

import "github.com/nodenucleus/nucleus/exercises/08-least-connections/grade"

// Pick returns the index of the endpoint that gets the next customer:
// the one with the fewest active connections, the first in order on a
// tie, or -1 when endpoints is empty.
func Pick(endpoints []grade.Endpoint) int {
	// TODO: this sends every customer to the first endpoint. Look at
	// each endpoint's Active count instead.
	return 0
}
