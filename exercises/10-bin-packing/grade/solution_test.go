package grade_test

import (
	"testing"

	"github.com/nodenucleus/nucleus/answer-key/10-bin-packing"
	"github.com/nodenucleus/nucleus/exercises/10-bin-packing/grade"
)

// TestSolution proves the teacher's solution passes the grader.
//
// Reference: kube-scheduler's NodeResourcesFit MostAllocated strategy
// (pkg/scheduler/framework/plugins/noderesources/most_allocated.go
// mostRequestedScore), the mirror of scheduler/score.go leastAllocated.
func TestSolution(t *testing.T) {
	grade.Check(t, solution.Score)
}
