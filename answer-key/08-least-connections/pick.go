// Package solution is the teacher's answer to exercise 08: IPVS's
// least-connection rule (lc). Keep it away from the students.
package solution

import "github.com/nodenucleus/nucleus/exercises/08-least-connections/grade"

// Pick returns the index of the endpoint with the fewest active
// connections, the first in order on a tie, or -1 when there is none.
func Pick(endpoints []grade.Endpoint) int {
	best := -1
	for i, e := range endpoints {
		if best < 0 || e.Active < endpoints[best].Active {
			best = i
		}
	}
	return best
}
