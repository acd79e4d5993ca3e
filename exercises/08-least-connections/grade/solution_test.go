package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/answer-key/08-least-connections"
	"github.com/nodenucleus/nucleus/exercises/08-least-connections/grade"
)

// TestSolution proves the teacher's solution passes the grader.
//
// Reference: proxy-and-runtime.md, IPVS schedulers (lc: the server with
// the fewest active connections; ties to the first, as pickIPVS does).
func TestSolution(t *testing.T) {
	grade.Check(t, solution.Pick)
}
