package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/exercises/08-least-connections/grade"
	"github.com/nodenucleus/nucleus/exercises/08-least-connections/solution"
)

// TestSolution proves the teacher's solution passes the grader.
//
// Reference: proxy-and-runtime.md, IPVS schedulers (lc: the server with
// the fewest active connections; ties to the first, as pickIPVS does).
func TestSolution(t *testing.T) {
	grade.Check(t, solution.Pick)
}
